import type { BrowserContext, Page, Request } from '@playwright/test';
import { expect, test } from './human';

// Sync in Chromium against the real sync server (dist/server.js, mounted at /tastebud by
// test/e2e/server.mjs): what leaves the browser, delivery through a cut network, and the budget.

declare global {
  interface Window {
    Tastebud: { instance: import('../../src/types').Tastebud | null };
    /** What `on('sync')` told the page, for tests that count attempts. */
    syncResults: import('../../src/types').SyncResult[];
  }
}

const ITEM_WORDS = ['road-1', 'road-2', 'trail-1', 'Fleet', 'Ridge', 'shoes', 'running', 'category='];

async function ready(page: Page) {
  await page.waitForFunction(() => !!window.Tastebud?.instance);
}

/** Every POST to the deltas endpoint the context makes (the worker's requests included). */
function watchReports(context: BrowserContext): Request[] {
  const seen: Request[] = [];
  context.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/tastebud/v1/deltas')) seen.push(r);
  });
  return seen;
}

async function pendingReports(page: Page): Promise<number> {
  const stats = await (await page.request.get('/tastebud/v1/stats')).json();
  return stats.pendingReports as number;
}

test('a report leaves on the cadence: dense Int32 of the model size, no item data, no cookie; the server keeps it', async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: 'session', value: 'shopper-42', url: 'http://127.0.0.1' }]);
  const reports = watchReports(context);
  const before = await pendingReports(page);
  await page.goto('/pages/sync.html?db=sync-a&interval=3000');
  await ready(page);
  for (const id of ['road-1', 'road-2', 'trail-1']) await page.click(`#${id}`);
  await page.evaluate(() => window.Tastebud.instance?.flush());

  await expect.poll(() => reports.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  const request = reports[0] as Request;
  const response = await request.response();
  expect(response?.status()).toBe(202);
  const raw = request.postData() ?? '';
  const body = JSON.parse(raw);
  expect(body).toMatchObject({ v: 1, encoding: 'int32', dimensions: 2 ** 14, noise: { mechanism: 'discrete_gaussian' } });
  expect(body.noise.sigma).toBeGreaterThan(0);
  const bytes = Buffer.from(body.data, 'base64');
  expect(bytes.length).toBe(4 * 2 ** 14);
  const values = new Int32Array(new Uint8Array(bytes).buffer);
  expect(values.filter((v) => v !== 0).length).toBeGreaterThan(0.99 * values.length); // noise everywhere
  for (const word of ITEM_WORDS) expect(raw).not.toContain(word);
  const headers = await request.allHeaders();
  expect(headers.cookie).toBeUndefined();
  expect(headers.referer).toBeUndefined();
  expect(await pendingReports(page)).toBe(before + 1);

  // Playwright sees the answer before the worker has read it and recorded the delivery: wait for that.
  const profile = () => page.evaluate(() => window.Tastebud.instance?.profile());
  await expect.poll(async () => (await profile())?.lastSyncAt ?? null).not.toBeNull();
  const recorded = await profile();
  expect(recorded?.privacy.epsilonSpent).toBeGreaterThan(0.5);
  expect(recorded?.privacy.reports).toBe(1);
  expect(recorded?.lastSyncAt).not.toBeNull();
});

test('a report whose answer is lost on a cut network is delivered later, once, with the same id', async ({ page, context }) => {
  const reports = watchReports(context);
  let cut = 2;
  // The first attempts reach the server, which stores the report, and the answer never comes back.
  await context.route('**/tastebud/v1/deltas', async (route) => {
    if (cut-- > 0) {
      await route.fetch();
      await route.abort('connectionreset');
    } else await route.continue();
  });
  const before = await pendingReports(page);
  await page.goto('/pages/sync.html?db=sync-b&interval=600000');
  await ready(page);
  await page.click('#tent-1');
  const result = await page.evaluate(() => window.Tastebud.instance?.sync()); // report now; resolves once delivered
  expect(result?.sent).toBe(true);
  expect(reports).toHaveLength(3);
  expect((await reports[2]?.response())?.status()).toBe(200); // the server already had it: "duplicate"
  const ids = new Set(reports.map((r) => JSON.parse(r.postData() ?? '{}').id));
  expect(ids.size).toBe(1);
  expect(await pendingReports(page)).toBe(before + 1);
  const profile = await page.evaluate(() => window.Tastebud.instance?.profile());
  expect(profile?.privacy.reports).toBe(1);
});

test('a report cut off by the network and then by closing the tab is sent by the next page, with the same id', async ({
  page,
  context,
}) => {
  const reports = watchReports(context);
  let online = false;
  await context.route('**/tastebud/v1/deltas', (route) => (online ? route.continue() : route.abort('internetdisconnected')));
  const before = await pendingReports(page);
  await page.goto('/pages/sync.html?db=sync-d&interval=600000');
  await ready(page);
  await page.click('#road-1');
  void page.evaluate(() => window.Tastebud.instance?.sync()).catch(() => {}); // never resolves: the page goes
  await expect.poll(() => reports.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  // The network comes back only once the first page is gone: its worker's retry timer could otherwise
  // deliver the report just before the reload (then the next page's copy is answered as a duplicate).
  await page.reload(); // the worker dies with its retry timer; the report waits in IndexedDB
  online = true;
  await ready(page);
  await expect.poll(async () => (await reports.at(-1)?.response())?.status(), { timeout: 30_000 }).toBe(202);
  expect(new Set(reports.map((r) => JSON.parse(r.postData() ?? '{}').id)).size).toBe(1);
  expect(await pendingReports(page)).toBe(before + 1);
});

test('where a CSP forbids workers, the page-side profile loads the sync code and reports all the same', async ({
  page,
  context,
}) => {
  const reports = watchReports(context);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(`/pages/sync.html?db=sync-csp&interval=600000&csp=${encodeURIComponent("worker-src 'none'")}`);
  await ready(page);
  await page.click('#trail-1');
  const result = await page.evaluate(() => window.Tastebud.instance?.sync());
  expect(result?.sent).toBe(true);
  expect(warnings.join('\n')).toMatch(/runs on the page's main thread/);
  expect(reports).toHaveLength(1);
  expect((await reports[0]?.response())?.status()).toBe(202);
});

test('with the yearly budget spent, nothing more is sent and the profile says why', async ({ page, context }) => {
  const reports = watchReports(context);
  // One report at z = 5 costs ε ≈ 0.9 (δ = 1e-6); a budget of 1.2 allows exactly one.
  await page.goto('/pages/sync.html?db=sync-c&interval=1500&epsilon=1.2');
  await ready(page);
  await expect.poll(() => reports.length, { timeout: 15_000 }).toBe(1);
  await page.evaluate(() => {
    window.syncResults = [];
    window.Tastebud.instance?.on('sync', (result) => window.syncResults.push(result));
  });
  // Asked while the first report's answer may still be on the way: the answer is about a new attempt.
  const result = await page.evaluate(() => window.Tastebud.instance?.sync());
  expect(result?.sent).toBe(false);
  expect(result?.reason).toMatch(/budget/);
  // The asked-for attempt and two more cadence periods, each blocked (counted as they happen, not slept).
  const blocked = () => page.evaluate(() => window.syncResults.filter((r) => !r.sent && /budget/.test(r.reason ?? '')).length);
  await expect.poll(blocked, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  expect(reports).toHaveLength(1);
  const privacy = (await page.evaluate(() => window.Tastebud.instance?.profile()))?.privacy;
  expect(privacy?.blockedReason).toMatch(/budget/);
  expect(privacy?.epsilonSpent).toBeLessThanOrEqual(1.2);
});
