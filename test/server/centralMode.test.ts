import { afterEach, describe, expect, it } from 'vitest';
import {
  buildReport,
  DEFAULT_ORDERS,
  epsilonFromRdp,
  PRIVACY_DEFAULTS,
  rdpGaussian,
  sampleDiscreteGaussian,
} from '../../core/privacy/index';
import { applyAggregate } from '../../server/applyAggregate';
import { createServer } from '../../server/index';
import { parseCliArgs } from '../../server/parseCliArgs';
import { seededRandomSource } from '../unit/privacy/seededRandomSource';
import { encodeInt32, reportFields } from './helpers/makeReport';
import { quietLog, type RunningServer, startServer } from './helpers/startServer';
import { storeKinds, type TestStore } from './helpers/testStores';

const DIMENSIONS = 64;
const Z = 2;
const NOISE_SEED = 7;
/** Grid steps of the clients: k = 8 (the SDK default) and k = 10, so the round's grid is 1/1024. */
const BITS = [8, 10, 8, 10];

/** A client's clipped, quantized, unnoised report (SDK `privacy: { mode: 'central' }`). */
function centralReport(i: number, baseVersion: number) {
  const delta = Array.from({ length: DIMENSIONS }, (_, j) => Math.sin(i * 31 + j) / 10);
  return buildReport(
    delta,
    // C = 1 spelled out (buildReport's default is now the SDK's 0.05): the server below takes maxClipNorm 1.
    { mode: 'central', clipNorm: 1, quantizationBits: BITS[i % BITS.length] ?? 8, baseVersion },
    seededRandomSource(100 + i),
  );
}

/** ε at δ = 1e-6 of an RDP curve of the Gaussian mechanism, straight from the privacy core. */
function gaussianEpsilon(sensitivity: number, sigma: number): number {
  return epsilonFromRdp(DEFAULT_ORDERS, rdpGaussian(sensitivity, sigma, DEFAULT_ORDERS), 1e-6).epsilon;
}

