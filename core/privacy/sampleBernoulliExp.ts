import { bernoulliExpBigInt, bernoulliExpNumber } from './bernoulliExp';
import { describeValue, TWO_POW_53 } from './checkArgument';
import type { RandomSource } from './RandomSource';
import { wordsOf } from './randomWords';

/**
 * An exact Bernoulli(exp(−numerator/denominator)) draw (Canonne, Kamath & Steinke 2020, Algorithm 1):
 * integer and rational arithmetic only, no floating-point `exp`.
 * @param numerator - an integer ≥ 0 (number or bigint).
 * @param denominator - an integer ≥ 1 (number or bigint).
 * @param random - the entropy source. @default the platform CSPRNG ({@link cryptoRandom})
 * @returns true with probability exp(−numerator/denominator).
 */
export function sampleBernoulliExp(numerator: number | bigint, denominator: number | bigint, random?: RandomSource): boolean {
  if (typeof numerator === 'number' && typeof denominator === 'number' && numerator >= 0 && denominator >= 1) {
    if (Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator))
      return bernoulliExpNumber(numerator, denominator, wordsOf(random));
  }
  const num = integer('numerator', numerator, 0n);
  const den = integer('denominator', denominator, 1n);
  const words = wordsOf(random);
  const limit = BigInt(TWO_POW_53);
  if (num <= limit && den <= limit) return bernoulliExpNumber(Number(num), Number(den), words);
  return bernoulliExpBigInt(num, den, words);
}

function integer(name: string, value: number | bigint, min: bigint): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return BigInt(value);
  if (typeof value === 'bigint' && value >= min) return value;
  throw new RangeError(
    `sampleBernoulliExp: ${name} must be an integer ≥ ${min} (a safe integer number or a bigint), got ${describeValue(value)}`,
  );
}
