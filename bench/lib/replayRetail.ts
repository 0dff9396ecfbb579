// Replays the Online Retail log customer by customer and scores next-basket ranking (docs/quality.md).
import type { Item } from 'tastebud/engine';
import { seededRandom } from '../../test/helpers/seededRandom';
import type { Purchase, RetailData } from './onlineRetail';
import { rankingMetrics } from './rankingMetrics';

/** One invoice of one customer: when, and how many lines of each StockCode. */
export interface Invoice {
  ts: number;
  items: Map<string, number>;
}

/** What a method sees of the world when asked to score: popularity as of that moment. */
export interface ReplayContext {
  catalog: Map<string, Item>;
  /** Purchase lines of a StockCode, all customers, strictly before `ts`. */
  popularity(code: string, ts: number): number;
}

/** A recommender under test: learns a customer's invoices, scores candidates before the next one. */
export interface Method {
  name: string;
  startCustomer(): Promise<void> | void;
  /** Scores for the candidates, in their order. */
  score(candidates: readonly string[], ts: number): number[];
  learn(invoice: Invoice): Promise<void> | void;
}

export interface ReplayOptions {
  negatives: number;
  k: number;
  seed: number;
  /** Evaluate only every n-th customer (1 = all), for quick grid searches. */
  customerStride: number;
}

export interface MethodResult {
  hitAtK: number;
  ndcgAtK: number;
  evaluated: number;
  /** hit@k per calendar month of the evaluated invoice. */
  byMonth: Record<string, { hitAtK: number; evaluated: number }>;
  /** hit@k by how many of the customer's invoices came before the evaluated one (see {@link HISTORY_BUCKETS}). */
  byHistory: Record<string, { hitAtK: number; ndcgAtK: number; evaluated: number }>;
}

/** Buckets of prior invoices for {@link MethodResult.byHistory}: [label, smallest count in it]. */
export const HISTORY_BUCKETS: ReadonlyArray<readonly [string, number]> = [
  ['1', 1],
  ['2', 2],
  ['3-4', 3],
  ['5-9', 5],
  ['10-19', 10],
  ['20+', 20],
];

function historyBucket(prior: number): string {
  let label = HISTORY_BUCKETS[0]?.[0] ?? '1';
  for (const [name, from] of HISTORY_BUCKETS) if (prior >= from) label = name;
  return label;
}

/** The replay's view of the log: popularity, and which items were on sale before a moment. */
export type RetailContext = ReturnType<typeof createContext>;

export function groupInvoices(purchases: readonly Purchase[]): Map<string, Invoice[]> {
  const byCustomer = new Map<string, Map<string, Invoice>>();
  for (const p of purchases) {
    let invoices = byCustomer.get(p.customer);
    if (!invoices) {
      invoices = new Map();
      byCustomer.set(p.customer, invoices);
    }
    let invoice = invoices.get(p.invoice);
    if (!invoice) {
      invoice = { ts: p.ts, items: new Map() };
      invoices.set(p.invoice, invoice);
    }
    invoice.items.set(p.stockCode, (invoice.items.get(p.stockCode) ?? 0) + 1);
  }
  const out = new Map<string, Invoice[]>();
  for (const [customer, invoices] of byCustomer)
    out.set(
      customer,
      [...invoices.values()].sort((a, b) => a.ts - b.ts),
    );
  return out;
}

