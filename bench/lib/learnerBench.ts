import { createLearner, type Learner } from 'tastebud/engine';
import { seededRandom } from '../../test/helpers/seededRandom';
import { type RateSummary, rates, round, secondsSince } from './benchStats';

/** The stream of sklearn_pa_reference.py --bench: 200,000 events, 32 distinct indices, dimension 2^18. */
export const LEARNER_EVENTS = 200_000;
export const NNZ = 32;
export const DIM = 2 ** 18;

/** Per-event arrays for `learner.update`, and the same stream flat for the bare loop. */
export interface LearnerStream {
  indices: Int32Array[];
  values: Float64Array[];
  labels: Int8Array;
  flatIndices: Int32Array;
  flatValues: Float32Array;
}

/**
 * 32 distinct ascending indices per event, values 1, labels ±1 from a hidden N(0, 1) linear model
 * with 10% flipped (the reference's `bench`, with a JavaScript PRNG).
 * @param seed - PRNG seed.
 */
export function makeLearnerStream(seed: number): LearnerStream {
  const random = seededRandom(seed);
  const hidden = new Float64Array(DIM);
  for (let i = 0; i < DIM; i++) hidden[i] = gaussian(random);
  const indices: Int32Array[] = [];
  const values: Float64Array[] = [];
  const labels = new Int8Array(LEARNER_EVENTS);
  const flatIndices = new Int32Array(LEARNER_EVENTS * NNZ);
  const flatValues = new Float32Array(LEARNER_EVENTS * NNZ).fill(1);
  for (let e = 0; e < LEARNER_EVENTS; e++) {
    const idx = new Int32Array(NNZ);
    // As the reference does: draw with replacement, redraw the row while it has a repeat.
    do {
      for (let k = 0; k < NNZ; k++) idx[k] = Math.floor(random() * DIM);
      idx.sort();
    } while (hasRepeat(idx));
    let s = 0;
    for (const i of idx) s += hidden[i] as number;
    let y = s > 0 ? 1 : -1;
    if (random() < 0.1) y = -y;
    indices.push(idx);
    values.push(new Float64Array(NNZ).fill(1));
    labels[e] = y;
    flatIndices.set(idx, e * NNZ);
  }
  return { indices, values, labels, flatIndices, flatValues };
}

function hasRepeat(sorted: Int32Array): boolean {
  for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) return true;
  return false;
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** What the learner section reports. */
export interface LearnerResult {
  updatesPerSecond: RateSummary;
  /** Accuracy of the last run's model on its own training stream: a sanity check that it learned. */
  trainingAccuracyAfterOnePass: number;
}

/**
 * `learner.update(indices, values, y)` per event: pa1, C = 1, float32, intercept on (sklearn's defaults).
 * @param stream - the pre-built stream.
 * @param runs - timed runs after one warm-up run.
 * @param log - progress.
 */
export function benchLearner(stream: LearnerStream, runs: number, log: (message: string) => void): LearnerResult {
  const { indices, values, labels } = stream;
  const seconds: number[] = [];
  let accuracy = 0;
  let sink = 0;
  for (let r = 0; r <= runs; r++) {
    const learner = createLearner({ dimensions: DIM, algorithm: 'pa1', C: 1, precision: 'float32' });
    const t0 = performance.now();
    sink += updateAll(learner, stream);
    const s = secondsSince(t0);
    if (r > 0) seconds.push(s);
    log(`learner.update run ${r === 0 ? 'warm-up' : r}: ${rate(s)} updates/s`);
    let correct = 0;
    for (let e = 0; e < LEARNER_EVENTS; e++) {
      if (learner.score(indices[e] as Int32Array, values[e] as Float64Array) * (labels[e] as number) > 0) correct++;
    }
    accuracy = correct / LEARNER_EVENTS;
  }
  if (!Number.isFinite(sink)) throw new Error('learner diverged');
  return { updatesPerSecond: rates(LEARNER_EVENTS, seconds, 'updates/s'), trainingAccuracyAfterOnePass: round(accuracy, 4) };
}

/** One pass of `learner.update` over the stream; returns the sum of the steps. */
function updateAll(learner: Learner, stream: LearnerStream): number {
  const { indices, values, labels } = stream;
  let tauSum = 0;
  for (let e = 0; e < LEARNER_EVENTS; e++) {
    tauSum += learner.update(indices[e] as Int32Array, values[e] as Float64Array, labels[e] as number);
  }
  return tauSum;
}

/**
 * The same PA-I updates (sklearn's sparse intercept step 0.01) as a bare loop over flat
 * Int32Array/Float32Array with Float32Array weights, like js_sparse_pa_bench.mjs `paFlat`.
 * @param stream - the pre-built stream.
 * @param runs - timed runs after one warm-up run.
 * @param log - progress.
 */
export function benchFlatLoop(stream: LearnerStream, runs: number, log: (message: string) => void): RateSummary {
  const seconds: number[] = [];
  let sink = 0;
  for (let r = 0; r <= runs; r++) {
    const w = new Float32Array(DIM);
    const t0 = performance.now();
    sink += paFlat(w, stream.flatIndices, stream.flatValues, stream.labels);
    const s = secondsSince(t0);
    if (r > 0) seconds.push(s);
    log(`flat loop run ${r === 0 ? 'warm-up' : r}: ${rate(s)} updates/s`);
  }
  if (!Number.isFinite(sink)) throw new Error('flat loop diverged');
  return rates(LEARNER_EVENTS, seconds, 'updates/s');
}

/** One pass of PA-I, C = 1, over the flat stream (its own function, so V8 optimises it whole, not by OSR). */
function paFlat(w: Float32Array, idx: Int32Array, val: Float32Array, ys: Int8Array): number {
  let b = 0;
  for (let e = 0, o = 0; e < LEARNER_EVENTS; e++, o += NNZ) {
    let m = b;
    let sq = 0;
    for (let k = 0; k < NNZ; k++) {
      const v = val[o + k] as number;
      m += (w[idx[o + k] as number] as number) * v;
      sq += v * v;
    }
    const y = ys[e] as number;
    const loss = 1 - y * m;
    if (loss > 0) {
      const step = Math.min(1, loss / sq) * y;
      for (let k = 0; k < NNZ; k++) {
        const i = idx[o + k] as number;
        w[i] = (w[i] as number) + step * (val[o + k] as number);
      }
      b += 0.01 * step;
    }
  }
  return b;
}

function rate(seconds: number): string {
  return Math.round(LEARNER_EVENTS / seconds).toLocaleString('en');
}
