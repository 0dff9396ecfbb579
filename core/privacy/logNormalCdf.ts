import { centralPart, logLowerTail } from './normalCdf';

/**
 * ln Φ(x), accurate where Φ(x) itself underflows (x down to about −1e154).
 * @param x - any number.
 * @returns ln Φ(x) ≤ 0.
 */
export function logNormalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= 0.67448975) return Math.log(0.5 + centralPart(x));
  if (x < 0) return logLowerTail(y);
  return Math.log1p(-Math.exp(logLowerTail(y)));
}
