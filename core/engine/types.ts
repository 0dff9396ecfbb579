import type { PrivacyStatus } from '../privacy/PrivacyStatus';

/** A product as the shop describes it. Only `id` is required. */
export interface Item {
  /** SKU or product id. */
  id: string;
  /** Category path, most general first: `"shoes/running/trail"`. */
  category?: string;
  brand?: string;
  /** Price in the shop's currency, > 0. */
  price?: number;
  tags?: string[];
  attrs?: Record<string, string | number | boolean>;
}

/** What the shopper did. */
export type EventType = 'view' | 'click' | 'add_to_cart' | 'purchase' | 'skip' | 'dwell' | 'search';

/** One interaction. `item` is required for every type but `'search'`. */
export interface TrackEvent {
  type: EventType;
  item?: Item;
  /** The search text, for `'search'`. */
  query?: string;
  /** Time on the product page, for `'dwell'`. */
  durationMs?: number;
  /** Which list or rail the item was shown in. */
  list?: string;
  /** Epoch milliseconds; the browser SDK fills in `Date.now()`, the engine requires it. */
  ts?: number;
}

/** The learning algorithm: plain PA, PA-I (`C` caps the step) or PA-II (`C` softens it). */
export type Algorithm = 'pa' | 'pa1' | 'pa2';

/** A readable summary of what the profile has learned. */
export interface ProfileSummary {
  /** Events learned from (`view` and short dwells teach nothing and are not counted). */
  events: number;
  /** Timestamp (epoch ms) of the newest learned event. */
  updatedAt: number | null;
  /** Human-readable features, strongest first, e.g. `"category=shoes/running"`. */
  interests: Array<{ feature: string; weight: number }>;
  /** Global model version the profile builds on. */
  modelVersion: number | null;
  /** The privacy ledger: ε spent by the reports of the last 365 days (see docs/privacy.md). */
  privacy: PrivacyStatus;
  lastSyncAt: number | null;
  storage: StorageKind;
}

/** One item with its score, as returned by `rank`. */
export interface RankedItem {
  item: Item;
  score: number;
}

/** The share of one named feature in an item's score. */
export interface Contribution {
  feature: string;
  contribution: number;
}

/** The privacy part of `profile()`; one type with `tastebud/privacy`'s `PrivacyStatus`. */
export type PrivacySummary = PrivacyStatus;

/** Where a profile lives: IndexedDB in a browser, memory in Node or where storage is unavailable. */
export type StorageKind = 'indexeddb' | 'memory';
