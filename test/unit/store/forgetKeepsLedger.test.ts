import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolvePrivacy } from '../../../core/privacy/resolvePrivacy';
import { createOwner, type Owner, type OwnerConfig } from '../../../worker/createOwner';
import { createIndexedDbStore } from '../../../worker/store/createIndexedDbStore';
import { startSync } from '../../../worker/sync/startSync';
import { SYNC_MODULE_GLOBAL } from '../../../worker/sync/syncModuleGlobal';
import { ENDPOINT, fakeServer } from '../sync/fakeSyncServer';
import { uniqueName } from './openTestStore';

// Issue 14.7: forget() erases behaviour, not the privacy ledger; forget({ everything: true }) erases it too.

const CLICKS = ['road-1', 'road-2', 'trail-1'].map((id, i) => ({
  type: 'click' as const,
  item: { id, category: 'shoes/running', brand: 'Fleet' },
  ts: 1_700_000_000_000 + i,
}));

/** Everything the profile database holds, store by store (it is closed again at once). */
async function records(name: string): Promise<Record<string, unknown[]>> {
  const db = await openDB(name);
  const out: Record<string, unknown[]> = {};
  for (const store of db.objectStoreNames) out[store] = await db.getAll(store);
  db.close();
  return out;
}

describe('forget() and the privacy ledger', () => {
  let server: ReturnType<typeof fakeServer>;
  let owners: Owner[];
  beforeEach(() => {
    server = fakeServer();
    owners = [];
    (globalThis as Record<string, unknown>)[SYNC_MODULE_GLOBAL] = { startSync };
    vi.stubGlobal('fetch', server.fetch);
  });
  afterEach(() => {
    for (const owner of owners) owner.close();
    delete (globalThis as Record<string, unknown>)[SYNC_MODULE_GLOBAL];
    vi.unstubAllGlobals();
  });

  async function open(name: string): Promise<Owner> {
    const config: OwnerConfig = {
      storageName: name,
      model: { sharedDimensions: 2 ** 10, dimensions: 2 ** 12 },
      writeDelayMs: 0,
      privacy: resolvePrivacy(undefined),
      sync: { endpoint: ENDPOINT, intervalMs: 7 * 86_400_000, moduleUrl: 'unused' },
    };
    const openStore = async () => ({
      store: await createIndexedDbStore({ name, writeDelayMs: 0 }),
      storage: 'indexeddb' as const,
    });
    const owner = await createOwner(config, openStore, (error) => {
      throw error;
    });
    owners.push(owner);
    return owner;
  }

  /** A profile that learned three clicks and sent one report. */
  async function reported(name: string): Promise<{ owner: Owner; spent: number }> {
    const owner = await open(name);
    await owner.ingest(CLICKS, 'tab-a', 1);
    await owner.flush();
    expect((await owner.read({ method: 'sync', args: [] })).sent).toBe(true);
    const spent = (await owner.read({ method: 'profile', args: [] })).privacy.epsilonSpent;
    expect(spent).toBeGreaterThan(0.5);
    return { owner, spent };
  }

  it('erases the profile, pending reports and baseline but keeps the ledger; sync goes on over it', async () => {
    const name = uniqueName('forget');
    const { owner, spent } = await reported(name);
    await owner.read({ method: 'forget', args: [] });
    const after = await owner.read({ method: 'profile', args: [] });
    expect(after.events).toBe(0);
    expect(after.interests).toEqual([]);
    expect(after.privacy).toMatchObject({ epsilonSpent: spent, reports: 1 }); // the budget was not reset
    const stored = await records(name);
    expect(stored.ledger).toHaveLength(1);
    // The restarted sync client may have stored the global model with the profile by now: zeros then.
    for (const chunk of (stored.weights ?? []) as Float32Array[]) expect(chunk.every((v) => v === 0)).toBe(true);
    expect(stored.names).toEqual([]);
    expect(stored.pending).toEqual([]);
    // What the sync client wrote since (a fresh schedule) holds no baseline of the erased weights.
    for (const record of stored.meta ?? []) expect((record as { baseline?: unknown }).baseline ?? null).toBeNull();
    // Sync started again over the kept ledger: the next report adds to it.
    expect((await owner.read({ method: 'sync', args: [] })).sent).toBe(true);
    expect((await owner.read({ method: 'profile', args: [] })).privacy.reports).toBe(2);
    owner.close();
    // The next page finds the same ledger.
    const next = await open(name);
    expect((await next.read({ method: 'profile', args: [] })).privacy.reports).toBe(2);
  });

  it('forget({ everything: true }) deletes the database, ledger and all', async () => {
    const name = uniqueName('forget-all');
    const { owner } = await reported(name);
    await owner.read({ method: 'forget', args: [{ everything: true }] });
    expect((await owner.read({ method: 'profile', args: [] })).privacy.epsilonSpent).toBe(0);
    owner.close();
    const next = await open(name);
    expect((await next.read({ method: 'profile', args: [] })).privacy).toMatchObject({ epsilonSpent: 0, reports: 0 });
  });
});
