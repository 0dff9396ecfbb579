// `npm run bench:engine`: throughput and latency of the built engine (`tastebud/engine`), next to a
// bare typed-array PA-I loop and scikit-learn's PassiveAggressiveClassifier on the same stream.
// Prints one JSON object on stdout; progress goes to stderr.
//
// Each JavaScript section runs in its own Node process (`--section learner|flat|engine`), so V8's
// type feedback from one (e.g. learner.update called with typed arrays) cannot slow another; the
// scikit-learn peer runs last, alone, so it does not share the CPU with them.
//   SKLEARN_REF=path       the peer script (default bench/lib/sklearn_pa_peer.py: the batch modes on the whole
//                          stream, 15 runs each, and one partial_fit per event on a 10,000-event sample, ≈ 30 s;
//                          ../shared/reference/sklearn_pa_reference.py runs every mode on all events, ≈ 8 min)
//   SKLEARN_PYTHON=path    its interpreter (default /usr/bin/python3: Debian's, with python3-sklearn)
//   BENCH_SKIP_SKLEARN=1   skip the peer
//   BENCH_QUICK=1          5 learner runs and 5 runs of each scikit-learn batch mode, to try changes out
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type RateSummary, round, secondsSince } from './lib/benchStats';
import { benchEngine, type EngineResult } from './lib/engineBench';
import { benchFlatLoop, benchLearner, DIM, LEARNER_EVENTS, type LearnerResult, makeLearnerStream, NNZ } from './lib/learnerBench';
import { runSklearnPeer, type SklearnPeer } from './lib/sklearnPeer';

const QUICK = Boolean(process.env.BENCH_QUICK);
const LEARNER_RUNS = QUICK ? 5 : 15;
/** The reference script runs its per-event mode this many times too: keep it at 3 there. */
const SKLEARN_REPEATS = process.env.SKLEARN_REF ? 3 : LEARNER_RUNS;
const SECTIONS = ['learner', 'flat', 'engine'] as const;
type Section = (typeof SECTIONS)[number];

const benchStart = performance.now();
const sectionArg = process.argv.indexOf('--section');
const section = sectionArg >= 0 ? (process.argv[sectionArg + 1] as Section | undefined) : undefined;
const log = (message: string) =>
  console.error(`[bench:engine${section ? `:${section}` : ''} ${secondsSince(benchStart).toFixed(1)}s] ${message}`);

if (section !== undefined) {
  process.stdout.write(`${JSON.stringify(await runSection(section))}\n`);
} else {
  process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
  log(`done in ${secondsSince(benchStart).toFixed(1)} s`);
}

async function runSection(name: Section): Promise<unknown> {
  switch (name) {
    case 'learner': {
      log(`building ${LEARNER_EVENTS} events × ${NNZ} nnz, dim 2^${Math.log2(DIM)}`);
      return benchLearner(makeLearnerStream(1), LEARNER_RUNS, log);
    }
    case 'flat': {
      log(`building ${LEARNER_EVENTS} events × ${NNZ} nnz, dim 2^${Math.log2(DIM)}`);
      return benchFlatLoop(makeLearnerStream(1), LEARNER_RUNS, log);
    }
    case 'engine':
      return benchEngine(log);
    default:
      throw new Error(`unknown section ${String(name)}; one of ${SECTIONS.join(', ')}`);
  }
}

/** Runs one section in a child Node process (same loader flags, plus --expose-gc) and parses its JSON. */
function spawnSection(name: Section): Promise<unknown> {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, '--expose-gc', script, '--section', name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`section ${name} exited with ${String(code)}`));
      try {
        resolve(JSON.parse(stdout));
      } catch (error) {
        reject(new Error(`section ${name} printed no JSON: ${(error as Error).message}`));
      }
    });
  });
}

async function sklearnPeer(): Promise<SklearnPeer> {
  if (process.env.BENCH_SKIP_SKLEARN) return { skipped: 'BENCH_SKIP_SKLEARN is set' };
  const script = process.env.SKLEARN_REF ?? fileURLToPath(new URL('./lib/sklearn_pa_peer.py', import.meta.url));
  if (!existsSync(script)) return { skipped: `peer script not found: ${script}` };
  log(`sklearn peer: ${script} --bench, ${SKLEARN_REPEATS} runs per batch mode`);
  return runSklearnPeer({
    python: process.env.SKLEARN_PYTHON ?? '/usr/bin/python3',
    script,
    events: LEARNER_EVENTS,
    repeats: SKLEARN_REPEATS,
    timeoutMs: 60 * 60 * 1000,
    onStderr: (line) => log(`sklearn: ${line}`),
  });
}

async function main() {
  const machine = {
    node: process.version,
    v8: process.versions.v8,
    platform: platform(),
    arch: arch(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    availableParallelism: availableParallelism(),
    totalMemoryBytes: totalmem(),
    loadAverageAtStart: loadavg().map((x) => round(x, 2)),
  };
  log(`${machine.node} on ${machine.cpuModel} (${machine.cores} cores), load average ${machine.loadAverageAtStart.join(' ')}`);

  const learner = (await spawnSection('learner')) as LearnerResult;
  const flat = (await spawnSection('flat')) as RateSummary;
  const engine = (await spawnSection('engine')) as EngineResult;
  const sklearnStart = performance.now();
  const sklearn = await sklearnPeer();
  if ('skipped' in sklearn) log(`sklearn peer skipped: ${sklearn.skipped}`);
  else log(`sklearn peer: batch ${sklearn.batch?.eventsPerSecond} events/s; took ${secondsSince(sklearnStart).toFixed(0)} s`);

  const sklearnRate = (row: 'batch' | 'miniBatch1000' | 'perEvent') =>
    'skipped' in sklearn ? null : (sklearn[row]?.eventsPerSecond ?? null);
  const ours = learner.updatesPerSecond.median;
  const ratio = (theirs: number | null) => (theirs ? round(ours / theirs, 3) : null);

  return {
    benchmark: 'engine',
    date: new Date().toISOString(),
    quick: QUICK,
    machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => round(x, 2)) },
    learner: {
      stream: {
        events: LEARNER_EVENTS,
        nnzPerEvent: NNZ,
        dimensions: DIM,
        values: 1,
        labels: 'sign of a hidden N(0,1) linear model, 10% flipped (as the reference bench)',
        inputArrays: 'per-event Int32Array indices (distinct, ascending) and Float64Array values, built before timing',
      },
      options: { algorithm: 'pa1', C: 1, precision: 'float32', fitIntercept: true },
      warmUpRuns: 1,
      ...learner,
      ratioVsSklearnBatch: ratio(sklearnRate('batch')),
      ratioVsSklearnMiniBatch1000: ratio(sklearnRate('miniBatch1000')),
      ratioVsSklearnPerEvent: ratio(sklearnRate('perEvent')),
      ratioVsFlatLoop: round(ours / flat.median, 3),
      flatLoop: {
        description: 'bare PA-I loop over flat Int32Array/Float32Array, Float32Array weights (js_sparse_pa_bench.mjs paFlat)',
        updatesPerSecond: flat,
      },
    },
    sklearnPeer: sklearn,
    ingest: engine.ingest,
    rank: engine.rank,
    memory: engine.memory,
    totalSeconds: round(secondsSince(benchStart), 1),
  };
}

/** What bench:engine prints: bench/results/latest.json `parts.engine.results[]`. */
export type EngineBenchResult = Awaited<ReturnType<typeof main>>;
