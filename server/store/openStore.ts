import { createPostgresStore } from './createPostgresStore';
import { createSqliteStore } from './createSqliteStore';
import type { Store } from './Store';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  dimensions: number;
  now: () => number;
  onError?: (error: Error) => void;
}

/**
 * Opens the store named by a `--store` value.
 * @param spec - `sqlite:PATH` (embedded, one process) or `postgres://…[?schema=name]` (several instances).
 * @param options - dimensions, clock, error sink.
 * @returns the store.
 */
export async function openStore(spec: string, options: OpenStoreOptions): Promise<Store> {
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (path === '') throw new RangeError('store: sqlite: needs a path, e.g. sqlite:./data/tastebud.db');
    return createSqliteStore(path, options);
  }
  if (spec.startsWith('postgres://') || spec.startsWith('postgresql://')) return createPostgresStore(spec, options);
  throw new RangeError(`store: expected sqlite:PATH or postgres://…, got "${spec}"`);
}
