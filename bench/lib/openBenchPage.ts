import type { BrowserContext, Page } from '@playwright/test';

/**
 * Opens bench/pages/bench.html (served by test/e2e/server.mjs under /bench/) and waits until the SDK is ready.
 * @param context - the browser context.
 * @param base - the test server's origin.
 * @param log - where page errors and warnings go.
 */
export async function openBenchPage(context: BrowserContext, base: string, log: (message: string) => void): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log(`page ${message.type()}: ${message.text()}`);
  });
  await page.goto(`${base}/bench/bench.html`);
  await page.waitForFunction(() => (globalThis as unknown as { benchReady?: boolean }).benchReady === true);
  return page;
}
