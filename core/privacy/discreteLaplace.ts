import { bernoulliExpMinusOne, bernoulliExpUnit } from './bernoulliExp';
import type { RandomWords } from './randomWords';
import { uniformBelow } from './uniformInt';

/**
 * One draw of the discrete Laplace distribution with scale t/s, P(y) ∝ exp(−|y|·s/t)
 * (Canonne, Kamath & Steinke 2020, Algorithm 2): a geometric magnitude built from U ~ Uniform{0..t−1}
 * accepted with probability exp(−U/t) and V ~ Geometric(1 − e^−1), X = U + t·V, then ⌊X/s⌋ with a
 * random sign (rejecting −0 so that 0 is not counted twice). No unchecked arguments: t, s are
 * integers in [1, 2^53].
 */
export function discreteLaplace(t: number, s: number, words: RandomWords): number {
  for (;;) {
    const u = uniformBelow(t, words);
    if (!bernoulliExpUnit(u, t, words)) continue;
    let v = 0;
    while (bernoulliExpMinusOne(words)) v++;
    const x = u + t * v;
    if (!Number.isSafeInteger(x)) {
      // P(V ≥ 2^53 / t) ≤ exp(−2^53 / t): never for the scales the samplers accept.
      throw new RangeError('discrete Laplace: a sample exceeded 2^53 (the scale is too large for Number arithmetic)');
    }
    const magnitude = s === 1 ? x : Math.floor(x / s);
    const negative = words.bit() === 1;
    if (negative && magnitude === 0) continue;
    return negative ? -magnitude : magnitude;
  }
}
