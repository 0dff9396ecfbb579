import { createEngine, type Engine, type Item } from 'tastebud/engine';
import { buildReport, type PrivacyMode, sampleDiscreteGaussianVector } from '../../core/privacy/index';
import { seededRandom } from '../../test/helpers/seededRandom';
import { seededRandomSource } from '../../test/unit/privacy/seededRandomSource';
import { round, summarize } from './benchStats';
import type { RetailData } from './onlineRetail';
import { rankingMetrics } from './rankingMetrics';
import { groupInvoices, type Invoice, type RetailContext, sampleCandidates } from './replayRetail';
import { purchaseEvents } from './retailMethods';
import { shuffled } from './syntheticShop';

/** The study's knobs. */
export interface FederatedOptions {
  /** Invoices before this instant train the clients; invoices from it on are the test period. */
  splitTs: number;
  /** Numbers of reporting clients, ascending. */
  clients: number[];
  /** Noise draws per client count (each a pass over the clients with a fresh seeded noise source). */
  noiseSeeds: number;
  /**
   * Seconds of noised reports to spend at most: after the first pass, a further draw covers only the
   * largest client count whose pass still fits (so the largest count may get fewer draws).
   */
  noiseBudgetSeconds: number;
  clipNorm: number;
  noiseMultiplier: number;
  negatives: number;
  k: number;
  seed: number;
  log: (message: string) => void;
}

const SHARED_DIMENSIONS = 2 ** 14;

interface SparseDelta {
  indices: Int32Array;
  values: Float64Array;
}

/**
 * The global model's cold-start quality under local differential privacy. Each training customer's
 * engine (defaults) learns their invoices before `splitTs`; its shared-part weights (the change from the
 * empty global model 0) become one report built by the real privacy core (clip to C, quantise, and in
 * 'local' mode discrete Gaussian noise with σ = z·2C/γ; a seeded RandomSource for reproducibility).
 * N clients' reports are averaged as the server does (sum·γ/N) into a global model, which ranks each
 * test-period invoice's candidates for a fresh visitor (no profile of their own).
 */
