// The recommenders compared by the quality replay: the engine and three baselines.
import { createEngine, type Engine, type EngineOptions, type Item } from 'tastebud/engine';
import type { Invoice, Method, ReplayContext } from './replayRetail';

/** Every line of an invoice as a `purchase` event at the invoice's time. */
export function purchaseEvents(invoice: Invoice, catalog: Map<string, Item>) {
  const events = [];
  for (const code of invoice.items.keys()) {
    events.push({ type: 'purchase' as const, item: catalog.get(code) as Item, ts: invoice.ts });
  }
  return events;
}

/** `engine.rank` of the candidates (in the shop's order), as scores in candidate order. */
function rankScores(engine: Engine, candidates: readonly string[], context: ReplayContext): number[] {
  const ranked = engine.rank(candidates.map((code) => context.catalog.get(code) as Item));
  const scores = new Map(ranked.map((r) => [r.item.id, r.score]));
  return candidates.map((code) => scores.get(code) as number);
}

/** The engine, learning from every invoice. */
export async function engineMethod(name: string, context: ReplayContext, options: EngineOptions): Promise<Method> {
  const engine = await createEngine(options);
  return {
    name,
    startCustomer: () => engine.reset(),
    score: (candidates) => rankScores(engine, candidates, context),
    async learn(invoice) {
      const { rejected } = await engine.ingest(purchaseEvents(invoice, context.catalog));
      if (rejected.length) throw new Error(`replay fed invalid events: ${rejected[0]?.reason}`);
    },
  };
}

/** The engine's profile frozen after the customer's first invoice. */
export async function frozenMethod(context: ReplayContext, options: EngineOptions): Promise<Method> {
  const engine = await createEngine(options);
  let invoices = 0;
  return {
    name: 'frozenAfterFirstInvoice',
    async startCustomer() {
      await engine.reset();
      invoices = 0;
    },
    score: (candidates) => rankScores(engine, candidates, context),
    async learn(invoice) {
      if (invoices++ === 0) await engine.ingest(purchaseEvents(invoice, context.catalog));
    },
  };
}

/** Global popularity: purchase lines of each item, all customers, before that day. */
export function popularityMethod(context: ReplayContext): Method {
  return {
    name: 'popularity',
    startCustomer() {},
    score: (candidates, ts) => candidates.map((code) => context.popularity(code, ts)),
    learn() {},
  };
}

/** "Buy again": the customer's own most-bought items first, popularity breaking ties. */
export function buyAgainMethod(context: ReplayContext): Method {
  let own = new Map<string, number>();
  return {
    name: 'buyAgain',
    startCustomer() {
      own = new Map();
    },
    score: (candidates, ts) => candidates.map((code) => (own.get(code) ?? 0) * 1e9 + context.popularity(code, ts)),
    learn(invoice) {
      for (const [code, lines] of invoice.items) own.set(code, (own.get(code) ?? 0) + lines);
    },
  };
}
