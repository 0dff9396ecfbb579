import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { type IDBPDatabase, openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHUNK_SIZE, type ProfileDb, type ProfileMetaRecord } from '../../../worker/store/profileDbSchema';
import { learnedEngine, observable, restoredEngine, shopEvents } from './learnedEngine';
import { closeTestStores, openTestStore, uniqueName } from './openTestStore';

afterEach(() => {
  closeTestStores();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Opens the database as another tab would, to look at or damage its records. */
async function withDb<T>(name: string, use: (db: IDBPDatabase<ProfileDb>) => Promise<T>): Promise<T> {
  const db = await openDB<ProfileDb>(name);
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

async function recordCounts(name: string) {
  return withDb(name, async (db) => ({
    meta: await db.count('meta'),
    weights: await db.count('weights'),
    names: await db.count('names'),
  }));
}

/**
 * Makes every readwrite transaction fail as a full disk does: at commit, or when a put after the
 * first one throws (the first has then been queued, and must not commit on its own).
 */
function failWritesWithQuota(how: 'at commit' | 'on put') {
  const realPut = IDBObjectStore.prototype.put;
  const failing = new WeakSet<IDBTransaction>();
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const tx = this.transaction;
    if (how === 'on put' && failing.has(tx)) throw quota;
    const request = realPut.apply(this, args);
    if (!failing.has(tx)) {
      failing.add(tx);
      if (how === 'on put') return request;
      queueMicrotask(() => {
        tx.abort(); // after the whole transaction was filled, like a commit that does not fit
        Object.defineProperty(tx, 'error', { value: quota });
      });
    }
    return request;
  });
}

const damages: Array<[string, (db: IDBPDatabase<ProfileDb>) => Promise<unknown>, RegExp]> = [
  ['a string in a weights chunk', (db) => db.put('weights', 'oops' as unknown as Float32Array, 3), /weights chunk 3 /],
  ['a weights chunk of the wrong length', (db) => db.put('weights', new Float32Array(10), 5), /weights chunk 5 /],
  [
    'NaN in a weights chunk',
    (db) => db.put('weights', new Float32Array(CHUNK_SIZE).fill(Number.NaN), 0),
    /weights chunk 0 is not 512 finite floats/,
  ],
  [
    'a missing weights chunk',
    (db) => db.delete('weights', 7),
    new RegExp(
      `weights store has ${2 ** 14 / CHUNK_SIZE + 2 ** 16 / CHUNK_SIZE - 1} chunks, expected ${2 ** 14 / CHUNK_SIZE + 2 ** 16 / CHUNK_SIZE}`,
    ),
  ],
  [
    'a NaN scale',
    async (db) => db.put('meta', { ...((await db.get('meta', 'profile')) as ProfileMetaRecord), scale: Number.NaN }, 'profile'),
    /'profile' record: scale/,
  ],
  ['a missing meta record', (db) => db.delete('meta', 'profile'), /meta 'profile' record is missing/],
  ['a name that is not a string', (db) => db.put('names', 42 as unknown as string, 11), /names record 11 is not a string/],
  [
    'a broken global model',
    (db) => db.put('meta', { version: 1, weights: new Float32Array(3) }, 'global'),
    /'global' record is not/,
  ],
];

describe('createIndexedDbStore when things go wrong', () => {
  it.each(damages)('reports %s as a CorruptProfileError, clears the profile and starts fresh', async (_, damage, message) => {
    const name = uniqueName('corrupt');
    const first = await openTestStore({ name });
    await learnedEngine(first);
    await first.flush();
    first.close();
    await withDb(name, damage);

    const onError = vi.fn();
    const store = await openTestStore({ name, onError });
    const engine = await restoredEngine(store);
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ name: 'CorruptProfileError', message: expect.stringMatching(message) });
    expect(engine.profile().events).toBe(0);
    expect(await recordCounts(name)).toEqual({ meta: 0, weights: 0, names: 0 });

    await engine.ingest(shopEvents(30, 4));
    await store.flush();
    expect(observable(await restoredEngine(await openTestStore({ name })))).toEqual(observable(engine));
  });

  it.each(['at commit', 'on put'] as const)(
    'keeps the profile in memory when the disk is full (%s) and saves it all later',
    async (how) => {
      const name = uniqueName('quota');
      const onError = vi.fn();
      const store = await openTestStore({ name, onError });
      const engine = await learnedEngine(store);
      await store.flush();
      const written = observable(engine);

      const quota = failWritesWithQuota(how);
      await engine.ingest(shopEvents(60, 3));
      await expect(store.flush()).rejects.toMatchObject({ name: 'QuotaExceededError' });
      await engine.ingest(shopEvents(70, 3)); // learning goes on
      await expect(store.flush()).rejects.toMatchObject({ name: 'QuotaExceededError' });
      expect(onError).toHaveBeenCalledOnce(); // once per episode
      expect(onError.mock.calls[0]?.[0]).toMatchObject({ name: 'QuotaExceededError' });
      expect(observable(await restoredEngine(await openTestStore({ name })))).toEqual(written); // the last good write, whole

      quota.mockRestore();
      await store.flush();
      expect(observable(await restoredEngine(await openTestStore({ name })))).toEqual(observable(engine));
    },
  );

  it('retries a failed write with a doubling backoff', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const name = uniqueName('backoff');
    const onError = vi.fn();
    const store = await openTestStore({ name, onError, writeDelayMs: 500 });
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const attempts = () => transaction.mock.calls.filter((call) => call[1] === 'readwrite').length;
    const quota = failWritesWithQuota('at commit');
    const engine = await learnedEngine(store);

    await vi.advanceTimersByTimeAsync(500);
    expect(attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(attempts()).toBe(2);
    quota.mockRestore();
    await vi.advanceTimersByTimeAsync(3_999);
    expect(attempts()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts()).toBe(3);
    expect((await store.load())?.events).toBe(engine.profile().events); // load queues behind the write
    expect(onError).toHaveBeenCalledOnce();
  });

  it('lets another tab delete the database, then writes the whole profile again', async () => {
    const name = uniqueName('blocking');
    const store = await openTestStore({ name });
    const engine = await learnedEngine(store);
    await store.flush();

    const blocked = vi.fn();
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = resolve;
      request.onerror = reject;
      request.onblocked = blocked;
    });
    expect(blocked).not.toHaveBeenCalled();

    await engine.ingest(shopEvents(80, 1));
    await store.flush();
    expect(observable(await restoredEngine(await openTestStore({ name })))).toEqual(observable(engine));
  });

  it('lets another tab upgrade the database without waiting for this one', async () => {
    const name = uniqueName('upgrade');
    const onError = vi.fn();
    const store = await openTestStore({ name, onError });
    const engine = await learnedEngine(store);
    await store.flush();

    const blocked = vi.fn();
    const db = await openDB(name, 4, { blocked }); // a schema newer than this code's (v3)
    expect(blocked).not.toHaveBeenCalled();
    db.close();
    await engine.ingest(shopEvents(90, 1));
    await expect(store.flush()).rejects.toMatchObject({ name: 'VersionError' }); // a newer schema than this code knows
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'VersionError' }));
  });

  it('waits for an old tab that keeps its v1 connection open, reporting BlockedError', async () => {
    const name = uniqueName('old-tab');
    const oldTab = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('profile');
      },
    });
    const onError = vi.fn();
    const opening = openTestStore({ name, onError });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'BlockedError' })));
    oldTab.close();
    const store = await opening;
    expect(await store.load()).toBeNull();
    expect(onError).toHaveBeenCalledOnce();
  });

  it('reports a connection the browser closed and reopens it on the next write', async () => {
    const name = uniqueName('terminated');
    const onError = vi.fn();
    const open = vi.spyOn(IDBFactory.prototype, 'open');
    const store = await openTestStore({ name, onError });
    const engine = await learnedEngine(store);
    await store.flush();

    const request = open.mock.results[0]?.value as IDBOpenDBRequest;
    forceCloseDatabase(request.result as unknown as typeof IDBDatabase);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'TerminatedError' })));

    await engine.ingest(shopEvents(95, 2));
    await store.flush();
    expect(observable(await restoredEngine(await openTestStore({ name })))).toEqual(observable(engine));
  });
});
