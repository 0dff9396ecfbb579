import { afterEach, describe, expect, it } from 'vitest';
import { aggregate } from '../../server/aggregate';
import { applyAggregate } from '../../server/applyAggregate';
import { encodeInt32, freshId, reportFields } from './helpers/makeReport';
import { type RunningServer, startServer } from './helpers/startServer';
import { storeKinds, type TestStore } from './helpers/testStores';

const DIMENSIONS = 4;
// Hand-computed: with γ = 1/1024 the mean of these three reports is [1, 1/3, 0, 1/128] in weight units.
const ROUND = [Int32Array.of(1024, 0, -512, 8), Int32Array.of(0, 2048, 512, 8), Int32Array.of(2048, -1024, 0, 8)];

function decodeWeights(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  return [...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)];
}

for (const { kind, make } of await storeKinds()) {
  describe(`rounds (${kind} store)`, () => {
    let store: TestStore | undefined;
    let running: RunningServer | undefined;
    let clock = 1_000_000;

    async function start(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
      store = make('rounds');
      clock = 1_000_000;
      running = await startServer({
        store: store.spec,
        dimensions: DIMENSIONS,
        minReports: 3,
        roundSeconds: 60,
        aggregator: 'mean',
        roundCheckMs: 3_600_000, // the test closes rounds itself
        now: () => clock,
        ...options,
      });
      return running;
    }
    afterEach(async () => {
      await running?.server.close();
      await store?.cleanup();
      running = undefined;
      store = undefined;
    });

    it('publishes nothing below minReports, however long the round has been open', async () => {
      const { post, get, server } = await start();
      for (const data of ROUND.slice(0, 2)) expect((await post(reportFields(data))).status).toBe(202);
      clock += 3_600_000;
      expect(await server.closeDueRound()).toEqual([]);
      const model = (await (await get('/v1/model')).json()) as { version: number; weights: string };
      expect(model.version).toBe(0);
      expect(decodeWeights(model.weights)).toEqual([0, 0, 0, 0]);
      expect(await (await get('/v1/stats')).json()).toEqual({
        version: 0,
        round: 1,
        pendingReports: 2,
        contributorsLastRound: 0,
      });
    });

    it('waits for roundSeconds even with enough reports', async () => {
      const { post, server } = await start();
      for (const data of ROUND) expect((await post(reportFields(data))).status).toBe(202);
      clock += 59_000;
      expect(await server.closeDueRound()).toEqual([]);
    });

    it('publishes the mean as version 1, then deletes the reports but keeps their ids', async () => {
      const { post, get, server } = await start();
      for (const data of ROUND) expect((await post(reportFields(data))).status).toBe(202);
      clock += 60_000;
      expect(await server.closeDueRound()).toEqual([{ round: 1, version: 1, reports: 3 }]);
      const model = (await (await get('/v1/model')).json()) as { version: number; dimensions: number; weights: string };
      expect(model).toMatchObject({ version: 1, dimensions: DIMENSIONS });
      expect(decodeWeights(model.weights)).toEqual([1, Math.fround(1 / 3), 0, 1 / 128]);
      const after = await store?.snapshot();
      expect(after).toMatchObject({ reports: [], rounds: 2, models: 2 });
      expect(after?.ids).toHaveLength(3);
      expect(await (await get('/v1/stats')).json()).toEqual({
        version: 1,
        round: 2,
        pendingReports: 0,
        contributorsLastRound: 3,
      });
    });

    it('applies the server learning rate and builds each version on the previous one', async () => {
      const { post, get, server } = await start({ learningRate: 0.5 });
      for (let round = 0; round < 2; round++) {
        for (const data of ROUND) expect((await post(reportFields(data, { baseVersion: round }))).status).toBe(202);
        clock += 60_000;
        expect(await server.closeDueRound()).toHaveLength(1);
      }
      const model = (await (await get('/v1/model')).json()) as { version: number; weights: string };
      const half = Math.fround(Math.fround(1 / 3) / 2);
      expect(model.version).toBe(2);
      expect(decodeWeights(model.weights)).toEqual([1, Math.fround(half + 1 / 6), 0, 1 / 128]);
    });

    it('serves the model with a strong ETag and answers If-None-Match with 304 until a new version', async () => {
      const { post, get, server } = await start();
      const first = await get('/v1/model');
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toBe('"tastebud-v0"');
      expect((await get('/v1/model', { 'if-none-match': etag })).status).toBe(304);
      for (const data of ROUND) await post(reportFields(data));
      clock += 60_000;
      await server.closeDueRound();
      const next = await get('/v1/model', { 'if-none-match': etag });
      expect(next.status).toBe(200);
      expect(next.headers.get('etag')).toBe('"tastebud-v1"');
    });

    it('accepts a report built on a long-superseded model into the current round (no staleness limit by default)', async () => {
      const { post, server } = await start();
      for (let round = 0; round < 4; round++) {
        for (const data of ROUND) expect((await post(reportFields(data, { baseVersion: round }))).status).toBe(202);
        clock += 60_000;
        await server.closeDueRound();
      }
      // The shopper came back after four rounds: the report is the change of their own weights, valid
      // whatever model it was built on, and their ε was spent on it; it counts in round 5.
      const stale = await post(reportFields(ROUND[0] ?? new Int32Array(DIMENSIONS), { baseVersion: 0 }));
      expect(stale.status).toBe(202);
      expect(await stale.json()).toEqual({ accepted: true, round: 5 });
      expect((await store?.reports())?.map((row) => row.round)).toEqual([5]);
    });

    it('refuses a baseVersion more than maxStaleVersions behind', async () => {
      const { post, server } = await start({ maxStaleVersions: 1 });
      for (let round = 0; round < 2; round++) {
        for (const data of ROUND) await post(reportFields(data, { baseVersion: round }));
        clock += 60_000;
        await server.closeDueRound();
      }
      const stale = await post(reportFields(ROUND[0] ?? new Int32Array(DIMENSIONS), { baseVersion: 0 }));
      expect(stale.status).toBe(400);
      expect(await stale.json()).toEqual({
        error: 'baseVersion: 0 is too old: the current version is 2 and reports may be at most 1 versions behind',
      });
      expect((await post(reportFields(ROUND[0] ?? new Int32Array(DIMENSIONS), { baseVersion: 1 }))).status).toBe(202);
    });

    it('caps a round at maxReportsPerRound with 429 and Retry-After, storing nothing', async () => {
      const { post, server } = await start({ maxReportsPerRound: 3 });
      for (const data of ROUND) expect((await post(reportFields(data))).status).toBe(202);
      const before = await store?.snapshot();
      const id = freshId();
      const full = await post(reportFields(ROUND[0] ?? new Int32Array(DIMENSIONS), { id }));
      expect(full.status).toBe(429);
      expect(Number(full.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await full.json()) as { error: string }).error).toMatch(/^round: 1 holds 3 reports already/);
      expect(await store?.snapshot()).toEqual(before);
      clock += 60_000;
      await server.closeDueRound();
      const later = await post(reportFields(ROUND[0] ?? new Int32Array(DIMENSIONS), { id, baseVersion: 1 }));
      expect(await later.json()).toEqual({ accepted: true, round: 2 });
    });

    it('lists published rounds newest first at /v1/rounds: aggregates only, closedAt to the minute', async () => {
      const { post, get, server } = await start({ aggregator: 'median' });
      expect(await (await get('/v1/rounds')).json()).toEqual({ rounds: [] });
      for (let round = 0; round < 2; round++) {
        for (const data of ROUND) expect((await post(reportFields(data, { baseVersion: round }))).status).toBe(202);
        clock += 60_000 + 1_234;
        await server.closeDueRound();
      }
      const listed = await get('/v1/rounds');
      expect(listed.status).toBe(200);
      // Sealed at 1,061,234 and 1,122,468 ms: 00:17:41 and 00:18:42, shown as 00:17 and 00:18.
      expect(await listed.json()).toEqual({
        rounds: [
          { version: 2, round: 2, reports: 3, closedAt: '1970-01-01T00:18:00.000Z', aggregator: 'median' },
          { version: 1, round: 1, reports: 3, closedAt: '1970-01-01T00:17:00.000Z', aggregator: 'median' },
        ],
      });
      expect(((await (await get('/v1/rounds?limit=1')).json()) as { rounds: unknown[] }).rounds).toHaveLength(1);
      for (const limit of ['0', '101', 'x', '1.5', '']) {
        const bad = await get(`/v1/rounds?limit=${limit}`);
        expect(bad.status).toBe(400);
        expect(await bad.json()).toEqual({ error: `limit: expected an integer in [1, 100], got "${limit}"` });
      }
    });

    it('stores each vector in the fewest bytes per value that hold it, and aggregates the values sent', async () => {
      const { post, get, server } = await start();
      const sent = [
        { data: Int32Array.of(1, -2, 3, 0), gamma: 1 / 1024, width: 1 },
        { data: Int32Array.of(1000, -2000, 0, 5), gamma: 1 / 1024, width: 2 },
        { data: Int32Array.of(70_000, 0, -1, 0), gamma: 1 / 1024, width: 3 },
        { data: Int32Array.of(9_000_000, 0, 0, -9), gamma: 2 ** -24, width: 4 },
      ].map((report) => ({ ...report, id: freshId() }));
      for (const { data, gamma, id } of sent) expect((await post(reportFields(data, { gamma, id }))).status).toBe(202);
      const rows = (await store?.reports()) ?? [];
      expect(rows.map((row) => [row.id, row.width, row.data.toString('base64')]).sort()).toEqual(
        sent.map(({ id, width, data }) => [id, width, encodeInt32(data)]).sort(),
      );
      clock += 60_000;
      await server.closeDueRound();
      const model = (await (await get('/v1/model')).json()) as { weights: string };
      const ordered = [...sent].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(decodeWeights(model.weights)).toEqual([
        ...applyAggregate(new Float32Array(4), aggregate(ordered, { kind: 'mean' }), 1),
      ]);
    });

    it('stores exactly the bytes that were sent', async () => {
      const { post } = await start();
      const id = freshId();
      await post(reportFields(ROUND[1] ?? new Int32Array(DIMENSIONS), { id }));
      const rows = (await store?.reports()) ?? [];
      expect(rows.map((row) => [row.id, row.round, row.data.toString('base64')])).toEqual([
        [id, 1, encodeInt32(ROUND[1] ?? new Int32Array(DIMENSIONS))],
      ]);
    });
  });
}
