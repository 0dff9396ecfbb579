import { checkNumber } from './checkArgument';
import { DEFAULT_ORDERS } from './defaultOrders';
import { epsilonFromRdp } from './epsilonFromRdp';
import { rdpGaussian } from './rdpGaussian';

/** Options of {@link reportEpsilon}. */
export interface ReportEpsilonOptions {
  /** How many such reports compose. @default 1 */
  reports?: number;
  /** @default 1e-6 */
  delta?: number;
  /** @default DEFAULT_ORDERS */
  orders?: readonly number[];
}

/**
 * The ε (by RDP, at δ) of `reports` reports of sensitivity Δ and noise σ — e.g. one report at the
 * defaults is reportEpsilon(512, 2560) ≈ 0.90 (only the ratio z = σ/Δ matters).
 * @param sensitivity - Δ_int ≥ 0.
 * @param sigma - σ_int ≥ 0.
 * @param options - number of reports, δ and orders.
 * @returns ε and the order that gives it.
 */
export function reportEpsilon(
  sensitivity: number,
  sigma: number,
  options: ReportEpsilonOptions = {},
): { epsilon: number; order: number } {
  const { reports = 1, delta = 1e-6, orders = DEFAULT_ORDERS } = options;
  checkNumber('reportEpsilon', 'options.reports', reports, { min: 0, integer: true });
  const curve = rdpGaussian(sensitivity, sigma, orders);
  return epsilonFromRdp(
    orders,
    curve.map((value) => (value === 0 ? 0 : reports * value)),
    delta,
  );
}
