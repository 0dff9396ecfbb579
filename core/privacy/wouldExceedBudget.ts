import { checkNumber, describeValue } from './checkArgument';
import type { LedgerEntry, LedgerOptions } from './LedgerEntry';
import { ledgerEpsilon, ledgerOptions } from './ledgerEpsilon';

/**
 * Whether sending one more report would push the ε of the rolling window past the budget — the check
 * the SDK makes before every report (it then sends nothing).
 * @param entries - the ledger so far.
 * @param next - the report about to be sent.
 * @param budget - the largest ε allowed in the window (Tastebud's default: 8 per 365 days at δ = 1e-6).
 * @param options - window, δ, orders; `now` defaults to `next.at`.
 * @returns true when the window's ε with `next` would exceed `budget`.
 */
export function wouldExceedBudget(
  entries: readonly LedgerEntry[],
  next: LedgerEntry,
  budget: number,
  options: Partial<LedgerOptions> = {},
): boolean {
  checkNumber('wouldExceedBudget', 'budget', budget, { min: 0 });
  if (next === null || typeof next !== 'object')
    throw new TypeError(`wouldExceedBudget: next must be a ledger entry, got ${describeValue(next)}`);
  const resolved = ledgerOptions('wouldExceedBudget', { ...options, now: options.now ?? next.at });
  return ledgerEpsilon([...entries, next], resolved).epsilon > budget;
}
