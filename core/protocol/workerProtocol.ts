// The page ↔ worker protocol: the one file both sides import (the page `import type`s it, so none of
// it is code on the page but the global's name). The worker implements `WorkerApi` (worker/api.ts).
import type { Algorithm, Contribution, Item, ProfileSummary, RankedItem, TrackEvent } from '../engine/types';
import type { PrivacyOptions } from '../privacy/resolvePrivacy';
import type { ReportBody } from '../wire/ReportBody';

/** The global the worker script sets when loaded into a page (the CSP fallback) instead of a worker. */
export const PAGE_API_GLOBAL = '__tastebudWorkerApi';

/** Model options that reach the worker (a subset of the engine's, all cloneable). */
export interface ModelOptions {
  dimensions?: number;
  sharedDimensions?: number;
  algorithm?: Algorithm;
  C?: number;
  halfLifeDays?: number;
}

/** How the page configures sync; cloneable, crosses the worker boundary. */
export interface SyncConfig {
  /** Absolute base URL of the sync server, e.g. `https://shop.example/tastebud`. */
  endpoint: string;
  /** Least time between two reports, in ms. */
  intervalMs: number;
  /** Absolute URL of `tastebud.sync.js`, loaded by the worker only when sync is configured. */
  moduleUrl: string;
}

/** How the page starts the worker's profile service. */
export interface ServiceConfig {
  /** IndexedDB database name; also names the tab-election lock and channel. */
  storageName: string;
  model: ModelOptions;
  /** The `privacy` option as the shop gave it: the worker checks it once and fills in the defaults. */
  privacy: PrivacyOptions | false;
  /** Milliseconds between batched IndexedDB writes. */
  writeDelayMs: number;
  /**
   * The page is driven by automation (`navigator.webdriver`) and was not told to act as a person
   * (`automation: 'person'`): it learns, but never reports.
   */
  automated?: boolean;
  /** Reports to a sync server; absent without an endpoint. */
  sync?: SyncConfig | undefined;
}

/** One report as it left the device (what `on('sync')` shows the shop and the shopper). */
export interface SentReport {
  id: ReportBody['id'];
  /** When it was built (epoch ms). */
  at: number;
  /** Request body size in bytes. */
  bytes: number;
  /** The round the server put it in, once delivered. */
  round: number | null;
  baseVersion: number;
  mechanism: ReportBody['noise']['mechanism'];
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

/** What the service tells the page. */
export type ServiceNotice =
  | { kind: 'profile' }
  | { kind: 'sync'; result: SyncResult }
  | { kind: 'error'; name: string; message: string };

/**
 * How the worker tells the page a {@link ServiceNotice}: a plain message on the same endpoint (the
 * Worker, or the CSP fallback's MessagePort), beside comlink's answers, which carry an `id`.
 */
export interface NoticeMessage {
  notice: ServiceNotice;
}

/** The worker's API as the page sees it: every call is a message, so every answer is a promise. */
export interface WorkerApi {
  /** Starts the profile service; its notices then arrive as {@link NoticeMessage}s. */
  init(config: ServiceConfig): Promise<void>;
  /** A batch of events the page validated. */
  track(events: TrackEvent[]): void;
  /** Everything tracked so far is learned and persisted when this resolves. */
  flush(): Promise<void>;
  rank(items: Item[]): Promise<RankedItem[]>;
  recommend(items: Item[], k: number): Promise<Item[]>;
  explain(item: Item): Promise<Contribution[]>;
  profile(): Promise<ProfileSummary>;
  /** Erases the profile in every tab, keeping the privacy ledger unless `everything` (docs/privacy.md "Forgetting"). */
  forget(options?: { everything?: boolean }): Promise<void>;
  /** Reports now (in the tab that owns the profile), respecting the schedule's budget. */
  sync(): Promise<SyncResult>;
  close(): void;
}
