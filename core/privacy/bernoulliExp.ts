// Bernoulli(exp(−x)) for rational x ≥ 0, exactly (Canonne, Kamath & Steinke 2020, Algorithm 1; OpenDP
// `samplers/cks20`). Number arithmetic where every value is an integer below 2^53, BigInt otherwise.
// Bernoulli(x/k) is drawn as Bernoulli(1/k) AND Bernoulli(x), two independent draws whose product has
// the right probability, so no range ever exceeds the denominator of x.
import type { RandomWords } from './randomWords';
import { uniformBigIntBelow } from './uniformBigInt';
import { uniformBelow } from './uniformInt';

/** True with probability num/den; integers 0 ≤ num ≤ den ≤ 2^53. */
function bernoulli(num: number, den: number, words: RandomWords): boolean {
  return num > 0 && (num === den || uniformBelow(den, words) < num);
}

/**
 * Bernoulli(exp(−num/den)) for 0 ≤ num ≤ den ≤ 2^53: K is the first k ≥ 1 whose Bernoulli(x/k)
 * fails; P(K odd) = exp(−x).
 */
export function bernoulliExpUnit(num: number, den: number, words: RandomWords): boolean {
  let k = 1;
  for (;;) {
    if (k > 1 && uniformBelow(k, words) !== 0) break;
    if (!bernoulli(num, den, words)) break;
    k++;
  }
  return (k & 1) === 1;
}

/** Bernoulli(exp(−1)): the unit loop with x = 1, where Bernoulli(x) always succeeds. */
export function bernoulliExpMinusOne(words: RandomWords): boolean {
  let k = 2;
  while (uniformBelow(k, words) === 0) k++;
  return (k & 1) === 1;
}

/**
 * Bernoulli(exp(−num/den)) for integers 0 ≤ num ≤ 2^53, 1 ≤ den ≤ 2^53: exp(−⌊x⌋) as ⌊x⌋ draws of
 * Bernoulli(exp(−1)) (stopping at the first failure), times exp(−(x − ⌊x⌋)).
 */
export function bernoulliExpNumber(num: number, den: number, words: RandomWords): boolean {
  const rest = num % den; // exact: % on doubles is the exact remainder
  for (let whole = (num - rest) / den; whole > 0; whole--) {
    if (!bernoulliExpMinusOne(words)) return false;
  }
  return bernoulliExpUnit(rest, den, words);
}

/** {@link bernoulliExpNumber} for BigInt num ≥ 0, den ≥ 1 of any size. */
export function bernoulliExpBigInt(num: bigint, den: bigint, words: RandomWords): boolean {
  const rest = num % den;
  for (let whole = num / den; whole > 0n; whole--) {
    if (!bernoulliExpMinusOne(words)) return false;
  }
  if (rest === 0n) return true;
  let k = 1;
  for (;;) {
    if (k > 1 && uniformBelow(k, words) !== 0) break;
    if (uniformBigIntBelow(den, words) >= rest) break;
    k++;
  }
  return (k & 1) === 1;
}

/** 2^26: u² stays below 2^53. */
const SQUARE_SAFE = 67_108_864;

/**
 * Bernoulli(exp(−m²/(2g²))) for integers 0 ≤ m ≤ 2^53, 1 ≤ g ≤ 2^52 — the discrete Gaussian's
 * acceptance test — in Number arithmetic although m² and g² exceed 2^53. With m = u·g + r (0 ≤ r < g),
 * m²/(2g²) = u²/2 + u·r/g + r²/(2g²), so the event is the AND of three independent events; the last
 * has x = (r/g)·(r/(2g)) < 1/2, and its Bernoulli(x/k) is Bernoulli(1/k)·Bernoulli(r/g)·Bernoulli(r/(2g)).
 */
export function bernoulliExpHalfSquare(m: number, g: number, words: RandomWords): boolean {
  const r = m % g;
  const u = (m - r) / g;
  if (u > 0) {
    if (u > SQUARE_SAFE) return bernoulliExpBigInt(BigInt(m) * BigInt(m), 2n * BigInt(g) * BigInt(g), words);
    if (!bernoulliExpNumber(u * u, 2, words)) return false;
    if (r > 0 && !bernoulliExpNumber(u * r, g, words)) return false; // u·r < u·g ≤ m
  }
  if (r === 0) return true;
  const twoG = 2 * g;
  let k = 1;
  for (;;) {
    if (k > 1 && uniformBelow(k, words) !== 0) break;
    if (uniformBelow(g, words) >= r || uniformBelow(twoG, words) >= r) break;
    k++;
  }
  return (k & 1) === 1;
}
