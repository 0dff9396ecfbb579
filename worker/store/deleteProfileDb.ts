import { storeError } from './storeError';

/**
 * Deletes the profile database.
 * @param factory - the IndexedDB it lives in.
 * @param name - database name.
 * @param onError - told when the delete waits for another tab's connection.
 * @returns resolves once the database is gone.
 */
export function deleteProfileDb(factory: IDBFactory, name: string, onError: (error: Error) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? storeError('UnknownError', 'deleting the profile database failed'));
    request.onblocked = () => {
      onError(storeError('BlockedError', 'deleting the profile database waits for another tab to close it'));
    };
  });
}
