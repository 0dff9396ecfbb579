// What the workers of one shop's tabs tell each other over their BroadcastChannel, and the owner's
// typed calls. The page ↔ worker protocol is core/protocol/workerProtocol.ts.
import type { Contribution, Item, ProfileSummary, RankedItem, TrackEvent } from '../core/engine/types';
import type { SyncResult, WorkerApi } from '../core/protocol/workerProtocol';

/** Calls a tab makes on the profile's owner (in its own worker, or over the channel). */
export interface OwnerCalls {
  rank(items: Item[]): RankedItem[];
  recommend(items: Item[], k: number): Item[];
  explain(item: Item): Contribution[];
  profile(): ProfileSummary;
  /** Erases the profile (the privacy ledger stays unless `everything`: then the database is deleted). */
  forget(options?: Parameters<WorkerApi['forget']>[0]): null;
  /** Report now (the owner's sync client). */
  sync(): SyncResult;
}

export type OwnerMethod = keyof OwnerCalls;

/** One call: `{ method: 'recommend', args: [items, k] }` (for a single method M, its arguments are typed). */
export interface OwnerCall<M extends OwnerMethod = OwnerMethod> {
  method: M;
  args: Parameters<OwnerCalls[M]>;
}

/** Messages on the BroadcastChannel shared by the workers of one shop's tabs. */
export type TabMessage =
  /** A follower's events, numbered `first`, `first + 1`, … per sending tab. */
  | { kind: 'events'; from: string; first: number; events: TrackEvent[] }
  /** The owner persisted every event of tab `to` up to `upTo`. */
  | { kind: 'ack'; to: string; upTo: number }
  /** A tab took ownership: followers resend what it has not acknowledged. */
  | { kind: 'owner'; tabId: string }
  | { kind: 'call'; from: string; id: number; call: OwnerCall }
  | { kind: 'reply'; to: string; id: number; ok: true; value: unknown }
  | { kind: 'reply'; to: string; id: number; ok: false; name: string; message: string }
  /** The profile changed (learned, forgotten): every tab tells its page. */
  | { kind: 'changed'; forgotten: boolean };
