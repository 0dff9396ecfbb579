import type { Algorithm } from './types';

/** Options of {@link createLearner}. */
export interface LearnerOptions {
  /** Length of the weight vector. */
  dimensions: number;
  /** @default 'pa1' */
  algorithm?: Algorithm;
  /** Aggressiveness of PA-I and PA-II (ignored by plain PA). @default 1 */
  C?: number;
  /** Learn a bias term, with scikit-learn's sparse-input step (0.01 × the weight step). @default true */
  fitIntercept?: boolean;
  /** @default 'float32' */
  precision?: 'float32' | 'float64';
  /** Hinge loss on labels ±1, or epsilon-insensitive loss on real targets. @default 'classification' */
  task?: 'classification' | 'regression';
  /** Width of the insensitive zone for regression. @default 0.1 */
  epsilon?: number;
}

/** An online Passive-Aggressive learner over sparse vectors (Crammer et al. 2006). */
export interface Learner {
  /**
   * Learns one example and returns the step size τ (0 when the example already had margin).
   * Repeated indices are summed; a zero vector makes no update.
   * @param indices - feature indices in `[0, dimensions)`; ascending order is the fast path.
   * @param values - finite feature values, one per index.
   * @param y - the label, -1 or 1 (classification), or the target (regression).
   * @param strength - scales `C` for this example (evidence strength). @default 1
   * @param offset - a score added to the learner's own, e.g. a frozen global model's. @default 0
   */
  update(indices: ArrayLike<number>, values: ArrayLike<number>, y: number, strength?: number, offset?: number): number;
  /** The learner's score w·x + b. */
  score(indices: ArrayLike<number>, values: ArrayLike<number>): number;
  /** Multiplies all weights and the intercept by `factor` in O(1) (lazy scale). */
  decay(factor: number): void;
  /** The weights (the lazy scale is folded in on read). */
  readonly weights: Float32Array | Float64Array;
  intercept: number;
  readonly dimensions: number;
  readonly algorithm: Algorithm;
}

/** scikit-learn's intercept step for sparse (CSR) input: `SPARSE_INTERCEPT_DECAY` in `_base.py`. */
const INTERCEPT_DECAY = 0.01;
/** Below this lazy scale the weights are folded back, long before float32 would lose range. */
const MIN_SCALE = 1e-12;

/**
 * Creates a Passive-Aggressive learner. With `fitIntercept: false` and `precision: 'float64'` a
 * stream of updates gives scikit-learn's `PassiveAggressiveClassifier(shuffle=False)` weights with
 * one `partial_fit` per event.
 * @param options - dimensions, algorithm, C, intercept, precision, task.
 * @returns a {@link Learner} with zero weights.
 */
export function createLearner(options: LearnerOptions): Learner {
  const { dimensions, algorithm = 'pa1', C = 1, fitIntercept = true, precision = 'float32' } = options;
  const { task = 'classification', epsilon = 0.1 } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 2 ** 30) {
    throw new RangeError(`dimensions must be an integer in [1, 2^30], got ${String(dimensions)}`);
  }
  if (algorithm !== 'pa' && algorithm !== 'pa1' && algorithm !== 'pa2') {
    throw new RangeError(`algorithm must be 'pa', 'pa1' or 'pa2', got ${String(algorithm)}`);
  }
  if (!(C > 0)) throw new RangeError(`C must be a number > 0, got ${String(C)}`);
  if (precision !== 'float32' && precision !== 'float64') {
    throw new RangeError(`precision must be 'float32' or 'float64', got ${String(precision)}`);
  }
  if (task !== 'classification' && task !== 'regression') {
    throw new RangeError(`task must be 'classification' or 'regression', got ${String(task)}`);
  }
  if (!(epsilon >= 0)) throw new RangeError(`epsilon must be a number >= 0, got ${String(epsilon)}`);
  const weights = precision === 'float32' ? new Float32Array(dimensions) : new Float64Array(dimensions);
  return new PassiveAggressiveLearner(weights, algorithm, C, fitIntercept, task === 'regression', epsilon);
}

class PassiveAggressiveLearner implements Learner {
  intercept = 0;
  readonly dimensions: number;
  _scale = 1;

  constructor(
    readonly _w: Float32Array | Float64Array,
    readonly algorithm: Algorithm,
    readonly _C: number,
    readonly _fitIntercept: boolean,
    readonly _regression: boolean,
    readonly _epsilon: number,
  ) {
    this.dimensions = _w.length;
  }

  get weights(): Float32Array | Float64Array {
    this._fold();
    return this._w;
  }

