import { createIndexedDbSyncStore } from './createIndexedDbSyncStore';
import { createSyncClient, type SyncClient, type SyncDeps } from './createSyncClient';

/** What the owner tab's worker hands the sync chunk: its settings and access to its profile. */
export type SyncHost = Omit<SyncDeps, 'store'> & { storageName: string };

/**
 * The chunk's entry point: a sync client whose state lives in the profile's IndexedDB database.
 * @param host - settings and profile access from the owner (worker/createOwner.ts).
 * @returns the running client.
 */
export function startSync(host: SyncHost): Promise<SyncClient> {
  const { storageName, ...deps } = host;
  return createSyncClient({ ...deps, store: createIndexedDbSyncStore(indexedDB, storageName, host.onError) });
}
