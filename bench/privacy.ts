// `npm run bench:privacy` (or `npx tsx bench/privacy.ts`): the cost of one privacy report (PRIVACY.md
// Tier 1) at the defaults — build time, noise throughput, body size — and the ε it spends by the
// accountant. Prints one JSON object on stdout; progress goes to stderr.
//   BENCH_RUNS=n   timed runs per dimension (default 11, at least 7)
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import {
  buildReport,
  cryptoRandom,
  gaussianEpsilon,
  REPORT_DEFAULTS,
  reportEpsilon,
  sampleDiscreteGaussianVector,
} from '../core/privacy/index';
import { round, summarize } from './lib/benchStats';
import { machineInfo } from './lib/machineInfo';

const RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 11));
const WARMUP = 3;
const DELTA = 1e-6;
const loadAtStart = loadavg().map((x) => round(x, 2));
const log = (message: string) => console.error(`[bench:privacy] ${message}`);

const { clipNorm, noiseMultiplier, quantizationBits } = REPORT_DEFAULTS;
const sensitivity = 2 * 2 ** quantizationBits;
const sigma = noiseMultiplier * sensitivity;
const random = cryptoRandom();

/** A realistic week: a few hundred touched coordinates, the rest unchanged. */
function weekDelta(dimensions: number): Float64Array {
  const delta = new Float64Array(dimensions);
  const bytes = new Uint32Array(300);
  random.fill(new Uint8Array(bytes.buffer));
  for (const b of bytes) delta[b % dimensions] = ((b >>> 16) / 65_536 - 0.5) * 0.2;
  return delta;
}

function benchDimensions(dimensions: number) {
  const delta = weekDelta(dimensions);
  const options = { baseVersion: 1 };
  for (let i = 0; i < WARMUP; i++) buildReport(delta, options, random);
  const buildMs: number[] = [];
  const noiseMs: number[] = [];
  let body = '';
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const built = buildReport(delta, options, random);
    body = JSON.stringify(built.body);
    buildMs.push(performance.now() - start);
    const t0 = performance.now();
    sampleDiscreteGaussianVector(dimensions, sigma, random);
    noiseMs.push(performance.now() - t0);
  }
  const build = summarize(buildMs.map((ms) => round(ms, 2)));
  const noise = summarize(noiseMs.map((ms) => round(ms, 2)));
  log(`d = ${dimensions}: build median ${build.median} ms, noise median ${noise.median} ms`);
  return {
    dimensions,
    buildReportMs: build,
    noiseOnlyMs: noise,
    samplesPerSecond: Math.round(dimensions / (noise.median / 1000)),
    bodyBytes: { json: Buffer.byteLength(body), gzip: gzipSync(body).length },
  };
}

function epsilon(reports: number) {
  const rdp = reportEpsilon(sensitivity, sigma, { reports, delta: DELTA });
  return {
    reports,
    rdp: round(rdp.epsilon, 4),
    rdpOrder: rdp.order,
    exactGaussian: round(gaussianEpsilon(sigma, DELTA, Math.sqrt(reports) * sensitivity), 4),
  };
}

const result = {
  benchmark: 'privacy',
  defaults: { clipNorm, noiseMultiplier, quantizationBits, gamma: clipNorm / 2 ** quantizationBits, sensitivity, sigma },
  runs: RUNS,
  reports: [benchDimensions(2 ** 14), benchDimensions(2 ** 16)],
  epsilon: { delta: DELTA, perReport: epsilon(1), weekly52: epsilon(52) },
  machine: machineInfo(loadAtStart),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

/** What bench:privacy prints: bench/results/latest.json `parts.privacy.results[]`. */
export type PrivacyBenchResult = typeof result;
