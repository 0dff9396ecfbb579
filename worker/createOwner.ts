import { createLane } from '../core/createLane';
import { buildProfileSummary } from '../core/engine/buildProfileSummary';
import { createEngine } from '../core/engine/createEngine';
import type { ProfileSnapshot, Store } from '../core/engine/Store';
import type { StorageKind, TrackEvent } from '../core/engine/types';
import { unspentPrivacy } from '../core/privacy/PrivacyStatus';
import type { ResolvedPrivacy } from '../core/privacy/resolvePrivacy';
import type { ServiceConfig, SyncResult } from '../core/protocol/workerProtocol';
import { loadSyncModule } from './loadSyncModule';
import type { OwnerCall, OwnerCalls, OwnerMethod } from './protocol';
import { createDeferredStore, type PersistentStore } from './store/createDeferredStore';
import type { SyncClient } from './sync/createSyncClient';

/** The tab that owns the profile: it alone learns and writes IndexedDB. */
export interface Owner {
  readonly storage: StorageKind;
  /** Learns events; `from`/`first` number them for exactly-once delivery (duplicates are skipped). */
  ingest(events: TrackEvent[], from: string, first: number): Promise<void>;
  /** Highest event number of `tab` the profile has learned (persisted or about to be). */
  applied(tab: string): number;
  /** Answers one call of {@link OwnerCalls}, in turn with learning. */
  read<M extends OwnerMethod>(call: OwnerCall<M>): Promise<ReturnType<OwnerCalls[M]>>;
  /** Everything learned so far is in IndexedDB when this resolves. */
  flush(): Promise<void>;
  close(): void;
}

/** The owner's settings: the page's, with the privacy options checked (createProfileService). */
export type OwnerConfig = Omit<ServiceConfig, 'privacy'> & { privacy: ResolvedPrivacy };

/** Why a browser driven by automation sends nothing (`profile().privacy.blockedReason`, `sync()`). */
export const AUTOMATED_REASON =
  "this browser is driven by automation (navigator.webdriver): it learns on the device but never reports; automation: 'person' lets a test browser report";

/** Tabs remembered for de-duplication; older senders are long gone. */
const MAX_TABS_REMEMBERED = 256;

/** How the owner answers each call; `read` looks the method up here. */
type Handlers = { [M in OwnerMethod]: (...args: Parameters<OwnerCalls[M]>) => Promise<ReturnType<OwnerCalls[M]>> };

/**
 * Becomes the owner: opens the stored profile (or memory when storage is unavailable), restores
 * the engine, and runs learning and reads on its `profile` lane (core/createLane.ts) so events and
 * reads apply in arrival order.
 * @param config - storage name, model and privacy options from the page.
 * @param openStore - opens IndexedDB or falls back to memory.
 * @param onError - storage problems (corrupt profile, quota, …) for the page's `on('error')`.
 * @param onSync - each report attempt of the sync client (only the owner tab reports).
 */
