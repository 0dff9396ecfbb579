import type { Browser, BrowserContext } from '@playwright/test';
import playwrightConfig from '../../playwright.config';

/**
 * How every browser benchmark launches Chromium: headless, `CHROMIUM_PATH` (default Debian's /usr/bin/chromium),
 * the launch args of playwright.config.ts plus `extraArgs`.
 * @param extraArgs - more command-line switches.
 */
export function chromiumOptions(extraArgs: readonly string[] = []) {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...(playwrightConfig.use?.launchOptions?.args ?? []), ...extraArgs],
  };
}

/**
 * The browser's product and V8 version, from CDP Browser.getVersion on a throwaway page.
 * @param owner - a browser or a (persistent) context.
 */
export async function browserVersion(owner: Browser | BrowserContext): Promise<{ product: string; jsVersion: string }> {
  const page = await owner.newPage();
  const cdp = await page.context().newCDPSession(page);
  const version = (await cdp.send('Browser.getVersion')) as { product: string; jsVersion: string };
  await cdp.detach();
  await page.close();
  return version;
}
