// @ts-check
// The demo's settings, in one place: the page footer, the admin page and docs/demo.md state them.
// They differ from production so that a round closes while someone watches; each says why.

/**
 * Options of `createServer` (tastebud/server) for the demo, beside the store and the base path.
 * @satisfies {Omit<import('tastebud/server').ServerOptions, 'store' | 'basePath'>}
 */
export const DEMO_SERVER_OPTIONS = {
  /**
   * Production: 1000. 50 is enough for the simulated crowd to close a round, and too many for a few
   * browsers' reports (noise at z = 5, a handful per visitor and budget) to close one on their own.
   * `TASTEBUD_DEMO_MIN_REPORTS` overrides it: the cold-start test sets the crowd's size, so that its
   * one round holds every report however fast the machine sends them.
   */
  minReports: Number(process.env.TASTEBUD_DEMO_MIN_REPORTS ?? 50),
  /** Production: 3600. A round may close ten seconds after the previous one. */
  roundSeconds: 10,
  /**
   * The production default. A round moves the model by the mean change of its reports (a week of one
   * shopper): enough to lead a new visitor's rail, and a visitor's own few clicks still outweigh it.
   */
  learningRate: 1,
  aggregator: /** @type {const} */ ('trimmed-mean'),
  trim: 0.1,
  dimensions: 2 ** 14,
  corsOrigins: /** @type {string[]} */ ([]),
};

/** Options of the page's `init` (see demo/public/index.html, which must say the same). */
export const DEMO_SDK_OPTIONS = {
  /** Production default: 7 days. */
  syncIntervalMs: 60_000,
  /** C: the SDK's default (core/privacy/privacyDefaults.ts), sized to a week of the engine's steps. */
  clipNorm: 0.05,
  noiseMultiplier: 5,
};

/** Defaults of the simulated crowd (`npm run demo:crowd`, or the button on /admin). */
export const DEMO_CROWD_DEFAULTS = {
  shoppers: 400,
  /** The majority's favourite category, and its share of the crowd. */
  taste: 'outdoor/tents',
  share: 0.7,
  /**
   * z = 1, five times less noise than the SDK's 5 (ε ≈ 5.2 per report instead of 0.9), so that 400
   * reports show the crowd's taste in seconds. At z = 5 the same signal-to-noise needs 25 times as many
   * reports (about 10,000): why production rounds wait for 1000 or more.
   */
  noiseMultiplier: 1,
  clipNorm: DEMO_SDK_OPTIONS.clipNorm,
};
