import type { ValidReport } from '../validateReport';

/** A version of the global model. */
export interface StoredModel {
  version: number;
  dimensions: number;
  weights: Float32Array;
}

/** What happened to one report of a batch. */
export type InsertOutcome =
  | { status: 'accepted'; round: number }
  | { status: 'duplicate' }
  /** The open round holds `maxReportsPerRound` reports already; nothing was stored. */
  | { status: 'full'; round: number; openedAt: number };

/** The store's counters behind `GET /v1/stats`. */
export interface StoreStats {
  version: number;
  /** The open round. */
  round: number;
  /** Reports stored and not yet aggregated (open and sealed rounds). */
  pendingReports: number;
  /** Reports aggregated into the latest published round (0 before the first). */
  contributorsLastRound: number;
}

/** When the open round may be sealed. */
export interface SealPolicy {
  minReports: number;
  roundSeconds: number;
  now: number;
}

/** A sealed round handed to the aggregation, with its reports in ascending id order. */
export interface SealedRound {
  round: number;
  reports: number;
  /** Per report, in ascending id order: its grid step γ. */
  gammas: Float64Array;
  /** The model the round's aggregate is applied to (the latest version). */
  model: StoredModel;
  /** Coordinates `[offset, offset + length)` of every report, in the order of `gammas`. */
  readSlice(offset: number, length: number): Promise<Int32Array[]>;
}

/** A round whose aggregate became a new model version. */
export interface PublishedRound {
  round: number;
  version: number;
  reports: number;
}

/** Retention of what aggregation leaves behind. */
export interface RetentionPolicy {
  now: number;
  /** Ids are kept this long after their round was sealed, so late retries are still recognised. */
  idRetentionMs: number;
  /** Model versions kept (the latest always). */
  modelHistory: number;
}

/**
 * Where reports, rounds and model versions live: embedded SQLite for one process, PostgreSQL for
 * several instances behind a load balancer. Every method is atomic on its own.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Stores a batch of reports in one transaction (group commit) and resolves once it is durable.
   * @param reports - validated reports; a repeated id is a duplicate, counted once.
   * @param maxReportsPerRound - reports beyond this in the open round come back `full`.
   */
  insertReports(reports: readonly ValidReport[], maxReportsPerRound: number): Promise<InsertOutcome[]>;
  /** The counters of `GET /v1/stats`. */
  stats(): Promise<StoreStats>;
  /** Version of the latest model. */
  currentVersion(): Promise<number>;
  /** The latest model. */
  loadModel(): Promise<StoredModel>;
  /** Seals the open round and opens the next one if the policy says it is due; returns the sealed round. */
  sealRoundIfDue(policy: SealPolicy): Promise<number | null>;
  /**
   * Takes the oldest sealed round (if no other instance holds it), lets `compute` derive the next
   * weights, and stores them as a new version together with the round's bookkeeping, deleting the
   * round's reports, in one transaction.
   */
  publishSealedRound(
    compute: (round: SealedRound) => Promise<Float32Array>,
    retention: RetentionPolicy,
  ): Promise<PublishedRound | null>;
  /** Closes connections; pending writes must have settled. */
  close(): Promise<void>;
}
