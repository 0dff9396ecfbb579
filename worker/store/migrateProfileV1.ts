import { CORRUPT_PROFILE } from '../../core/engine/restoreSnapshot';
import { CHUNK_SIZE, PROFILE_STORES, type ProfileRecordV1 } from './profileDbSchema';
import { profileMetaRecord } from './profileMetaRecord';
import { storeError } from './storeError';

/**
 * Moves the v1 record (the whole snapshot under `profile/'current'`) into the v2 stores and deletes
 * the v1 store, inside the upgrade transaction: the upgrade commits both or neither.
 * Raw requests, not idb promises: the old store may only be deleted while the versionchange
 * transaction is active, which an event callback guarantees and a promise continuation does not
 * in every implementation.
 * @param db - the connection being upgraded (the v2 stores already exist).
 * @param tx - the versionchange transaction.
 * @param onError - told (with a `CorruptProfileError`) when the v1 record is unusable and dropped.
 */
export function migrateProfileV1(db: IDBDatabase, tx: IDBTransaction, onError: (error: Error) => void): void {
  const request = tx.objectStore('profile').get('current');
  request.onsuccess = () => {
    const record = request.result as ProfileRecordV1 | undefined;
    if (record !== undefined) {
      try {
        putV2Records(tx, record);
      } catch (problem) {
        // An unusable record is dropped, not half moved; the v2 load would reject a half anyway.
        for (const store of PROFILE_STORES) tx.objectStore(store).clear();
        onError(storeError(CORRUPT_PROFILE, `v1 profile record dropped while upgrading: ${(problem as Error).message}`));
      }
    }
    db.deleteObjectStore('profile');
  };
}

/** Writes a v1 record as v2 records; throws (a TypeError, or IndexedDB's DataError) for a malformed one. */
function putV2Records(tx: IDBTransaction, v1: ProfileRecordV1): void {
  if (!(v1.weights instanceof Float32Array && v1.names instanceof Map))
    throw new TypeError('weights or names has the wrong type');
  const meta = tx.objectStore('meta');
  meta.put(profileMetaRecord(v1), 'profile');
  if (v1.global) meta.put({ version: v1.global.version, weights: v1.global.weights }, 'global');
  const weights = tx.objectStore('weights');
  for (let chunk = 0; chunk * CHUNK_SIZE < v1.weights.length; chunk++) {
    weights.put(v1.weights.slice(chunk * CHUNK_SIZE, (chunk + 1) * CHUNK_SIZE), chunk);
  }
  const names = tx.objectStore('names');
  for (const [index, name] of v1.names) names.put(name, index);
}
