import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type RandomSource, sampleDiscreteGaussian } from '../core/privacy/index';

/** Draws between two yields, so noising a round never stalls requests for long. */
const DRAWS_PER_TURN = 256;

/**
 * Adds independent discrete Gaussian noise N_Z(0, σ²) (exact CKS20 sampler of the privacy core) to every
 * coordinate of a round's integer sum, in coordinate order (so a seeded source gives reproducible noise).
 * @param sums - the integer sum of the round's reports, in grid units; modified in place.
 * @param sigma - σ in the same units.
 * @param random - the entropy source (production: the CSPRNG).
 */
export async function addCentralNoise(sums: Float64Array, sigma: number, random: RandomSource): Promise<void> {
  for (let from = 0; from < sums.length; from += DRAWS_PER_TURN) {
    const to = Math.min(sums.length, from + DRAWS_PER_TURN);
    for (let j = from; j < to; j++) sums[j] = (sums[j] as number) + sampleDiscreteGaussian(sigma, random);
    await yieldToEventLoop();
  }
}
