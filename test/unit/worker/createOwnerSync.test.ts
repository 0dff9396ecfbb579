import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../core/engine/createMemoryStore';
import { resolvePrivacy } from '../../../core/privacy/resolvePrivacy';
import type { OwnerConfig } from '../../../worker/createOwner';
import { createOwner } from '../../../worker/createOwner';
import type { PersistentStore } from '../../../worker/store/createDeferredStore';
import type { SyncHost } from '../../../worker/sync/startSync';
import { SYNC_MODULE_GLOBAL } from '../../../worker/sync/syncModuleGlobal';

// The owner starts the sync chunk beside its engine; the chunk reads the engine through the owner's
// serial lane. Reads and forget() must never wait for the chunk from inside that lane.

function persistent(): PersistentStore {
  const inner = createMemoryStore();
  return { ...inner, kind: inner.kind, async flush() {}, async destroy() {}, close() {} };
}

const config: OwnerConfig = {
  storageName: 'owner-sync',
  model: {},
  writeDelayMs: 0,
  privacy: resolvePrivacy(undefined),
  sync: { endpoint: 'https://shop.example/tastebud', intervalMs: 1000, moduleUrl: 'unused' },
};

/** A sync chunk that, like the real one, reads the engine while it starts, then reports a status. */
function fakeSyncChunk(closed: string[]) {
  (globalThis as Record<string, unknown>)[SYNC_MODULE_GLOBAL] = {
    async startSync(host: SyncHost) {
      await new Promise((resolve) => setTimeout(resolve, 5)); // its IndexedDB load
      const dimensions = await host.withEngine((engine) => engine.snapshot().sharedDimensions);
      return {
        syncNow: async () => ({ sent: false, reason: 'fake' }),
        status: () => ({ privacy: { epsilonSpent: 0.5, epsilonBudget: 8, reports: dimensions }, lastSyncAt: 7 }),
        close: () => closed.push('closed'),
      };
    },
  };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SYNC_MODULE_GLOBAL];
});

describe('createOwner with sync', () => {
  it('answers profile() asked while the sync chunk is still starting, with its status', async () => {
    fakeSyncChunk([]);
    const owner = await createOwner(
      config,
      async () => ({ store: persistent(), storage: 'indexeddb' }),
      () => {},
    );
    const profile = await Promise.race([
      owner.read({ method: 'profile', args: [] }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('profile() hung')), 1000)),
    ]);
    expect(profile).toMatchObject({ privacy: { epsilonSpent: 0.5, reports: 2 ** 14 }, lastSyncAt: 7 });
    owner.close();
  });

  it('forgets while the sync chunk is still starting, and stops it', async () => {
    const closed: string[] = [];
    fakeSyncChunk(closed);
    const owner = await createOwner(
      config,
      async () => ({ store: persistent(), storage: 'indexeddb' }),
      () => {},
    );
    await Promise.race([
      owner.read({ method: 'forget', args: [] }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('forget() hung')), 1000)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toEqual(['closed']);
    expect((await owner.read({ method: 'profile', args: [] })).lastSyncAt).toBeNull();
    owner.close();
  });
});
