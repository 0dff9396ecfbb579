import { createEngine } from '../core/engine/createEngine';
import type { ProfileSnapshot, Store } from '../core/engine/Store';
import type { TrackEvent } from '../core/engine/types';
import { loadSyncModule } from './loadSyncModule';
import type { ReadCalls, ReadMethod, ServiceConfig } from './protocol';
import { createDeferredStore, type PersistentStore } from './store/createDeferredStore';
import type { SyncClient } from './sync/createSyncClient';
import type { SyncResult } from './sync/types';

/** The tab that owns the profile: it alone learns and writes IndexedDB. */
export interface Owner {
  readonly storage: 'indexeddb' | 'memory';
  /** Learns events; `from`/`first` number them for exactly-once delivery (duplicates are skipped). */
  ingest(events: TrackEvent[], from: string, first: number): Promise<void>;
  /** Highest event number of `tab` the profile has learned (persisted or about to be). */
  applied(tab: string): number;
  read<M extends ReadMethod>(method: M, args: unknown[]): Promise<ReturnType<ReadCalls[M]>>;
  /** Everything learned so far is in IndexedDB when this resolves. */
  flush(): Promise<void>;
  /** Erases the profile and deletes the database; the next event starts a new one. */
  forget(): Promise<void>;
  close(): void;
}

/** Tabs remembered for de-duplication; older senders are long gone. */
const MAX_TABS_REMEMBERED = 64;

/**
 * Becomes the owner: opens the stored profile (or memory when storage is unavailable), restores
 * the engine, and serialises every operation so events and reads apply in arrival order.
 * @param config - storage name and model options from the page.
 * @param openStore - opens IndexedDB or falls back to memory.
 * @param onError - storage problems (corrupt profile, quota, …) for the page's `on('error')`.
 * @param onSync - each report attempt of the sync client (only the owner tab reports).
 */
export async function createOwner(
  config: ServiceConfig,
  openStore: () => Promise<{ store: PersistentStore; storage: 'indexeddb' | 'memory' }>,
  onError: (error: Error) => void,
  onSync: (result: SyncResult) => void = () => {},
): Promise<Owner> {
  const opened = await openStore();
  let store: PersistentStore = opened.store;
  let applied: Record<string, number> = {};
  let engine = await createEngine({ ...config.model, store: withApplied(store), onError });
  let queue: Promise<unknown> = Promise.resolve();
  let sync: Promise<SyncClient | null> = startSync();

  /** The engine's store, plus the de-duplication table written atomically with the weights. */
  function withApplied(inner: Store): Store {
    return {
      kind: inner.kind,
      async load() {
        const snapshot = await inner.load();
        applied = { ...snapshot?.applied };
        return snapshot;
      },
      save: (snapshot: ProfileSnapshot) => inner.save({ ...snapshot, applied }),
      clear: () => inner.clear(),
    };
  }

  function serial<T>(task: () => Promise<T> | T): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  }

  return {
    storage: opened.storage,
    ingest(events, from, first) {
      return serial(async () => {
        const seen = applied[from] ?? 0;
        const fresh = events.slice(Math.max(0, seen - first + 1));
        if (fresh.length === 0) return;
        delete applied[from]; // re-insert last: the table keeps the most recent senders
        applied[from] = first + events.length - 1;
        const senders = Object.keys(applied);
        if (senders.length > MAX_TABS_REMEMBERED) delete applied[senders[0] as string];
        const { rejected } = await engine.ingest(fresh);
        for (const r of rejected) onError(Object.assign(new Error(`event rejected: ${r.reason}`), { name: 'InvalidEventError' }));
      });
    },
    applied: (tab) => applied[tab] ?? 0,
    read(method, args) {
      // Waits for the sync client outside the lane: it reads the engine through the lane while it starts.
      if (method === 'sync')
        return sync.then((client) => client?.syncNow() ?? { sent: false, reason: 'no endpoint, or no IndexedDB' }) as never;
      if (method === 'profile')
        return Promise.all([serial(() => engine.profile()), sync]).then(([p, client]) => ({
          ...p,
          ...client?.status(),
        })) as never;
      return serial(async () => {
        switch (method) {
          case 'rank':
            return engine.rank(args[0] as never);
          case 'recommend':
            return engine.recommend(args[0] as never, args[1] as number);
          case 'explain':
            return engine.explain(args[0] as never);
          case 'sharedWeights':
            return engine.sharedWeights();
          case 'flush':
            await store.flush();
            return null;
          case 'forget':
            await forgetNow();
            return null;
          default:
            throw new TypeError(`unknown method ${String(method)}`);
        }
      }) as never;
    },
    flush: () => serial(() => store.flush()),
    forget: () => serial(forgetNow),
    close() {
      void sync.then((client) => client?.close());
      store.close();
    },
  };

  /**
   * Starts the sync client when an endpoint is configured and the profile is in IndexedDB: a ledger
   * that a reload forgets could not hold the yearly budget, so a memory profile never reports.
   */
  async function startSync(): Promise<SyncClient | null> {
    const options = config.sync;
    if (!options || opened.storage !== 'indexeddb') return null;
    try {
      return await (await loadSyncModule(options.moduleUrl)).startSync({
        config: options,
        storageName: config.storageName,
        withEngine: (task) => serial(() => task(engine)),
        notify: onSync,
        onError,
      });
    } catch (error) {
      onError(error as Error);
      return null;
    }
  }

  async function forgetNow(): Promise<void> {
    // Sync stops with the profile (its ledger and pending report go with the database); it starts
    // again on the next page load. Not awaited: a client still starting waits for this lane.
    void sync.then((client) => client?.close());
    sync = Promise.resolve(null);
    await engine.reset();
    await store.destroy();
    applied = {};
    // A new database is created only when there is something to keep again.
    store = createDeferredStore(async () => (await openStore()).store, opened.storage);
    engine = await createEngine({ ...config.model, store: withApplied(store), onError });
  }
}
