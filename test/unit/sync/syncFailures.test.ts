import { describe, expect, it, vi } from 'vitest';
import { resolvePrivacy } from '../../../core/privacy/resolvePrivacy';
import type { LedgerRecord, PendingReport } from '../../../worker/store/syncRecords';
import { createMemorySyncStore } from '../../../worker/sync/createMemorySyncStore';
import { createSyncClient } from '../../../worker/sync/createSyncClient';
import { DAY, engineWithClicks, SHARED } from './fakeSyncServer';
import { useSyncHarness } from './syncHarness';

// Issue 14.4: a report that cannot be built or stored backs off instead of spinning, is reported once,
// and a corrupt sync record is repaired without touching the profile.
describe('sync failures on the device', () => {
  const harness = useSyncHarness();

  it('backs off while the report cannot be stored (storage full), reporting the error once, by name', async () => {
    const engine = await engineWithClicks(2);
    const weights = engine.sharedWeights().slice();
    const store = createMemorySyncStore();
    const commit = store.commitReport.bind(store);
    let commits = 0;
    let full = true;
    store.commitReport = async (...args) => {
      commits++;
      if (full) throw Object.assign(new Error('the disk is full'), { name: 'QuotaExceededError' });
      return commit(...args);
    };
    const client = await createSyncClient(harness().deps(engine, { store }));
    await harness().advance((store.state.schedule?.nextDueAt ?? 0) - Date.now() + 10); // the first report is due: its commit fails
    expect(commits).toBe(1);
    await harness().advance(10_000);
    // Backoff from 1 s doubling, full jitter: a handful of attempts in 10 s, not hundreds.
    expect(commits).toBeGreaterThanOrEqual(2);
    expect(commits).toBeLessThanOrEqual(8);
    const reported = harness().errors.filter((e) => e.name === 'SyncError');
    expect(reported).toHaveLength(1);
    expect(reported[0]?.message).toMatch(/storing the report failed: QuotaExceededError: the disk is full/);
    expect(harness().server.posts()).toHaveLength(0);
    full = false;
    await harness().advance(120_000); // within the backoff's cap of 60 s, twice
    expect(harness().server.posts()).toHaveLength(1);
    expect(store.state.ledger).toHaveLength(1);
    expect(engine.sharedWeights()).toEqual(weights);
    client.close();
  });

  it('counts an unreadable ledger line as the whole yearly budget for a year, keeping the readable ones', async () => {
    const engine = await engineWithClicks(2);
    const weights = engine.sharedWeights().slice();
    const good: LedgerRecord = { id: 'a'.repeat(32), at: Date.now() - 30 * DAY, sensitivity: 512, sigma: 2_560 };
    const corrupt = { id: 'b'.repeat(32), at: 'last week', sigma: null } as unknown as LedgerRecord;
    const store = createMemorySyncStore({ schedule: null, ledger: [good, corrupt], pending: null });
    const client = await createSyncClient(harness().deps(engine, { store }));
    // A corrupt ledger never lowers the ε spent: the budget counts as spent.
    expect(client.status().privacy.epsilonSpent).toBeGreaterThanOrEqual(8);
    const result = await client.syncNow();
    expect(result.sent).toBe(false);
    expect(result.reason).toMatch(/ledger could not be read.*whole yearly budget/);
    expect(harness().server.posts()).toHaveLength(0);
    // Repaired in the store: dated when found (its own date could not be read), so it cannot age out early.
    expect(store.state.ledger).toEqual([
      good,
      { id: 'b'.repeat(32), at: Date.now(), sensitivity: 0, sigma: 0, unreadable: true },
    ]);
    expect(
      harness()
        .errors.map((e) => e.message)
        .join('\n'),
    ).toMatch(/privacy ledger line 2 is unreadable/);
    expect(engine.sharedWeights()).toEqual(weights);
    client.close();
    // A year and a day later the line no longer counts, and reports resume.
    vi.setSystemTime(Date.now() + 366 * DAY);
    const later = await createSyncClient(harness().deps(engine, { store }));
    expect((await later.syncNow()).sent).toBe(true);
    later.close();
  });

  it('resets a baseline of the wrong size and drops an unreadable pending report, then reports; the profile stays', async () => {
    const engine = await engineWithClicks(3);
    const weights = engine.sharedWeights().slice();
    const store = createMemorySyncStore({
      schedule: { nextDueAt: Date.now() - 1, lastSyncAt: null, baseline: new Float32Array(7) },
      ledger: [],
      pending: { id: 42, body: null } as unknown as PendingReport,
    });
    const client = await createSyncClient(harness().deps(engine, { store, privacy: resolvePrivacy(false) }));
    await harness().advance(10);
    expect(harness().results.map((r) => r.sent)).toEqual([true]);
    expect(harness().server.posts()).toHaveLength(1);
    expect(
      harness()
        .postedData(0)
        .some((v) => v !== 0),
    ).toBe(true); // the change since the start, as nothing was accepted
    const message = harness()
      .errors.map((e) => e.message)
      .join('\n');
    expect(message).toMatch(/pending report is unreadable/);
    expect(message).toMatch(/baseline has 7 values/);
    expect(store.state.schedule?.baseline).toHaveLength(SHARED);
    expect(engine.sharedWeights()).toEqual(weights);
    client.close();
  });
});
