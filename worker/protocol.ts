// Wire shapes of the worker: what the page sends it, and what workers of several tabs tell each other.
import type { Algorithm, Contribution, Item, ProfileSummary, RankedItem, TrackEvent } from '../core/engine/types';
import type { SyncConfig, SyncResult } from './sync/types';

/** The global the worker script sets when loaded into a page (the CSP fallback) instead of a worker. */
export const PAGE_API_GLOBAL = '__tastebudWorkerApi';

/** The global the sync chunk sets: a classic script (importScripts) and a module (import()) can both set it. */
export const SYNC_MODULE_GLOBAL = '__tastebudSync';

/** Model options that reach the worker (a subset of the engine's, all cloneable). */
export interface ModelOptions {
  dimensions?: number;
  sharedDimensions?: number;
  algorithm?: Algorithm;
  C?: number;
  halfLifeDays?: number;
}

/** How the page starts the worker's profile service. */
export interface ServiceConfig {
  /** IndexedDB database name; also names the tab-election lock and channel. */
  storageName: string;
  model: ModelOptions;
  /** Milliseconds between batched IndexedDB writes. */
  writeDelayMs: number;
  /** Reports to a sync server; absent without an endpoint. */
  sync?: SyncConfig | undefined;
}

/** What the service tells the page. */
export type ServiceNotice =
  | { kind: 'profile' }
  | { kind: 'sync'; result: SyncResult }
  | { kind: 'error'; name: string; message: string }
  | { kind: 'role'; role: 'owner' | 'follower'; storage: 'indexeddb' | 'memory' | null };

/** Read calls a follower tab forwards to the owner. */
export interface ReadCalls {
  rank(items: Item[]): RankedItem[];
  recommend(items: Item[], k: number): Item[];
  explain(item: Item): Contribution[];
  profile(): ProfileSummary;
  /** The user's shared-part weights (the federated part), a copy. */
  sharedWeights(): Float32Array;
  forget(): null;
  flush(): null;
  /** Report now (the owner's sync client). */
  sync(): SyncResult;
}

export type ReadMethod = keyof ReadCalls;

/** Messages on the BroadcastChannel shared by the workers of one shop's tabs. */
export type TabMessage =
  /** A follower's events, numbered `first`, `first + 1`, … per sending tab. */
  | { kind: 'events'; from: string; first: number; events: TrackEvent[] }
  /** The owner persisted every event of tab `to` up to `upTo`. */
  | { kind: 'ack'; to: string; upTo: number }
  /** A tab took ownership: followers resend what it has not acknowledged. */
  | { kind: 'owner'; tabId: string }
  | { kind: 'call'; from: string; id: number; method: ReadMethod; args: unknown[] }
  | { kind: 'reply'; to: string; id: number; ok: true; value: unknown }
  | { kind: 'reply'; to: string; id: number; ok: false; name: string; message: string }
  /** The profile changed (learned, forgotten): every tab tells its page. */
  | { kind: 'changed'; forgotten: boolean };
