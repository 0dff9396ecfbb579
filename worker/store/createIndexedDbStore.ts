import type { IDBPDatabase } from 'idb';
import { createLane } from '../../core/createLane';
import type { ProfileSnapshot } from '../../core/engine/Store';
import { clearProfileStores } from './clearProfileStores';
import type { PersistentStore } from './createDeferredStore';
import { deleteProfileDb } from './deleteProfileDb';
import { openProfileDb } from './openProfileDb';
import { CHUNK_SIZE, PROFILE_STORES, type ProfileDb } from './profileDbSchema';
import { readProfileRecords } from './readProfileRecords';
import { snapshotFromRecords } from './snapshotFromRecords';
import { storeError } from './storeError';
import { writeFailure } from './writeFailure';
import { type ProfileShadow, writeProfile } from './writeProfile';

/** Options of {@link createIndexedDbStore}. */
export interface IndexedDbStoreOptions {
  /** Database name. @default 'tastebud' */
  name?: string;
  /** How long a save waits, so that a burst of events costs one write. @default 500 */
  writeDelayMs?: number;
  /** Told about storage problems (corrupt profile, full disk, lost connection); the store keeps working. @default a `[tastebud]` console warning */
  onError?: (error: Error) => void;
  /** The IndexedDB to use. @default globalThis.indexedDB */
  indexedDB?: IDBFactory;
}

/** The profile in IndexedDB: batched, diffed, atomic writes. */
export interface IndexedDbStore extends PersistentStore {
  readonly kind: 'indexeddb';
  /** Writes now (browser-default durability), also while a retry waits; rejects if the write fails, keeping the changes for the retry. */
  flush(): Promise<void>;
  /** Stops writing and closes the connection; changes not yet flushed are dropped. */
  close(): void;
  /** Closes, then deletes the database; resolves once it is gone. Later saves are ignored. */
  destroy(): Promise<void>;
}

/** Retries after a failed write wait this long, doubling up to {@link RETRY_MAX_MS}. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * Opens (creating or upgrading) the profile database and returns a store over it. `save` only
 * marks the profile dirty; one write per `writeDelayMs` copies what changed. A failed write keeps
 * the profile dirty and retries with backoff while learning continues in memory.
 * `load` never throws for bad data (it reports a `CorruptProfileError`, clears, and returns `null`);
 * it rejects only when IndexedDB itself fails.
 * @param options - name, write delay, error callback, IndexedDB factory.
 * @returns the store, once the database is open; rejects when IndexedDB is missing or refuses.
 */
