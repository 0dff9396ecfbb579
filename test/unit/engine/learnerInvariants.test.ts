// Properties of the Passive-Aggressive update (Crammer et al. 2006) that hold example by example, checked on
// createLearner directly; learnerParity.test.ts checks whole streams against scikit-learn.
import { describe, expect, it } from 'vitest';
import { createLearner, type Learner, type LearnerOptions } from '../../../core/engine/createLearner';
import { seededRandom } from '../../helpers/seededRandom';

const DIM = 64;

/** A seeded PRNG so every run sees the same "random" vectors. */
const prng = seededRandom;

interface Example {
  idx: number[];
  val: number[];
}

/** A sparse vector with `nnz` distinct indices in [0, dim), unordered, values in ±[0.1, 2.1). */
function randomExample(rand: () => number, nnz: number, dim = DIM): Example {
  const seen = new Set<number>();
  while (seen.size < nnz) seen.add(Math.floor(rand() * dim));
  const idx = [...seen];
  const val = idx.map(() => (rand() < 0.5 ? -1 : 1) * (0.1 + 2 * rand()));
  return { idx, val };
}

function sqNorm(val: number[]): number {
  return val.reduce((s, v) => s + v * v, 0);
}

function learner(options: Partial<LearnerOptions> = {}): Learner {
  return createLearner({ dimensions: DIM, precision: 'float64', ...options });
}

/** A learner with some non-zero weights and intercept, so margins start away from 0. */
function trained(options: Partial<LearnerOptions> = {}, seed = 1): Learner {
  const l = learner(options);
  const rand = prng(seed);
  const y = (options.task ?? 'classification') === 'classification' ? () => (rand() < 0.5 ? -1 : 1) : () => 4 * rand() - 2;
  for (let k = 0; k < 30; k++) {
    const e = randomExample(rand, 6);
    l.update(e.idx, e.val, y());
  }
  return l;
}

function snapshot(l: Learner): { weights: number[]; intercept: number } {
  return { weights: Array.from(l.weights), intercept: l.intercept };
}

describe('plain PA (algorithm "pa")', () => {
  it('leaves exactly margin 1 after an update (float64, random sparse vectors)', () => {
    const rand = prng(7);
    const l = learner({ algorithm: 'pa', fitIntercept: false });
    let updates = 0;
    for (let k = 0; k < 500; k++) {
      const e = randomExample(rand, 1 + Math.floor(rand() * 12));
      const y = rand() < 0.5 ? -1 : 1;
      const before = y * l.score(e.idx, e.val);
      const tau = l.update(e.idx, e.val, y);
      const after = y * l.score(e.idx, e.val);
      if (before < 1) {
        updates++;
        expect(tau).toBeCloseTo((1 - before) / sqNorm(e.val), 12);
        expect(Math.abs(after - 1)).toBeLessThanOrEqual(1e-12);
      } else {
        expect(tau).toBe(0);
        expect(after).toBe(before);
      }
    }
    expect(updates).toBeGreaterThan(100);
  });

  it('is not capped by C', () => {
    const l = learner({ algorithm: 'pa', C: 0.01, fitIntercept: false });
    expect(l.update([5], [0.1], 1)).toBeCloseTo(100, 10);
  });

  it("moves the intercept by scikit-learn's sparse step 0.01 * tau * y", () => {
    const l = learner({ algorithm: 'pa' });
    const tau = l.update([1, 2], [1, 1], -1);
    expect(tau).toBe(0.5);
    expect(l.intercept).toBe(-0.005);
  });
});

describe('PA-I (algorithm "pa1")', () => {
  it('caps the step at C, and reaches C when the loss is large', () => {
    const rand = prng(11);
    for (const C of [0.05, 0.5, 1, 3]) {
      const l = learner({ algorithm: 'pa1', C });
      for (let k = 0; k < 200; k++) {
        const e = randomExample(rand, 1 + Math.floor(rand() * 8));
        const y = rand() < 0.5 ? -1 : 1;
        const loss = Math.max(0, 1 - y * l.score(e.idx, e.val));
        const tau = l.update(e.idx, e.val, y);
        expect(tau).toBeLessThanOrEqual(C);
        expect(tau).toBeCloseTo(Math.min(C, loss / sqNorm(e.val)), 12);
      }
      // loss 1 on a tiny vector: the uncapped step would be 1 / 0.01 = 100
      expect(learner({ algorithm: 'pa1', C }).update([3], [0.1], 1)).toBe(C);
    }
  });

  it('takes the uncapped step loss / ||x||^2 when it is below C', () => {
    const l = learner({ algorithm: 'pa1', C: 1, fitIntercept: false });
    expect(l.update([0, 1], [2, 2], 1)).toBe(1 / 8);
    expect(l.score([0, 1], [2, 2])).toBe(1);
  });
});

