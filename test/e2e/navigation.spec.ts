import { expect, type Page, test } from '@playwright/test';
import { createEngine } from '../../core/engine/createEngine';
import { recordTracked, storedProfile, trackedEvents } from './helpers/recordTracked';

// Issue 14: in a multi-page shop every event tracked just before the page goes away is learned
// exactly once. Default Playwright browser (navigator.webdriver set), as a shop's own test would run.
// Each page's SDK has started its worker before the click (`started`), as on any page a person has
// looked at for more than a moment: an event tracked in the first milliseconds of a page, before its
// worker answers, can still be lost to an immediate navigation (docs/sdk.md, "Navigations").

declare global {
  interface Window {
    Tastebud: { instance: import('../../src/types').Tastebud | null };
  }
}

/** Waits until the page's SDK runs and its worker answers. */
async function started(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.Tastebud?.instance);
  await page.evaluate(() => window.Tastebud.instance?.profile());
}

/** The Node engine fed the same captured events in one batch: what the browser must have learned. */
async function expectedFrom(events: import('../../src/types').TrackEvent[]) {
  const engine = await createEngine();
  await engine.ingest(events);
  const snapshot = engine.snapshot();
  return { events: snapshot.events, weights: Array.from(snapshot.weights, (w) => w * snapshot.scale) };
}

test('20 product-card clicks, each followed at once by the navigation its link causes, are all learned once', async ({
  page,
  context,
}) => {
  await recordTracked(context);
  await page.goto('/pages/shop/list.html?db=nav-clicks');
  for (let i = 1; i <= 20; i++) {
    await started(page);
    await Promise.all([page.waitForURL(/product\.html/), page.click(`#p${i}`)]);
    await page.click('#back');
    await page.waitForURL(/list\.html/);
  }
  const tracked = await learnedExactlyOnce(page, 'nav-clicks');
  expect(tracked.filter((e) => e.type === 'click')).toHaveLength(20);
});

/**
 * Waits for the SDK on the current page, flushes, and checks that the stored profile is exactly what
 * the Node engine learns from every event the pages handed their workers, in one batch.
 * @returns those events.
 */
async function learnedExactlyOnce(page: Page, db: string) {
  await page.waitForFunction(() => !!window.Tastebud?.instance);
  await page.evaluate(() => window.Tastebud.instance?.flush());
  const tracked = await trackedEvents(page);
  const expected = await expectedFrom(tracked);
  const stored = await storedProfile(page, db);
  expect(stored.events).toBe(expected.events);
  expect(stored.weights.length).toBe(expected.weights.length);
  let worst = 0;
  for (let i = 0; i < expected.weights.length; i++) {
    worst = Math.max(worst, Math.abs((stored.weights[i] as number) - (expected.weights[i] as number)));
  }
  expect(worst).toBeLessThan(1e-6);
  return tracked;
}

test('an add-to-cart form submit, then a purchase followed by the thank-you page, are learned once', async ({
  page,
  context,
}) => {
  await recordTracked(context);
  await page.goto('/pages/shop/list.html?db=nav-checkout');
  await started(page);
  await Promise.all([page.waitForURL(/product\.html/), page.click('#p3')]);
  await started(page);
  await Promise.all([page.waitForURL(/cart\.html/), page.click('#add-to-cart')]);
  await started(page);
  await Promise.all([page.waitForURL(/thanks\.html/), page.click('#pay')]);
  const tracked = await learnedExactlyOnce(page, 'nav-checkout');
  expect(tracked.map((e) => e.type)).toEqual(expect.arrayContaining(['click', 'add_to_cart', 'purchase']));
});

test('a reload in the middle of a burst of clicks loses nothing and learns nothing twice', async ({ page, context }) => {
  await recordTracked(context);
  await page.goto('/pages/shop/list.html?db=nav-reload');
  await started(page);
  // Clicks that do not navigate (the shop's script cancels the link), then a reload at once.
  await page.evaluate(() => {
    for (const a of document.querySelectorAll('a.card')) a.addEventListener('click', (e) => e.preventDefault());
  });
  for (const id of ['p1', 'p2', 'p3', 'p4', 'p5']) await page.click(`#${id}`);
  await page.reload();
  const tracked = await learnedExactlyOnce(page, 'nav-reload');
  expect(tracked.filter((e) => e.type === 'click')).toHaveLength(5);
});
