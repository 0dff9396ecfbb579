import type { ProfileSnapshot, Store } from '../../core/engine/Store';
import type { JournalRecord } from './profileDbSchema';

/** A store that also writes on demand and can delete itself: IndexedDB, or its memory stand-in. */
export interface PersistentStore extends Store {
  /** Resolves when everything saved so far is durably written. */
  flush(): Promise<void>;
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
  /**
   * Writes a received batch at once, before it is learned, so that a page going away right after
   * cannot lose it; the profile write that covers it deletes it. Not awaited: nothing waits for it.
   */
  journal(record: JournalRecord): void;
  /** The batches journaled and not yet covered by a profile write (a page went away first), oldest first. */
  readJournal(): Promise<JournalRecord[]>;
  close(): void;
}

/**
 * A store that opens its database only when there is something to keep. After `forget()` the
 * profile is empty and the database deleted; it must stay deleted until the shopper acts again.
 * @param open - opens the real store on the first save.
 * @param kind - what the real store will be.
 */
export function createDeferredStore(open: () => Promise<PersistentStore>, kind: Store['kind']): PersistentStore {
  let real: Promise<PersistentStore> | null = null;
  const ensure = () => {
    real ??= open();
    return real;
  };
  return {
    kind,
    async load() {
      return null;
    },
    async save(snapshot: ProfileSnapshot) {
      await (await ensure()).save(snapshot);
    },
    async clear() {
      if (real) await (await real).clear();
    },
    async flush() {
      if (real) await (await real).flush();
    },
    journal(record) {
      ensure()
        .then((store) => store.journal(record))
        .catch(() => {}); // opening failures are reported by the save that follows
    },
    async readJournal() {
      return [];
    },
    async destroy() {
      if (real) await (await real).destroy();
      real = null;
    },
    close() {
      real?.then((store) => store.close()).catch(() => {});
    },
  };
}
