// The sync client's records in the profile database (worker/sync keeps them; the schema owns their shape).
import type { SentReport } from '../../core/protocol/workerProtocol';

/** A ledger line: one report's cost, kept as long as it counts against the yearly budget. */
export interface LedgerRecord {
  id: string;
  at: number;
  /** L2 sensitivity Δ_int of the report, in integer units. */
  sensitivity: number;
  /** σ_int of its discrete Gaussian noise (0: none). */
  sigma: number;
  /**
   * Set on a line that could not be read (worker/sync/repairSyncState.ts): its cost is unknown, so it
   * counts as the whole yearly budget for 365 days from `at`. Such a line has sensitivity and sigma 0.
   */
  unreadable?: true;
}

/** A built report not yet acknowledged by the server: sent again, with the same id, until it is. */
export interface PendingReport {
  id: string;
  /** The exact JSON body. */
  body: string;
  report: SentReport;
  /**
   * The shared weights the report's change was measured to: they become the schedule's baseline only
   * once the server accepts the report, so a refused report's change is carried by the next one.
   * Absent in reports stored by older versions (which moved the baseline when they built them).
   */
  baseline?: Float32Array;
}

/** The schedule and the delta's baseline. */
export interface SyncSchedule {
  /** When the next report is due (epoch ms). */
  nextDueAt: number;
  lastSyncAt: number | null;
  /** The user's shared-part weights when the last report was built: the next delta starts here. */
  baseline: Float32Array | null;
  /** ETag of the global model the profile holds, for `If-None-Match`. */
  modelEtag?: string | null;
}
