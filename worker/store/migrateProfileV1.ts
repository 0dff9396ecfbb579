import { CORRUPT_PROFILE } from '../engine/restoreSnapshot';
import { CHUNK_SIZE, type ProfileRecordV1 } from './profileDbSchema';
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
    const record: unknown = request.result;
    if (record !== undefined) {
      const problem = v1Problem(record);
      if (problem) onError(storeError(CORRUPT_PROFILE, `v1 profile record dropped while upgrading: ${problem}`));
      else putV2Records(tx, record as ProfileRecordV1);
    }
    db.deleteObjectStore('profile');
  };
}

function putV2Records(tx: IDBTransaction, v1: ProfileRecordV1): void {
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

/** Only what the conversion itself needs; `load()` validates every value of the result. */
function v1Problem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return 'not an object';
  const v1 = record as Partial<Record<keyof ProfileRecordV1, unknown>>;
  if (!(v1.weights instanceof Float32Array)) return 'weights is not a Float32Array';
  if (!(v1.names instanceof Map)) return 'names is not a Map';
  for (const [index, name] of v1.names) {
    if (!Number.isInteger(index) || typeof name !== 'string') return `names entry ${String(index)} is not index → string`;
  }
  if (v1.global !== null) {
    const global = v1.global as Partial<Record<'version' | 'weights', unknown>> | undefined;
    if (typeof global !== 'object' || !(global.weights instanceof Float32Array)) return 'global is not null or a model';
  }
  return null;
}
