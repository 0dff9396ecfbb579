// `npm run bench:quality`: next-basket ranking on the UCI Online Retail log (docs/quality.md), and the
// studies of the benchmark suite (docs/benchmarks.md): learning curves (hit@10 per month and by the
// customer's history), PA vs PA-I vs PA-II vs scikit-learn's PA on the same features, a drift study,
// and the global model's cold-start quality under local differential privacy as clients grow.
// Prints one JSON object; progress on stderr. Every figure is deterministic (seeded), except the seconds.
//   --grid          also sweep engine settings (on every 4th customer)
//   --stride n      evaluate every n-th customer only
//   BENCH_QUICK=1   every 4th customer, fewer drift pairs, federated up to 1,000 clients with one noise draw
//   SKLEARN_PYTHON  the interpreter of the scikit-learn peer (default /usr/bin/python3, Debian's python3-sklearn)

import { cpus } from 'node:os';
import type { EngineOptions } from 'tastebud/engine';
import { PRIVACY_DEFAULTS } from '../core/privacy/index';
import { loadOnlineRetail } from './lib/onlineRetail';
import { recordingMethod } from './lib/recordingMethod';
import { createContext, HISTORY_BUCKETS, type Method, replay } from './lib/replayRetail';
import { buyAgainMethod, engineMethod, frozenMethod, popularityMethod } from './lib/retailMethods';
import { runDriftExperiment } from './lib/runDriftExperiment';
import { runFederatedColdStart } from './lib/runFederatedColdStart';
import { runSklearnRetail } from './lib/runSklearnRetail';

const QUICK = Boolean(process.env.BENCH_QUICK);
const dataDir = process.env.RETAIL_DIR ?? '../shared/data/uci-online-retail';
const grid = process.argv.includes('--grid');
const strideArg = process.argv.includes('--stride') ? Number(process.argv[process.argv.indexOf('--stride') + 1]) || 1 : null;
const options = { negatives: 100, k: 10, seed: 20261128, customerStride: strideArg ?? (QUICK ? 4 : 1) };
const log = (message: string) => console.error(`[bench:quality ${((performance.now() - t0) / 1000).toFixed(1)}s] ${message}`);

const t0 = performance.now();
const data = loadOnlineRetail(dataDir);
const context = createContext(data);
log(`loaded ${data.purchases.length} clean purchase lines, ${data.catalog.size} items`);

/** The shipped defaults (createEngine's own), passed explicitly only where the replay differs. */
const defaults: EngineOptions = {};
const BASELINES = ['popularity', 'frozenAfterFirstInvoice', 'buyAgain'];
const VARIANTS: Array<[string, EngineOptions]> = [
  ['engine pa', { algorithm: 'pa' }],
  ['engine pa2', { algorithm: 'pa2' }],
  ['engine pa1, no decay', { halfLifeDays: Number.POSITIVE_INFINITY }],
];

const recording = recordingMethod();
const methods: Method[] = [
  await engineMethod('engine', context, defaults),
  popularityMethod(context),
  await frozenMethod(context, defaults),
  buyAgainMethod(context),
  ...(await Promise.all(VARIANTS.map(([name, config]) => engineMethod(name, context, config)))),
  recording,
];
const t1 = performance.now();
const all = await replay(data, methods, options);
const replayMs = ms(t1);
log(
  `replay of ${methods.length - 1} methods on every ${options.customerStride === 1 ? '' : `${options.customerStride}th `}customer in ${replayMs} ms`,
);
const pick = (names: string[]) =>
  Object.fromEntries(
    names.map((name) => {
      const r = all[name] as NonNullable<(typeof all)[string]>;
      return [name, { hitAtK: r.hitAtK, ndcgAtK: r.ndcgAtK, evaluated: r.evaluated }];
    }),
  );
const results = pick(['engine', ...BASELINES]);

log('scikit-learn PassiveAggressiveClassifier on the recorded replay');
const sklearn = await runSklearnRetail(recording, data.catalog, {
  k: options.k,
  variants: [
    { name: 'sklearn PA-I (hinge)', loss: 'hinge' },
    { name: 'sklearn PA-II (squared_hinge)', loss: 'squared_hinge' },
  ],
  python: process.env.SKLEARN_PYTHON ?? '/usr/bin/python3',
  timeoutMs: 10 * 60_000,
  log: (line) => log(line),
});
if ('skipped' in sklearn) log(`scikit-learn peer skipped: ${sklearn.skipped}`);

