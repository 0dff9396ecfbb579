// `npm run fixtures:sklearn`: regenerates the scikit-learn parity fixtures in test/fixtures/sklearn/.
//
// Uses the reference runner ../shared/reference/sklearn_pa_reference.py (override with SKLEARN_REF) and
// Debian's /usr/bin/python3 with python3-sklearn (override with SKLEARN_PYTHON). For each case it writes one
// JSON file with the case parameters, the event stream (idx, val, y; y is 0/1 for classification as in the
// reference's JSON lines), the expected dense weights, the intercept and the pre-update margins, all at full
// float64 precision. test/unit/engine/learnerParity.test.ts replays them through createLearner.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reference = resolve(root, process.env.SKLEARN_REF ?? '../shared/reference/sklearn_pa_reference.py');
const python = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const outDir = join(root, 'test/fixtures/sklearn');

const DIM = 1024;
const N_EVENTS = 350;
const NNZ = 24;
const SKEW = 2;
/** Keep the fixtures small enough to live in the repository. */
const MAX_TOTAL_BYTES = 3_000_000;

function fail(message) {
  console.error(`make-sklearn-fixtures: ${message}`);
  process.exit(1);
}

// --- preflight: python with scikit-learn, and the reference script -------------------------------------
try {
  statSync(reference);
} catch {
  fail(`reference script not found at ${reference} (set SKLEARN_REF to its path)`);
}
const probe = spawnSync(python, ['-c', 'import sklearn, scipy, numpy; print(sklearn.__version__)'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  fail(
    `${python} cannot import scikit-learn (${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}).\n` +
      "Install Debian's package (apt-get install -y python3-sklearn) and run with /usr/bin/python3, " +
      'or point SKLEARN_PYTHON at a python that has scikit-learn < 1.10.',
  );
}
const sklearnVersion = probe.stdout.trim();

function runReference(args, input) {
  try {
    return execFileSync(python, [reference, ...args], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      ...(input === undefined ? {} : { input }),
    });
  } catch (error) {
    fail(`reference run failed: ${python} ${reference} ${args.join(' ')}\n${error.stderr ?? error.message}`);
  }
}

// --- event streams ----------------------------------------------------------------------------------------
/**
 * Generates a stream with the reference's --gen, then adds the edge cases a hashed feature vector can have:
 * some events in ascending index order (the learner's fast path; --gen emits them unordered), repeated indices
 * inside one event (summed), a pair that cancels to an explicit zero, an empty event and an all-zero event.
 */
function makeStream(seed, task) {
  const text = runReference([
    '--gen',
    String(N_EVENTS),
    '--dim',
    String(DIM),
    '--nnz',
    String(NNZ),
    '--skew',
    String(SKEW),
    '--seed',
    String(seed),
    '--task',
    task,
  ]);
  const events = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  const positive = task === 'classification' ? 1 : 0.5;
  events.forEach((event, k) => {
    if (k % 3 === 0) {
      const order = event.idx.map((_, j) => j).sort((a, b) => event.idx[a] - event.idx[b]);
      event.idx = order.map((j) => event.idx[j]);
      event.val = order.map((j) => event.val[j]);
    }
    if (k % 23 === 7) {
      // a hash collision inside the event: one index appears twice (values are summed)
      event.idx.push(event.idx[1]);
      event.val.push(0.25);
    }
    if (k % 41 === 13) {
      // a repeated index in the middle of an otherwise ascending event
      const j = Math.floor(event.idx.length / 2);
      event.idx.splice(j, 0, event.idx[j]);
      event.val.splice(j, 0, -0.75);
    }
  });
  // an empty event, an all-zero event, and a duplicate pair that sums to an explicit zero
  events[50] = { idx: [], val: [], y: events[50].y };
  events[120] = { ...events[120], val: events[120].val.map(() => 0) };
  events[121] = { idx: [17, 17], val: [0.5, -0.5], y: events[121].y };
  events[200] = { idx: [5, 900, 5], val: [1, 0.5, 1], y: positive };
  return events;
}

const streams = {
  cls1: { seed: 1, task: 'classification' },
  cls2: { seed: 2, task: 'classification' },
  cls3: { seed: 3, task: 'classification' },
  reg4: { seed: 4, task: 'regression' },
};
for (const stream of Object.values(streams)) stream.events = makeStream(stream.seed, stream.task);

