import { checkNumber, checkNumbers } from './checkArgument';

/**
 * The (ε, δ)-DP guarantee implied by a Rényi DP curve, with the conversion of Balle et al. 2020
 * (Hypothesis testing interpretations and Rényi DP, Theorem 21), minimised over the orders:
 * ε = min_α [ε(α) + ln((α−1)/α) − (ln δ + ln α)/(α−1)], as in TensorFlow Privacy. When
 * δ ≥ √(1 − e^−ε(α)) the curve already gives ε = 0 (total variation bound through the KL divergence).
 * @param orders - Rényi orders α ≥ 1 (orders ≤ 1.01 are skipped: the bound is unstable there).
 * @param rdp - ε(α) ≥ 0 at each order, the same length as `orders`.
 * @param delta - δ in (0, 1).
 * @returns the smallest ε ≥ 0 and the order that gives it (Infinity and NaN when no order helps).
 */
export function epsilonFromRdp(
  orders: readonly number[],
  rdp: readonly number[],
  delta: number,
): { epsilon: number; order: number } {
  checkNumbers('epsilonFromRdp', 'orders', orders, { min: 1 });
  if (!Array.isArray(rdp) || rdp.length !== orders.length) {
    throw new RangeError(`epsilonFromRdp: rdp must be an array as long as orders (${orders.length})`);
  }
  for (let i = 0; i < rdp.length; i++) {
    const value = rdp[i];
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new RangeError(`epsilonFromRdp: rdp[${i}] must be a number ≥ 0 (Infinity allowed), got ${String(value)}`);
    }
  }
  checkNumber('epsilonFromRdp', 'delta', delta, { above: 0, max: 1 });
  let best = { epsilon: Infinity, order: Number.NaN };
  for (let i = 0; i < orders.length; i++) {
    const alpha = orders[i] as number;
    const r = rdp[i] as number;
    let epsilon: number;
    if (delta * delta + Math.expm1(-r) >= 0) epsilon = 0;
    else if (alpha > 1.01) epsilon = r + Math.log1p(-1 / alpha) - Math.log(delta * alpha) / (alpha - 1);
    else epsilon = Infinity;
    if (epsilon < best.epsilon) best = { epsilon: Math.max(0, epsilon), order: alpha };
  }
  return best;
}
