import { checkNumber, TWO_POW_53 } from './checkArgument';
import { discreteLaplace } from './discreteLaplace';
import type { RandomSource } from './RandomSource';
import { wordsOf } from './randomWords';

/** Largest scale numerator: keeps U + t·V an exact Number (a larger sample has probability below e^−1000). */
const MAX_SCALE_NUMERATOR = TWO_POW_53 / 1024;

/**
 * An exact draw from the discrete Laplace distribution on the integers with scale
 * t = scaleNumerator/scaleDenominator: P(y) = tanh(1/(2t))·exp(−|y|/t)
 * (Canonne, Kamath & Steinke 2020, Algorithm 2), in integer arithmetic.
 * @param scaleNumerator - an integer in [1, 2^43].
 * @param scaleDenominator - an integer ≥ 1. @default 1
 * @param random - the entropy source. @default the platform CSPRNG ({@link cryptoRandom})
 * @returns an integer.
 */
export function sampleDiscreteLaplace(scaleNumerator: number, scaleDenominator = 1, random?: RandomSource): number {
  checkNumber('sampleDiscreteLaplace', 'scaleNumerator', scaleNumerator, { min: 1, max: MAX_SCALE_NUMERATOR, integer: true });
  checkNumber('sampleDiscreteLaplace', 'scaleDenominator', scaleDenominator, { min: 1, max: TWO_POW_53 - 1, integer: true });
  return discreteLaplace(scaleNumerator, scaleDenominator, wordsOf(random));
}
