import type { Page } from '@playwright/test';
import { storedBehaviour } from './helpers/storedBehaviour';
import { expect, test } from './human';

// The browser SDK as shops install it (issue 4): the script-tag snippet, the ESM import, consent,
// autocapture, and the CSP fallback.

declare global {
  interface Window {
    Tastebud: { instance: import('../../src/types').Tastebud | null };
    tastebud: { push(...commands: unknown[]): void };
  }
}

const items = ['road-1', 'road-2', 'trail-1', 'tent-1', 'tent-2', 'kettle-1', 'grinder-1', 'phones-1'];

async function instance(page: Page) {
  await page.waitForFunction(() => window.Tastebud?.instance !== null && window.Tastebud?.instance !== undefined);
}

async function catalogFromPage(page: Page) {
  return page.evaluate(
    (ids) =>
      ids.map((id) => {
        const el = document.getElementById(id) as HTMLElement;
        return {
          id,
          category: el.dataset.tbCategory as string,
          brand: el.dataset.tbBrand as string,
          price: Number(el.dataset.tbPrice),
        };
      }),
    items,
  );
}

test('the script tag with consent granted: clicks and impressions reach the profile and rank the clicked category first', async ({
  page,
}) => {
  await page.goto('/pages/snippet.html?consent=granted');
  await instance(page);
  // Impressions: every card of the grid is on screen; after a second each is one view.
  await expect
    .poll(() => page.evaluate(() => window.Tastebud.instance?.stats().admitted), { timeout: 5000 })
    .toBeGreaterThanOrEqual(items.length + 1); // + the snippet's own manual view
  await page.click('#trail-1');
  await page.click('#road-2');
  await page.click('#road-1 button'); // data-tb-event="add_to_cart"
  await page.evaluate(() => window.Tastebud.instance?.flush());
  const profile = await page.evaluate(() => window.Tastebud.instance?.profile());
  expect(profile?.events).toBe(3); // two clicks and an add to cart; views alone teach nothing
  expect(profile?.storage).toBe('indexeddb');
  // Leaving the page (an SPA navigation) turns the five cards seen and not clicked into skips.
  await page.evaluate(() => history.pushState({}, '', '?next'));
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(8);
  const catalog = await catalogFromPage(page);
  const ranked = await page.evaluate((c) => window.Tastebud.instance?.rank(c), [...catalog].reverse());
  expect(ranked?.slice(0, 3).map((r) => r.item.category?.split('/')[1])).toEqual(['running', 'running', 'running']);
  // tastebud.push keeps working after load.
  await page.evaluate(() =>
    window.tastebud.push(['track', { type: 'purchase', item: { id: 'kettle-1', category: 'kitchen/coffee' } }]),
  );
  await expect
    .poll(() =>
      page.evaluate(async () => {
        await window.Tastebud.instance?.flush();
        return (await window.Tastebud.instance?.profile())?.events;
      }),
    )
    .toBe(9);
});

test('consent pending: nothing is captured and no IndexedDB database exists', async ({ page }) => {
  await page.goto('/pages/snippet.html');
  await instance(page);
  await page.click('#trail-1');
  await page.click('#tent-1');
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(0);
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
  // Granting consent starts learning from then on.
  await page.evaluate(() => window.Tastebud.instance?.setConsent('granted'));
  await page.click('#tent-1');
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(1);
});

// Rewritten for issue 14.7 (it pinned the denial deleting the database): the behaviour goes, the
// privacy ledger stays, so a denial followed by a grant cannot reset the yearly budget.
test('consent denied erases the profile; only the privacy ledger stays', async ({ page }) => {
  await page.goto('/pages/snippet.html?consent=granted');
  await instance(page);
  await page.click('#kettle-1');
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await storedBehaviour(page))?.names).toBeGreaterThan(0);
  await page.evaluate(() => window.Tastebud.instance?.setConsent('denied'));
  expect(await storedBehaviour(page)).toMatchObject({ names: 0, nonZeroWeights: 0, pending: 0 });
  await page.click('#kettle-1');
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(0);
});

