import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../core/engine/createEngine';
import { resolvePrivacy } from '../../../core/privacy/resolvePrivacy';
import type { SyncResult } from '../../../core/protocol/workerProtocol';
import { createMemorySyncStore } from '../../../worker/sync/createMemorySyncStore';
import { createSyncClient, type SyncDeps } from '../../../worker/sync/createSyncClient';
import { seededRandomSource } from '../privacy/seededRandomSource';
import { DAY, ENDPOINT, engineWithClicks, fakeServer, SHARED } from './fakeSyncServer';

describe('createSyncClient', () => {
  let now: number;
  let server: ReturnType<typeof fakeServer>;
  let results: SyncResult[];
  let errors: Error[];

  beforeEach(() => {
    vi.useFakeTimers();
    now = 1_800_000_000_000;
    server = fakeServer();
    results = [];
    errors = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function deps(engine: Engine, overrides: Partial<SyncDeps> = {}): SyncDeps {
    return {
      config: { endpoint: ENDPOINT, intervalMs: 7 * DAY, moduleUrl: 'unused' },
      privacy: resolvePrivacy({}),
      store: createMemorySyncStore(),
      withEngine: async (task) => task(engine),
      notify: (r) => results.push(r),
      onError: (e) => errors.push(e),
      fetch: server.fetch,
      now: () => now,
      random: seededRandomSource(42),
      online: async () => {},
      retry: { baseDelayMs: 1_000, maxDelayMs: 60_000 },
      ...overrides,
    };
  }

  async function advance(ms: number): Promise<void> {
    now += ms;
    await vi.advanceTimersByTimeAsync(ms);
  }

  /** A daily cadence and a yearly budget of 1.2: one report at z = 5 (ε ≈ 0.9) fits, a second does not. */
  async function clientWithOneReportOfBudget() {
    const engine = await engineWithClicks(1);
    return createSyncClient(
      deps(engine, {
        config: { endpoint: ENDPOINT, intervalMs: DAY, moduleUrl: '' },
        privacy: resolvePrivacy({ yearlyEpsilon: 1.2 }),
      }),
    );
  }

  it('reports on a fixed cadence: nothing before the interval, a dense noised report once it is due', async () => {
    const engine = await engineWithClicks(0); // an idle shopper reports all the same
    const client = await createSyncClient(deps(engine));
    await advance(7 * DAY - 1000);
    expect(server.posts()).toHaveLength(0);
    await advance(0.1 * 7 * DAY + 2000); // the jitter adds at most 10 % of the interval
    expect(server.posts()).toHaveLength(1);
    const body = JSON.parse(server.posts()[0]?.init.body as string);
    expect(Object.keys(body).sort()).toEqual(
      ['baseVersion', 'clipNorm', 'data', 'dimensions', 'encoding', 'gamma', 'id', 'noise', 'v'].sort(),
    );
    expect(body.dimensions).toBe(SHARED);
    expect(Buffer.from(body.data, 'base64').length).toBe(4 * SHARED);
    expect(body.noise.mechanism).toBe('discrete_gaussian');
    const values = new Int32Array(new Uint8Array(Buffer.from(body.data, 'base64')).buffer);
    expect(values.filter((v) => v !== 0).length).toBeGreaterThan(SHARED * 0.9); // noise on every coordinate
    expect(server.posts()[0]?.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ sent: true, report: { round: 7, mechanism: 'discrete_gaussian' } });
    expect(client.status().privacy.epsilonSpent).toBeGreaterThan(0.5);
    expect(client.status().lastSyncAt).toBeGreaterThanOrEqual(1_800_000_000_000 + 7 * DAY);
    client.close();
  });

  it('sends the clipped, quantised change of the shared weights since the last report (privacy: false)', async () => {
    const engine = await engineWithClicks(5);
    const client = await createSyncClient(
      deps(engine, { config: { endpoint: ENDPOINT, intervalMs: DAY, moduleUrl: '' }, privacy: resolvePrivacy(false) }),
    );
    const first = await client.syncNow();
    expect(first).toMatchObject({ sent: true, report: { mechanism: 'none', sigma: 0 } });
    const report = first.report;
    if (!report) throw new Error('no report');
    const shared = engine.sharedWeights();
    const norm = Math.hypot(...shared);
    const scale = Math.min(1, report.clipNorm / norm) / report.gamma;
    for (let i = 0; i < SHARED; i++)
      expect(Math.abs((report.data[i] as number) - (shared[i] as number) * scale)).toBeLessThan(1.0001);
    expect(client.status().privacy).toMatchObject({ mode: 'off', epsilonSpent: 0 });
    // Nothing learned since: the next report's change is zero.
    const second = await client.syncNow();
    expect(second.report?.data.every((v) => v === 0)).toBe(true);
    client.close();
  });

  it('retries network failures and 429 (honouring Retry-After) with the same id, and delivers once', async () => {
    const engine = await engineWithClicks(3);
    server.failures.push('network', 429, 'network');
    const client = await createSyncClient(deps(engine));
    const done = client.syncNow();
    await advance(29_000);
    expect(server.posts().length).toBeLessThanOrEqual(2); // the 429 asked for 30 s
    await advance(200_000);
    const result = await done;
    expect(result.sent).toBe(true);
    const ids = server.posts().map((p) => JSON.parse(p.init.body as string).id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(1);
    expect(server.stored.size).toBe(1);
    client.close();
  });

  it('keeps a report that did not get through for the next page, which sends the same id', async () => {
    const engine = await engineWithClicks(3);
    const store = createMemorySyncStore();
    server.failures.push('network', 'network', 'network', 'network');
    const first = await createSyncClient(deps(engine, { store }));
    void first.syncNow();
    await advance(500);
    first.close(); // the tab closes mid-retry
    expect(store.state.pending).not.toBeNull();
    const id = store.state.pending?.id;
    server.failures.length = 0;
    const second = await createSyncClient(deps(engine, { store }));
    await advance(10);
    expect(server.stored.has(id as string)).toBe(true);
    expect(store.state.pending).toBeNull();
    expect(store.state.ledger).toHaveLength(1); // built once, charged once
    // A lost answer: the server already has it; delivering again is a duplicate, not a second report.
    second.close();
  });

  it('stops reporting when the next report would pass the yearly budget, and says why', async () => {
    const client = await clientWithOneReportOfBudget();
    expect((await client.syncNow()).sent).toBe(true);
    const spent = client.status().privacy.epsilonSpent;
    expect(spent).toBeGreaterThan(0.7);
    expect(spent).toBeLessThan(1.2);
    const blocked = await client.syncNow();
    expect(blocked.sent).toBe(false);
    expect(blocked.reason).toMatch(/budget 1\.2/);
    expect(client.status().privacy.blockedReason).toMatch(/budget/);
    expect(server.posts()).toHaveLength(1);
    client.close();
  });

  it('answers sync() with an attempt made after the call, not with the scheduled one it found under way', async () => {
    // The scheduled report spends the budget of 1.2; a sync() asked while its answer is still on the
    // way must not reply with that report's `sent: true` (it used to join the attempt under way).
    const client = await clientWithOneReportOfBudget();
    const release = server.holdNextAnswer();
    await advance(1.1 * DAY + 1000); // the first report is due and sent; its answer waits
    expect(server.posts()).toHaveLength(1);
    expect(results).toHaveLength(0);
    const asked = client.syncNow();
    release();
    const result = await asked;
    expect(result.sent).toBe(false);
    expect(result.reason).toMatch(/budget 1\.2/);
    expect(results.map((r) => r.sent)).toEqual([true, false]); // the scheduled report, then the asked-for attempt
    expect(server.posts()).toHaveLength(1);
    client.close();
  });

  it('applies a new global model without touching the user weights, and revalidates with the ETag', async () => {
    const engine = await engineWithClicks(4);
    const before = engine.sharedWeights();
    const global = new Float32Array(SHARED).fill(0.25);
    server.publish(3, global);
    const store = createMemorySyncStore();
    const client = await createSyncClient(deps(engine, { store }));
    await advance(10);
    expect(engine.snapshot().global?.version).toBe(3);
    expect(engine.sharedWeights()).toEqual(before);
    await client.syncNow(); // a report is preceded by a model check
    const gets = () => server.requests.filter((r) => r.method === 'GET');
    expect(gets()).toHaveLength(2);
    expect(gets()[1]?.init.headers).toMatchObject({ 'If-None-Match': '"tastebud-v3"' });
    client.close();
    // The next page load revalidates too: the ETag was stored with the schedule.
    const reloaded = await createSyncClient(deps(engine, { store }));
    await advance(10);
    expect(gets()).toHaveLength(3);
    expect(gets()[2]?.init.headers).toMatchObject({ 'If-None-Match': '"tastebud-v3"' });
    reloaded.close();
  });

  it('drops a report the server refuses (its ε stays spent) and reports the error', async () => {
    const engine = await engineWithClicks(2);
    server.failures.push(400);
    const client = await createSyncClient(deps(engine));
    const result = await client.syncNow();
    expect(result).toMatchObject({ sent: false, reason: expect.stringMatching(/refused.*400.*out of bounds/) });
    expect(errors.map((e) => e.message).join()).toMatch(/400/);
    expect(client.status().privacy.reports).toBe(1);
    client.close();
  });

  it('rejects a malformed privacy option by name (resolvePrivacy, where the page takes the option)', () => {
    expect(() => resolvePrivacy({ noiseMultiplier: -1 })).toThrow(/privacy\.noiseMultiplier/);
  });
});
