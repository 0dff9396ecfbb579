// Shapes of the sync client (worker/sync): what it is told, what it keeps, what it reports.

/** Privacy of the reports (CONTRACT §3 `privacy`), resolved: `mode: 'off'` is `privacy: false`. */
export interface SyncPrivacy {
  mode: 'local' | 'central' | 'off';
  /** z: noise scale in units of the report's L2 sensitivity. @default 5 */
  noiseMultiplier: number;
  /** C: the report's L2 clip norm. @default 0.05 */
  clipNorm: number;
  /** δ of the (ε, δ) guarantee. @default 1e-6 */
  delta: number;
  /** Largest ε the reports of any 365 days may spend together. @default 8 */
  yearlyEpsilon: number;
}

/** The SDK's `privacy` option (CONTRACT §3), before defaults. */
export interface SyncPrivacyOptions {
  mode?: 'local' | 'central';
  noiseMultiplier?: number;
  clipNorm?: number;
  delta?: number;
  yearlyEpsilon?: number;
}

/** How the page configures sync; cloneable, crosses the worker boundary. */
export interface SyncConfig {
  /** Absolute base URL of the sync server, e.g. `https://shop.example/tastebud`. */
  endpoint: string;
  /** Least time between two reports, in ms. */
  intervalMs: number;
  /** As the page was given it; the sync chunk fills in the defaults (worker/sync/resolvePrivacy.ts). */
  privacy: SyncPrivacyOptions | false;
  /** Absolute URL of `tastebud.sync.js`, loaded by the worker only when sync is configured. */
  moduleUrl: string;
}

/** One report as it left the device (what `on('sync')` shows the shop and the shopper). */
export interface SentReport {
  id: string;
  /** When it was built (epoch ms). */
  at: number;
  /** Request body size in bytes. */
  bytes: number;
  /** The round the server put it in, once delivered. */
  round: number | null;
  baseVersion: number;
  mechanism: 'discrete_gaussian' | 'none';
  /** Noise scale in integer units (0: none). */
  sigma: number;
  gamma: number;
  clipNorm: number;
  /** ε this report alone costs at the configured δ (Infinity without noise). */
  epsilon: number;
  /** The vector exactly as sent. */
  data: Int32Array;
}

/** What one sync attempt did. */
export interface SyncResult {
  sent: boolean;
  /** Why nothing was sent, when nothing was. */
  reason?: string;
  report?: SentReport;
}

/** The privacy part of `profile()`. */
export interface PrivacyStatus {
  /** ε spent by the reports of the last 365 days, at `delta`. */
  epsilonSpent: number;
  epsilonBudget: number;
  delta: number;
  mode: 'local' | 'central' | 'off';
  /** Reports built so far (still in the ledger). */
  reports: number;
  /** Why reports stopped, e.g. the yearly budget is spent. */
  blockedReason?: string;
}

/** What sync adds to `profile()`. */
export interface SyncStatus {
  privacy: PrivacyStatus;
  lastSyncAt: number | null;
}

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
  /** The server has it: drops the pending report and records the time. */
  delivered(id: string, schedule: SyncSchedule): Promise<void>;
  saveSchedule(schedule: SyncSchedule): Promise<void>;
  close(): void;
}
