import type { ProfileSnapshot } from '../../core/engine/Store';
import { CHUNK_SIZE, type ProfileMetaRecord } from './profileDbSchema';

/**
 * The `meta` store's `'profile'` record for a snapshot: everything but the arrays.
 * @param snapshot - the profile (its `applied` table is copied, not referenced).
 * @returns the record to put under `'profile'`.
 */
export function profileMetaRecord(snapshot: Omit<ProfileSnapshot, 'weights' | 'names' | 'global'>): ProfileMetaRecord {
  const record: ProfileMetaRecord = {
    format: snapshot.format,
    algorithm: snapshot.algorithm,
    sharedDimensions: snapshot.sharedDimensions,
    dimensions: snapshot.dimensions,
    scale: snapshot.scale,
    events: snapshot.events,
    updatedAt: snapshot.updatedAt,
    chunkSize: CHUNK_SIZE,
  };
  if (snapshot.applied) record.applied = { ...snapshot.applied };
  return record;
}
