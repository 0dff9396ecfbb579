/** How a report is protected (PRIVACY.md, "Modes"): `'off'` is the SDK's `privacy: false`. */
export type PrivacyMode = 'local' | 'central' | 'off';

/**
 * The privacy settings every report uses unless the shop overrides them: the one source for the SDK,
 * `buildReport` and the server's default bounds.
 * - `clipNorm` C = 0.05: the engine's PA step is at most 0.01 × strength per event, most of it in the
 *   local part, so a week of shopping moves the shared weights by an L2 norm of about 0.05 (median
 *   0.049, p90 0.062 over the demo's simulated crowd). PRIVACY.md's generic C = 1 would add 20× the
 *   noise the signal needs at the same ε (ε depends on z alone).
 * - `noiseMultiplier` z = 5, `delta` δ = 1e-6, `yearlyEpsilon` 8: PRIVACY.md Tier 1.
 * - `quantizationBits` k = 8: the grid γ = C/2^k, fixed so a report's cost is known before it is built.
 */
export const PRIVACY_DEFAULTS = Object.freeze({
  mode: 'local',
  noiseMultiplier: 5,
  clipNorm: 0.05,
  delta: 1e-6,
  yearlyEpsilon: 8,
  quantizationBits: 8,
} as const);
