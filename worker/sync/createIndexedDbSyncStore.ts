import type { IDBPDatabase } from 'idb';
import { openProfileDb } from '../store/openProfileDb';
import type { ProfileDb } from '../store/profileDbSchema';
import { storeError } from '../store/storeError';
import type { SyncSchedule, SyncStore } from './types';

/**
 * Sync's state in the profile's database (stores `meta` key `'sync'`, `ledger`, `pending`), over a
 * connection of its own. A report is committed with `durability: 'strict'`: it is on disk before it
 * is sent, so a crash can neither lose it nor make the next page build a second one.
 * @param factory - the IndexedDB.
 * @param name - the profile database's name.
 * @param onError - told when the connection is closed under it.
 * @returns the store (the connection opens on first use).
 */
export function createIndexedDbSyncStore(factory: IDBFactory, name: string, onError: (error: Error) => void): SyncStore {
  let connection: Promise<IDBPDatabase<ProfileDb>> | null = null;
  let closed = false;

  function db(): Promise<IDBPDatabase<ProfileDb>> {
    // Closed by us, or by a delete (forget) from elsewhere: reopening would re-create the database.
    if (closed) return Promise.reject(storeError('InvalidStateError', 'the sync store is closed'));
    connection ??= openProfileDb({
      factory,
      name,
      onError,
      onClose() {
        closed = true;
        connection = null;
      },
    });
    return connection;
  }

  async function writeSchedule(schedule: SyncSchedule, removePending?: string): Promise<void> {
    const tx = (await db()).transaction(['meta', 'pending'], 'readwrite', { durability: 'strict' });
    await Promise.all([
      tx.objectStore('meta').put(schedule, 'sync'),
      removePending === undefined ? null : tx.objectStore('pending').delete(removePending),
      tx.done,
    ]);
  }

  return {
    async load() {
      const tx = (await db()).transaction(['meta', 'ledger', 'pending'], 'readonly');
      const [schedule, ledger, pending] = await Promise.all([
        tx.objectStore('meta').get('sync'),
        tx.objectStore('ledger').getAll(),
        tx.objectStore('pending').getAll(),
        tx.done,
      ]);
      // Checked by the client (repairSyncState), which reports and repairs what it cannot read.
      return { schedule: (schedule as SyncSchedule | undefined) ?? null, ledger, pending: pending[0] ?? null };
    },
    async commitReport(pending, entry, schedule) {
      const tx = (await db()).transaction(['meta', 'ledger', 'pending'], 'readwrite', { durability: 'strict' });
      await Promise.all([
        tx.objectStore('meta').put(schedule, 'sync'),
        tx.objectStore('ledger').add(entry),
        tx.objectStore('pending').put(pending),
        tx.done,
      ]);
    },
    delivered: (id, schedule) => writeSchedule(schedule, id),
    saveSchedule: (schedule) => writeSchedule(schedule),
    async replace(state) {
      const tx = (await db()).transaction(['meta', 'ledger', 'pending'], 'readwrite', { durability: 'strict' });
      const ledger = tx.objectStore('ledger');
      const pending = tx.objectStore('pending');
      await Promise.all([
        state.schedule ? tx.objectStore('meta').put(state.schedule, 'sync') : tx.objectStore('meta').delete('sync'),
        ledger.clear().then(() => Promise.all(state.ledger.map((line) => ledger.add(line)))),
        pending.clear().then(() => state.pending && pending.put(state.pending)),
        tx.done,
      ]);
    },
    close() {
      closed = true;
      connection?.then((c) => c.close()).catch(() => {});
      connection = null;
    },
  };
}
