import { checkNumber } from './checkArgument';
import { gaussianDelta } from './gaussianDelta';

/**
 * The exact ε of the Gaussian mechanism at δ: the smallest ε ≥ 0 with {@link gaussianDelta} ≤ δ, by
 * bisection to 1e-12 relative (the returned ε is the upper end, so it is never optimistic). The
 * cross-check of the RDP accountant, which must never report less.
 * @param sigma - noise scale σ > 0.
 * @param delta - δ in (0, 1).
 * @param sensitivity - L2 sensitivity Δ ≥ 0 (√T·Δ for T reports).
 * @returns ε ≥ 0.
 */
export function gaussianEpsilon(sigma: number, delta: number, sensitivity: number): number {
  checkNumber('gaussianEpsilon', 'sigma', sigma, { above: 0 });
  checkNumber('gaussianEpsilon', 'delta', delta, { above: 0, max: 1 });
  checkNumber('gaussianEpsilon', 'sensitivity', sensitivity, { min: 0 });
  if (gaussianDelta(sigma, 0, sensitivity) <= delta) return 0;
  let lo = 0;
  let hi = 1;
  while (gaussianDelta(sigma, hi, sensitivity) > delta) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1e-12 * hi) {
    const mid = (lo + hi) / 2;
    if (gaussianDelta(sigma, mid, sensitivity) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}
