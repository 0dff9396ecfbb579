import { checkNumber } from './checkArgument';
import { gaussianDelta } from './gaussianDelta';

/**
 * The analytic Gaussian mechanism (Balle & Wang 2018): the smallest σ with
 * Φ(Δ/(2σ) − εσ/Δ) − e^ε·Φ(−Δ/(2σ) − εσ/Δ) ≤ δ, by bisection to 1e-12 relative (the returned σ is
 * the upper end, so it always satisfies the bound).
 * @param epsilon - ε > 0.
 * @param delta - δ in (0, 1).
 * @param sensitivity - L2 sensitivity Δ > 0.
 * @returns σ > 0.
 */
export function calibrateAnalyticGaussian(epsilon: number, delta: number, sensitivity: number): number {
  checkNumber('calibrateAnalyticGaussian', 'epsilon', epsilon, { above: 0 });
  checkNumber('calibrateAnalyticGaussian', 'delta', delta, { above: 0, max: 1 });
  checkNumber('calibrateAnalyticGaussian', 'sensitivity', sensitivity, { above: 0 });
  let lo = 0;
  let hi = sensitivity;
  while (gaussianDelta(hi, epsilon, sensitivity) > delta) {
    lo = hi;
    hi *= 2;
  }
  if (lo === 0) {
    lo = hi;
    while (lo > 0 && gaussianDelta(lo, epsilon, sensitivity) <= delta) {
      hi = lo;
      lo /= 2;
    }
  }
  while (hi - lo > 1e-12 * hi) {
    const mid = (lo + hi) / 2;
    if (gaussianDelta(mid, epsilon, sensitivity) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}
