import type { BrowserContext, Page } from '@playwright/test';
import type { TrackEvent } from '../../../src/types';

/**
 * Records, in the test's own localStorage key, every batch of events each page hands its worker (the
 * `track` calls at the worker boundary), so a test can feed exactly the captured events to the Node
 * engine. The recording survives navigations: it is written synchronously as each batch is posted.
 */
export async function recordTracked(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { type?: string; path?: string[]; argumentList?: Array<{ value: unknown }> } | null;
      if (m?.type === 'APPLY' && m.path?.[0] === 'track') {
        const log = JSON.parse(localStorage.getItem('tb-test-tracked') ?? '[]') as unknown[];
        log.push(m.argumentList?.[0]?.value);
        localStorage.setItem('tb-test-tracked', JSON.stringify(log));
      }
      return (post as (this: Worker, ...a: unknown[]) => void).call(this, message, ...rest);
    } as Worker['postMessage'];
  });
}

/** The events every page of the origin handed its worker, in order. */
export async function trackedEvents(page: Page): Promise<TrackEvent[]> {
  const batches = await page.evaluate(() => JSON.parse(localStorage.getItem('tb-test-tracked') ?? '[]') as TrackEvent[][]);
  return batches.flat();
}

/** The profile's weights as IndexedDB holds them (true weights: stored × scale), and its event count. */
export async function storedProfile(page: Page, db: string): Promise<{ events: number; weights: number[] }> {
  return page.evaluate(async (name) => {
    const open = indexedDB.open(name);
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const read = <T>(store: string, keys: boolean, query?: IDBValidKey | IDBKeyRange) =>
      new Promise<T>((resolve, reject) => {
        const objects = database.transaction(store).objectStore(store);
        const request = keys ? objects.getAllKeys(query) : objects.getAll(query);
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(request.error);
      });
    const meta = (
      await read<Array<{ events: number; scale: number; chunkSize: number; dimensions: number; sharedDimensions: number }>>(
        'meta',
        false,
        'profile',
      )
    )[0];
    const keys = await read<number[]>('weights', true);
    const chunks = await read<Float32Array[]>('weights', false);
    database.close();
    if (!meta) return { events: 0, weights: [] };
    // Chunks never written hold zeros: place each chunk by its key.
    const weights = new Array<number>(meta.dimensions + meta.sharedDimensions).fill(0);
    chunks.forEach((chunk, k) => {
      const at = (keys[k] as number) * meta.chunkSize;
      chunk.forEach((w, i) => {
        weights[at + i] = w * meta.scale;
      });
    });
    return { events: meta.events, weights };
  }, db);
}
