import { type Browser, type BrowserContext, test as base } from '@playwright/test';

const looksHuman = () => {
  Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true });
};

/** A new browser context whose pages present themselves as a shopper's. */
export async function humanContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(looksHuman);
  return context;
}

/**
 * Playwright drives Chromium with `navigator.webdriver === true`, which the SDK's guard rightly
 * treats as automation and ignores. Tests that play a shopper present themselves as one.
 */
export const test = base.extend({
  context: async ({ context }, use) => {
    await context.addInitScript(looksHuman);
    await use(context);
  },
});

export { expect } from '@playwright/test';
