// Replays the scikit-learn fixtures (scripts/make-sklearn-fixtures.mjs, `npm run fixtures:sklearn`) through
// createLearner: one `update` per event, as scikit-learn's PassiveAggressive{Classifier,Regressor} with
// shuffle=False and one partial_fit per CSR row.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLearner, type Learner } from '../../../core/engine/createLearner';
import type { Algorithm } from '../../../core/engine/types';

interface FixtureEvent {
  idx: number[];
  val: number[];
  /** 0/1 for classification (the reference's JSON lines), the target for regression. */
  y: number;
}

interface Fixture {
  name: string;
  sklearn_version: string;
  impl: 'sklearn' | 'textbook';
  weights_dtype: 'float32' | 'float64';
  params: {
    task: 'classification' | 'regression';
    algorithm: Algorithm;
    C: number | 'inf';
    fitIntercept: boolean;
    epsilon: number | null;
    dimensions: number;
    stream: string;
  };
  intercept: number;
  weights: number[];
  margins: number[];
  events: FixtureEvent[];
}

const dir = new URL('../../fixtures/sklearn/', import.meta.url);
const fixtures: Fixture[] = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture);
const sklearnFixtures = fixtures.filter((f) => f.impl === 'sklearn');
const float32Fixtures = fixtures.filter((f) => f.weights_dtype === 'float32');

function learnerFor(f: Fixture, precision: 'float32' | 'float64'): Learner {
  const { task, algorithm, C, fitIntercept, epsilon, dimensions } = f.params;
  return createLearner({
    dimensions,
    algorithm,
    ...(C === 'inf' ? {} : { C }),
    fitIntercept,
    precision,
    task,
    ...(epsilon === null ? {} : { epsilon }),
  });
}

interface Replay {
  learner: Learner;
  margins: number[];
  taus: number[];
}

/**
 * The event as a Float32Array SDK would hold it and as the reference's `--f32` mode sees it: repeated
 * indices summed (in float64), indices ascending, then each value rounded to float32.
 */
function float32Event(e: FixtureEvent): { idx: number[]; val: Float32Array } {
  const sums = new Map<number, number>();
  e.idx.forEach((i, k) => {
    sums.set(i, (sums.get(i) ?? 0) + (e.val[k] as number));
  });
  const idx = [...sums.keys()].sort((a, b) => a - b);
  return { idx, val: Float32Array.from(idx, (i) => sums.get(i) as number) };
}

/** One update per event; `score` just before each update is the online prediction. */
function replay(f: Fixture, precision: 'float32' | 'float64', float32Values = false): Replay {
  const learner = learnerFor(f, precision);
  const margins: number[] = [];
  const taus: number[] = [];
  for (const e of f.events) {
    const { idx, val } = float32Values ? float32Event(e) : e;
    const y = f.params.task === 'classification' ? 2 * e.y - 1 : e.y;
    margins.push(learner.score(idx, val));
    taus.push(learner.update(idx, val, y));
  }
  return { learner, margins, taus };
}

/** max |a_i - b_i| and where it happens, so a failure says which weight or event went wrong. */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { max: number; at: number } {
  expect(a.length).toBe(b.length);
  let max = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    if (!(d <= max)) {
      max = d;
      at = i;
    }
  }
  return { max, at };
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

function byStream(stream: string, impl: Fixture['impl'], variant: Pick<Fixture['params'], 'algorithm' | 'C' | 'fitIntercept'>) {
  return fixtures.find(
    (f) =>
      f.impl === impl &&
      f.params.stream === stream &&
      f.params.algorithm === variant.algorithm &&
      f.params.C === variant.C &&
      f.params.fitIntercept === variant.fitIntercept,
  );
}