test("a page whose CSP says worker-src 'none' still works, on the main thread, and says so", async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(`/pages/snippet.html?consent=granted&csp=${encodeURIComponent("worker-src 'none'")}`);
  await instance(page);
  await page.click('#tent-1');
  await page.click('#tent-2');
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(2);
  expect(warnings.some((w) => w.includes('[tastebud]') && w.includes('main thread'))).toBe(true);
  const catalog = await catalogFromPage(page);
  const top = await page.evaluate((c) => window.Tastebud.instance?.rank(c), catalog);
  expect(top?.[0]?.item.category).toBe('outdoor/tents');
});

// Rewritten for issue 14 (it pinned the old behaviour: 0 events under automation). A default
// Playwright browser (navigator.webdriver === true) now learns like a person; 'ignore' is the old way.
test('a default Playwright browser learns from autocapture like a person; automation: ignore learns nothing', async ({
  browser,
}) => {
  const context = await browser.newContext(); // plain Playwright: navigator.webdriver === true
  const page = await context.newPage();
  await page.goto('/pages/snippet.html?consent=granted');
  await page.waitForFunction(() => window.Tastebud?.instance);
  expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
  await page.click('#tent-1');
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(1);
  expect((await page.evaluate(() => window.Tastebud.instance?.stats()))?.automation).toBe(0);

  const ignoring = await context.newPage();
  await ignoring.goto('/pages/snippet.html?consent=granted&automation=ignore');
  await ignoring.waitForFunction(() => window.Tastebud?.instance);
  await ignoring.click('#tent-2');
  await ignoring.evaluate(() => window.Tastebud.instance?.flush());
  expect((await ignoring.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(1); // tent-1 only
  expect((await ignoring.evaluate(() => window.Tastebud.instance?.stats()))?.automation).toBeGreaterThan(0);
  await context.close();
});

test('an ES module consumer imports tastebud and learns from autocapture', async ({ page }) => {
  await page.setContent('');
  await page.goto('/pages/esm.html?db=esm');
  await page.evaluate(() => window.ready);
  const learned = await page.evaluate(async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="x" data-tb-id="x-1" data-tb-category="garden/tools">x</div>');
    (document.getElementById('x') as HTMLElement).click();
    await window.tb.flush();
    return window.tb.profile();
  });
  expect(learned.events).toBe(1);
  expect(learned.interests.map((i) => i.feature)).toContain('category=garden/tools');
});

test('a bundle served from another origin (a CDN) starts its worker through a same-origin trampoline', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  const workerUrls: string[] = [];
  page.on('worker', (w) => workerUrls.push(w.url()));
  await page.goto('/pages/cdn.html');
  await instance(page);
  await page.click('#tent-1');
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(1);
  expect(workerUrls.some((u) => u.startsWith('blob:'))).toBe(true);
  expect(warnings.filter((w) => w.includes('main thread'))).toEqual([]); // a real worker, not the fallback
});

test('autocapture skips a card over the item limits, counts it, and says why with debug', async ({ page }) => {
  const debugLines: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'debug') debugLines.push(m.text());
  });
  await page.goto('/pages/snippet.html?consent=granted');
  await instance(page);
  await page.evaluate(() => window.Tastebud.instance?.destroy());
  await page.evaluate(async () => {
    const global = window.Tastebud as unknown as { createTastebud: typeof import('../../src/index').createTastebud };
    window.Tastebud.instance = await global.createTastebud({ consent: 'granted', debug: true, storageName: 'limits' });
    const tags = Array.from({ length: 65 }, (_, i) => `t${i}`).join(',');
    document.body.insertAdjacentHTML('beforeend', `<div id="huge" data-tb-id="huge-1" data-tb-tags="${tags}">huge</div>`);
  });
  await page.click('#huge');
  await page.evaluate(() => window.Tastebud.instance?.flush());
  expect((await page.evaluate(() => window.Tastebud.instance?.stats()))?.invalid).toBe(1);
  expect((await page.evaluate(() => window.Tastebud.instance?.profile()))?.events).toBe(0);
  expect(debugLines.some((line) => line.includes('item.tags has 65 tags, more than 64'))).toBe(true);
  await expect(
    page.evaluate(() =>
      window.Tastebud.instance?.track({ type: 'click', item: { id: 'x', attrs: { story: 'a'.repeat(5000) } } }),
    ),
  ).rejects.toThrow(/item\.attrs\.story is longer than 1000 characters/);
});
