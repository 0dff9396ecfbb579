import type { BrowserContext } from '@playwright/test';

/**
 * Serves every response of `context` with COOP + COEP, so that its pages are cross-origin isolated:
 * performance.now() ticks in 5 µs instead of 100 µs.
 * @param context - a Playwright browser context.
 */
export async function crossOriginIsolate(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      },
    });
  });
}
