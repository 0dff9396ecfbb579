import { checkNumber, checkNumbers } from './checkArgument';
import { logNormalCdf } from './logNormalCdf';
import { logAdd, logBinomial, logSub } from './logSpace';

/** Terms below e^−30 of the running sum end the fractional-order series (as in TensorFlow Privacy). */
const SERIES_CUTOFF = -30;
const MAX_SERIES_TERMS = 100_000;

/**
 * Rényi DP of `steps` compositions of the Poisson-subsampled Gaussian mechanism (sampling rate q,
 * noise multiplier z = σ/Δ) at each order (Mironov, Talwar & Zhang 2019). Integer α: the binomial sum
 * A_α = Σ_k C(α,k)(1−q)^(α−k) q^k exp((k²−k)/(2z²)) in log space; fractional α: the two-sided series of
 * TensorFlow Privacy / Opacus `_compute_log_a_frac`. ε(α) = steps · ln(A_α)/(α−1).
 * @param q - sampling rate in [0, 1] (1: no sampling, the plain Gaussian).
 * @param noiseMultiplier - z ≥ 0 (0: no privacy, Infinity).
 * @param steps - number of compositions, an integer ≥ 0.
 * @param orders - Rényi orders α > 1.
 * @returns ε(α) for each order.
 */
export function rdpSampledGaussian(q: number, noiseMultiplier: number, steps: number, orders: readonly number[]): number[] {
  checkNumber('rdpSampledGaussian', 'q', q, { min: 0, max: 1 });
  checkNumber('rdpSampledGaussian', 'noiseMultiplier', noiseMultiplier, { min: 0 });
  checkNumber('rdpSampledGaussian', 'steps', steps, { min: 0, integer: true });
  checkNumbers('rdpSampledGaussian', 'orders', orders, { above: 1 });
  return orders.map((alpha) => {
    if (q === 0 || steps === 0) return 0;
    if (noiseMultiplier === 0) return Infinity;
    if (q === 1) return (steps * alpha) / (2 * noiseMultiplier * noiseMultiplier);
    const logA = Number.isInteger(alpha) ? logAInteger(q, noiseMultiplier, alpha) : logAFractional(q, noiseMultiplier, alpha);
    return (steps * logA) / (alpha - 1);
  });
}

/** ln A_α for integer α: log-sum-exp of the α + 1 binomial terms. */
function logAInteger(q: number, z: number, alpha: number): number {
  const logQ = Math.log(q);
  const log1mQ = Math.log1p(-q);
  const terms = new Float64Array(alpha + 1);
  let max = -Infinity;
  for (let k = 0; k <= alpha; k++) {
    const term = logBinomial(alpha, k) + k * logQ + (alpha - k) * log1mQ + (k * k - k) / (2 * z * z);
    terms[k] = term;
    if (term > max) max = term;
  }
  let sum = 0;
  for (let k = 0; k <= alpha; k++) sum += Math.exp((terms[k] as number) - max);
  return max + Math.log(sum);
}

/** ln erfc(x) = ln 2 + ln Φ(−x√2). */
function logErfc(x: number): number {
  return Math.LN2 + logNormalCdf(-x * Math.SQRT2);
}

/** ln A_α for fractional α (Mironov, Talwar & Zhang 2019, Section 3.3), summed until terms fall below e^−30. */
function logAFractional(q: number, z: number, alpha: number): number {
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  const z0 = z * z * Math.log(1 / q - 1) + 0.5;
  const logQ = Math.log(q);
  const log1mQ = Math.log1p(-q);
  let logCoef = 0; // ln |C(α, i)|, updated by C(α, i+1) = C(α, i)·(α − i)/(i + 1)
  let positive = true;
  for (let i = 0; i < MAX_SERIES_TERMS; i++) {
    const j = alpha - i;
    const logT0 = logCoef + i * logQ + j * log1mQ;
    const logT1 = logCoef + j * logQ + i * log1mQ;
    const logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.SQRT2 * z));
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.SQRT2 * z));
    const logS0 = logT0 + (i * i - i) / (2 * z * z) + logE0;
    const logS1 = logT1 + (j * j - j) / (2 * z * z) + logE1;
    if (positive) {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < SERIES_CUTOFF) break;
    const factor = (alpha - i) / (i + 1);
    if (factor < 0) positive = !positive;
    logCoef += Math.log(Math.abs(factor));
  }
  return logAdd(logA0, logA1);
}
