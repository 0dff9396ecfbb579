/**
 * Probability that the checks reject an honest report. Each of the two checks (largest coordinate,
 * norm) is bounded by it, so an honest report fails with probability at most twice this.
 */
export const HONEST_REJECTION_PROBABILITY = 1e-12;

/** What an honest report can look like, in integer units. */
export interface NoiseBounds {
  /** Largest |r_i| an honest report can have. */
  maxAbs: number;
  /** Largest ‖r‖² an honest report can have. */
  maxNormSquared: number;
}

/** The reported parameters the bounds depend on. */
export interface NoiseParameters {
  dimensions: number;
  clipNorm: number;
  gamma: number;
  /** Scale of the discrete Gaussian in integer units; 0 for an unnoised report. */
  sigma: number;
}

/**
 * The per-coordinate and norm bounds that honest noise allows (PRIVACY.md, "Server side"). An honest
 * report is r = Δ + n with ‖Δ‖ ≤ C/γ (the client clips before rounding) and n_i ~ N_Z(0, σ²)
 * independent. The discrete Gaussian is σ-subgaussian (Canonne–Kamath–Steinke 2020), so:
 * - coordinate: P(|n_i| > tσ) ≤ 2·exp(−t²/2); a union bound over d coordinates gives
 *   t = √(2·ln(2d/p)), i.e. |r_i| ≤ C/γ + tσ (t ≈ 8.72 at d = 2^14, 8.88 at 2^16 for p = 1e-12);
 * - norm: Hsu–Kakade–Zhang 2012, P(‖n‖² > σ²(d + 2√(dx) + 2x)) ≤ e^(−x) with x = ln(1/p), and
 *   ‖r‖ ≤ ‖Δ‖ + ‖n‖.
 * The checks cost no privacy: they depend only on public parameters and reject, never reveal.
 * @param params - dimensions, clip norm, gamma and sigma as reported.
 * @param failure - the allowed rejection probability of an honest report. @default HONEST_REJECTION_PROBABILITY
 * @returns the largest coordinate and squared norm to accept.
 */
export function noiseBounds(params: NoiseParameters, failure = HONEST_REJECTION_PROBABILITY): NoiseBounds {
  const { dimensions, clipNorm, gamma, sigma } = params;
  const signal = clipNorm / gamma;
  if (sigma === 0) return { maxAbs: Math.floor(signal), maxNormSquared: signal * signal };
  const t = Math.sqrt(2 * Math.log((2 * dimensions) / failure));
  const x = Math.log(1 / failure);
  const noiseNorm = sigma * Math.sqrt(dimensions + 2 * Math.sqrt(dimensions * x) + 2 * x);
  return { maxAbs: Math.floor(signal + t * sigma), maxNormSquared: (signal + noiseNorm) ** 2 };
}
