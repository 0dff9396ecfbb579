// Arithmetic on logarithms for the accountant: ln(e^a + e^b) and ln(e^a − e^b) without overflow.

/** ln(e^a + e^b). */
export function logAdd(a: number, b: number): number {
  const hi = Math.max(a, b);
  if (hi === -Infinity) return -Infinity;
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

/** ln(e^a − e^b) for a ≥ b (−∞ when equal). */
export function logSub(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (a <= b) return -Infinity;
  return a + Math.log(-Math.expm1(b - a));
}

const logFactorials: number[] = [0];
let compensation = 0;

/** ln(n!) from a table grown on demand by compensated (Kahan) summation of ln k. */
export function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k++) {
    const previous = logFactorials[k - 1] as number;
    const term = Math.log(k) - compensation;
    const sum = previous + term;
    compensation = sum - previous - term;
    logFactorials.push(sum);
  }
  return logFactorials[n] as number;
}

/** ln C(n, k) for integers 0 ≤ k ≤ n. */
export function logBinomial(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}
