import { describeValue, TWO_POW_53 } from './checkArgument';
import type { RandomSource } from './RandomSource';
import { type RandomWords, wordsOf } from './randomWords';
import { uniformBelow } from './uniformInt';

/**
 * A uniform BigInt in [0, n) of any size, by rejection sampling: draws the bit length of n − 1 and
 * retries when the draw is ≥ n (fewer than two tries on average).
 * @param n - the number of outcomes, a BigInt ≥ 1.
 * @param random - the entropy source. @default the platform CSPRNG ({@link cryptoRandom})
 * @returns a BigInt in [0, n).
 */
export function uniformBigInt(n: bigint, random?: RandomSource): bigint {
  if (typeof n !== 'bigint' || n < 1n) throw new RangeError(`uniformBigInt: n must be a bigint ≥ 1n, got ${describeValue(n)}`);
  return uniformBigIntBelow(n, wordsOf(random));
}

/** {@link uniformBigInt} without checks, for the samplers: `n` ≥ 1n. */
export function uniformBigIntBelow(n: bigint, words: RandomWords): bigint {
  if (n <= BigInt(TWO_POW_53)) return BigInt(uniformBelow(Number(n), words));
  const bits = (n - 1n).toString(2).length;
  const wordCount = Math.ceil(bits / 32);
  const topBits = bits - 32 * (wordCount - 1);
  const topMask = topBits === 32 ? 0xffffffff : 2 ** topBits - 1;
  for (;;) {
    let x = BigInt((words.word() & topMask) >>> 0);
    for (let i = 1; i < wordCount; i++) x = (x << 32n) | BigInt(words.word());
    if (x < n) return x;
  }
}
