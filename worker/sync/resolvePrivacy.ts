import type { SyncPrivacy, SyncPrivacyOptions } from './types';

/**
 * The SDK's clip norm C. The engine's PA step is at most 0.01 × strength per event, most of it in the
 * local part, so a week of shopping moves the shared weights by an L2 norm of about 0.05 (median 0.049,
 * p90 0.062 over the demo's simulated crowd). Clipping at PRIVACY.md's generic C = 1 would add 20× the
 * noise the signal needs at the same ε (ε depends on z alone).
 */
export const DEFAULT_CLIP_NORM = 0.05;

/**
 * Fills in the privacy defaults (PRIVACY.md, with C sized to the engine): local noise, z = 5,
 * C = {@link DEFAULT_CLIP_NORM}, δ = 1e-6, yearly ε 8.
 * @param options - the SDK's `privacy` option; `false` reports without noise.
 * @returns the settings every report uses.
 * @throws RangeError naming the option that is out of range.
 */
export function resolvePrivacy(options: SyncPrivacyOptions | false): SyncPrivacy {
  const given = options || {};
  const resolved: SyncPrivacy = {
    mode: options === false ? 'off' : (given.mode ?? 'local'),
    noiseMultiplier: given.noiseMultiplier ?? 5,
    clipNorm: given.clipNorm ?? DEFAULT_CLIP_NORM,
    delta: given.delta ?? 1e-6,
    yearlyEpsilon: given.yearlyEpsilon ?? 8,
  };
  if (!['local', 'central', 'off'].includes(resolved.mode)) throw new RangeError(`privacy.mode must be 'local' or 'central'`);
  if (!(resolved.delta > 0 && resolved.delta < 1)) throw new RangeError(`privacy.delta must be in (0, 1), got ${resolved.delta}`);
  for (const key of ['noiseMultiplier', 'clipNorm', 'yearlyEpsilon'] as const) {
    const value = resolved[key];
    if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`privacy.${key} must be a finite number > 0, got ${value}`);
  }
  return resolved;
}
