import type { ProfileSnapshot, Store } from './Store';

/**
 * A store that keeps the profile in memory only: for Node, tests, and browsers without storage.
 * @returns a {@link Store} of kind `'memory'`.
 */
export function createMemoryStore(): Store {
  let saved: ProfileSnapshot | null = null;
  return {
    kind: 'memory',
    async load() {
      return saved;
    },
    async save(snapshot) {
      saved = snapshot;
    },
    async clear() {
      saved = null;
    },
  };
}
