import { PRIVACY_DEFAULTS, type PrivacyMode } from './privacyDefaults';

/** The SDK's `privacy` option (CONTRACT §3), before defaults. */
export interface PrivacyOptions {
  /** `'local'`: noise added in the browser; `'central'`: the server adds it to each round's sum. @default 'local' */
  mode?: 'local' | 'central';
  /** z: noise scale in units of a report's sensitivity. @default 5 */
  noiseMultiplier?: number;
  /** C: L2 clip norm of a report's weight change (a typical week changes the shared weights by ~0.05). @default 0.05 */
  clipNorm?: number;
  /** δ of the (ε, δ) guarantee. @default 1e-6 */
  delta?: number;
  /** Most ε the reports of any 365 days may spend. @default 8 */
  yearlyEpsilon?: number;
}

/** {@link PrivacyOptions} with every default filled in; `mode: 'off'` is `privacy: false`. */
export interface ResolvedPrivacy {
  mode: PrivacyMode;
  noiseMultiplier: number;
  clipNorm: number;
  delta: number;
  yearlyEpsilon: number;
}

const NUMBERS = ['noiseMultiplier', 'clipNorm', 'delta', 'yearlyEpsilon'] as const;

/**
 * Fills in {@link PRIVACY_DEFAULTS} without checking (the page shows a profile's budget before any
 * worker starts; the worker checks the options once, with {@link resolvePrivacy}).
 * @param options - the SDK's `privacy` option; `false` reports without noise.
 * @returns the settings, unchecked.
 */
export function privacyWithDefaults(options: PrivacyOptions | false | undefined): ResolvedPrivacy {
  const { mode, noiseMultiplier, clipNorm, delta, yearlyEpsilon } = { ...PRIVACY_DEFAULTS, ...options };
  return { mode: options === false ? 'off' : mode, noiseMultiplier, clipNorm, delta, yearlyEpsilon };
}

/**
 * Fills in {@link PRIVACY_DEFAULTS} and checks the ranges, once, where the options enter the worker.
 * @param options - the SDK's `privacy` option; `false` reports without noise.
 * @returns the settings every report uses.
 * @throws RangeError naming the option that is out of range.
 */
export function resolvePrivacy(options: PrivacyOptions | false | undefined): ResolvedPrivacy {
  const resolved = privacyWithDefaults(options);
  if (!['local', 'central', 'off'].includes(resolved.mode)) throw new RangeError(`privacy.mode must be 'local' or 'central'`);
  for (const key of NUMBERS) {
    const value = resolved[key];
    // δ is a probability: below 1 as well as above 0.
    if (!(value > 0 && Number.isFinite(value) && (key !== 'delta' || value < 1)))
      throw new RangeError(`privacy.${key} must be ${key === 'delta' ? 'in (0, 1)' : 'a finite number > 0'}, got ${value}`);
  }
  return resolved;
}
