import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type LogEntry, type TastebudServer } from '../../server/index';
import { noisyVector, reportFields } from './helpers/makeReport';
import { type RunningServer, startServer } from './helpers/startServer';
import { sqliteTestStore, type TestStore } from './helpers/testStores';

const DIMENSIONS = 64;
const SHOP = 'https://shop.example';

describe('HTTP surface', () => {
  let store: TestStore | undefined;
  let running: RunningServer | undefined;
  const logs: LogEntry[] = [];

  async function start(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
    store = sqliteTestStore();
    running = await startServer({ store: store.spec, dimensions: DIMENSIONS, log: (entry) => logs.push(entry), ...options });
    return running;
  }
  afterEach(async () => {
    await running?.server.close();
    await store?.cleanup();
    running = undefined;
    logs.length = 0;
  });

  it('answers a preflight from an allowed origin without ever allowing credentials', async () => {
    const { url } = await start({ corsOrigins: [SHOP] });
    const preflight = await fetch(`${url}/v1/deltas`, {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const model = await fetch(`${url}/v1/model`, { headers: { origin: SHOP } });
    expect(model.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(model.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(model.headers.get('vary')).toBe('Origin');
  });

  it('refuses reports from an origin not in the list, but serves same-origin pages', async () => {
    const { url, post } = await start({ corsOrigins: [SHOP] });
    const foreign = await post(reportFields(noisyVector(DIMENSIONS, 1)), { origin: 'https://elsewhere.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const sameOrigin = await post(reportFields(noisyVector(DIMENSIONS, 2)), { origin: new URL(url).origin });
    expect(sameOrigin.status).toBe(202);
  });

  it('allows any origin with *', async () => {
    const { url } = await start({ corsOrigins: ['*'] });
    const model = await fetch(`${url}/v1/stats`, { headers: { origin: 'https://any.example' } });
    expect(model.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('rate-limits reports with 429 and Retry-After, per process and without identifying anyone', async () => {
    const { post } = await start({ rateLimit: { ratePerSecond: 0.5, burst: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(reportFields(noisyVector(DIMENSIONS, i)))).status);
    expect(statuses).toEqual([202, 202, 429]);
    const limited = await post(reportFields(noisyVector(DIMENSIONS, 9)));
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({ error: 'rate limited: too many reports, retry later' });
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const { url, get } = await start();
    expect((await get('/v1/nothing')).status).toBe(404);
    const wrong = await fetch(`${url}/v1/model`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('exposes Prometheus metrics: accepted, rejected by reason and field, rounds, commit latency', async () => {
    const { post, get, server } = await start({ minReports: 1, roundSeconds: 0 });
    await post(reportFields(noisyVector(DIMENSIONS, 1)));
    await post(reportFields(noisyVector(DIMENSIONS, 2), { dimensions: 3 }));
    await post('{', {});
    await server.closeDueRound();
    const response = await get('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('tastebud_reports_accepted_total 1');
    expect(text).toContain('tastebud_reports_rejected_total{reason="invalid",field="dimensions"} 1');
    expect(text).toContain('tastebud_reports_rejected_total{reason="invalid_json"} 1');
    expect(text).toContain('tastebud_rounds_closed_total 1');
    expect(text).toMatch(/tastebud_commit_duration_seconds_count 1\n/);
    expect(text).toContain('tastebud_model_version 1');
    // Where the time went: each phase counts the reports that reached it.
    for (const [phase, count] of [
      ['receive', 3],
      ['parse', 2],
      ['validate', 2],
      ['queue', 1],
      ['commit', 1],
    ] as const) {
      expect(text).toContain(`tastebud_report_phase_seconds_count{phase="${phase}"} ${count}\n`);
      expect(text).toMatch(new RegExp(`tastebud_report_phase_seconds_sum\\{phase="${phase}"\\} \\d`));
    }
    expect(text).toMatch(/tastebud_store_busy_seconds_total \d/);
  });

  it('warns when minReports is below the production default (demo settings)', async () => {
    await start({ minReports: 5 });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', event: 'low-min-reports' }));
  });

  it('never logs a client address', async () => {
    const { post } = await start();
    await post(reportFields(noisyVector(DIMENSIONS, 1)));
    await post('{');
    expect(JSON.stringify(logs)).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
  });
});

describe('mounted under a base path', () => {
  let tastebud: TastebudServer | undefined;
  let store: TestStore | undefined;

  afterEach(async () => {
    await tastebud?.close();
    await store?.cleanup();
  });

  it('serves /tastebud/v1/* from a host server and leaves other paths to it', async () => {
    store = sqliteTestStore();
    const server = await createServer({
      store: store.spec,
      dimensions: DIMENSIONS,
      basePath: '/tastebud/',
      log: () => undefined,
    });
    tastebud = server;
    const host = createHttpServer((req, res) => {
      if (server.handle(req, res)) return;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('shop page');
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const { port } = host.address() as AddressInfo;
    try {
      const stats = await fetch(`http://127.0.0.1:${port}/tastebud/v1/stats`);
      expect(await stats.json()).toEqual({ version: 0, round: 1, pendingReports: 0, contributorsLastRound: 0 });
      expect(await (await fetch(`http://127.0.0.1:${port}/products`)).text()).toBe('shop page');
      expect(await (await fetch(`http://127.0.0.1:${port}/v1/stats`)).text()).toBe('shop page');
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
  });
});
