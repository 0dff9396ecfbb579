import type { DBSchema } from 'idb';
import type { Algorithm, TrackEvent } from '../../core/engine/types';
import type { LedgerRecord, PendingReport, SyncSchedule } from './syncRecords';

/** The schema version this code writes; `openProfileDb` upgrades every older one to it. */
export const DB_VERSION = 3;

/** Floats per record of the `weights` store (2 KiB): a write touches only the chunks that changed; one event touches about 7. */
export const CHUNK_SIZE = 512;

/** Everything about a profile but its arrays: the `meta` store's `'profile'` record. */
export interface ProfileMetaRecord {
  format: 1;
  algorithm: Algorithm;
  sharedDimensions: number;
  dimensions: number;
  scale: number;
  events: number;
  updatedAt: number | null;
  /** Highest event number applied per tab, written in the same transaction as the weights. */
  applied?: Record<string, number>;
  /** Floats per `weights` record when this profile was written. */
  chunkSize: number;
}

/** The frozen global model: the `meta` store's `'global'` record (absent when there is none). */
export interface GlobalRecord {
  version: number;
  weights: Float32Array;
}

/**
 * A batch of events as the owner received it, written at once so that a page going away cannot lose
 * it: replayed (skipping what `applied` says was learned) when the next owner starts, and deleted by
 * the profile write that covers it. Key: `[from, first]`.
 */
export interface JournalRecord {
  from: string;
  first: number;
  events: TrackEvent[];
}

/** Schema v3: the profile split so that a write costs what changed, not the whole vector (v2), and the journal (v3). */
export interface ProfileDb extends DBSchema {
  meta: {
    /** `'sync'`: the report schedule and the next delta's baseline (worker/sync). */
    key: 'profile' | 'global' | 'sync';
    value: ProfileMetaRecord | GlobalRecord | SyncSchedule;
  };
  /** Chunk number → that slice of the combined weight vector (shared part first). */
  weights: { key: number; value: Float32Array };
  /** Feature index → its name(s), for `explain()` and `profile().interests`. */
  names: { key: number; value: string };
  /** The privacy ledger (reports sent and their ε), kept across profile resets. */
  ledger: { key: number; value: LedgerRecord };
  /** Privacy reports built and not yet acknowledged by the server. */
  pending: { key: string; value: PendingReport };
  /** Batches received and not yet covered by a profile write (v3). */
  journal: { key: [string, number]; value: JournalRecord };
}

/** The store names whose records make up the profile itself. */
export const PROFILE_STORES = ['meta', 'weights', 'names', 'journal'] as const;

/**
 * Historic v1 record: the whole snapshot under one key. Read only by the v1 → v2 migration.
 * Spelled out rather than derived from `ProfileSnapshot`: what v1 wrote is frozen, the snapshot is not.
 */
export interface ProfileRecordV1 {
  format: 1;
  algorithm: Algorithm;
  sharedDimensions: number;
  dimensions: number;
  weights: Float32Array;
  scale: number;
  events: number;
  updatedAt: number | null;
  names: Map<number, string>;
  global: GlobalRecord | null;
}

/** Historic v1 schema: one store, `'profile'`, holding {@link ProfileRecordV1} at `'current'`. */
export interface ProfileDbV1 extends DBSchema {
  profile: { key: 'current'; value: ProfileRecordV1 };
}
