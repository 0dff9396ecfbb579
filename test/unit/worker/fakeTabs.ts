// Test doubles for several tabs in one Node process: a Web Locks manager, and an IndexedDB-like
// store that copies on flush (so what a closed tab had not flushed is really gone).

import { createEngine } from '../../../core/engine/createEngine';
import type { ProfileSnapshot } from '../../../core/engine/Store';
import type { ServiceEnvironment } from '../../../worker/createProfileService';
import type { PersistentStore } from '../../../worker/store/createDeferredStore';
import type { LockManagerLike } from '../../../worker/tabs/electOwner';

/** An in-process LockManager: exclusive locks, `ifAvailable`, queued requests, abort signals. */
export function fakeLocks(): LockManagerLike {
  const held = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();
  const grant = (name: string, callback: (lock: unknown) => Promise<void>) =>
    (async () => {
      held.add(name);
      try {
        await callback({ name });
      } finally {
        held.delete(name);
        waiting.get(name)?.shift()?.();
      }
    })();
  return {
    request(name, options, callback) {
      if (!held.has(name)) return grant(name, callback);
      if (options.ifAvailable) return callback(null);
      return new Promise((resolve, reject) => {
        const go = () => grant(name, callback).then(resolve, reject);
        const queue = waiting.get(name) ?? [];
        waiting.set(name, queue);
        queue.push(go);
        options.signal?.addEventListener('abort', () => {
          queue.splice(queue.indexOf(go), 1);
          reject(new Error('aborted'));
        });
      });
    },
  };
}

/** One "origin's" storage: the persisted snapshot, deep-copied in and out like IndexedDB does. */
export interface FakeDatabase {
  snapshot: ProfileSnapshot | null;
  writes: number;
}

function copy(s: ProfileSnapshot): ProfileSnapshot {
  return {
    ...s,
    weights: Float32Array.from(s.weights),
    names: new Map(s.names),
    global: s.global && { version: s.global.version, weights: Float32Array.from(s.global.weights) },
    applied: { ...s.applied },
  };
}

export function fakeStore(db: FakeDatabase): PersistentStore {
  let dirty: ProfileSnapshot | null = null;
  return {
    kind: 'indexeddb',
    load: async () => (db.snapshot ? copy(db.snapshot) : null),
    async save(snapshot) {
      dirty = snapshot;
    },
    async clear() {
      dirty = null;
      db.snapshot = null;
    },
    journal() {}, // the journal is tested against IndexedDB itself (fake-indexeddb, Chromium)
    readJournal: async () => [],
    async flush() {
      if (!dirty) return;
      db.snapshot = copy(dirty);
      db.writes++;
      dirty = null;
    },
    async destroy() {
      dirty = null;
      db.snapshot = null;
    },
    close() {
      dirty = null; // a closed tab's unflushed writes are lost, as in a crash
    },
  };
}

/**
 * A tab's environment: shared locks and database, a real Node BroadcastChannel.
 * `loseAcks`: this tab never hears the owner's acknowledgements (they are lost in transit).
 * `storeOpens`: awaited before its storage opens (a slow disk while taking over, as long as the test says).
 */
export function fakeTab(
  locks: LockManagerLike,
  db: FakeDatabase,
  tabId: string,
  loseAcks = false,
  storeOpens?: () => Promise<void>,
): ServiceEnvironment {
  return {
    locks,
    tabId,
    openChannel(name) {
      const channel = new BroadcastChannel(name);
      return {
        postMessage: (message) => channel.postMessage(message),
        addEventListener(_type, listener) {
          channel.addEventListener('message', (event) => {
            const { data } = event as MessageEvent;
            if (!(loseAcks && data.kind === 'ack')) listener({ data });
          });
        },
        close: () => channel.close(),
      };
    },
    async openStore() {
      await storeOpens?.();
      return { store: fakeStore(db), storage: 'indexeddb' };
    },
  };
}

/** A disk the test opens: `asked` resolves when a tab starts opening it, which waits for `open()`. */
export function slowDisk() {
  let open: () => void = () => {};
  let ask: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const asked = new Promise<void>((resolve) => (ask = resolve));
  return {
    asked,
    open,
    opens: () => {
      ask();
      return opened;
    },
  };
}

/** Replays events one by one in a fresh engine: the single-tab reference. */
export async function replayAlone(events: Parameters<Awaited<ReturnType<typeof createEngine>>['ingest']>[0]) {
  const engine = await createEngine();
  for (const event of events) await engine.ingest([event]);
  return engine;
}
