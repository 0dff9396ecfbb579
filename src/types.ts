import type { Contribution, Item, ProfileSummary, RankedItem, TrackEvent } from '../worker/engine/types';
import type { ModelOptions } from '../worker/protocol';

export type { Algorithm, Contribution, EventType, Item, ProfileSummary, RankedItem, TrackEvent } from '../worker/engine/types';
export type { ModelOptions } from '../worker/protocol';

/** Options of `createTastebud`. */
export interface TastebudOptions {
  /** Model size and learning settings; see docs/engine.md. */
  model?: ModelOptions;
  /** Worker script URL. @default `tastebud.worker.js` beside the bundle */
  workerUrl?: string | URL;
  /** IndexedDB database name (and the name tabs of one shop coordinate by). @default 'tastebud' */
  storageName?: string;
}

/** An error as `on('error')` delivers it: the kind in `name`, never an `instanceof` check. */
export interface TastebudError {
  name: string;
  message: string;
}

/** Events of `on()`. */
export interface TastebudEvents extends Record<string, unknown> {
  /** The profile changed (learned, forgotten), in this tab or another. */
  profile: ProfileSummary;
  error: TastebudError;
}

/** The browser SDK instance. */
export interface Tastebud {
  /** Queues an event; learned in the worker. Manual misuse throws a TypeError naming the field. */
  track(event: TrackEvent): void;
  rank(items: Item[]): Promise<RankedItem[]>;
  recommend(items: Item[], k: number): Promise<Item[]>;
  explain(item: Item): Promise<Contribution[]>;
  profile(): Promise<ProfileSummary>;
  /** Erases the profile in every open tab and deletes the database. */
  forget(): Promise<void>;
  /** Everything tracked so far is learned and persisted when this resolves. */
  flush(): Promise<void>;
  /** Subscribes; returns the unsubscribe. */
  on<K extends keyof TastebudEvents>(name: K, listener: (payload: TastebudEvents[K]) => void): () => void;
  destroy(): Promise<void>;
}
