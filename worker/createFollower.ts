import type { TrackEvent } from '../core/engine/types';
import type { OwnerCall, OwnerCalls, OwnerMethod, TabMessage } from './protocol';

/** A tab that does not own the profile: it forwards events and reads to the owner. */
export interface Follower {
  /** Numbers the events, keeps them until the owner acknowledges them, and sends them. */
  track(events: TrackEvent[], first: number): void;
  /** Resolves when the owner has persisted every event tracked so far. */
  flush(): Promise<void>;
  /** Asks the owner; the answer comes back over the channel. */
  call<M extends OwnerMethod>(call: OwnerCall<M>): Promise<ReturnType<OwnerCalls[M]>>;
  /** Handles a message from another tab. */
  receive(message: TabMessage): void;
  /** The events not yet acknowledged, oldest first (when this tab becomes the owner). */
  takeUnacked(): Array<{ seq: number; event: TrackEvent }>;
  /** The calls not yet answered (when this tab becomes the owner). */
  takeCalls(): PendingCall[];
  /** Drops everything queued (the profile was forgotten). */
  drop(): void;
}

/** A call sent to the owner and not yet answered. */
export interface PendingCall {
  call: OwnerCall;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Creates the follower side of the tab protocol.
 * @param tabId - this tab's id on the channel.
 * @param post - sends a message to the other tabs.
 */
export function createFollower(tabId: string, post: (message: TabMessage) => void): Follower {
  let unacked: Array<{ seq: number; event: TrackEvent }> = [];
  let waiters: Array<{ upTo: number; resolve(): void }> = [];
  const calls = new Map<number, PendingCall>();
  let nextCall = 1;

  const send = (from: number, events: TrackEvent[]) => post({ kind: 'events', from: tabId, first: from, events });
  const settle = () => {
    const oldest = unacked[0]?.seq ?? Number.POSITIVE_INFINITY;
    const waiting: typeof waiters = [];
    for (const w of waiters) {
      if (w.upTo < oldest) w.resolve();
      else waiting.push(w);
    }
    waiters = waiting;
  };

  return {
    track(events, first) {
      events.forEach((event, k) => {
        unacked.push({ seq: first + k, event });
      });
      send(first, events);
    },
    flush() {
      const upTo = unacked.at(-1)?.seq ?? 0;
      return new Promise<void>((resolve) => {
        waiters.push({ upTo, resolve });
        settle();
      });
    },
    call<M extends OwnerMethod>(call: OwnerCall<M>) {
      const id = nextCall++;
      // The owner answers with ReturnType<OwnerCalls[M]> (createOwner's handlers are typed so).
      return new Promise<ReturnType<OwnerCalls[M]>>((resolve, reject) => {
        calls.set(id, { call, resolve: resolve as (value: unknown) => void, reject });
        post({ kind: 'call', from: tabId, id, call });
      });
    },
    receive(message) {
      switch (message.kind) {
        case 'ack':
          if (message.to !== tabId) return;
          unacked = unacked.filter((u) => u.seq > message.upTo);
          settle();
          return;
        case 'reply': {
          const call = message.to === tabId ? calls.get(message.id) : undefined;
          if (!call) return;
          calls.delete(message.id);
          if (message.ok) call.resolve(message.value);
          else call.reject(Object.assign(new Error(message.message), { name: message.name }));
          return;
        }
        case 'owner':
          // A new owner knows nothing of what the old one was sent: send it all again. The owner
          // skips what it already learned, by sequence number.
          if (unacked.length)
            send(
              unacked[0]?.seq ?? 0,
              unacked.map((u) => u.event),
            );
          for (const [id, pending] of calls) post({ kind: 'call', from: tabId, id, call: pending.call });
          return;
        default:
          return;
      }
    },
    takeUnacked() {
      const taken = unacked;
      unacked = [];
      return taken;
    },
    takeCalls() {
      const taken = [...calls.values()];
      calls.clear();
      settle();
      return taken;
    },
    drop() {
      unacked = [];
      settle();
    },
  };
}
