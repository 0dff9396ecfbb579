import type { Page } from '@playwright/test';

/**
 * What of the shopper's behaviour a profile database still holds: feature names, non-zero weights,
 * pending reports (the privacy ledger, which holds only dates and ε, is counted apart). `null` when
 * the database does not exist.
 */
export async function storedBehaviour(
  page: Page,
  db = 'tastebud',
): Promise<{ names: number; nonZeroWeights: number; pending: number; ledger: number } | null> {
  return page.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return null;
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        if (!database.objectStoreNames.contains(store)) return resolve([]);
        const request = database.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const weights = (await all('weights')) as Float32Array[];
    const counts = {
      names: (await all('names')).length,
      nonZeroWeights: weights.reduce((n, chunk) => n + chunk.filter((w) => w !== 0).length, 0),
      pending: (await all('pending')).length,
      ledger: (await all('ledger')).length,
    };
    database.close();
    return counts;
  }, db);
}
