import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../core/engine/createMemoryStore';
import type { ProfileDbV1, ProfileRecordV1 } from '../../../worker/store/profileDbSchema';
import { learnedEngine, observable, restoredEngine, sparse } from './learnedEngine';
import { closeTestStores, openTestStore, uniqueName } from './openTestStore';

afterEach(() => {
  closeTestStores();
});

/** A database as the v1 code left it: one store, the whole snapshot under 'current'. */
async function createV1Database(name: string, record?: unknown): Promise<void> {
  const db = await openDB<ProfileDbV1>(name, 1, {
    upgrade(v1) {
      v1.createObjectStore('profile');
    },
  });
  if (record !== undefined) await db.put('profile', record as ProfileRecordV1, 'current');
  db.close();
}

async function storeNames(name: string): Promise<{ version: number; stores: string[] }> {
  const db = await openDB(name);
  const result = { version: db.version, stores: [...db.objectStoreNames].sort() };
  db.close();
  return result;
}

describe('upgrading a v1 database', () => {
  it('moves a real profile into the v2 stores and deletes the v1 store', async () => {
    const name = uniqueName('v1');
    const engine = await learnedEngine(createMemoryStore(), 20);
    const { format, algorithm, sharedDimensions, dimensions, weights, scale, events, updatedAt, names, global } =
      engine.snapshot();
    const v1: ProfileRecordV1 = {
      format,
      algorithm,
      sharedDimensions,
      dimensions,
      weights,
      scale,
      events,
      updatedAt,
      names,
      global,
    };
    await createV1Database(name, v1);

    const onError = vi.fn();
    const store = await openTestStore({ name, onError });
    const loaded = await store.load();
    expect(sparse(loaded?.weights)).toEqual(sparse(weights));
    expect(loaded?.names).toEqual(names);
    expect(loaded?.events).toBe(events);
    expect(loaded?.global?.version).toBe(global?.version);
    expect(sparse(loaded?.global?.weights)).toEqual(sparse(global?.weights));
    expect(observable(await restoredEngine(store))).toEqual(observable(engine));
    expect(onError).not.toHaveBeenCalled();

    store.close();
    expect(await storeNames(name)).toEqual({ version: 3, stores: ['journal', 'ledger', 'meta', 'names', 'pending', 'weights'] });
  });

  it('upgrades an empty v1 database to an empty profile', async () => {
    const name = uniqueName('v1-empty');
    await createV1Database(name);
    const onError = vi.fn();
    expect(await (await openTestStore({ name, onError })).load()).toBeNull();
    expect(onError).not.toHaveBeenCalled();
  });

  it('drops an unusable v1 record with a CorruptProfileError and still upgrades', async () => {
    const name = uniqueName('v1-bad');
    await createV1Database(name, { format: 1, weights: [1, 2, 3], names: new Map() });
    const onError = vi.fn();
    const store = await openTestStore({ name, onError });
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'CorruptProfileError',
        message: expect.stringMatching(/v1 .*weights or names has the wrong type/),
      }),
    );
    expect(await store.load()).toBeNull();
    store.close();
    expect((await storeNames(name)).stores).not.toContain('profile');
  });
});
