import type { PrivacyMode } from './privacyDefaults';
import type { ResolvedPrivacy } from './resolvePrivacy';

/** What the reports have spent of the privacy budget: `profile().privacy`. */
export interface PrivacyStatus {
  /** ε spent by the noised reports of the last 365 days, at `delta`. */
  epsilonSpent: number;
  /** The yearly budget; a report that would pass it is not built. */
  epsilonBudget: number;
  /** δ of the (ε, δ) guarantee. */
  delta: number;
  /** `'off'`: `privacy: false`, reports carry no noise; `'central'`: the server adds the noise. */
  mode: PrivacyMode;
  /** Reports built so far (still in the ledger). */
  reports: number;
  /** Why reports stopped (the budget is spent, or the profile lives in memory). */
  blockedReason?: string;
}

/**
 * The status of a profile that has sent nothing (no endpoint, no ledger yet, or no worker).
 * @param privacy - the resolved settings.
 * @returns nothing spent, the settings' budget.
 */
export function unspentPrivacy(privacy: ResolvedPrivacy): PrivacyStatus {
  return { epsilonSpent: 0, epsilonBudget: privacy.yearlyEpsilon, delta: privacy.delta, mode: privacy.mode, reports: 0 };
}
