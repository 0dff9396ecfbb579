import type { Contribution, Item, ProfileSummary, RankedItem, TrackEvent } from '../core/engine/types';
import type { PrivacyOptions } from '../core/privacy/resolvePrivacy';
import type { ModelOptions, SyncResult } from '../core/protocol/workerProtocol';

export type * from '../core/engine/types';
export type { PrivacyStatus } from '../core/privacy/PrivacyStatus';
export type { PrivacyMode } from '../core/privacy/privacyDefaults';
export type { PrivacyOptions } from '../core/privacy/resolvePrivacy';
export type { ModelOptions, SentReport, SyncResult } from '../core/protocol/workerProtocol';

/** The shopper's decision. `'pending'`: nothing is captured, stored or sent until it is made. */
export type Consent = 'granted' | 'denied' | 'pending';

/** Options of `createTastebud`. */
export interface TastebudOptions {
  /** Sync server base URL; nothing is ever sent without one. */
  endpoint?: string;
  /** @default 'pending' */
  consent?: Consent;
  /** Capture the data attributes of the page (CONTRACT §4). @default true */
  autocapture?: boolean;
  /** Model size and learning settings; see docs/engine.md. */
  model?: ModelOptions;
  /** `false`: reports without noise, for development (the profile says so). */
  privacy?: false | PrivacyOptions;
  /** Milliseconds between privacy reports. @default 7 days */
  syncIntervalMs?: number;
  /** Worker script URL. @default `tastebud.worker.js` beside the bundle */
  workerUrl?: string | URL;
  /** IndexedDB database name (and the name tabs of one shop coordinate by). @default 'tastebud' */
  storageName?: string;
  /**
   * What a browser driven by automation (`navigator.webdriver`: Playwright, Cypress, Selenium) does:
   * `'local'` learns on the device like a person's but never reports (profile().privacy says why);
   * `'ignore'` learns nothing; `'person'` learns and reports (a shop's own integration tests against
   * a test server). @default 'local'
   */
  automation?: 'local' | 'ignore' | 'person';
  /** Log capture and guard decisions to the console with a `[tastebud]` prefix. @default false */
  debug?: boolean;
}

/** An error as `on('error')` delivers it: the kind in `name`, never an `instanceof` check. */
export interface TastebudError {
  name: string;
  message: string;
}

/** Counters of what capture saw and what the guards kept out (see `debug`). */
export interface CaptureStats {
  /** Events handed to the worker. */
  admitted: number;
  /** Dropped: faster than a human (more than 20 a second). */
  burst: number;
  /** Dropped: an exact repeat within a short window. */
  duplicate: number;
  /** Dropped: the browser is driven by automation (`navigator.webdriver`) and `automation` is `'ignore'`. */
  automation: number;
  /** Skipped by autocapture: data attributes that describe no valid item, or one over the limits (`debug` logs why). */
  invalid: number;
}

/** Events of `on()` (a type alias, not an interface, so its keys are exactly these three). */
export type TastebudEvents = {
  /** The profile changed (learned, forgotten), in this tab or another. */
  profile: ProfileSummary;
  sync: SyncResult;
  error: TastebudError;
};

/** The browser SDK instance. */
export interface Tastebud {
  /**
   * Queues an event, learned in the worker. Manual misuse throws a TypeError naming the field;
   * without consent the event is dropped.
   */
  track(event: TrackEvent): void;
  /** Items best first (the shop's order stands where the profile has no opinion). */
  rank(items: Item[]): Promise<RankedItem[]>;
  recommend(items: Item[], k: number): Promise<Item[]>;
  explain(item: Item): Promise<Contribution[]>;
  profile(): Promise<ProfileSummary>;
  /** `'denied'` also erases the profile and pending reports, in every open tab (the privacy ledger stays). */
  setConsent(state: 'granted' | 'denied'): Promise<void>;
  /**
   * Erases the profile and pending reports in every open tab; the privacy ledger (dates and ε, no
   * behaviour) stays, so the yearly budget cannot be reset. `everything: true` deletes the database.
   */
  forget(options?: { everything?: boolean }): Promise<void>;
  /** Everything tracked so far is learned and persisted when this resolves. */
  flush(): Promise<void>;
  /** Reports now, respecting consent and the privacy budget. */
  sync(): Promise<SyncResult>;
  /** Subscribes; returns the unsubscribe. */
  on<K extends keyof TastebudEvents>(name: K, listener: (payload: TastebudEvents[K]) => void): () => void;
  /** What capture admitted and what the guards dropped. */
  stats(): CaptureStats;
  destroy(): Promise<void>;
}
