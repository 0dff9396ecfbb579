import { describe, expect, it } from 'vitest';
import { createMemorySyncStore } from '../../../worker/sync/createMemorySyncStore';
import { createSyncClient } from '../../../worker/sync/createSyncClient';
import { engineWithClicks, SHARED } from './fakeSyncServer';
import { useSyncHarness } from './syncHarness';

// Issue 14.6: the sync endpoint cannot tag a browser through the model's ETag.
describe('the model ETag', () => {
  const harness = useSyncHarness();

  const gets = () => harness().server.requests.filter((r) => r.method === 'GET');

  it('ignores an ETag other than "tastebud-v<version>": it is neither stored nor sent back', async () => {
    const engine = await engineWithClicks(1);
    harness().server.publish(3, new Float32Array(SHARED));
    harness().server.plantEtag(() => '"tastebud-v3-7f3a9c1e0b2d"'); // a per-browser id dressed as a version
    const store = createMemorySyncStore();
    const client = await createSyncClient(harness().deps(engine, { store }));
    await harness().advance(10);
    expect(engine.snapshot().global?.version).toBe(3); // the model itself is used
    expect(store.state.schedule?.modelEtag ?? null).toBeNull();
    await client.syncNow(); // checks the model again before building
    client.close();
    const reloaded = await createSyncClient(harness().deps(engine, { store }));
    await harness().advance(10);
    expect(gets()).toHaveLength(3);
    for (const get of gets()) {
      expect(get.init.headers).not.toHaveProperty('If-None-Match');
      expect(get.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
    }
    expect(JSON.stringify(store.state)).not.toContain('7f3a9c1e0b2d');
    reloaded.close();
  });

  it('sends back only the form the held version defines, even if a weakened or planted one was stored', async () => {
    const engine = await engineWithClicks(1);
    harness().server.publish(2, new Float32Array(SHARED));
    harness().server.plantEtag((v) => `W/"tastebud-v${v}"`); // a proxy may weaken it: the version is all it says
    const store = createMemorySyncStore();
    const first = await createSyncClient(harness().deps(engine, { store }));
    await harness().advance(10);
    expect(store.state.schedule?.modelEtag).toBe('"tastebud-v2"');
    first.close();
    // A tag stored by an earlier version of the SDK, or written by the page: not sent.
    store.state.schedule = {
      ...(store.state.schedule ?? { nextDueAt: 0, lastSyncAt: null, baseline: null }),
      modelEtag: '"id-42"',
    };
    const second = await createSyncClient(harness().deps(engine, { store }));
    await harness().advance(10);
    expect(gets()[1]?.init.headers).not.toHaveProperty('If-None-Match');
    second.close();
    harness().server.plantEtag((v) => `"tastebud-v${v}"`);
    const third = await createSyncClient(harness().deps(engine, { store }));
    await harness().advance(10);
    expect(gets()[2]?.init.headers).toEqual({ 'If-None-Match': '"tastebud-v2"' });
    third.close();
  });
});
