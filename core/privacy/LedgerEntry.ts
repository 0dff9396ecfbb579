/** One report's cost, as the on-device ledger keeps it (PRIVACY.md Tier 1 step 7). */
export interface LedgerEntry {
  /** When the report was built (epoch milliseconds). */
  at: number;
  /** Its L2 sensitivity Δ_int in integer units (`BuiltReport.sensitivity`). */
  sensitivity: number;
  /** Its noise scale σ_int in integer units (`body.noise.sigma`; 0: no noise, no privacy). */
  sigma: number;
}

/** Options of {@link ledgerEpsilon} and {@link wouldExceedBudget}. */
export interface LedgerOptions {
  /** The current time (epoch milliseconds): entries built after now − window count. */
  now: number;
  /** The rolling window. @default 365 */
  windowDays?: number;
  /** δ of the (ε, δ) guarantee. @default 1e-6 */
  delta?: number;
  /** Rényi orders. @default DEFAULT_ORDERS */
  orders?: readonly number[];
}