function decode(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

for (const { kind, make } of await storeKinds()) {
  describe(`central mode (${kind} store)`, () => {
    let store: TestStore | undefined;
    let running: RunningServer | undefined;
    afterEach(async () => {
      await running?.server.close();
      await store?.cleanup();
      running = undefined;
    });

    it('noises the integer sum of unnoised reports with the discrete Gaussian and keeps the accountant', async () => {
      store = make('central');
      running = await startServer({
        store: store.spec,
        dimensions: DIMENSIONS,
        mode: 'central',
        maxClipNorm: 1, // the reports below are clipped to C = 1
        noiseMultiplier: Z,
        learningRate: 0.5,
        minReports: BITS.length,
        roundSeconds: 0,
        roundCheckMs: 3_600_000,
        random: seededRandomSource(NOISE_SEED),
      });
      const { post, get, server } = running;
      // Offline: the same sum, the same seeded draws in coordinate order, the same update.
      const offlineNoise = seededRandomSource(NOISE_SEED);
      let weights: Float32Array = new Float32Array(DIMENSIONS);
      const grid = 1 / 1024;
      const sensitivity = 2 / grid;
      const sigma = Z * sensitivity;
      for (let round = 1; round <= 2; round++) {
        const reports = BITS.map((_, i) => centralReport(round * 10 + i, round - 1));
        for (const report of reports) {
          expect(report.body.noise).toEqual({ mechanism: 'none', sigma: 0 });
          const answer = await post(report.body);
          expect(answer.status).toBe(202);
        }
        expect(await server.closeDueRound()).toEqual([{ round, version: round, reports: BITS.length }]);
        const aggregate = new Float64Array(DIMENSIONS);
        for (let j = 0; j < DIMENSIONS; j++) {
          let sum = 0;
          for (const report of reports) sum += (report.data[j] as number) * (report.body.gamma / grid);
          aggregate[j] = ((sum + sampleDiscreteGaussian(sigma, offlineNoise)) * grid) / reports.length;
        }
        weights = applyAggregate(weights, aggregate, 0.5);
        const model = (await (await get('/v1/model')).json()) as { version: number; weights: string };
        expect(model.version).toBe(round);
        expect(encodeInt32(new Int32Array(decode(model.weights).slice().buffer))).toBe(
          encodeInt32(new Int32Array(weights.buffer)),
        );
      }

      const epsilon = gaussianEpsilon(sensitivity, sigma);
      // Two rounds compose like one with σ/√2 (RDP adds order by order).
      const epsilonTotal = gaussianEpsilon(sensitivity, sigma / Math.SQRT2);
      const noise = { mechanism: 'discrete_gaussian', sigma, sensitivity, delta: 1e-6 };
      const { rounds } = (await (await get('/v1/rounds')).json()) as { rounds: Array<Record<string, unknown>> };
      expect(rounds.map(({ closedAt: _, ...round }) => round)).toEqual([
        {
          version: 2,
          round: 2,
          reports: 4,
          aggregator: 'mean',
          noise: { ...noise, epsilon, epsilonTotal: expect.closeTo(epsilonTotal, 9) },
        },
        { version: 1, round: 1, reports: 4, aggregator: 'mean', noise: { ...noise, epsilon, epsilonTotal: epsilon } },
      ]);
      expect(epsilon).toBeGreaterThan(2);
      expect(epsilon).toBeLessThan(3);
      expect(await (await get('/v1/stats')).json()).toEqual({
        version: 2,
        round: 3,
        pendingReports: 0,
        contributorsLastRound: 4,
        privacy: {
          mode: 'central',
          noiseMultiplier: Z,
          delta: 1e-6,
          epsilonLastRound: epsilon,
          epsilonTotal: expect.closeTo(epsilonTotal, 9),
        },
      });
    });

    it("accepts, with its defaults, a report from the SDK's defaults in central mode", async () => {
      store = make('central');
      running = await startServer({ store: store.spec, dimensions: DIMENSIONS, mode: 'central' });
      const report = buildReport(new Array(DIMENSIONS).fill(0.01), {
        mode: 'central',
        clipNorm: PRIVACY_DEFAULTS.clipNorm,
        baseVersion: 0,
      });
      expect((await running.post(report.body)).status).toBe(202);
    });

    it("refuses a report clipped to another norm than the server's, and states no ε before the first round", async () => {
      store = make('central');
      running = await startServer({ store: store.spec, dimensions: DIMENSIONS, mode: 'central', maxClipNorm: 1 });
      const report = buildReport(new Array(DIMENSIONS).fill(0.01), { mode: 'central', clipNorm: 0.5, baseVersion: 0 });
      const answer = await running.post(report.body);
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({
        error: "clipNorm: expected 1 (central mode: the server's noise is calibrated to it), got 0.5",
      });
      // A locally noised report is accepted too: the server's noise comes on top.
      expect((await running.post(reportFields(new Int32Array(DIMENSIONS)))).status).toBe(202);
      expect(((await (await running.get('/v1/stats')).json()) as { privacy: unknown }).privacy).toEqual({
        mode: 'central',
        noiseMultiplier: 1,
        delta: 1e-6,
        epsilonLastRound: null,
        epsilonTotal: 0,
      });
    });
  });
}

describe('central mode options', () => {
  it('aggregates with the mean only, and refuses the other aggregators at start-up', async () => {
    await expect(
      createServer({ store: 'sqlite::memory:', mode: 'central', aggregator: 'median', log: quietLog }),
    ).rejects.toThrow(/^mode 'central' aggregates with 'mean' only, got aggregator "median"/);
    await expect(
      createServer({ store: 'sqlite::memory:', mode: 'central', aggregator: 'trimmed-mean', log: quietLog }),
    ).rejects.toThrow(/aggregates with 'mean' only/);
    const server = await createServer({ store: 'sqlite::memory:', mode: 'central', log: quietLog });
    expect(server.options).toMatchObject({ mode: 'central', aggregator: 'mean', noiseMultiplier: 1 });
    await server.close();
  });

  it('refuses a noise multiplier in local mode, where each report carries its own noise', async () => {
    await expect(createServer({ store: 'sqlite::memory:', noiseMultiplier: 2, log: quietLog })).rejects.toThrow(
      "noiseMultiplier applies to mode 'central' only",
    );
    await expect(createServer({ store: 'sqlite::memory:', mode: 'central', noiseMultiplier: 0, log: quietLog })).rejects.toThrow(
      /^noiseMultiplier must be in/,
    );
  });

  it('is chosen on the command line with --mode central and --noise-multiplier', () => {
    expect(parseCliArgs(['--mode', 'central', '--noise-multiplier', '3'])).toMatchObject({
      options: { mode: 'central', noiseMultiplier: 3 },
    });
    expect(() => parseCliArgs(['--mode', 'global'])).toThrow('--mode: expected local or central, got "global"');
  });
});
