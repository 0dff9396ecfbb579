// `npm run bench:quality`: next-basket ranking on the UCI Online Retail log (docs/quality.md).
// Prints one JSON object; `--grid` also sweeps engine settings (on every 4th customer) and prints them.
import { cpus } from 'node:os';
import type { EngineOptions } from 'tastebud/engine';
import { loadOnlineRetail } from './lib/onlineRetail';
import { createContext, type Method, replay } from './lib/replayRetail';
import { buyAgainMethod, engineMethod, frozenMethod, popularityMethod } from './lib/retailMethods';

const dataDir = process.env.RETAIL_DIR ?? '../shared/data/uci-online-retail';
const grid = process.argv.includes('--grid');
const stride = Number(process.argv[process.argv.indexOf('--stride') + 1]) || 1;
const options = { negatives: 100, k: 10, seed: 20261128, customerStride: process.argv.includes('--stride') ? stride : 1 };

const t0 = performance.now();
const data = loadOnlineRetail(dataDir);
const context = createContext(data);
console.error(`loaded ${data.purchases.length} clean purchase lines, ${data.catalog.size} items in ${ms(t0)} ms`);

/** The shipped defaults (createEngine's own), passed explicitly only where the replay differs. */
const defaults: EngineOptions = {};

const methods: Method[] = [
  await engineMethod('engine', context, defaults),
  popularityMethod(context),
  await frozenMethod(context, defaults),
  buyAgainMethod(context),
];
const t1 = performance.now();
const results = await replay(data, methods, options);
const replayMs = ms(t1);

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
    console.error(JSON.stringify(config), engine.hitAtK.toFixed(4), engine.ndcgAtK.toFixed(4));
  }
  // The baselines on the same customers, for comparison with the sweep.
  const baseline = await replay(data, [buyAgainMethod(context), popularityMethod(context)], { ...options, customerStride: 4 });
  for (const [name, r] of Object.entries(baseline)) {
    sweep.push({ setting: `baseline ${name}`, hitAtK: r.hitAtK, ndcgAtK: r.ndcgAtK, evaluated: r.evaluated });
  }
}

const engineHit = (results.engine as NonNullable<typeof results.engine>).hitAtK;
const baselines = Object.entries(results).filter(([name]) => name !== 'engine');
console.log(
  JSON.stringify(
    {
      benchmark: 'quality',
      data: {
        source: 'UCI Online Retail (Chen et al. 2012, CC BY 4.0)',
        purchaseLines: data.purchases.length,
        items: data.catalog.size,
      },
      protocol: { ...options, candidates: `each invoice's items + ${options.negatives} sampled catalogue items` },
      machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length },
      replayMs,
      results: Object.fromEntries(
        Object.entries(results).map(([name, r]) => [name, { hitAtK: r.hitAtK, ndcgAtK: r.ndcgAtK, evaluated: r.evaluated }]),
      ),
      hitAtKByMonth: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.byMonth])),
      target: {
        engineBeatsEveryBaselineOnHitAtK: baselines.every(([, r]) => engineHit > r.hitAtK),
        margins: Object.fromEntries(baselines.map(([name, r]) => [name, engineHit - r.hitAtK])),
      },
      ...(grid ? { sweep } : {}),
    },
    null,
    2,
  ),
);

function ms(since: number): number {
  return Math.round(performance.now() - since);
}