// --- cases --------------------------------------------------------------------------------------------------
const cases = [
  { name: 'pa1-c1-nointercept', stream: 'cls1', loss: 'hinge', C: 1, intercept: false },
  { name: 'pa1-c0.05-nointercept', stream: 'cls2', loss: 'hinge', C: 0.05, intercept: false },
  { name: 'pa2-c1-nointercept', stream: 'cls2', loss: 'squared_hinge', C: 1, intercept: false },
  { name: 'pa2-c0.05-nointercept', stream: 'cls3', loss: 'squared_hinge', C: 0.05, intercept: false },
  { name: 'pa-cinf-nointercept', stream: 'cls3', loss: 'hinge', C: Number.POSITIVE_INFINITY, intercept: false },
  { name: 'pa1-c1-intercept', stream: 'cls1', loss: 'hinge', C: 1, intercept: true },
  { name: 'pa2-c1-intercept', stream: 'cls2', loss: 'squared_hinge', C: 1, intercept: true },
  { name: 'reg-pa1-eps0.1-nointercept', stream: 'reg4', loss: 'epsilon_insensitive', C: 1, intercept: false },
  { name: 'reg-pa1-eps0.1-intercept', stream: 'reg4', loss: 'epsilon_insensitive', C: 1, intercept: true },
  { name: 'reg-pa2-eps0.1-nointercept', stream: 'reg4', loss: 'squared_epsilon_insensitive', C: 1, intercept: false },
  { name: 'reg-pa2-eps0.1-intercept', stream: 'reg4', loss: 'squared_epsilon_insensitive', C: 1, intercept: true },
  // Float32Array weights and feature values, emulated by the reference's textbook implementation
  { name: 'textbook-f32-pa1-c1-nointercept', stream: 'cls1', loss: 'hinge', C: 1, intercept: false, f32: true },
];

const ALGORITHMS = { PA: 'pa', 'PA-I': 'pa1', 'PA-II': 'pa2' };

/** One line per top-level key and one line per event, so regenerated fixtures diff readably. */
function serialize(fixture) {
  const lines = Object.entries(fixture).map(([key, value]) => {
    if (key === 'events') return `"events":[\n${value.map((e) => JSON.stringify(e)).join(',\n')}\n]`;
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

const tmp = mkdtempSync(join(tmpdir(), 'sklearn-fixtures-'));
mkdirSync(outDir, { recursive: true });
const written = new Set();
const summary = [];
let total = 0;
try {
  for (const c of cases) {
    const stream = streams[c.stream];
    const input = join(tmp, `${c.stream}.jsonl`);
    writeFileSync(input, `${stream.events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const args = ['--dim', String(DIM), '--input', input, '--task', stream.task, '--loss', c.loss];
    args.push('--C', Number.isFinite(c.C) ? String(c.C) : 'inf', '--dense-weights', '--margins');
    if (stream.task === 'regression') args.push('--epsilon', '0.1');
    if (!c.intercept) args.push('--no-intercept');
    args.push(...(c.f32 ? ['--impl', 'textbook', '--f32'] : ['--impl', 'sklearn']));
    const result = JSON.parse(runReference(args));
    if (result.weights.length !== DIM || result.margins.length !== stream.events.length) {
      fail(`${c.name}: unexpected reference output (weights ${result.weights.length}, margins ${result.margins.length})`);
    }
    const fixture = {
      name: c.name,
      sklearn_version: sklearnVersion,
      impl: result.impl,
      weights_dtype: c.f32 ? 'float32' : 'float64',
      command: `sklearn_pa_reference.py ${args.map((a) => (a === input ? `${c.stream}.jsonl` : a)).join(' ')}`,
      params: {
        task: stream.task,
        algorithm: ALGORITHMS[result.variant],
        variant: result.variant,
        loss: c.loss,
        C: Number.isFinite(c.C) ? c.C : 'inf',
        fitIntercept: c.intercept,
        epsilon: stream.task === 'regression' ? 0.1 : null,
        dimensions: DIM,
        seed: stream.seed,
        stream: c.stream,
        intercept_decay: result.intercept_decay,
      },
      intercept: result.intercept,
      weights: result.weights,
      margins: result.margins,
      events: stream.events,
    };
    const file = `${c.name}.json`;
    const text = serialize(fixture);
    writeFileSync(join(outDir, file), text);
    written.add(file);
    total += Buffer.byteLength(text);
    const maxW = result.weights.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
    const nonZero = result.weights.filter((w) => w !== 0).length;
    const online =
      stream.task === 'classification' ? `acc ${result.online.accuracy.toFixed(3)}` : `mae ${result.online.mae.toFixed(3)}`;
    summary.push([
      file,
      (Buffer.byteLength(text) / 1024).toFixed(1),
      result.impl,
      result.variant,
      nonZero,
      maxW.toPrecision(4),
      result.intercept.toPrecision(4),
      online,
    ]);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
// drop fixtures of cases that no longer exist
for (const file of readdirSync(outDir)) {
  if (file.endsWith('.json') && !written.has(file)) rmSync(join(outDir, file));
}

console.log(`scikit-learn ${sklearnVersion}; reference ${relative(root, reference)}; dim ${DIM}, ${N_EVENTS} events/stream`);
console.log(['file', 'KiB', 'impl', 'variant', 'nnz(w)', 'max|w|', 'intercept', 'online'].join('\t'));
for (const row of summary) console.log(row.join('\t'));
console.log(`${summary.length} fixtures, ${(total / 1024).toFixed(1)} KiB total in ${relative(root, outDir)}/`);
if (total > MAX_TOTAL_BYTES) fail(`fixtures total ${total} bytes, over the ${MAX_TOTAL_BYTES} byte budget`);
