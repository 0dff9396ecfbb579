import type { Algorithm, StorageKind } from './types';

/** Everything a profile is: the engine hands it to its store and restores from it. */
export interface ProfileSnapshot {
  /** Snapshot format; bumped when the meaning of a field changes. */
  format: 1;
  algorithm: Algorithm;
  sharedDimensions: number;
  /** The local (never reported) part's size. */
  dimensions: number;
  /** The user's weights, shared part first; true weights are `weights[i] * scale`. */
  weights: Float32Array;
  /** Lazy time-decay factor, so decaying does not rewrite every weight. */
  scale: number;
  events: number;
  updatedAt: number | null;
  /** Feature names by index, for `explain()` and `profile().interests`. */
  names: Map<number, string>;
  global: { version: number; weights: Float32Array } | null;
  /**
   * Highest event sequence number applied per sending tab (the worker's, for exactly-once delivery
   * across a tab handover). The engine ignores it; a store keeps it with the weights, atomically.
   */
  applied?: Record<string, number>;
}

/**
 * Where the engine keeps a profile. `save` may batch: the engine calls it after every `ingest` with
 * live arrays, and an implementation that persists elsewhere copies them when it writes.
 */
export interface Store {
  readonly kind: StorageKind;
  /** The stored profile, or `null` for a new one. */
  load(): Promise<ProfileSnapshot | null>;
  save(snapshot: ProfileSnapshot): Promise<void>;
  /** Erases the profile. */
  clear(): Promise<void>;
}
