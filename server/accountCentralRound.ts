import { DEFAULT_ORDERS, epsilonFromRdp, rdpGaussian } from '../core/privacy/index';
import { ACCOUNTANT_DELTA } from './store/Store';

/** The noise of one round: σ of the discrete Gaussian on its integer sum, and the sum's L2 sensitivity. */
export interface NoiseScale {
  sigma: number;
  sensitivity: number;
}

/**
 * The server's accountant in `mode: 'central'`: ε of a round whose integer sum got discrete Gaussian
 * noise (RDP of the Gaussian mechanism, which the discrete Gaussian satisfies for integer shifts,
 * Canonne–Kamath–Steinke 2020), and of every noised round so far composed order by order, as if one
 * browser had a report in each of them. Both at δ = {@link ACCOUNTANT_DELTA}, converted from RDP over the
 * default orders.
 * @param round - this round's σ and sensitivity.
 * @param history - the earlier noised rounds' σ and sensitivity.
 * @returns ε of the round and ε of all noised rounds including it.
 */
export function accountCentralRound(
  round: NoiseScale,
  history: readonly NoiseScale[],
): { epsilon: number; epsilonTotal: number } {
  const own = rdpGaussian(round.sensitivity, round.sigma, DEFAULT_ORDERS);
  const total = [...own];
  for (const earlier of history) {
    rdpGaussian(earlier.sensitivity, earlier.sigma, DEFAULT_ORDERS).forEach((value, i) => {
      total[i] = (total[i] as number) + value;
    });
  }
  return {
    epsilon: epsilonFromRdp(DEFAULT_ORDERS, own, ACCOUNTANT_DELTA).epsilon,
    epsilonTotal: epsilonFromRdp(DEFAULT_ORDERS, total, ACCOUNTANT_DELTA).epsilon,
  };
}