  update(indices: ArrayLike<number>, values: ArrayLike<number>, y: number, strength = 1, offset = 0): number {
    const n = indices.length;
    if (values.length !== n) {
      throw new RangeError(`indices and values differ in length (${n} vs ${values.length})`);
    }
    if (this._regression ? !Number.isFinite(y) : y !== 1 && y !== -1) {
      throw new RangeError(`y must be ${this._regression ? 'a finite number' : '-1 or 1'}, got ${String(y)}`);
    }
    if (!(strength > 0) || strength === Number.POSITIVE_INFINITY) {
      throw new RangeError(`strength must be a finite number > 0, got ${String(strength)}`);
    }
    const w = this._w;
    // Four partial sums: the random weight reads of one event overlap instead of waiting on one
    // chain of additions: about +19 % updates/s at 32 non-zeros (a two-way write loop gave 10 % more
    // but cost 35 bytes of the worker's 14 KiB budget).
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let sq = 0;
    let previous = -1;
    let ascending = true;
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      const i0 = indices[k] as number;
      const i1 = indices[k + 1] as number;
      const i2 = indices[k + 2] as number;
      const i3 = indices[k + 3] as number;
      const v0 = values[k] as number;
      const v1 = values[k + 1] as number;
      const v2 = values[k + 2] as number;
      const v3 = values[k + 3] as number;
      if (i0 <= previous || i1 <= i0 || i2 <= i1 || i3 <= i2) ascending = false;
      previous = i3;
      d0 += (w[i0] as number) * v0;
      d1 += (w[i1] as number) * v1;
      d2 += (w[i2] as number) * v2;
      d3 += (w[i3] as number) * v3;
      sq += v0 * v0 + v1 * v1 + v2 * v2 + v3 * v3;
    }
    for (; k < n; k++) {
      const i = indices[k] as number;
      const v = values[k] as number;
      if (i <= previous) ascending = false;
      previous = i;
      d0 += (w[i] as number) * v;
      sq += v * v;
    }
    const dot = d0 + d1 + (d2 + d3);
    // Out-of-range or fractional indices read `undefined` and non-finite values poison the sums,
    // so one check after the loop validates the whole example before anything is written.
    if (!Number.isFinite(dot) || !Number.isFinite(sq) || !Number.isFinite(offset)) {
      throw this._invalid(indices, values, offset);
    }
    if (!ascending) return this._updateUnordered(indices, values, y, strength, offset);

    const p = dot * this._scale + this.intercept + offset;
    let loss: number;
    let direction: number;
    if (this._regression) {
      loss = Math.abs(y - p) - this._epsilon;
      direction = y - p < 0 ? -1 : 1;
    } else {
      loss = 1 - y * p;
      direction = y;
    }
    if (loss < 0) loss = 0;

    let tau: number;
    const C = this._C * strength;
    if (this.algorithm === 'pa2') {
      tau = loss / (sq + 0.5 / C);
    } else {
      if (sq === 0) return 0; // scikit-learn skips a zero vector entirely (no intercept step either)
      tau = loss / sq;
      if (this.algorithm === 'pa1' && tau > C) tau = C;
    }
    const step = tau * direction;
    if (step !== 0) {
      const rawStep = step / this._scale;
      for (let k = 0; k < n; k++) {
        const i = indices[k] as number;
        w[i] = (w[i] as number) + (values[k] as number) * rawStep;
      }
      if (this._fitIntercept) this.intercept += step * INTERCEPT_DECAY;
    }
    return tau;
  }

  score(indices: ArrayLike<number>, values: ArrayLike<number>): number {
    const w = this._w;
    let dot = 0;
    for (let k = 0; k < indices.length; k++) dot += (w[indices[k] as number] as number) * (values[k] as number);
    return dot * this._scale + this.intercept;
  }

  decay(factor: number): void {
    if (!(factor > 0 && factor <= 1)) throw new RangeError(`decay factor must be in (0, 1], got ${String(factor)}`);
    this._scale *= factor;
    this.intercept *= factor;
    if (this._scale < MIN_SCALE) this._fold();
  }

  _fold(): void {
    if (this._scale === 1) return;
    const w = this._w;
    const s = this._scale;
    for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * s;
    this._scale = 1;
  }

  /** Sums repeated indices and sorts them, then takes the fast path (scikit-learn's CSR order). */
  _updateUnordered(indices: ArrayLike<number>, values: ArrayLike<number>, y: number, strength: number, offset: number): number {
    const order = Array.from({ length: indices.length }, (_, k) => k).sort(
      (a, b) => (indices[a] as number) - (indices[b] as number),
    );
    const mergedIndices: number[] = [];
    const mergedValues: number[] = [];
    for (const k of order) {
      const i = indices[k] as number;
      const last = mergedIndices.length - 1;
      if (last >= 0 && mergedIndices[last] === i) mergedValues[last] = (mergedValues[last] as number) + (values[k] as number);
      else {
        mergedIndices.push(i);
        mergedValues.push(values[k] as number);
      }
    }
    return this.update(mergedIndices, mergedValues, y, strength, offset);
  }

  _invalid(indices: ArrayLike<number>, values: ArrayLike<number>, offset: number): RangeError {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      if (!Number.isInteger(i) || i < 0 || i >= this.dimensions) {
        return new RangeError(`indices[${k}] = ${String(i)} is not an integer in [0, ${this.dimensions})`);
      }
      if (!Number.isFinite(values[k])) return new RangeError(`values[${k}] = ${String(values[k])} is not finite`);
    }
    if (!Number.isFinite(offset)) return new RangeError(`offset = ${String(offset)} is not finite`);
    return new RangeError('the example overflows: its values or the weights are too large to be finite');
  }
}
