import type { IDBPDatabase, StoreNames } from 'idb';
import type { ProfileDb } from './profileDbSchema';

/**
 * Empties the given stores in one readwrite transaction: all of them or none.
 * @param db - the open profile database.
 * @param stores - which stores to empty.
 */
export async function clearProfileStores(
  db: IDBPDatabase<ProfileDb>,
  stores: ReadonlyArray<StoreNames<ProfileDb>>,
): Promise<void> {
  const tx = db.transaction(stores, 'readwrite');
  await Promise.all([...stores.map((store) => tx.objectStore(store).clear()), tx.done]);
}
