// Shapes of the sync client (worker/sync): what it keeps and what it adds to `profile()`.
import type { LedgerRecord, PendingReport, SyncSchedule } from '../store/syncRecords';

export type { LedgerRecord, PendingReport, SyncSchedule };

/** Everything sync keeps, as loaded. */
export interface SyncState {
  schedule: SyncSchedule | null;
  ledger: LedgerRecord[];
  pending: PendingReport | null;
}

/** Where sync keeps its state: IndexedDB beside the profile, or memory in tests. */
export interface SyncStore {
  load(): Promise<SyncState>;
  /**
   * Records a built report atomically: the pending report, its ledger line, the new baseline and
   * schedule. Durable before it resolves, so a crash neither loses the report nor builds a second.
   */
  commitReport(pending: PendingReport, entry: LedgerRecord, schedule: SyncSchedule): Promise<void>;
  /** The server answered (accepted or refused): drops the pending report and records the new schedule. */
  delivered(id: string, schedule: SyncSchedule): Promise<void>;
  saveSchedule(schedule: SyncSchedule): Promise<void>;
  /** Rewrites all of sync's state at once (after a repair of unreadable records). */
  replace(state: SyncState): Promise<void>;
  close(): void;
}