export async function runFederatedColdStart(data: RetailData, context: RetailContext, options: FederatedOptions) {
  const { log } = options;
  const customers = groupInvoices(data.purchases);
  const engine = await createEngine();
  const deltas: SparseDelta[] = [];
  const t0 = performance.now();
  for (const [, invoices] of [...customers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const training = invoices.filter((invoice) => invoice.ts < options.splitTs);
    if (training.length === 0) continue;
    await engine.reset();
    for (const invoice of training) await engine.ingest(purchaseEvents(invoice, context.catalog));
    deltas.push(sparse(engine.sharedWeights()));
  }
  log(`federated: ${deltas.length} training clients in ${Math.round(performance.now() - t0)} ms`);
  const order = shuffled(
    deltas.map((_, i) => i),
    seededRandom(options.seed),
  );
  const maxClients = Math.max(...options.clients);
  const clientDelta = (j: number) => deltas[order[j % order.length] as number] as SparseDelta;

  /** One pass over the first `upTo` clients; the sum of their report vectors at each client count. */
  const aggregate = (mode: PrivacyMode, seed: number, upTo: number) => {
    const random = seededRandomSource(seed);
    const sum = new Float64Array(SHARED_DIMENSIONS);
    const dense = new Float64Array(SHARED_DIMENSIONS);
    const sums = new Map<number, Float64Array>();
    const start = performance.now();
    for (let j = 0; j < upTo; j++) {
      const d = clientDelta(j);
      for (let k = 0; k < d.indices.length; k++) dense[d.indices[k] as number] = d.values[k] as number;
      const built = buildReport(
        dense,
        { mode, clipNorm: options.clipNorm, noiseMultiplier: options.noiseMultiplier, baseVersion: 0 },
        random,
      );
      for (let k = 0; k < d.indices.length; k++) dense[d.indices[k] as number] = 0;
      const data = built.data;
      for (let i = 0; i < SHARED_DIMENSIONS; i++) sum[i] = (sum[i] as number) + (data[i] as number);
      if (options.clients.includes(j + 1)) sums.set(j + 1, Float64Array.from(sum));
    }
    return { sums, seconds: (performance.now() - start) / 1000 };
  };
  // γ = C/2^k (buildReport's default k = 8); the server's mean is sum·γ/N.
  const gamma = options.clipNorm / 2 ** 8;
  const sigmaInt = (options.noiseMultiplier * 2 * options.clipNorm) / gamma;
  const mean = (sum: Float64Array, n: number) => Float32Array.from(sum, (s) => (s * gamma) / n);

  const clean = aggregate('off', 0, maxClients);
  log(`federated: no-noise reports of ${maxClients} clients in ${clean.seconds.toFixed(1)} s`);
  const noisy: Array<Map<number, Float64Array>> = [];
  let noiseSeconds = 0;
  let secondsPerReport = 0;
  for (let s = 1; s <= options.noiseSeeds; s++) {
    const fits = options.clients.filter((n) => s === 1 || noiseSeconds + secondsPerReport * n <= options.noiseBudgetSeconds);
    const upTo = Math.max(0, ...fits);
    if (upTo === 0) {
      log(`federated: noise budget of ${options.noiseBudgetSeconds} s spent after ${s - 1} draw(s)`);
      break;
    }
    const pass = aggregate('local', options.seed + s, upTo);
    noiseSeconds += pass.seconds;
    secondsPerReport = noiseSeconds / (noisy.reduce((n, sums) => n + Math.max(...sums.keys()), 0) + upTo);
    noisy.push(pass.sums);
    log(`federated: noised reports of ${upTo} clients (draw ${s}) in ${pass.seconds.toFixed(1)} s`);
  }

  const bestsellerTests = testRankings(customers, context, options, false);
  const shuffledTests = testRankings(customers, context, options, true);
  const ranker = await createEngine();
  const evaluate = (model: Float32Array | null) => {
    if (model) ranker.setGlobalModel(1, model);
    else ranker.setGlobalModel(0, new Float32Array(SHARED_DIMENSIONS));
    return {
      bestsellerOrder: score(ranker, bestsellerTests, context, options.k),
      shuffledOrder: score(ranker, shuffledTests, context, options.k),
    };
  };
  const spread = (runs: Array<ReturnType<typeof evaluate>>) => ({
    draws: runs.length,
    bestsellerOrder: {
      hitAtK: summarize(runs.map((r) => r.bestsellerOrder.hitAtK)),
      ndcgAtK: summarize(runs.map((r) => r.bestsellerOrder.ndcgAtK)),
    },
    shuffledOrder: {
      hitAtK: summarize(runs.map((r) => r.shuffledOrder.hitAtK)),
      ndcgAtK: summarize(runs.map((r) => r.shuffledOrder.ndcgAtK)),
    },
  });
  const noModel = evaluate(null);
  const byClients = [];
  for (const n of options.clients) {
    const cleanSum = clean.sums.get(n) as Float64Array;
    const cleanModel = mean(cleanSum, n);
    const localModels = noisy.filter((sums) => sums.has(n)).map((sums) => mean(sums.get(n) as Float64Array, n));
    // Central mode: the server adds N_Z(0, σ²) once to the sum of unnoised reports (same seeded draws count).
    const centralModels = Array.from({ length: options.noiseSeeds }, (_, s) => {
      const noise = sampleDiscreteGaussianVector(SHARED_DIMENSIONS, sigmaInt, seededRandomSource(options.seed + 1_000 + s));
      return mean(
        Float64Array.from(cleanSum, (x, i) => x + (noise[i] as number)),
        n,
      );
    });
    byClients.push({
      clients: n,
      distinctCustomers: Math.min(n, deltas.length),
      noNoise: { ...evaluate(cleanModel), modelNorm: round(l2(cleanModel), 5) },
      local: {
        ...spread(localModels.map(evaluate)),
        noiseNorm: summarize(localModels.map((m) => round(l2Distance(m, cleanModel), 4))),
      },
      central: {
        ...spread(centralModels.map(evaluate)),
        noiseNorm: summarize(centralModels.map((m) => round(l2Distance(m, cleanModel), 4))),
      },
    });
    log(`federated: N = ${n}: no noise hit@${options.k} ${byClients.at(-1)?.noNoise.bestsellerOrder.hitAtK.toFixed(4)}`);
  }
  const sigmaOfMean = (n: number) => (options.noiseMultiplier * 2 * options.clipNorm) / Math.sqrt(n);
  return {
    description:
      'per training customer, the engine (defaults) learns their invoices before the split; its shared-part weights ' +
      `(2^14, the change from an empty global model) become one report built by core/privacy buildReport (C = ${options.clipNorm}, ` +
      `k = 8, z = ${options.noiseMultiplier}; 'off' for the no-noise model: clipped and quantised, not noised), with a ` +
      "seeded RandomSource; N reports are averaged as the server does (sum·γ/N). A fresh visitor's engine with only that " +
      `global model ranks each test-period invoice's items among ${options.negatives} sampled items, given in the shop's ` +
      'order: bestsellerOrder (bestsellers first as of that day: the storefront, and the popularity baseline when no model ' +
      'is set) or shuffledOrder (a seeded random order: what the model knows on its own). local: every report noised on ' +
      'the device (the mode the issue asks about); central: the server adds the same σ once to the sum, for comparison',
    split: new Date(options.splitTs).toISOString().slice(0, 10),
    trainingCustomers: deltas.length,
    clientsReused:
      maxClients > deltas.length
        ? `The log has ${deltas.length.toLocaleString('en-US')} training customers: beyond that, clients are customers again (the same signal, independent noise).`
        : null,
    testRankings: bestsellerTests.length,
    noise: {
      noiseMultiplier: options.noiseMultiplier,
      clipNorm: options.clipNorm,
      sigmaInteger: sigmaInt,
      localPerCoordinateStdOfMean: Object.fromEntries(options.clients.map((n) => [n, round(sigmaOfMean(n), 4)])),
      centralPerCoordinateStdOfMean: Object.fromEntries(options.clients.map((n) => [n, round((sigmaInt * gamma) / n, 6)])),
      noisedReportSecondsTotal: round(noiseSeconds, 1),
      msPerNoisedReport: round(secondsPerReport * 1000, 3),
      method:
        'every client report noised with the real sampler (sampleDiscreteGaussianVector inside buildReport); the client ' +
        'counts are prefixes of one pass (the first 100 clients are among the first 1,000); draws per count under local',
    },
    noModel,
    byClients,
  };
}

interface TestRanking {
  candidates: string[];
  relevant: Set<string>;
}

/** Every test-period invoice's candidates, in the shop's bestseller order or shuffled (seeded). */
function testRankings(
  customers: Map<string, Invoice[]>,
  context: RetailContext,
  options: Pick<FederatedOptions, 'splitTs' | 'negatives' | 'seed'>,
  shuffle: boolean,
): TestRanking[] {
  const out: TestRanking[] = [];
  const random = seededRandom(options.seed + 1);
  for (const [customer, invoices] of [...customers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    invoices.forEach((invoice, n) => {
      if (invoice.ts < options.splitTs) return;
      const candidates = sampleCandidates(context, invoice, customer, n, options);
      out.push({ candidates: shuffle ? shuffled(candidates, random) : candidates, relevant: new Set(invoice.items.keys()) });
    });
  }
  return out;
}

function score(engine: Engine, tests: readonly TestRanking[], context: RetailContext, k: number) {
  let hit = 0;
  let ndcg = 0;
  for (const test of tests) {
    const ranked = engine.rank(test.candidates.map((code) => context.catalog.get(code) as Item));
    const m = rankingMetrics(
      ranked.map((r) => r.item.id),
      test.relevant,
      k,
    );
    hit += m.hit;
    ndcg += m.ndcg;
  }
  return { hitAtK: hit / tests.length, ndcgAtK: ndcg / tests.length, evaluated: tests.length };
}

function sparse(weights: Float32Array): SparseDelta {
  const indices: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 0) indices.push(i);
  return { indices: Int32Array.from(indices), values: Float64Array.from(indices, (i) => weights[i] as number) };
}

function l2(v: Float32Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

function l2Distance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s);
}
