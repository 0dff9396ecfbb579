import { describe, expect, it } from 'vitest';
import { resolvePrivacy } from '../../../core/privacy/resolvePrivacy';
import { createMemorySyncStore } from '../../../worker/sync/createMemorySyncStore';
import { createSyncClient } from '../../../worker/sync/createSyncClient';
import { engineWithClicks, SHARED } from './fakeSyncServer';
import { useSyncHarness } from './syncHarness';

// Issue 14.5: a report that is charged also counts, and no week's change is lost.
describe('refused and stale reports', () => {
  const harness = useSyncHarness();

  it('charges a refused report and sends its change again with the next one: the baseline moves only on acceptance', async () => {
    const engine = await engineWithClicks(4);
    const store = createMemorySyncStore();
    // privacy: false, so the vectors sent can be compared exactly.
    const client = await createSyncClient(harness().deps(engine, { store, privacy: resolvePrivacy(false) }));
    harness().server.failures.push(400); // e.g. "baseVersion: … too old" from a server with --max-stale-versions
    const refused = await client.syncNow();
    expect(refused.sent).toBe(false);
    expect(refused.report?.data.some((v) => v !== 0)).toBe(true);
    expect(store.state.ledger).toHaveLength(1); // it left the device: charged
    const next = await client.syncNow();
    expect(next.sent).toBe(true);
    expect([...(next.report?.data ?? [])]).toEqual([...(refused.report?.data ?? [])]); // the same week's change
    expect(store.state.ledger).toHaveLength(2);
    expect(client.status().privacy.reports).toBe(2);
    const after = await client.syncNow(); // accepted: nothing learned since
    expect(after.report?.data.every((v) => v === 0)).toBe(true);
    client.close();
  });

  it('checks the global model before building, so the report is built on the version the server has now', async () => {
    const engine = await engineWithClicks(2);
    const client = await createSyncClient(harness().deps(engine));
    await harness().advance(10); // the page's first model check: version 0
    expect(engine.snapshot().global?.version).toBe(0);
    harness().server.publish(4, new Float32Array(SHARED).fill(0.01)); // four rounds close while the shopper is away
    const result = await client.syncNow();
    expect(result.sent).toBe(true);
    expect(JSON.parse(harness().server.posts()[0]?.init.body as string).baseVersion).toBe(4);
    expect(result.report?.baseVersion).toBe(4);
    client.close();
  });
});
