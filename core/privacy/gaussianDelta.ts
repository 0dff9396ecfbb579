import { checkNumber } from './checkArgument';
import { logNormalCdf } from './logNormalCdf';

/**
 * The exact δ of the Gaussian mechanism at ε (Balle & Wang 2018, Theorem 8; Dong, Roth & Su's GDP):
 * with μ = Δ/σ, δ(ε) = Φ(μ/2 − ε/μ) − e^ε·Φ(−μ/2 − ε/μ). T compositions are one Gaussian with
 * sensitivity √T·Δ. Evaluated as Φ(a)·(1 − e^(ε + ln Φ(b) − ln Φ(a))) so that neither e^ε overflows
 * nor the difference of two close numbers loses the digits.
 * @param sigma - noise scale σ ≥ 0.
 * @param epsilon - ε ≥ 0.
 * @param sensitivity - L2 sensitivity Δ ≥ 0.
 * @returns δ in [0, 1].
 */
export function gaussianDelta(sigma: number, epsilon: number, sensitivity: number): number {
  checkNumber('gaussianDelta', 'sigma', sigma, { min: 0 });
  checkNumber('gaussianDelta', 'epsilon', epsilon, { min: 0 });
  checkNumber('gaussianDelta', 'sensitivity', sensitivity, { min: 0 });
  if (sensitivity === 0) return 0;
  if (sigma === 0) return 1;
  const mu = sensitivity / sigma;
  const logA = logNormalCdf(mu / 2 - epsilon / mu);
  const logB = epsilon + logNormalCdf(-mu / 2 - epsilon / mu);
  if (logA === -Infinity) return 0;
  return Math.max(0, Math.exp(logA) * -Math.expm1(Math.min(0, logB - logA)));
}
