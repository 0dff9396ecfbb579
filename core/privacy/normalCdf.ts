// W. J. Cody's rational Chebyshev approximations of the normal distribution function (ACM TOMS
// Algorithm 715, 1993), as in R's `pnorm_both`: relative error near 1e-16 in both tails, and a log
// form that stays finite far past where Φ underflows. Constants are written as the doubles nearest
// Cody's 20-digit values (the shortest text that reads back as the same double).

const A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283,
  11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598,
  38912.00328609327, 19685.429676859992,
];
const P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-5,
  0.023073441764940174,
];
const Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7.297515550839662e-5];
const ONE_OVER_SQRT_2PI = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;
/** Below this |x|, Φ(x) − 1/2 comes from the central approximation. */
const CENTRAL = 0.67448975;

const at = (coefficients: readonly number[], i: number) => coefficients[i] as number;

/** Φ(x) − 1/2 for |x| ≤ 0.674… */
export function centralPart(x: number): number {
  const xsq = x * x;
  let xnum = at(A, 4) * xsq;
  let xden = xsq;
  for (let i = 0; i < 3; i++) {
    xnum = (xnum + at(A, i)) * xsq;
    xden = (xden + at(B, i)) * xsq;
  }
  return (x * (xnum + at(A, 3))) / (xden + at(B, 3));
}

/**
 * ln Φ(−y) for y > 0.674…: exp(−y²/2)·R(y) with a rational R, the square split as
 * ⌊16y⌋²/256 + (y − s)(y + s) so that exp(−y²/2) keeps full relative precision.
 */
export function logLowerTail(y: number): number {
  let ratio: number;
  if (y <= SQRT_32) {
    let xnum = at(C, 8) * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + at(C, i)) * y;
      xden = (xden + at(D, i)) * y;
    }
    ratio = (xnum + at(C, 7)) / (xden + at(D, 7));
  } else {
    const xsq = 1 / (y * y);
    let xnum = at(P, 5) * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + at(P, i)) * xsq;
      xden = (xden + at(Q, i)) * xsq;
    }
    ratio = (ONE_OVER_SQRT_2PI - (xsq * (xnum + at(P, 4))) / (xden + at(Q, 4))) / y;
  }
  const s = Math.trunc(y * 16) / 16;
  const del = (y - s) * (y + s);
  return -s * s * 0.5 - del * 0.5 + Math.log(ratio);
}

/**
 * The standard normal distribution function Φ(x) = P(N(0,1) ≤ x), to about 1e-16 relative.
 * @param x - any number.
 * @returns Φ(x) in [0, 1].
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= CENTRAL) return 0.5 + centralPart(x);
  const tail = Math.exp(logLowerTail(y));
  return x > 0 ? 1 - tail : tail;
}
