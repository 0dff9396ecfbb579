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
}

/** A built report not yet acknowledged by the server: sent again, with the same id, until it is. */
export interface PendingReport {
  id: string;
  /** The exact JSON body. */
  body: string;
  report: SentReport;
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
