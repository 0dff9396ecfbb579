import type { IDBPDatabase } from 'idb';
import type { ProfileDb } from './profileDbSchema';

/** The profile's records exactly as IndexedDB returned them: not yet trusted. */
export interface ProfileRecords {
  meta: unknown;
  global: unknown;
  /** Keys of the `weights` store, ascending; `chunks[i]` is the value at `chunkKeys[i]`. */
  chunkKeys: unknown[];
  chunks: unknown[];
  /** Keys of the `names` store, ascending; `names[i]` is the value at `nameKeys[i]`. */
  nameKeys: unknown[];
  names: unknown[];
}

/**
 * Reads every profile record in one readonly transaction, so they belong to one write.
 * @param db - the open profile database.
 * @returns the raw records, for `snapshotFromRecords` to check.
 */
export async function readProfileRecords(db: IDBPDatabase<ProfileDb>): Promise<ProfileRecords> {
  const tx = db.transaction(['meta', 'weights', 'names'], 'readonly');
  const meta = tx.objectStore('meta');
  const weights = tx.objectStore('weights');
  const names = tx.objectStore('names');
  const [profile, global, chunkKeys, chunks, nameKeys, nameValues] = await Promise.all([
    meta.get('profile'),
    meta.get('global'),
    weights.getAllKeys(),
    weights.getAll(),
    names.getAllKeys(),
    names.getAll(),
    tx.done,
  ]);
  return { meta: profile, global, chunkKeys, chunks, nameKeys, names: nameValues };
}
