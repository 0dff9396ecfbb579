import type { SyncPrivacy, SyncPrivacyOptions } from './types';

/**
 * Fills in the privacy defaults (PRIVACY.md): local noise, z = 5, C = 1, δ = 1e-6, yearly ε 8.
 * @param options - the SDK's `privacy` option; `false` reports without noise.
 * @returns the settings every report uses.
 * @throws RangeError naming the option that is out of range.
 */
export function resolvePrivacy(options: SyncPrivacyOptions | false): SyncPrivacy {
  const given = options || {};
  const resolved: SyncPrivacy = {
    mode: options === false ? 'off' : (given.mode ?? 'local'),
    noiseMultiplier: given.noiseMultiplier ?? 5,
    clipNorm: given.clipNorm ?? 1,
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
