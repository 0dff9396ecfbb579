import type { Page } from '@playwright/test';

type Args<F> = F extends (...args: infer A) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/**
 * A typed caller of a bench page's `window.bench` functions (bench/pages/bench.js, bench/lib/mainThreadPage.js):
 * `call(page, method, ...args)` awaits `window.bench.ready` if the page has one, then the call.
 * @returns the caller, typed by `Api` (the page's functions as seen from Node).
 */
export function pageCaller<Api>() {
  return async <K extends keyof Api & string>(page: Page, method: K, ...args: Args<Api[K]>): Promise<Result<Api[K]>> =>
    // The function sent is anonymous and plain: nothing for tsx to name with its `__name` helper.
    (await page.evaluate(
      async ({ method, args }) => {
        const bench = (globalThis as unknown as { bench?: Record<string, unknown> }).bench;
        if (!bench) throw new Error('window.bench is missing');
        await bench.ready;
        const fn = bench[method];
        if (typeof fn !== 'function') throw new Error(`window.bench.${method} is missing`);
        return fn(...args);
      },
      { method, args: args as unknown[] },
    )) as Result<Api[K]>;
}