export async function createOwner(
  config: OwnerConfig,
  openStore: () => Promise<{ store: PersistentStore; storage: StorageKind }>,
  onError: (error: Error) => void,
  onSync: (result: SyncResult) => void = () => {},
): Promise<Owner> {
  const opened = await openStore();
  let store: PersistentStore = opened.store;
  let applied: Record<string, number> = {};
  let engine = await createEngine({ ...config.model, store: withApplied(store), onError });
  const lane = createLane();
  let sync: Promise<SyncClient | null> = startSync();
  // Batches an earlier page journaled and went away before they were written with the profile:
  // learned now, once (what `applied` says was learned is skipped).
  for (const record of await store.readJournal().catch(() => [])) void learn(record.events, record.from, record.first);

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

  // `sync` and `profile` wait for the sync client *outside* the lane: it reads the engine through the
  // lane while it starts (the lane rule).
  const handlers: Handlers = {
    rank: (items) => lane.run(() => engine.rank(items)),
    recommend: (items, k) => lane.run(() => engine.recommend(items, k)),
    explain: (item) => lane.run(() => engine.explain(item)),
    profile: async () => {
      const [learned, client] = await Promise.all([lane.run(() => engine.profile()), sync]);
      const reporting = client?.status() ?? { privacy: idlePrivacy(), lastSyncAt: null };
      return buildProfileSummary(learned, reporting, learned.storage);
    },
    forget: (options) =>
      lane.run(async () => {
        await forgetNow(options?.everything === true);
        return null;
      }),
    sync: async () =>
      (await sync)?.syncNow() ?? { sent: false, reason: config.automated ? AUTOMATED_REASON : 'no endpoint, or no IndexedDB' },
  };

  return {
    storage: opened.storage,
    ingest(events, from, first) {
      store.journal({ from, first, events }); // at once, before the lane: the page may go away now
      return learn(events, from, first);
    },
    applied: (tab) => applied[tab] ?? 0,
    read<M extends OwnerMethod>(call: OwnerCall<M>) {
      const handler: (...args: Parameters<OwnerCalls[M]>) => Promise<ReturnType<OwnerCalls[M]>> = handlers[call.method];
      return handler(...call.args);
    },
    flush: () => lane.run(() => store.flush()),
    close() {
      void sync.then((client) => client?.close());
      store.close();
    },
  };

  /** Learns a numbered batch in turn, skipping what the profile has already learned from `from`. */
  function learn(events: TrackEvent[], from: string, first: number): Promise<void> {
    return lane.run(async () => {
      const seen = applied[from] ?? 0;
      const fresh = events.slice(Math.max(0, seen - first + 1));
      if (fresh.length === 0) return;
      delete applied[from]; // re-insert last: the table keeps the most recent senders
      applied[from] = first + events.length - 1;
      const senders = Object.keys(applied);
      if (senders.length > MAX_TABS_REMEMBERED) delete applied[senders[0] as string];
      // Checked where they entered (the page); the engine does not check them again.
      const { rejected } = await engine.ingest(fresh, { validated: true });
      for (const r of rejected) onError(Object.assign(new Error(`event rejected: ${r.reason}`), { name: 'InvalidEventError' }));
    });
  }

  /**
   * Starts the sync client when an endpoint is configured and the profile is in IndexedDB: a ledger
   * that a reload forgets could not hold the yearly budget, so a memory profile never reports.
   */
  /** The privacy status of a profile without a sync client: nothing spent, and why nothing is sent. */
  function idlePrivacy() {
    const status = unspentPrivacy(config.privacy);
    return config.automated ? { ...status, blockedReason: AUTOMATED_REASON } : status;
  }

  async function startSync(): Promise<SyncClient | null> {
    const options = config.sync;
    // A test robot never speaks for people: it reports nothing and counts toward no round.
    if (!options || opened.storage !== 'indexeddb' || config.automated) return null;
    try {
      return await (await loadSyncModule(options.moduleUrl)).startSync({
        config: options,
        privacy: config.privacy,
        storageName: config.storageName,
        withEngine: (task) => lane.run(() => task(engine)),
        notify: onSync,
        onError,
      });
    } catch (error) {
      onError(error as Error);
      return null;
    }
  }

  /**
   * Erases the profile. The sync client stops first (not awaited: a client still starting waits for
   * this lane), so no write of its lands after the erase. By default the store is cleared but the
   * privacy ledger kept (it holds dates and ε, no behaviour: erasing it would reset the yearly
   * budget), and sync starts again over it. With `everything` the database is deleted, ledger and
   * all; sync starts again on the next page load.
   */
  async function forgetNow(everything: boolean): Promise<void> {
    void sync.then((client) => client?.close());
    sync = Promise.resolve(null);
    await engine.reset(); // clears the profile stores and pending reports; the ledger stays
    applied = {};
    if (!everything) {
      sync = startSync(); // not awaited: it reads the engine through this lane
      return;
    }
    await store.destroy();
    // A new database is created only when there is something to keep again.
    store = createDeferredStore(async () => (await openStore()).store, opened.storage);
    engine = await createEngine({ ...config.model, store: withApplied(store), onError });
  }
}