export async function createIndexedDbStore(options: IndexedDbStoreOptions = {}): Promise<IndexedDbStore> {
  // One long function: connection, timer, retries and shadow are one state machine whose
  // invariants (one operation at a time, shadow = database) are easier to check in one place.
  const { name = 'tastebud', writeDelayMs = 500, onError = warn } = options;
  if (!(writeDelayMs >= 0 && Number.isFinite(writeDelayMs))) {
    throw new RangeError(`writeDelayMs must be a finite number >= 0, got ${String(writeDelayMs)}`);
  }
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory || typeof IDBRequest === 'undefined') throw storeError('NotSupportedError', 'IndexedDB is not available');

  let connection: Promise<IDBPDatabase<ProfileDb>> | null = null;
  let generation = 0; // bumped when the connection is lost: the database may have changed behind us
  let shadow: ProfileShadow | null = null; // what the database holds, or null: write everything
  let latest: ProfileSnapshot | null = null;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0; // consecutive failed writes: one report per episode, and the backoff
  let closed = false;
  const lane = createLane(); // the `write` lane (core/createLane.ts): the lowest, it awaits no other
  const journaled = new Map<string, number>(); // sender → last event number journaled and not yet covered

  function connect(): Promise<IDBPDatabase<ProfileDb>> {
    if (closed) return Promise.reject(storeError('InvalidStateError', 'the profile store is closed'));
    if (connection) return connection;
    const opening = openProfileDb({
      factory,
      name,
      onError,
      onClose(reason) {
        if (connection === opening) connection = null; // reopened lazily by the next operation
        generation++;
        shadow = null;
        if (reason === 'terminated')
          onError(storeError('TerminatedError', 'the browser closed the profile database; it is reopened on the next write'));
      },
    });
    connection = opening;
    opening.catch(() => {
      if (connection === opening) connection = null; // so the next attempt opens again
    });
    return opening;
  }

  function schedule(ms: number): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      persist('default').catch(() => {}); // reported inside; retried by the backoff
    }, ms);
  }

  function cancelTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function close(): void {
    closed = true;
    cancelTimer();
    connection?.then((db) => db.close()).catch(() => {});
    connection = null;
  }

  /** Writes the latest snapshot if it is dirty; on failure keeps it dirty and schedules a retry. */
  function persist(durability: IDBTransactionDurability): Promise<void> {
    return lane.run(async () => {
      if (!dirty || !latest) return;
      const snapshot = latest;
      dirty = false; // a save() during the write marks it dirty again
      try {
        const db = await connect();
        const seen = generation;
        const covered = [...journaled].flatMap(([from]) => {
          const upTo = snapshot.applied?.[from];
          return upTo === undefined ? [] : [[from, upTo] as const];
        });
        const next = await writeProfile(db, snapshot, shadow, durability, covered);
        for (const [from, upTo] of covered) if ((journaled.get(from) ?? 0) <= upTo) journaled.delete(from);
        shadow = seen === generation ? next : null;
        failures = 0;
      } catch (cause) {
        dirty = true;
        failures++;
        const delay = Math.min(RETRY_FIRST_MS * 2 ** (failures - 1), RETRY_MAX_MS);
        const error = writeFailure(cause, delay);
        if (failures === 1) onError(error);
        if (!closed) schedule(delay);
        throw error;
      }
    });
  }

  await connect(); // fail here, not on the first write, so that the caller can fall back to memory

  return {
    kind: 'indexeddb',
    load() {
      return lane.run(async () => {
        const db = await connect();
        const seen = generation;
        const records = await readProfileRecords(db);
        let stored: ReturnType<typeof snapshotFromRecords>;
        try {
          stored = snapshotFromRecords(records);
        } catch (corrupt) {
          onError(corrupt as Error);
          shadow = null;
          await clearProfileStores(db, PROFILE_STORES).catch(onError); // the next write replaces everything anyway
          return null;
        }
        // Diff against what is stored only when it is laid out as this code writes it.
        if (seen === generation && stored?.chunkSize === CHUNK_SIZE) {
          const { weights, names, global } = stored.snapshot;
          shadow = {
            weights: weights.slice(),
            names: new Map(names),
            global: global && { ...global, weights: global.weights.slice() },
          };
        }
        return stored?.snapshot ?? null;
      });
    },
    journal(record) {
      if (closed) return;
      journaled.set(record.from, record.first + record.events.length - 1);
      // Issued in the same task as the message that brought the batch (the connection is open): the
      // page may be gone a few milliseconds later. Relaxed durability: a crash of the whole OS may lose
      // it, a page going away may not.
      connect()
        .then((db) => {
          const tx = db.transaction('journal', 'readwrite', { durability: 'relaxed' });
          void tx.store.put(record);
          tx.commit();
          return tx.done;
        })
        .catch((error: Error) =>
          onError(storeError(error.name, `journaling a batch failed (it is still learned): ${String(error)}`, error)),
        );
    },
    readJournal() {
      return lane.run(async () => {
        const records = await (await connect()).getAll('journal');
        for (const r of records) journaled.set(r.from, Math.max(journaled.get(r.from) ?? 0, r.first + r.events.length - 1));
        // Keyed by sender: put back in the order the events happened.
        return records.sort((a, b) => (a.events[0]?.ts ?? 0) - (b.events[0]?.ts ?? 0));
      });
    },
    async save(snapshot) {
      if (closed) return;
      latest = snapshot;
      dirty = true;
      if (timer === null) schedule(writeDelayMs); // a pending write or retry will take this snapshot too
    },
    async flush() {
      if (closed && dirty)
        throw storeError('InvalidStateError', 'the profile store was closed before its last changes were written');
      cancelTimer();
      // The browser's default durability: a committed write survives a crash of the tab or the browser;
      // only an OS crash before the OS writes its cache back could lose it, and waiting for an fsync
      // on every flush() tripled its latency (docs/storage.md).
      await persist('default');
    },
    clear() {
      cancelTimer();
      dirty = false;
      latest = null;
      failures = 0;
      return lane.run(async () => {
        // The ledger stays: what left the device was spent from the privacy budget, reset or not.
        await clearProfileStores(await connect(), [...PROFILE_STORES, 'pending']);
        shadow = null;
      });
    },
    close,
    async destroy() {
      close();
      dirty = false;
      latest = null;
      shadow = null;
      await lane.idle(); // a write in flight finishes first; the delete then waits for the close
      await deleteProfileDb(factory, name, onError);
    },
  };
}

function warn(error: Error): void {
  console.warn(`[tastebud] ${error.name}: ${error.message}`);
}
