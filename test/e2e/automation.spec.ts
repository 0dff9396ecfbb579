import { type BrowserContext, expect, type Request, test } from '@playwright/test';

// Issue 14: a browser driven by automation (a shop's own Playwright, Cypress or Selenium test) learns
// on the device like a person, but never speaks for people: no report leaves it, unless the shop's
// test says `automation: 'person'`. These tests use Playwright's default browser, which sets
// navigator.webdriver, exactly as a shop's test suite would.

declare global {
  interface Window {
    Tastebud: { instance: import('../../src/types').Tastebud | null };
  }
}

function watchReports(context: BrowserContext): Request[] {
  const seen: Request[] = [];
  context.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/tastebud/v1/deltas')) seen.push(r);
  });
  return seen;
}

test('a default Playwright browser learns from clicks, sends no report, and profile() says why', async ({ page, context }) => {
  const reports = watchReports(context);
  await page.goto('/pages/sync.html?db=robot-local&interval=500');
  await page.waitForFunction(() => !!window.Tastebud?.instance);
  expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
  for (const id of ['road-1', 'road-2']) await page.click(`#${id}`);
  await page.evaluate(() => window.Tastebud.instance?.flush());
  const profile = await page.evaluate(() => window.Tastebud.instance?.profile());
  expect(profile?.events).toBe(2);
  expect(profile?.interests.map((i) => i.feature)).toContain('category=shoes/running');
  expect(profile?.privacy.blockedReason).toMatch(/automation/);
  const result = await page.evaluate(() => window.Tastebud.instance?.sync());
  expect(result).toMatchObject({ sent: false, reason: expect.stringMatching(/automation: 'person'/) });
  expect(reports).toHaveLength(0);
});

test("automation: 'person' (a shop's integration test against its test server) learns and reports", async ({ page, context }) => {
  const reports = watchReports(context);
  await page.goto('/pages/sync.html?db=robot-person&interval=3600000&automation=person');
  await page.waitForFunction(() => !!window.Tastebud?.instance);
  await page.click('#tent-1');
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.privacy.blockedReason).toBeUndefined();
  const result = await page.evaluate(() => window.Tastebud.instance?.sync());
  expect(result?.sent).toBe(true);
  expect(reports).toHaveLength(1);
  expect((await reports[0]?.response())?.status()).toBe(202);
});
