import type { AggregatorKind } from '../aggregate';
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

/** The noise the server added to a round's sum (`mode: 'central'`), and the accountant's figures. */
export interface RoundNoise {
  /** σ of the discrete Gaussian added to each coordinate of the integer sum, in grid units. */
  sigma: number;
  /** L2 sensitivity of that sum to one report (replace-one: 2C/γ), in the same units. */
  sensitivity: number;
  /** ε of this round at δ = {@link ACCOUNTANT_DELTA}. */
  epsilon: number;
  /** ε of every noised round so far composed (RDP), at the same δ: a report in each of them. */
  epsilonTotal: number;
}

/** δ of the ε the server's accountant states. */
export const ACCOUNTANT_DELTA = 1e-6;

/** What a published round's bookkeeping records besides its counts. */
export interface RoundRecord {
  aggregator: AggregatorKind;
  /** null when the reports carried their own noise (`mode: 'local'`). */
  noise: RoundNoise | null;
}

/** A sealed round handed to the aggregation, with its reports in ascending id order. */
export interface SealedRound {
  round: number;
  reports: number;
  /** Per report, in ascending id order: its grid step γ. */
  gammas: Float64Array;
  /** The model the round's aggregate is applied to (the latest version). */
  model: StoredModel;
  /** σ and sensitivity of every earlier published round the server noised, oldest first (the accountant's input). */
  noiseHistory: Array<{ sigma: number; sensitivity: number }>;
  /** Coordinates `[offset, offset + length)` of every report, in the order of `gammas`. */
  readSlice(offset: number, length: number): Promise<Int32Array[]>;
}

/** The next model computed from a sealed round, and the round's record. */
export interface ComputedRound {
  weights: Float32Array;
  record: RoundRecord;
}

/** A round whose aggregate became a new model version. */
export interface PublishedRound {
  round: number;
  version: number;
  reports: number;
}

/** A published round as `GET /v1/rounds` lists it: aggregates only, nothing about any report. */
export interface RoundSummary extends PublishedRound {
  /** When the round was sealed (ms since the epoch). */
  closedAt: number;
  /** null for rounds published before the aggregator was recorded. */
  aggregator: AggregatorKind | null;
  noise: RoundNoise | null;
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
   * weights, and stores them as a new version together with the round's bookkeeping (its record), deleting
   * the round's reports, in one transaction.
   */
  publishSealedRound(
    compute: (round: SealedRound) => Promise<ComputedRound>,
    retention: RetentionPolicy,
  ): Promise<PublishedRound | null>;
  /** The latest published rounds, newest first. */
  listRounds(limit: number): Promise<RoundSummary[]>;
  /** Seconds spent executing calls so far (SQLite: its thread's busy time), for `/metrics`; optional. */
  busySeconds?(): number;
  /** Closes connections; pending writes must have settled. */
  close(): Promise<void>;
}