describe('PA-II (algorithm "pa2")', () => {
  it('takes tau = loss / (||x||^2 + 1 / (2C))', () => {
    const rand = prng(13);
    for (const C of [0.05, 1, 10]) {
      const l = trained({ algorithm: 'pa2', C });
      for (let k = 0; k < 100; k++) {
        const e = randomExample(rand, 1 + Math.floor(rand() * 8));
        const y = rand() < 0.5 ? -1 : 1;
        const loss = Math.max(0, 1 - y * l.score(e.idx, e.val));
        const tau = l.update(e.idx, e.val, y);
        expect(tau).toBeCloseTo(loss / (sqNorm(e.val) + 1 / (2 * C)), 12);
      }
    }
  });
});

describe('no update', () => {
  it.each(['pa', 'pa1', 'pa2'] as const)(
    '%s: an example already beyond margin 1 gives tau 0 and changes nothing',
    (algorithm) => {
      const l = trained({ algorithm });
      const x = { idx: [2, 9, 40], val: [1, -0.5, 0.25] };
      // train until the example has margin, then it must be left alone
      for (let k = 0; k < 50 && l.score(x.idx, x.val) < 1; k++) l.update(x.idx, x.val, 1);
      expect(l.score(x.idx, x.val)).toBeGreaterThanOrEqual(1 - 1e-12);
      l.update([2, 9, 40], [2, -1, 0.5], 1); // doubling x: margin >= 2 > 1 whatever happened above
      const before = snapshot(l);
      expect(l.update([2, 9, 40], [3, -1.5, 0.75], 1)).toBe(0);
      expect(snapshot(l)).toEqual(before);
    },
  );

  it.each([
    ['pa', true],
    ['pa', false],
    ['pa1', true],
    ['pa1', false],
    ['pa2', false],
  ] as const)('%s (fitIntercept %s): a zero vector changes nothing', (algorithm, fitIntercept) => {
    const l = trained({ algorithm, fitIntercept });
    const before = snapshot(l);
    for (const [idx, val] of [
      [[], []],
      [
        [4, 7],
        [0, 0],
      ],
      [
        [5, 5],
        [0.5, -0.5],
      ],
    ] as const) {
      const tau = l.update(idx, val, 1);
      if (algorithm !== 'pa2') expect(tau).toBe(0);
      expect(snapshot(l)).toEqual(before);
    }
  });

  it("pa2 with an intercept: a zero vector moves only the intercept (scikit-learn's behaviour)", () => {
    const l = learner({ algorithm: 'pa2', C: 1 });
    const tau = l.update([], [], 1);
    expect(tau).toBe(2); // loss 1 / (0 + 1/(2C))
    expect(l.intercept).toBe(0.02);
    expect(Array.from(l.weights).every((w) => w === 0)).toBe(true);
  });
});

