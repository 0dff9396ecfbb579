import { checkNumber, describeValue } from './checkArgument';

/** Largest clipNorm/gamma: coordinates fit int32 and ‖r‖² stays an exact Number. */
export const MAX_GRID_STEPS = 2 ** 25;

/**
 * Flat-clips a weight change to L2 norm C and puts it on the integer grid of step γ, with the
 * guarantee ‖r‖₂ ≤ C/γ checked in exact integer arithmetic (PRIVACY.md Tier 1 step 3; the
 * sensitivity 2C/γ of a report rests on it).
 *
 * 1. Clip: x = Δ·min(1, C/‖Δ‖)/γ (the norm computed with scaling, so no overflow or underflow).
 * 2. Round each coordinate to the nearest integer (ties away from zero): error ≤ 1/2 grid step.
 * 3. Repair, only when rounding pushed ‖r‖ over C/γ (possible only when the clip binds, or within an
 *    ulp of it): coordinates that were rounded away from zero go back toward zero, those that cost the
 *    least squared error per unit of norm² first, until ‖r‖ ≤ C/γ. Rounding every coordinate toward
 *    zero cannot exceed ‖x‖, so the repair ends; a last guard steps the largest coordinate toward zero
 *    should floating-point clipping have overshot C/γ by an ulp.
 *
 * Bias: coordinates below half a step (|Δ_i| < γ/2 after clipping) become 0, and repaired ones move
 * by less than one step toward zero: a shrinkage bounded by γ per coordinate, far below the noise
 * (see docs/privacy-math.md).
 * @param delta - the weight change, finite numbers, any length ≥ 1.
 * @param clipNorm - C > 0.
 * @param gamma - the grid step γ > 0, with C/γ ≤ 2^25 (Tastebud uses γ = C/2^k).
 * @returns the integer vector r with ‖r‖₂ ≤ C/γ (value × γ ≈ clipped weight change).
 */
export function clipAndQuantize(delta: ArrayLike<number>, clipNorm: number, gamma: number): Int32Array {
  checkNumber('clipAndQuantize', 'clipNorm', clipNorm, { above: 0 });
  checkNumber('clipAndQuantize', 'gamma', gamma, { above: 0 });
  const bound = clipNorm / gamma;
  checkNumber('clipAndQuantize', 'clipNorm / gamma', bound, { max: MAX_GRID_STEPS });
  if (delta === null || typeof delta !== 'object' || typeof delta.length !== 'number' || delta.length < 1) {
    throw new TypeError(`clipAndQuantize: delta must be a non-empty array of numbers, got ${describeValue(delta)}`);
  }
  const n = delta.length;
  const norm = l2Norm(delta);
  const x = new Float64Array(n);
  if (norm > clipNorm) {
    for (let i = 0; i < n; i++) x[i] = ((delta[i] as number) / norm) * bound;
  } else {
    for (let i = 0; i < n; i++) x[i] = (delta[i] as number) / gamma;
  }
  const r = new Int32Array(n);
  let normSquared = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    const magnitude = Math.abs(v);
    const whole = Math.trunc(magnitude);
    const rounded = magnitude - whole >= 0.5 ? whole + 1 : whole;
    r[i] = v < 0 ? -rounded : rounded;
    normSquared += rounded * rounded;
  }
  if (!withinSquare(normSquared, bound)) repair(r, x, normSquared, bound);
  return r;
}

/** ‖v‖₂ of finite numbers without overflow or underflow (scaled by the largest magnitude). */
function l2Norm(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`clipAndQuantize: delta[${i}] must be a finite number, got ${describeValue(v)}`);
    }
    const magnitude = Math.abs(v);
    if (magnitude > max) max = magnitude;
  }
  if (max === 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const scaled = (values[i] as number) / max;
    sum += scaled * scaled;
  }
  return max * Math.sqrt(sum);
}

/** Whether the integer s ≤ b² holds exactly (b a double, s an integer below 2^53). */
export function withinSquare(s: number, b: number): boolean {
  const square = b * b;
  if (s < square * (1 - 1e-12)) return true;
  if (s > square * (1 + 1e-12)) return false;
  // Near the bound: compare s·2^(2e) with m² where b = m/2^e exactly.
  let m = b;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  const M = BigInt(m);
  return BigInt(s) << BigInt(2 * e) <= M * M;
}

/** Moves rounded-up coordinates back toward zero until ‖r‖² ≤ bound² (see clipAndQuantize). */
function repair(r: Int32Array, x: Float64Array, normSquared: number, bound: number): void {
  const candidates: number[] = [];
  const cost = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const magnitude = Math.abs(x[i] as number);
    const rounded = Math.abs(r[i] as number);
    if (rounded > magnitude) {
      // Going from |r| = w + 1 to w adds (2f − 1) to the squared error (f = fractional part) and
      // removes 2w + 1 from ‖r‖²: the cheapest ratio goes first.
      const whole = rounded - 1;
      cost[i] = (2 * (magnitude - whole) - 1) / (2 * whole + 1);
      candidates.push(i);
    }
  }
  candidates.sort((a, b) => (cost[a] as number) - (cost[b] as number) || a - b);
  let s = normSquared;
  for (const i of candidates) {
    if (withinSquare(s, bound)) return;
    const value = r[i] as number;
    const magnitude = Math.abs(value);
    s -= 2 * magnitude - 1;
    r[i] = value < 0 ? value + 1 : value - 1;
  }
  while (!withinSquare(s, bound)) {
    let largest = 0;
    for (let i = 1; i < r.length; i++) if (Math.abs(r[i] as number) > Math.abs(r[largest] as number)) largest = i;
    const value = r[largest] as number;
    s -= 2 * Math.abs(value) - 1;
    r[largest] = value < 0 ? value + 1 : value - 1;
  }
}
