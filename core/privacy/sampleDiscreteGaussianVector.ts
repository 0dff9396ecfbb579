import { checkNumber } from './checkArgument';
import { discreteGaussian, gaussianPlan } from './discreteGaussian';
import type { RandomSource } from './RandomSource';
import { wordsOf } from './randomWords';

/** Largest σ of a vector: |y| ≥ 2^31 would need a 32-σ tail (probability below 10^−220 per draw). */
export const MAX_VECTOR_SIGMA = 2 ** 26;

/**
 * `length` independent exact draws of N_Z(0, σ²) (see {@link sampleDiscreteGaussian}) into an
 * Int32Array — the noise of one report. Faster than calling the scalar sampler in a loop.
 * @param length - the number of draws, an integer ≥ 0.
 * @param sigma - the scale σ, a positive number up to 2^26.
 * @param random - the entropy source. @default the platform CSPRNG ({@link cryptoRandom})
 * @returns the draws.
 */
export function sampleDiscreteGaussianVector(length: number, sigma: number, random?: RandomSource): Int32Array {
  checkNumber('sampleDiscreteGaussianVector', 'length', length, { min: 0, max: 2 ** 30, integer: true });
  checkNumber('sampleDiscreteGaussianVector', 'sigma', sigma, { above: 0, max: MAX_VECTOR_SIGMA });
  const plan = gaussianPlan(sigma);
  const words = wordsOf(random);
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const y = discreteGaussian(plan, words);
    if (y > 2_147_483_647 || y < -2_147_483_648) {
      throw new RangeError('sampleDiscreteGaussianVector: a draw does not fit int32');
    }
    out[i] = y;
  }
  return out;
}
