import { checkNumber, TWO_POW_53 } from './checkArgument';
import type { RandomSource } from './RandomSource';
import { type RandomWords, wordsOf } from './randomWords';

const TWO_POW_32 = 4_294_967_296;

/**
 * A uniform integer in [0, n), by rejection sampling (no modulo bias): for n ≤ 2^32 one 32-bit word
 * per try, above that 53 bits; a try is rejected with probability below 1/2.
 * @param n - the number of outcomes, an integer in [1, 2^53].
 * @param random - the entropy source. @default the platform CSPRNG ({@link cryptoRandom})
 * @returns an integer in [0, n).
 */
export function uniformInt(n: number, random?: RandomSource): number {
  checkNumber('uniformInt', 'n', n, { min: 1, max: TWO_POW_53, integer: true });
  return uniformBelow(n, wordsOf(random));
}

/** {@link uniformInt} without checks, for the samplers: `n` is an integer in [1, 2^53]. */
export function uniformBelow(n: number, words: RandomWords): number {
  if (n <= TWO_POW_32) {
    // Accept x below the largest multiple of n in [0, 2^32]; then x mod n is uniform.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = words.word();
      if (x < limit) return x % n;
    }
  }
  const limit = TWO_POW_53 - (TWO_POW_53 % n);
  for (;;) {
    const x = (words.word() & 0x1fffff) * TWO_POW_32 + words.word();
    if (x < limit) return x % n;
  }
}
