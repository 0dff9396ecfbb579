// Exact distributions and goodness-of-fit statistics for the sampler tests.

/** A distribution on the integers lo..hi (the mass outside is below 1e-300). */
export interface IntegerPmf {
  lo: number;
  /** pmf[k − lo] = P(k). */
  pmf: Float64Array;
  /** The normalising constant Σ_k w(k) of the unnormalised weights (w(0) = 1). */
  normaliser: number;
}

/** P(k) ∝ exp(−k²/(2σ²)), summed out to ±(40σ + 10). */
export function discreteGaussianPmf(sigmaSquared: number): IntegerPmf {
  const reach = Math.ceil(40 * Math.sqrt(sigmaSquared)) + 10;
  return fromWeights(-reach, (k) => Math.exp(-(k * k) / (2 * sigmaSquared)), 2 * reach + 1);
}

/** P(k) ∝ exp(−|k|/t). */
export function discreteLaplacePmf(t: number): IntegerPmf {
  const reach = Math.ceil(750 * t) + 10;
  return fromWeights(-reach, (k) => Math.exp(-Math.abs(k) / t), 2 * reach + 1);
}

function fromWeights(lo: number, weight: (k: number) => number, size: number): IntegerPmf {
  const pmf = new Float64Array(size);
  let normaliser = 0;
  // Smallest terms first, for an accurate sum.
  for (let i = 0; i < size; i++) pmf[i] = weight(lo + i);
  const order = [...pmf.keys()].sort((a, b) => (pmf[a] as number) - (pmf[b] as number));
  for (const i of order) normaliser += pmf[i] as number;
  for (let i = 0; i < size; i++) pmf[i] = (pmf[i] as number) / normaliser;
  return { lo, pmf, normaliser };
}

/** Central moments E[X^2] and E[X^4] of a symmetric pmf (mean 0). */
export function moments(dist: IntegerPmf): { variance: number; fourth: number } {
  let variance = 0;
  let fourth = 0;
  dist.pmf.forEach((p, i) => {
    const k = dist.lo + i;
    variance += p * k * k;
    fourth += p * k ** 4;
  });
  return { variance, fourth };
}

/** P(0). */
export function probabilityOf(dist: IntegerPmf, k: number): number {
  return dist.pmf[k - dist.lo] ?? 0;
}

/** Kolmogorov–Smirnov statistic sup_x |F_n(x) − F(x)| of integer samples (attained at integers). */
export function ksStatistic(samples: ArrayLike<number>, dist: IntegerPmf): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < samples.length; i++) counts.set(samples[i] as number, (counts.get(samples[i] as number) ?? 0) + 1);
  let cdf = 0;
  let empirical = 0;
  let d = 0;
  for (let i = 0; i < dist.pmf.length; i++) {
    cdf += dist.pmf[i] as number;
    empirical += (counts.get(dist.lo + i) ?? 0) / samples.length;
    d = Math.max(d, Math.abs(empirical - cdf));
  }
  return d;
}

/**
 * Pearson's χ² of integer samples against the pmf, over bins of about equal probability (at least
 * 20 expected draws each), with its critical value at p = 1e-6 (Wilson–Hilferty).
 */
export function chiSquare(
  samples: ArrayLike<number>,
  dist: IntegerPmf,
  bins = 60,
): { statistic: number; critical: number; bins: number } {
  const n = samples.length;
  const target = Math.max(1 / bins, 20 / n);
  const binOf = new Int32Array(dist.pmf.length);
  const probabilities: number[] = [0];
  for (let i = 0; i < dist.pmf.length; i++) {
    if ((probabilities[probabilities.length - 1] as number) >= target) probabilities.push(0);
    binOf[i] = probabilities.length - 1;
    probabilities[probabilities.length - 1] = (probabilities[probabilities.length - 1] as number) + (dist.pmf[i] as number);
  }
  // The last bin may be short: merge it into the one before.
  if (probabilities.length > 1 && (probabilities[probabilities.length - 1] as number) < target) {
    const last = probabilities.pop() as number;
    probabilities[probabilities.length - 1] = (probabilities[probabilities.length - 1] as number) + last;
    for (let i = 0; i < binOf.length; i++) if ((binOf[i] as number) >= probabilities.length) binOf[i] = probabilities.length - 1;
  }
  const observed = new Float64Array(probabilities.length);
  for (let i = 0; i < n; i++) {
    const index = (samples[i] as number) - dist.lo;
    const bin = index < 0 ? 0 : index >= binOf.length ? probabilities.length - 1 : (binOf[index] as number);
    observed[bin] = (observed[bin] as number) + 1;
  }
  let statistic = 0;
  probabilities.forEach((p, b) => {
    const expected = n * p;
    statistic += ((observed[b] as number) - expected) ** 2 / expected;
  });
  const df = probabilities.length - 1;
  const z = 4.753424308822899; // upper 1e-6 quantile of N(0, 1)
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { statistic, critical, bins: probabilities.length };
}

/** Upper 1e-6 quantile of N(0,1), rounded up: |z| beyond it fails a z-test. */
export const Z_CRITICAL = 5;

/** KS critical value for n = 5000 at p = 1e-6 (PRIVACY.md). */
export const KS_CRITICAL_5000 = 0.0380516;
