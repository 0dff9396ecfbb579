import type { Invoice, Method } from './replayRetail';

/** One customer's replay as a list of steps: learn an invoice, or rank candidates before the next one. */
export type ReplayStep = { learn: string[] } | { rank: string[]; relevant: string[]; month: string; prior: number };

/** A {@link Method} that scores nothing and records what the replay showed it, for a peer outside Node. */
export interface RecordingMethod extends Method {
  /** One list of steps per evaluated customer, in replay order. */
  readonly customers: ReplayStep[][];
}

/**
 * Records the replay (candidates in the shop's order, then the invoice that followed) so that another
 * learner can be run on exactly the same rankings; its own scores are all 0 and its metrics meaningless.
 */
export function recordingMethod(): RecordingMethod {
  const customers: ReplayStep[][] = [];
  let steps: ReplayStep[] = [];
  let pending: { rank: string[]; ts: number } | null = null;
  let invoices = 0;
  return {
    name: 'recording',
    customers,
    startCustomer() {
      steps = [];
      customers.push(steps);
      pending = null;
      invoices = 0;
    },
    score(candidates, ts) {
      pending = { rank: [...candidates], ts };
      return candidates.map(() => 0);
    },
    learn(invoice: Invoice) {
      const items = [...invoice.items.keys()];
      if (pending) {
        steps.push({
          rank: pending.rank,
          relevant: items,
          month: new Date(pending.ts).toISOString().slice(0, 7),
          prior: invoices,
        });
        pending = null;
      }
      steps.push({ learn: items });
      invoices++;
    },
  };
}
