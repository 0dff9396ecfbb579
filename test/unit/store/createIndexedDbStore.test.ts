import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../core/engine/createEngine';
import { createIndexedDbStore } from '../../../worker/store/createIndexedDbStore';
import { CHUNK_SIZE, type ProfileDb, type ProfileMetaRecord } from '../../../worker/store/profileDbSchema';
import { learnedEngine, observable, restoredEngine, shopEvents, sparse } from './learnedEngine';
import { closeTestStores, openTestStore, uniqueName } from './openTestStore';

afterEach(() => {
  closeTestStores();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Puts on each object store and readwrite transactions, counted from now on. */
function countWrites() {
  const put = vi.spyOn(IDBObjectStore.prototype, 'put');
  const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
  return {
    puts: (store: string) => put.mock.contexts.filter((s) => (s as IDBObjectStore).name === store).length,
    readwrites: () => transaction.mock.calls.filter((call) => call[1] === 'readwrite').length,
    durabilities: () => transaction.mock.calls.filter((call) => call[1] === 'readwrite').map((call) => call[2]?.durability),
    reset() {
      put.mockClear();
      transaction.mockClear();
    },
  };
}

describe('createIndexedDbStore', () => {
  it('restores the same profile, scores, global model and applied table in a new store', async () => {
    const name = uniqueName('roundtrip');
    const first = await createIndexedDbStore({ name });
    const engine = await learnedEngine(first);
    await first.save({ ...engine.snapshot(), applied: { 'tab-a': 12 } });
    await first.flush();
    first.close();

    const second = await openTestStore({ name });
    const restored = await restoredEngine(second);
    expect(observable(restored)).toEqual(observable(engine));
    expect(restored.profile().modelVersion).toBe(7);
    expect(sparse(restored.snapshot().global?.weights)).toEqual(sparse(engine.snapshot().global?.weights));
    expect((await second.load())?.applied).toEqual({ 'tab-a': 12 });
  });

  it('returns null for an empty database', async () => {
    const store = await openTestStore();
    expect(await store.load()).toBeNull();
  });

  it('writes every chunk first, then only the chunks that changed, one transaction per write', async () => {
    const store = await openTestStore();
    const writes = countWrites();
    const engine = await learnedEngine(store);
    await store.flush();
    const total = engine.snapshot().weights.length;
    expect(writes.puts('weights')).toBe(Math.ceil(total / CHUNK_SIZE));
    expect(writes.readwrites()).toBe(1);

    const before = engine.snapshot().weights.slice();
    writes.reset();
    await engine.ingest(shopEvents(100, 1));
    await store.flush();
    const after = engine.snapshot().weights;
    const changed = new Set<number>();
    for (let i = 0; i < total; i++) if (before[i] !== after[i]) changed.add(Math.floor(i / CHUNK_SIZE));
    expect(changed.size).toBeGreaterThan(0);
    expect(changed.size).toBeLessThan(total / CHUNK_SIZE);
    expect(writes.puts('weights')).toBe(changed.size);
    expect(writes.puts('meta')).toBe(1); // the global model did not change: only the profile record
    expect(writes.readwrites()).toBe(1);

    const reread = await store.load();
    expect(sparse(reread?.weights)).toEqual(sparse(after));
    expect(reread?.names).toEqual(engine.snapshot().names);
  });

  it('rewrites in full a profile stored with another chunk size', async () => {
    const name = uniqueName('chunks');
    const first = await openTestStore({ name });
    const engine = await learnedEngine(first);
    await first.flush();
    first.close();
    const db = await openDB<ProfileDb>(name); // as a version with 4096-float chunks would have left it
    const meta = (await db.get('meta', 'profile')) as ProfileMetaRecord;
    const weights = engine.snapshot().weights;
    const tx = db.transaction(['meta', 'weights'], 'readwrite');
    await tx.objectStore('weights').clear();
    for (let c = 0; c * 4096 < weights.length; c++)
      await tx.objectStore('weights').put(weights.slice(c * 4096, (c + 1) * 4096), c);
    await tx.objectStore('meta').put({ ...meta, chunkSize: 4096 }, 'profile');
    await tx.done;
    db.close();

    const store = await openTestStore({ name });
    const restored = await restoredEngine(store);
    expect(observable(restored)).toEqual(observable(engine));
    await restored.ingest(shopEvents(200, 2));
    await store.flush();
    expect(observable(await restoredEngine(await openTestStore({ name })))).toEqual(observable(restored));
  });

  it('deletes names that the profile no longer has', async () => {
    const store = await openTestStore();
    const engine = await learnedEngine(store);
    await store.flush();
    const snapshot = engine.snapshot();
    const names = new Map(snapshot.names);
    const [dropped] = names.keys();
    names.delete(dropped as number);
    await store.save({ ...snapshot, names });
    await store.flush();
    expect((await store.load())?.names).toEqual(names);
  });

  it('turns many saves within the delay into one write', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const store = await openTestStore({ writeDelayMs: 500 });
    const writes = countWrites();
    const engine = await createEngine({ store });
    for (let n = 0; n < 10; n++) await engine.ingest(shopEvents(n, 1));
    await vi.advanceTimersByTimeAsync(499);
    expect(writes.readwrites()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.durabilities()).toEqual(['default']);
    expect((await store.load())?.events).toBe(engine.profile().events); // load waits for the write
    expect(writes.readwrites()).toBe(1);
  });

  it('writes at once on flush, without waiting for the delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const store = await openTestStore({ writeDelayMs: 60_000 });
    const writes = countWrites();
    const engine = await learnedEngine(store);
    await store.flush();
    expect(writes.durabilities()).toEqual(['default']); // committed: survives a tab or browser crash
    expect((await store.load())?.events).toBe(engine.profile().events);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(writes.readwrites()).toBe(1); // the flush took the scheduled write's place
  });

  it('clears every profile record, and the next write stores the whole profile again', async () => {
    const store = await openTestStore();
    const engine = await learnedEngine(store);
    await store.flush();
    await engine.reset();
    expect(await store.load()).toBeNull();

    await engine.ingest(shopEvents(50, 3));
    await store.flush();
    const restored = await restoredEngine(store);
    expect(observable(restored)).toEqual(observable(engine));
  });

  it('deletes the database on destroy', async () => {
    const name = uniqueName('destroy');
    const store = await createIndexedDbStore({ name });
    const engine = await learnedEngine(store);
    await store.flush();
    expect((await indexedDB.databases()).map((db) => db.name)).toContain(name);
    await store.destroy();
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(name);
    await engine.ingest(shopEvents(20, 2)); // saves into the destroyed store: ignored
    await store.flush();
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(name);
  });

  it('injects the IndexedDB factory', async () => {
    const factory = new IDBFactory();
    const store = await openTestStore({ name: 'injected', indexedDB: factory });
    await learnedEngine(store);
    await store.flush();
    expect((await factory.databases()).map((db) => db.name)).toEqual(['injected']);
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain('injected');
  });

  it('rejects a bad writeDelayMs', async () => {
    await expect(createIndexedDbStore({ writeDelayMs: -1 })).rejects.toThrow(RangeError);
  });

  // Updated for schema v3 (issue 14: the journal of received batches).
  it('keeps the v3 schema: meta, weights, names, ledger, pending and journal', async () => {
    const name = uniqueName('schema');
    (await openTestStore({ name })).close();
    const db = await openDB(name);
    expect(db.version).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(['journal', 'ledger', 'meta', 'names', 'pending', 'weights']);
    db.close();
  });
});