describe('sparse input', () => {
  it('sums repeated indices', () => {
    for (const algorithm of ['pa', 'pa1', 'pa2'] as const) {
      const a = trained({ algorithm });
      const b = trained({ algorithm });
      expect(a.update([3, 3], [0.5, 0.5], -1)).toBe(b.update([3], [1], -1));
      expect(snapshot(a)).toEqual(snapshot(b));
      expect(a.update([9, 3, 20, 3, 9], [1, 0.25, -2, 0.75, 0.5], 1)).toBe(b.update([3, 9, 20], [1, 1.5, -2], 1));
      expect(snapshot(a)).toEqual(snapshot(b));
    }
  });

  it('gives the same weights for unsorted and sorted indices', () => {
    const rand = prng(17);
    for (const algorithm of ['pa', 'pa1', 'pa2'] as const) {
      const a = learner({ algorithm });
      const b = learner({ algorithm });
      for (let k = 0; k < 200; k++) {
        const e = randomExample(rand, 1 + Math.floor(rand() * 10));
        const order = e.idx.map((_, j) => j).sort((p, q) => (e.idx[p] as number) - (e.idx[q] as number));
        const y = rand() < 0.5 ? -1 : 1;
        const tauA = a.update(e.idx, e.val, y);
        const tauB = b.update(
          order.map((j) => e.idx[j] as number),
          order.map((j) => e.val[j] as number),
          y,
        );
        expect(tauA).toBe(tauB);
      }
      expect(snapshot(a)).toEqual(snapshot(b));
    }
  });

  it('accepts typed arrays', () => {
    const a = learner();
    const b = learner();
    a.update(Uint32Array.of(1, 5, 9), Float32Array.of(0.5, 1, -2), 1);
    b.update([1, 5, 9], [0.5, 1, -2], 1);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});

describe('invalid input throws RangeError and leaves the model unchanged', () => {
  const cases: [string, number[], number[], number, RegExp][] = [
    ['NaN value', [1, 2], [1, Number.NaN], 1, /values\[1\]/],
    ['Infinity value', [1, 2], [Number.POSITIVE_INFINITY, 1], 1, /values\[0\]/],
    ['-Infinity value', [2, 1], [1, Number.NEGATIVE_INFINITY], 1, /values\[1\]/],
    ['index = dimensions', [1, DIM], [1, 1], 1, /indices\[1\]/],
    ['index beyond dimensions', [10 * DIM, 1], [1, 1], 1, /indices\[0\]/],
    ['negative index', [-1, 2], [1, 1], 1, /indices\[0\]/],
    ['fractional index', [0, 1.5], [1, 1], 1, /indices\[1\]/],
    ['NaN index', [Number.NaN], [1], 1, /indices\[0\]/],
    ['invalid index with a zero value', [3, 99], [1, 0], 1, /indices\[1\]/],
    ['more values than indices', [1, 2], [1, 1, 1], 1, /length/],
    ['fewer values than indices', [1, 2], [1], 1, /length/],
    ['y = 0', [1], [1], 0, /\by\b/],
    ['y = 2', [1], [1], 2, /\by\b/],
    ['y = 0.5', [1], [1], 0.5, /\by\b/],
    ['y = NaN', [1], [1], Number.NaN, /\by\b/],
  ];
  it.each(cases)('%s', (_name, idx, val, y, message) => {
    for (const algorithm of ['pa', 'pa1', 'pa2'] as const) {
      const l = trained({ algorithm });
      const before = snapshot(l);
      expect(() => l.update(idx, val, y)).toThrow(RangeError);
      expect(() => l.update(idx, val, y)).toThrow(message);
      expect(snapshot(l)).toEqual(before);
    }
  });

  it('rejects a non-finite offset or a bad strength', () => {
    const l = trained();
    const before = snapshot(l);
    expect(() => l.update([1], [1], 1, 1, Number.NaN)).toThrow(/offset/);
    expect(() => l.update([1], [1], 1, 1, Number.POSITIVE_INFINITY)).toThrow(/offset/);
    for (const strength of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => l.update([1], [1], 1, strength)).toThrow(RangeError);
      expect(() => l.update([1], [1], 1, strength)).toThrow(/strength/);
    }
    expect(snapshot(l)).toEqual(before);
  });

  it('rejects a non-finite regression target', () => {
    const l = trained({ task: 'regression' });
    const before = snapshot(l);
    for (const y of [Number.NaN, Number.POSITIVE_INFINITY]) expect(() => l.update([1], [1], y)).toThrow(/\by\b/);
    expect(snapshot(l)).toEqual(before);
  });
});

describe('strength and offset', () => {
  it('strength scales C: PA-I tau is capped at C * strength', () => {
    for (const strength of [0.25, 1, 2.5]) {
      const l = learner({ algorithm: 'pa1', C: 0.5 });
      expect(l.update([3], [0.1], 1, strength)).toBe(0.5 * strength);
    }
    // below the cap strength changes nothing
    expect(learner({ algorithm: 'pa1', C: 1 }).update([0, 1], [2, 2], 1, 4)).toBe(1 / 8);
  });

  it('strength scales C in PA-II', () => {
    const l = learner({ algorithm: 'pa2', C: 0.5 });
    expect(l.update([1, 2], [1, 1], 1, 3)).toBeCloseTo(1 / (2 + 1 / (2 * 0.5 * 3)), 15);
  });

  it('adds the offset to the margin but does not learn it', () => {
    for (const algorithm of ['pa', 'pa1', 'pa2'] as const) {
      const l = learner({ algorithm, fitIntercept: false });
      expect(l.update([1, 2], [1, 1], 1, 1, 1.5)).toBe(0); // margin 1.5 >= 1
      expect(l.update([1, 2], [1, 1], -1, 1, -3)).toBe(0);
      expect(snapshot(l)).toEqual(snapshot(learner({ algorithm, fitIntercept: false })));
    }
    const l = learner({ algorithm: 'pa', fitIntercept: false });
    expect(l.update([1, 2], [1, 1], 1, 1, 0.5)).toBe(0.25); // loss 1 - 0.5 over ||x||^2 = 2
    expect(l.score([1, 2], [1, 1])).toBe(0.5); // the offset is not part of the learner's score
    expect(l.score([1, 2], [1, 1]) + 0.5).toBe(1);
  });
});

describe('decay', () => {
  it('decay(0.5) halves the score, the weights and the intercept', () => {
    const l = trained({ algorithm: 'pa1' });
    const before = snapshot(l);
    const x = { idx: [0, 3, 17, 40, 63], val: [1, -0.5, 2, 0.25, 1.5] };
    const score = l.score(x.idx, x.val);
    l.decay(0.5);
    expect(l.score(x.idx, x.val)).toBeCloseTo(score / 2, 14);
    expect(l.intercept).toBe(before.intercept / 2);
    expect(Array.from(l.weights)).toEqual(before.weights.map((w) => w / 2));
  });

  it('a decayed learner updates like one whose weights were halved', () => {
    const rand = prng(19);
    const a = trained({ algorithm: 'pa1' });
    const b = trained({ algorithm: 'pa1' });
    a.decay(0.5); // lazy scale, not yet folded
    b.decay(0.5);
    void b.weights; // folds the scale into the stored weights
    for (let k = 0; k < 50; k++) {
      const e = randomExample(rand, 5);
      const y = rand() < 0.5 ? -1 : 1;
      expect(a.update(e.idx, e.val, y)).toBeCloseTo(b.update(e.idx, e.val, y), 12);
    }
    const wa = Array.from(a.weights);
    Array.from(b.weights).forEach((w, i) => {
      expect(wa[i]).toBeCloseTo(w, 12);
    });
  });

  it('keeps scores right when many decays fold the scale', () => {
    const l = trained({ algorithm: 'pa1' });
    const x = { idx: [1, 2, 3, 4, 5, 6, 7, 8], val: [1, 1, 1, 1, 1, 1, 1, 1] };
    const score = l.score(x.idx, x.val);
    for (let k = 0; k < 10; k++) l.decay(0.1);
    expect(l.score(x.idx, x.val) / score).toBeCloseTo(1e-10, 20);
    expect(l.score(x.idx, x.val) / (score * 1e-10)).toBeCloseTo(1, 10);
  });

  it('rejects factors outside (0, 1]', () => {
    const l = trained();
    for (const factor of [0, -0.5, 1.5, Number.NaN]) expect(() => l.decay(factor)).toThrow(RangeError);
  });
});

describe('regression (epsilon-insensitive)', () => {
  it.each(['pa', 'pa1', 'pa2'] as const)('%s: an example within epsilon gives tau 0 and changes nothing', (algorithm) => {
    const l = trained({ task: 'regression', algorithm, epsilon: 0.1 });
    const x = { idx: [3, 8], val: [1, -1] };
    const p = l.score(x.idx, x.val);
    const before = snapshot(l);
    for (const y of [p, p + 0.09, p - 0.09]) expect(l.update(x.idx, x.val, y)).toBe(0);
    expect(snapshot(l)).toEqual(before);
  });

  it('pa1: moves the prediction towards the target by tau = min(C, (|y - p| - epsilon) / ||x||^2)', () => {
    const l = learner({ task: 'regression', algorithm: 'pa1', C: 10, epsilon: 0.1, fitIntercept: false });
    expect(l.update([3, 8], [1, -1], 2)).toBeCloseTo(1.9 / 2, 15);
    expect(l.score([3, 8], [1, -1])).toBeCloseTo(1.9, 14); // lands on the edge of the epsilon tube
    expect(l.update([3, 8], [1, -1], -2)).toBeCloseTo(3.8 / 2, 15);
    expect(l.score([3, 8], [1, -1])).toBeCloseTo(-1.9, 14);
    expect(learner({ task: 'regression', algorithm: 'pa1', C: 0.3 }).update([1], [1], 5)).toBe(0.3);
  });

  it('pa2: tau = (|y - p| - epsilon) / (||x||^2 + 1/(2C))', () => {
    const l = learner({ task: 'regression', algorithm: 'pa2', C: 1, epsilon: 0.25 });
    expect(l.update([1, 2], [1, 1], -3)).toBeCloseTo(2.75 / 2.5, 15);
    expect(l.intercept).toBeCloseTo((-0.01 * 2.75) / 2.5, 15);
  });
});

describe('options', () => {
  it('defaults to float32 weights, PA-I, C = 1, an intercept and classification', () => {
    const l = createLearner({ dimensions: 8 });
    expect(l.weights).toBeInstanceOf(Float32Array);
    expect(l.algorithm).toBe('pa1');
    expect(l.dimensions).toBe(8);
    expect(l.update([0], [0.1], 1)).toBe(1);
    expect(l.intercept).toBe(0.01);
  });

  it.each([
    { dimensions: 0 },
    { dimensions: 1.5 },
    { dimensions: 2 ** 31 },
    { dimensions: 8, C: 0 },
    { dimensions: 8, C: Number.NaN },
    { dimensions: 8, epsilon: -1 },
  ])('rejects %o', (options) => {
    expect(() => createLearner(options)).toThrow(RangeError);
  });
});
