import { createMemoryStore } from '../../core/engine/createMemoryStore';
import type { PersistentStore } from './createDeferredStore';
import { createIndexedDbStore, type IndexedDbStoreOptions } from './createIndexedDbStore';

/** What {@link openProfileStore} opened. */
export interface OpenedProfileStore {
  store: PersistentStore;
  /** Where the profile lives: `'memory'` when IndexedDB is missing or refused (private mode, disabled storage). */
  storage: 'indexeddb' | 'memory';
}

/**
 * Opens the profile in IndexedDB, or falls back to memory (for this page only) with one
 * `[tastebud]` warning when IndexedDB is missing or refuses to open. Rejects only for a bad option.
 * @param options - as for `createIndexedDbStore`.
 * @returns the store and where it keeps the profile.
 */
export async function openProfileStore(options: IndexedDbStoreOptions = {}): Promise<OpenedProfileStore> {
  try {
    return { store: await createIndexedDbStore(options), storage: 'indexeddb' };
  } catch (error) {
    if (error instanceof RangeError) throw error; // a bad option is the caller's bug, not the browser's
    const reason = error instanceof Error || error instanceof DOMException ? `${error.name}: ${error.message}` : String(error);
    console.warn(`[tastebud] IndexedDB unavailable (${reason}); the profile lives in memory for this page only`);
    return { store: memoryStore(), storage: 'memory' };
  }
}

function memoryStore(): PersistentStore {
  const inner = createMemoryStore();
  return {
    kind: inner.kind,
    load: () => inner.load(),
    save: (snapshot) => inner.save(snapshot),
    clear: () => inner.clear(),
    async flush() {}, // nothing to make durable
    async destroy() {
      await inner.clear();
    },
    journal() {}, // a memory profile goes with its page anyway
    readJournal: async () => [],
    close() {},
  };
}
