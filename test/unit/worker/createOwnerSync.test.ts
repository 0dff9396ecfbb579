import { afterEach, describe, expect, it, vi } from 'vitest';
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
  return {
    ...inner,
    kind: inner.kind,
    async flush() {},
    async destroy() {},
    journal() {},
    readJournal: async () => [],
    close() {},
  };
}

const config: OwnerConfig = {
  storageName: 'owner-sync',
  model: {},
  writeDelayMs: 0,
  privacy: resolvePrivacy(undefined),
  sync: { endpoint: 'https://shop.example/tastebud', intervalMs: 1000, moduleUrl: 'unused' },
};

/**
 * A sync chunk that, like the real one, reads the engine while it starts, then reports a status.
 * Its IndexedDB load lasts until the test calls `finishLoading`, so "still starting" is certain.
 */
function fakeSyncChunk(closed: string[]) {
  let finishLoading: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (finishLoading = resolve));
  (globalThis as Record<string, unknown>)[SYNC_MODULE_GLOBAL] = {
    async startSync(host: SyncHost) {
      await loaded; // its IndexedDB load
      const dimensions = await host.withEngine((engine) => engine.snapshot().sharedDimensions);
      return {
        syncNow: async () => ({ sent: false, reason: 'fake' }),
        status: () => ({ privacy: { epsilonSpent: 0.5, epsilonBudget: 8, reports: dimensions }, lastSyncAt: 7 }),
        close: () => closed.push('closed'),
      };
    },
  };
  return { finishLoading };
}

/** `promise`, or a rejection naming what hung if it has not settled by the deadline (a deadlock). */
function withinDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung`)), 1000);
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}

/** An owner over a persistent in-memory store, as if IndexedDB had opened. */
function ownerInIndexedDb() {
  return createOwner(
    config,
    async () => ({ store: persistent(), storage: 'indexeddb' }),
    () => {},
  );
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SYNC_MODULE_GLOBAL];
});

describe('createOwner with sync', () => {
  it('answers profile() asked while the sync chunk is still starting, with its status', async () => {
    const chunk = fakeSyncChunk([]);
    const owner = await ownerInIndexedDb();
    const asked = owner.read({ method: 'profile', args: [] });
    chunk.finishLoading(); // only now does the chunk read the engine through the owner's lane
    const profile = await withinDeadline(asked, 'profile()');
    expect(profile).toMatchObject({ privacy: { epsilonSpent: 0.5, reports: 2 ** 14 }, lastSyncAt: 7 });
    owner.close();
  });

  it('forgets everything while the sync chunk is still starting, and stops it', async () => {
    const closed: string[] = [];
    const chunk = fakeSyncChunk(closed);
    const owner = await ownerInIndexedDb();
    // forget() finishes while the chunk is still loading: it does not wait for it.
    await withinDeadline(owner.read({ method: 'forget', args: [{ everything: true }] }), 'forget()');
    expect(closed).toEqual([]);
    chunk.finishLoading();
    await vi.waitFor(() => expect(closed).toEqual(['closed'])); // stopped as soon as it has started
    expect((await owner.read({ method: 'profile', args: [] })).lastSyncAt).toBeNull();
    owner.close();
  });

  it('forgets the profile while the sync chunk is still starting: stops that client and starts one over the kept ledger', async () => {
    const closed: string[] = [];
    const chunk = fakeSyncChunk(closed);
    const owner = await ownerInIndexedDb();
    await withinDeadline(owner.read({ method: 'forget', args: [] }), 'forget()');
    chunk.finishLoading();
    await vi.waitFor(() => expect(closed).toEqual(['closed'])); // the client that was starting, only
    expect((await owner.read({ method: 'profile', args: [] })).lastSyncAt).toBe(7); // the new client's status
    owner.close();
  });
});