export function createContext(data: RetailData): ReplayContext & { availableBefore(ts: number): string[] } {
  const times = new Map<string, number[]>();
  for (const p of data.purchases) {
    const t = times.get(p.stockCode);
    if (t)
      t.push(p.ts); // purchases are sorted by time
    else times.set(p.stockCode, [p.ts]);
  }
  const byFirstSeen = [...times.entries()].sort((a, b) => (a[1][0] as number) - (b[1][0] as number)).map(([code]) => code);
  const firstSeen = byFirstSeen.map((code) => (times.get(code) as number[])[0] as number);
  return {
    catalog: data.catalog,
    popularity(code, ts) {
      const t = times.get(code);
      return t ? lowerBound(t, ts) : 0;
    },
    availableBefore(ts) {
      return byFirstSeen.slice(0, lowerBound(firstSeen, ts));
    },
  };
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Before each invoice after a customer's first, ranks the invoice's items among `negatives` other
 * catalogue items (seeded, drawn from items sold before that day). Candidates reach every method in
 * the shop's default order, bestsellers first as of that day (ties shuffled), as a storefront would
 * list them; a method's own ties keep that order.
 */
export async function replay(
  data: RetailData,
  methods: readonly Method[],
  options: ReplayOptions,
): Promise<Record<string, MethodResult>> {
  const context = createContext(data);
  const customers = [...groupInvoices(data.purchases).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  type Tally = { hit: number; ndcg: number; n: number };
  const totals = new Map(
    methods.map((m) => [m.name, { hit: 0, ndcg: 0, n: 0, months: new Map<string, Tally>(), history: new Map<string, Tally>() }]),
  );
  const add = (map: Map<string, Tally>, key: string, hit: number, ndcg: number) => {
    const t = map.get(key) ?? { hit: 0, ndcg: 0, n: 0 };
    t.hit += hit;
    t.ndcg += ndcg;
    t.n++;
    map.set(key, t);
  };
  for (let c = 0; c < customers.length; c += options.customerStride) {
    const [customer, invoices] = customers[c] as [string, Invoice[]];
    if (invoices.length < 2) continue;
    for (const m of methods) await m.startCustomer();
    for (let n = 0; n < invoices.length; n++) {
      const invoice = invoices[n] as Invoice;
      if (n > 0) {
        const candidates = sampleCandidates(context, invoice, customer, n, options);
        const relevant = new Set(invoice.items.keys());
        const month = new Date(invoice.ts).toISOString().slice(0, 7);
        const history = historyBucket(n);
        for (const m of methods) {
          const scores = m.score(candidates, invoice.ts);
          const order = candidates.map((id, i) => ({ id, s: scores[i] as number })).sort((a, b) => b.s - a.s);
          const { hit, ndcg } = rankingMetrics(
            order.map((o) => o.id),
            relevant,
            options.k,
          );
          const t = totals.get(m.name) as NonNullable<ReturnType<typeof totals.get>>;
          t.hit += hit;
          t.ndcg += ndcg;
          t.n++;
          add(t.months, month, hit, ndcg);
          add(t.history, history, hit, ndcg);
        }
      }
      for (const m of methods) await m.learn(invoice);
    }
  }
  const out: Record<string, MethodResult> = {};
  for (const [name, t] of totals) {
    const byMonth: MethodResult['byMonth'] = {};
    for (const [month, mt] of [...t.months].sort()) byMonth[month] = { hitAtK: mt.hit / mt.n, evaluated: mt.n };
    const byHistory: MethodResult['byHistory'] = {};
    for (const [label] of HISTORY_BUCKETS) {
      const h = t.history.get(label);
      if (h) byHistory[label] = { hitAtK: h.hit / h.n, ndcgAtK: h.ndcg / h.n, evaluated: h.n };
    }
    out[name] = { hitAtK: t.hit / t.n, ndcgAtK: t.ndcg / t.n, evaluated: t.n, byMonth, byHistory };
  }
  return out;
}

/**
 * The candidates of one ranking: the invoice's items and `negatives` items sold before that day
 * (seeded by customer and invoice number), bestsellers first as of that day, ties shuffled.
 * @param n - the invoice's number in the customer's history (part of the seed).
 */
export function sampleCandidates(
  context: RetailContext,
  invoice: Invoice,
  customer: string,
  n: number,
  options: Pick<ReplayOptions, 'negatives' | 'seed'>,
): string[] {
  const random = seededRandom(options.seed ^ (Number(customer) * 7919 + n * 104729));
  const pool = context.availableBefore(invoice.ts);
  const picked = new Set<string>();
  const wanted = Math.min(options.negatives, Math.max(0, pool.length - invoice.items.size));
  while (picked.size < wanted) {
    const code = pool[Math.floor(random() * pool.length)] as string;
    if (!invoice.items.has(code)) picked.add(code);
  }
  const candidates = [...invoice.items.keys(), ...picked];
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j] as string, candidates[i] as string];
  }
  const pop = new Map(candidates.map((code) => [code, context.popularity(code, invoice.ts)]));
  return candidates.sort((a, b) => (pop.get(b) as number) - (pop.get(a) as number));
}
