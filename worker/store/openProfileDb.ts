import { type IDBPDatabase, wrap } from 'idb';
import { migrateProfileV1 } from './migrateProfileV1';
import { DB_VERSION, type ProfileDb } from './profileDbSchema';
import { storeError } from './storeError';

/** Options of {@link openProfileDb}. */
export interface OpenProfileDbOptions {
  /** The IndexedDB to open it in. */
  factory: IDBFactory;
  /** Database name. */
  name: string;
  /**
   * The connection ended without our `close()`: `'blocking'` when another connection wanted to
   * upgrade or delete the database (this one is already closed so that it can), `'terminated'`
   * when the browser closed it (storage cleared, disk error).
   */
  onClose: (reason: 'blocking' | 'terminated') => void;
  /** Told about a dropped v1 record and about an open that waits for other tabs. */
  onError: (error: Error) => void;
}

/**
 * Opens the profile database at {@link DB_VERSION}, creating or upgrading its schema.
 * `idb`'s `openDB` always uses the global `indexedDB`; this takes the factory as a parameter
 * (tests, and hosts that hand one in) and wraps the same events.
 * @param options - factory, name and connection callbacks.
 * @returns the open connection; rejects when IndexedDB refuses (private mode, disabled storage).
 */
export function openProfileDb(options: OpenProfileDbOptions): Promise<IDBPDatabase<ProfileDb>> {
  const { factory, name, onClose, onError } = options;
  return new Promise((resolve, reject) => {
    const request = factory.open(name, DB_VERSION);
    request.onupgradeneeded = (event) => {
      upgradeProfileDb(request.result, event.oldVersion, request.transaction as IDBTransaction, onError);
    };
    request.onblocked = (event) => {
      const message = `upgrading the profile database waits for another tab to close its v${event.oldVersion} connection`;
      onError(storeError('BlockedError', message));
    };
    request.onerror = () => reject(request.error ?? storeError('UnknownError', 'opening the profile database failed'));
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close(); // otherwise the other connection's upgrade or delete waits for this page to go
        onClose('blocking');
      };
      db.onclose = () => onClose('terminated');
      resolve(wrap(db) as unknown as IDBPDatabase<ProfileDb>);
    };
  });
}

/**
 * Brings the schema from `oldVersion` to {@link DB_VERSION}. Each case leaves the database at the
 * next version; add one case per future version.
 */
function upgradeProfileDb(db: IDBDatabase, oldVersion: number, tx: IDBTransaction, onError: (error: Error) => void): void {
  const typed = wrap(db) as unknown as IDBPDatabase<ProfileDb>;
  if (oldVersion < 2) createV2Stores(typed);
  if (oldVersion < 3) typed.createObjectStore('journal', { keyPath: ['from', 'first'] });
  if (oldVersion === 1) migrateProfileV1(db, tx, onError);
}

function createV2Stores(db: IDBPDatabase<ProfileDb>): void {
  db.createObjectStore('meta');
  db.createObjectStore('weights');
  db.createObjectStore('names');
  db.createObjectStore('ledger', { autoIncrement: true });
  db.createObjectStore('pending', { keyPath: 'id' });
}
