import type { Browser, BrowserContext, Page } from '@playwright/test';
import { storedBehaviour } from './helpers/storedBehaviour';
import { expect, humanContext, test } from './human';

// Browser tests of the worker + IndexedDB profile (issue 3), against the built SDK in dist/.

declare global {
  interface Window {
    ready: Promise<boolean>;
    tb: import('../../src/types').Tastebud;
    errors: Array<{ name: string; message: string }>;
  }
}

const categories = ['shoes/running', 'shoes/trail', 'outdoor/tents', 'kitchen/coffee', 'electronics/audio'];

async function open(context: BrowserContext, db = 'tastebud'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/pages/esm.html?db=${db}`);
  await page.evaluate(() => window.ready);
  return page;
}

/** Tracks `count` events from a deterministic generator, `tab` prefixing ids; returns nothing. */
async function track(page: Page, tab: string, from: number, count: number, categoryOf = (n: number) => n % 5): Promise<void> {
  const cats = [...categories];
  const picks = Array.from({ length: count }, (_, k) => categoryOf(from + k));
  await page.evaluate(
    ({ tab, from, cats, picks }) => {
      picks.forEach((c, k) => {
        const n = from + k;
        window.tb.track({
          type: 'click',
          item: { id: `${tab}-${n % 17}`, category: cats[c] as string, price: 10 + (n % 40) },
          ts: 1_750_000_000_000 + n,
        });
      });
    },
    { tab, from, cats, picks },
  );
}

const profileOf = (page: Page) => page.evaluate(() => window.tb.profile());

test('a profile survives a reload with the same events and interests', async ({ context }) => {
  const page = await open(context);
  await track(page, 'a', 0, 200, (n) => (n % 4 === 0 ? 1 : 0));
  await page.evaluate(() => window.tb.flush());
  const before = await profileOf(page);
  expect(before.events).toBe(200);
  expect(before.storage).toBe('indexeddb');
  await page.reload();
  await page.evaluate(() => window.ready);
  const after = await profileOf(page);
  expect(after.events).toBe(200);
  expect(after.interests).toEqual(before.interests);
  expect(after.interests[0]?.feature).toMatch(/^(id=a-|category=shoes)/);
});

test('two tabs share one profile, learned as one tab would in the merged order', async ({ browser, context }) => {
  const a = await open(context);
  const b = await open(context);
  const merged: Array<[string, number]> = [];
  for (let n = 0; n < 100; n++) {
    await track(a, 'a', n, 1);
    await a.evaluate(() => window.tb.flush());
    merged.push(['a', n]);
    await track(b, 'b', n, 1);
    await b.evaluate(() => window.tb.flush());
    merged.push(['b', n]);
  }
  const fromA = await profileOf(a);
  const fromB = await profileOf(b);
  expect(fromA.events).toBe(200);
  expect(fromB).toEqual(fromA);

  // The same events, in the same order, in one tab of a fresh browser profile.
  const alone = await freshPage(browser);
  for (const [tab, n] of merged) await track(alone, tab, n, 1);
  await alone.evaluate(() => window.tb.flush());
  const items = merged.map(([tab, n]) => ({
    id: `${tab}-${n % 17}`,
    category: categories[n % 5] as string,
    price: 10 + (n % 40),
  }));
  const shared = await b.evaluate((items) => window.tb.rank(items), items);
  const single = await alone.evaluate((items) => window.tb.rank(items), items);
  expect(shared).toEqual(single);
  expect(await profileOf(alone)).toEqual({ ...fromA, updatedAt: fromA.updatedAt });
  await alone.context().close();
});

async function freshPage(browser: Browser): Promise<Page> {
  return open(await humanContext(browser));
}

test('when the owner tab closes mid-stream another tab takes over and nothing accepted is lost', async ({ context }) => {
  const owner = await open(context);
  const other = await open(context);
  await track(owner, 'o', 0, 30);
  await owner.evaluate(() => window.tb.flush());
  await track(other, 'f', 0, 50);
  const closing = owner.close();
  await track(other, 'f', 50, 50);
  await closing;
  await other.evaluate(() => window.tb.flush());
  expect((await profileOf(other)).events).toBe(130);
  await other.reload();
  await other.evaluate(() => window.ready);
  expect((await profileOf(other)).events).toBe(130);
});

// Rewritten for issue 14.7 (it pinned forget() deleting the database): forget() erases the behaviour
// and keeps the privacy ledger; forget({ everything: true }) deletes the database.
test('forget() erases the profile in every tab and a reload starts from zero; everything: true deletes the database', async ({
  context,
}) => {
  const a = await open(context);
  const b = await open(context);
  await track(a, 'a', 0, 20);
  await track(b, 'b', 0, 20);
  await a.evaluate(() => window.tb.flush());
  await b.evaluate(() => window.tb.flush());
  expect((await storedBehaviour(a))?.names).toBeGreaterThan(0);
  await b.evaluate(() => window.tb.forget());
  expect(await storedBehaviour(a)).toMatchObject({ names: 0, nonZeroWeights: 0, pending: 0 });
  expect((await profileOf(a)).events).toBe(0);
  await b.reload();
  await b.evaluate(() => window.ready);
  expect((await profileOf(b)).events).toBe(0);
  await b.evaluate(() => window.tb.forget({ everything: true }));
  expect(await storedBehaviour(a)).toBeNull();
});

test('works in memory when IndexedDB is blocked, and says so once', async ({ context }) => {
  // The worker script is served with IndexedDB made to throw, as private modes and disabled storage do.
  await context.route('**/dist/tastebud.worker.js', async (route) => {
    const response = await route.fetch();
    const body = `self.indexedDB.open = () => { throw new DOMException('storage is disabled', 'SecurityError'); };\n${await response.text()}`;
    await route.fulfill({ response, body });
  });
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto('/pages/esm.html');
  await page.evaluate(() => window.ready);
  await track(page, 'm', 0, 10);
  await page.evaluate(() => window.tb.flush());
  const profile = await profileOf(page);
  expect(profile.storage).toBe('memory');
  expect(profile.events).toBe(10);
  expect(warnings.filter((w) => w.includes('[tastebud]') && w.includes('IndexedDB unavailable'))).toHaveLength(1);
});

test('a corrupt stored record is reported on on(error) and the profile starts afresh', async ({ context }) => {
  const page = await open(context);
  await track(page, 'c', 0, 20);
  await page.evaluate(() => window.tb.flush());
  await page.evaluate(() => window.tb.destroy());
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('tastebud');
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('weights', 'readwrite');
          tx.objectStore('weights').put('not a Float32Array', 0);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        request.onerror = () => reject(request.error);
      }),
  );
  await page.reload();
  await page.evaluate(() => window.ready);
  await expect.poll(() => page.evaluate(() => window.errors.map((e) => e.name))).toContain('CorruptProfileError');
  expect((await profileOf(page)).events).toBe(0);
  await track(page, 'c', 100, 5);
  await page.evaluate(() => window.tb.flush());
  expect((await profileOf(page)).events).toBe(5);
});
