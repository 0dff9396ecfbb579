import { checkNumber, checkNumbers } from './checkArgument';

/**
 * Rényi DP of the Gaussian mechanism at each order: ε(α) = α·Δ²/(2σ²). The discrete Gaussian with
 * integer L2 sensitivity Δ satisfies the same bound (Canonne, Kamath & Steinke 2020, Theorem 14), so
 * this is also the cost of one Tastebud report in integer units. Compose by adding curves order by order.
 * @param sensitivity - L2 sensitivity Δ ≥ 0.
 * @param sigma - noise scale σ ≥ 0 (0 with Δ > 0 gives Infinity: no privacy).
 * @param orders - Rényi orders α > 1.
 * @returns ε(α) for each order.
 */
export function rdpGaussian(sensitivity: number, sigma: number, orders: readonly number[]): number[] {
  checkNumber('rdpGaussian', 'sensitivity', sensitivity, { min: 0 });
  checkNumber('rdpGaussian', 'sigma', sigma, { min: 0 });
  checkNumbers('rdpGaussian', 'orders', orders, { above: 1 });
  const rho = sensitivity === 0 ? 0 : (sensitivity * sensitivity) / (2 * sigma * sigma);
  return orders.map((alpha) => alpha * rho);
}