log('drift study');
const drift = await runDriftExperiment(
  data.catalog,
  [
    ['defaults (pa1, C 0.01, half-life 90 d)', {}],
    ['pa', { algorithm: 'pa' }],
    ['pa2', { algorithm: 'pa2' }],
    ['half-life 14 d', { halfLifeDays: 14 }],
    ['half-life 30 d', { halfLifeDays: 30 }],
    ['no decay', { halfLifeDays: Number.POSITIVE_INFINITY }],
  ],
  { pairs: QUICK ? 4 : 12, before: 15, maxAfter: 30, heldOut: 8, seed: 7 },
);

log('federated cold start with privacy noise');
const federated = await runFederatedColdStart(data, context, {
  splitTs: Date.UTC(2011, 8, 1),
  clients: QUICK ? [100, 1_000] : [100, 1_000, 10_000],
  noiseSeeds: QUICK ? 1 : 3,
  noiseBudgetSeconds: QUICK ? 30 : 150,
  clipNorm: PRIVACY_DEFAULTS.clipNorm, // the SDK's (0.05): what browsers send
  noiseMultiplier: 5,
  negatives: options.negatives,
  k: options.k,
  seed: options.seed,
  log,
});

/** `setting`: the engine option changed from the defaults, or the baseline's name. */
const sweep: Array<{ setting: string; hitAtK: number; ndcgAtK: number; evaluated: number }> = [];
if (grid) {
  // One knob at a time around the defaults (createEngine: pa1, C 0.01, half-life 90 days,
  // orderWeight 1, id weight 10), on every 4th customer to keep the sweep to minutes.
  const configs: EngineOptions[] = [
    {},
    { algorithm: 'pa' },
    ...[0.003, 0.03, 0.1, 1].map((C) => ({ C })),
    ...[0.003, 0.01, 0.03].map((C) => ({ algorithm: 'pa2' as const, C })),
    ...[14, 30, 180, Number.POSITIVE_INFINITY].map((halfLifeDays) => ({ halfLifeDays })),
    ...[0, 0.3, 3].map((orderWeight) => ({ orderWeight })),
    ...[1, 3, 30].map((id) => ({ featureWeights: { id } })),
  ];
  for (const config of configs) {
    const r = await replay(data, [await engineMethod('engine', context, config)], { ...options, customerStride: 4 });
    const engine = r.engine as NonNullable<typeof r.engine>;
    sweep.push({
      setting: JSON.stringify(config, (_, v) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v)),
      hitAtK: engine.hitAtK,
      ndcgAtK: engine.ndcgAtK,
      evaluated: engine.evaluated,
    });
    log(`${JSON.stringify(config)} ${engine.hitAtK.toFixed(4)} ${engine.ndcgAtK.toFixed(4)}`);
  }
  // The baselines on the same customers, for comparison with the sweep.
  const baseline = await replay(data, [buyAgainMethod(context), popularityMethod(context)], { ...options, customerStride: 4 });
  for (const [name, r] of Object.entries(baseline)) {
    sweep.push({ setting: `baseline ${name}`, hitAtK: r.hitAtK, ndcgAtK: r.ndcgAtK, evaluated: r.evaluated });
  }
}

const curveMethods = ['engine', ...BASELINES];
const result = {
  benchmark: 'quality',
  quick: QUICK,
  data: {
    source: 'UCI Online Retail (Chen et al. 2012, CC BY 4.0)',
    purchaseLines: data.purchases.length,
    items: data.catalog.size,
  },
  protocol: { ...options, candidates: `each invoice's items + ${options.negatives} sampled catalogue items` },
  machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length },
  replayMs,
  results,
  hitAtKByMonth: Object.fromEntries(curveMethods.map((name) => [name, all[name]?.byMonth])),
  learningCurveByHistory: {
    description: "hit@k and NDCG@k by how many of the customer's invoices came before the evaluated one",
    buckets: HISTORY_BUCKETS.map(([label]) => label),
    methods: Object.fromEntries(curveMethods.map((name) => [name, all[name]?.byHistory])),
  },
  algorithms: Object.assign(pick(VARIANTS.map(([name]) => name)), {
    description:
      "the engine with each PA variant (defaults otherwise: C 0.01, half-life 90 d), the engine without decay, and scikit-learn's " +
      "PassiveAggressiveClassifier on the same hashed features, C = 0.01 × purchase strength 3, no intercept, the engine's order " +
      'bonus added, no decay (scikit-learn has none): the fair peer of the engine without decay',
    engine: pick(['engine']).engine,
    sklearn,
  }),
  drift,
  federated,
  ...(grid ? { sweep } : {}),
  totalSeconds: Math.round(ms(t0) / 100) / 10,
};
console.log(JSON.stringify(result, null, 2));

/** What bench:quality prints: bench/results/latest.json `parts.quality.results[]`. */
export type QualityBenchResult = typeof result;

function ms(since: number): number {
  return Math.round(performance.now() - since);
}