describe('scikit-learn parity fixtures', () => {
  it('are present and cover every variant', () => {
    expect(sklearnFixtures.length).toBeGreaterThanOrEqual(11);
    expect(float32Fixtures.length).toBeGreaterThanOrEqual(1);
    const kinds = new Set(sklearnFixtures.map((f) => `${f.params.task}/${f.params.algorithm}/${f.params.fitIntercept}`));
    for (const kind of [
      'classification/pa/false',
      'classification/pa1/false',
      'classification/pa2/false',
      'classification/pa1/true',
      'classification/pa2/true',
      'regression/pa1/false',
      'regression/pa1/true',
      'regression/pa2/false',
      'regression/pa2/true',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    for (const f of fixtures) {
      expect(f.weights).toHaveLength(f.params.dimensions);
      expect(f.margins).toHaveLength(f.events.length);
      expect(f.events.some((e) => e.idx.length === 0)).toBe(true);
      expect(f.events.some((e) => new Set(e.idx).size < e.idx.length)).toBe(true);
    }
  });
});

describe.each(sklearnFixtures.map((f) => [f.name, f] as const))('%s (scikit-learn, float64)', (_name, f) => {
  const { learner, margins, taus } = replay(f, 'float64');

  it('learns the same weights and intercept (max |diff| <= 1e-9)', () => {
    const w = maxAbsDiff(learner.weights, f.weights);
    expect(w.max, `weight ${w.at}: ${learner.weights[w.at]} vs ${f.weights[w.at]}`).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(learner.intercept - f.intercept)).toBeLessThanOrEqual(1e-9);
    if (!f.params.fitIntercept) expect(learner.intercept).toBe(0);
  });

  it('makes the same online predictions (pre-update score within 1e-9)', () => {
    const m = maxAbsDiff(margins, f.margins);
    expect(m.max, `event ${m.at}: ${margins[m.at]} vs ${f.margins[m.at]}`).toBeLessThanOrEqual(1e-9);
  });

  it('returns a finite, non-negative step for every event', () => {
    expect(taus.every((tau) => Number.isFinite(tau) && tau >= 0)).toBe(true);
    expect(taus.some((tau) => tau > 0)).toBe(true);
  });

  it('stays within 1e-5 (relative to max |w|) of scikit-learn with float32 weights', () => {
    const r32 = replay(f, 'float32');
    const scale = maxAbs(f.weights);
    const w = maxAbsDiff(r32.learner.weights, f.weights);
    expect(w.max / scale, `weight ${w.at}`).toBeLessThanOrEqual(1e-5);
    expect(Math.abs(r32.learner.intercept - f.intercept) / scale).toBeLessThanOrEqual(1e-5);
  });
});

describe.each(float32Fixtures.map((f) => [f.name, f] as const))('%s (Float32Array emulation)', (_name, f) => {
  // the reference emulates an SDK that also stores the (summed) feature values as float32
  const { learner, margins } = replay(f, 'float32', true);

  it('matches the float32 textbook reference (max |diff| <= 1e-9)', () => {
    expect(learner.weights).toBeInstanceOf(Float32Array);
    const w = maxAbsDiff(learner.weights, f.weights);
    expect(w.max, `weight ${w.at}: ${learner.weights[w.at]} vs ${f.weights[w.at]}`).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(learner.intercept - f.intercept)).toBeLessThanOrEqual(1e-9);
    const m = maxAbsDiff(margins, f.margins);
    expect(m.max, `event ${m.at}`).toBeLessThanOrEqual(1e-9);
  });

  it('stays within 1e-5 (relative to max |w|) of the float64 scikit-learn weights on the same stream', () => {
    const reference = byStream(f.params.stream, 'sklearn', f.params);
    expect(reference, 'the matching scikit-learn fixture').toBeDefined();
    if (!reference) return;
    const scale = maxAbs(reference.weights);
    const w = maxAbsDiff(learner.weights, reference.weights);
    expect(w.max / scale, `weight ${w.at}`).toBeLessThanOrEqual(1e-5);
    expect(w.max).toBeGreaterThan(0); // float32 storage really is in effect
  });
});
