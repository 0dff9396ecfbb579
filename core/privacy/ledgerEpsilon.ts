import { checkNumber, checkNumbers, describeValue } from './checkArgument';
import { DEFAULT_ORDERS } from './defaultOrders';
import { epsilonFromRdp } from './epsilonFromRdp';
import type { LedgerEntry, LedgerOptions } from './LedgerEntry';

const DAY_MS = 86_400_000;

/**
 * The (ε, δ) spent by the reports of a rolling window: every entry built after now − windowDays
 * counts (later ones too, so a clock set back cannot hide them); their Gaussian RDP curves
 * α·Δ²/(2σ²) add up order by order and convert to ε at δ ({@link epsilonFromRdp}).
 * @param entries - the ledger.
 * @param options - now, window, δ and orders.
 * @returns ε (0 for an empty window, Infinity if an entry has no noise) and the order that gives it.
 */
export function ledgerEpsilon(entries: readonly LedgerEntry[], options: LedgerOptions): { epsilon: number; order: number } {
  const { now, windowDays, delta, orders } = ledgerOptions('ledgerEpsilon', options);
  if (!Array.isArray(entries)) throw new TypeError(`ledgerEpsilon: entries must be an array, got ${describeValue(entries)}`);
  const since = now - windowDays * DAY_MS;
  // Every curve is linear in α, so the sum is α·Σ Δ²/(2σ²).
  let rho = 0;
  entries.forEach((entry, i) => {
    const at = checkNumber('ledgerEpsilon', `entries[${i}].at`, entry?.at);
    const sensitivity = checkNumber('ledgerEpsilon', `entries[${i}].sensitivity`, entry.sensitivity, { min: 0 });
    const sigma = checkNumber('ledgerEpsilon', `entries[${i}].sigma`, entry.sigma, { min: 0 });
    if (at <= since || sensitivity === 0) return;
    rho += sigma === 0 ? Infinity : (sensitivity * sensitivity) / (2 * sigma * sigma);
  });
  return epsilonFromRdp(
    orders,
    orders.map((alpha) => alpha * rho),
    delta,
  );
}

/** Checks the options and fills the defaults. */
export function ledgerOptions(where: string, options: LedgerOptions): Required<LedgerOptions> {
  if (options === null || typeof options !== 'object')
    throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  const { now, windowDays = 365, delta = 1e-6, orders = DEFAULT_ORDERS } = options;
  checkNumber(where, 'options.now', now);
  checkNumber(where, 'options.windowDays', windowDays, { above: 0 });
  checkNumber(where, 'options.delta', delta, { above: 0, max: 1 });
  checkNumbers(where, 'options.orders', orders, { above: 1 });
  return { now, windowDays, delta, orders };
}
