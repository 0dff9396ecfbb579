import { checkNumber } from './checkArgument';
import { discreteGaussian, type GaussianPlan, gaussianPlan } from './discreteGaussian';
import type { RandomSource } from './RandomSource';
import { wordsOf } from './randomWords';

/** Largest σ: samples stay exact Numbers (|y| ≥ 2^53 would need a 2^13-σ tail). */
export const MAX_SAMPLER_SIGMA = 2 ** 40;

let lastPlan: GaussianPlan | null = null;

/**
 * One exact draw from the discrete Gaussian N_Z(0, σ²), P(y) ∝ exp(−y²/(2σ²)) on the integers
 * (Canonne, Kamath & Steinke 2020, as in OpenDP): rejection from the discrete Laplace with integer and
 * rational arithmetic only — no floating-point inverse CDF, so the low bits reveal nothing.
 * @param sigma - the scale σ, any positive number up to 2^40 (used exactly as the double it is).
 * @param random - the entropy source. @default the platform CSPRNG ({@link cryptoRandom})
 * @returns an integer.
 */
export function sampleDiscreteGaussian(sigma: number, random?: RandomSource): number {
  checkNumber('sampleDiscreteGaussian', 'sigma', sigma, { above: 0, max: MAX_SAMPLER_SIGMA });
  if (lastPlan?.sigma !== sigma) lastPlan = gaussianPlan(sigma);
  return discreteGaussian(lastPlan, wordsOf(random));
}
