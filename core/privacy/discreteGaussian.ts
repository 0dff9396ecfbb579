// The discrete Gaussian N_Z(0, σ²) by rejection from the discrete Laplace (Canonne, Kamath & Steinke
// 2020, Algorithm 3; OpenDP `samplers/cks20`): Y ~ Lap_Z(t) with t = ⌊σ⌋ + 1, accepted with probability
// exp(−(|Y| − σ²/t)²/(2σ²)). σ is a double, hence exactly p/q with q a power of two, and then
// (|Y| − σ²/t)²/(2σ²) = m²/(2g²) with m = |Y|·q²·t − p² and g = p·q·t: integer arithmetic throughout.
import { bernoulliExpBigInt, bernoulliExpHalfSquare } from './bernoulliExp';
import { TWO_POW_53 } from './checkArgument';
import { discreteLaplace } from './discreteLaplace';
import type { RandomWords } from './randomWords';

/** Everything a draw needs, computed once per σ. */
export interface GaussianPlan {
  sigma: number;
  /** The Laplace scale t = ⌊σ⌋ + 1. */
  t: number;
  /** Number constants p², q²·t, g = p·q·t when all are exact (the common case: integer σ < 2^26). */
  fast: { pp: number; qqt: number; g: number } | null;
  /** The same as BigInts, for the rest. */
  pp: bigint;
  qqt: bigint;
  g: bigint;
}

/** σ = p/q exactly, q = 2^e: doubling a double is exact, and a finite double becomes an integer after at most 1074 doublings. */
function asDyadic(sigma: number): { p: number; e: number } {
  let p = sigma;
  let e = 0;
  while (!Number.isInteger(p)) {
    p *= 2;
    e++;
  }
  return { p, e };
}

/**
 * The constants of the sampler for σ (unchecked: 0 < σ ≤ 2^40).
 * @param sigma - the scale.
 */
export function gaussianPlan(sigma: number): GaussianPlan {
  const t = Math.floor(sigma) + 1;
  const { p, e } = asDyadic(sigma);
  const P = BigInt(p);
  const Q = 1n << BigInt(e);
  const T = BigInt(t);
  const pp = P * P;
  const qqt = Q * Q * T;
  const g = P * Q * T;
  const exact = pp < BigInt(TWO_POW_53) && qqt < BigInt(TWO_POW_53) && 2n * g <= BigInt(TWO_POW_53);
  return {
    sigma,
    t,
    fast: exact ? { pp: Number(pp), qqt: Number(qqt), g: Number(g) } : null,
    pp,
    qqt,
    g,
  };
}

/** One exact draw of N_Z(0, σ²) following `plan`. */
export function discreteGaussian(plan: GaussianPlan, words: RandomWords): number {
  const { t, fast } = plan;
  for (;;) {
    const y = discreteLaplace(t, 1, words);
    const magnitude = y < 0 ? -y : y;
    if (fast !== null) {
      const scaled = magnitude * fast.qqt;
      if (scaled < TWO_POW_53) {
        const m = scaled - fast.pp; // both below 2^53: exact
        if (bernoulliExpHalfSquare(m < 0 ? -m : m, fast.g, words)) return y;
        continue;
      }
    }
    const m = BigInt(magnitude) * plan.qqt - plan.pp;
    if (bernoulliExpBigInt(m * m, 2n * plan.g * plan.g, words)) return y;
  }
}
