import { describe, expect, it, vi } from 'vitest';
import { aggregate } from '../../server/aggregate';
import { applyAggregate } from '../../server/applyAggregate';
import { encodeInt32, freshId, GAMMA, noisyVector, reportFields } from './helpers/makeReport';
import { postgresAvailable, queryPostgres } from './helpers/postgres';
import { type ServerProcess, spawnServer, stopServer } from './helpers/spawnServer';
import { postgresTestStore } from './helpers/testStores';

const DIMENSIONS = 2 ** 12;
const REPORTS = 2000;
/** Reports sent to both instances at the same moment: exactly one may accept each. */
const RACED = 100;
const MIN_REPORTS = 300;
const CONCURRENCY = 32;

const ready = await postgresAvailable();

interface Accepted {
  id: string;
  data: Int32Array;
  round: number;
}

async function post(url: string, body: string): Promise<{ status: number; round?: number }> {
  const response = await fetch(`${url}/v1/deltas`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = (await response.json()) as { round?: number };
  return { status: response.status, ...(answer.round === undefined ? {} : { round: answer.round }) };
}

/** Waits until `check` holds (vitest polls it), failing with `what` after `timeoutMs`. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

describe.skipIf(!ready)('two instances on one PostgreSQL database', () => {
  it(`counts each of ${REPORTS} concurrent reports once and publishes the offline aggregate bit for bit`, async () => {
    const store = postgresTestStore('two');
    const schema = new URL(store.spec).searchParams.get('schema');
    const args = [
      '--store',
      store.spec,
      '--dimensions',
      String(DIMENSIONS),
      '--min-reports',
      String(MIN_REPORTS),
      '--round-seconds',
      '0',
      '--round-check-ms',
      '50',
      '--aggregator',
      'trimmed-mean',
      '--max-stale-versions',
      '1000',
      '--rate-limit',
      '0',
    ];
    // Both start at once on an empty schema: creating it is serialised by an advisory lock.
    let instances: ServerProcess[] = [];
    try {
      instances = await Promise.all([spawnServer(args), spawnServer(args)]);
      const accepted = new Map<string, Accepted>();
      let duplicates = 0;
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < REPORTS; i = next++) {
          const data = noisyVector(DIMENSIONS, 5000 + i);
          const id = freshId();
          const body = JSON.stringify(reportFields(data, { id }));
          const targets = i < RACED ? instances : [instances[i % 2] as ServerProcess];
          const answers = await Promise.all(targets.map((instance) => post(instance.url, body)));
          for (const answer of answers) {
            if (answer.status === 202 && answer.round !== undefined) {
              expect(accepted.has(id)).toBe(false);
              accepted.set(id, { id, data, round: answer.round });
            } else {
              expect(answer.status).toBe(200);
              duplicates++;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      expect(accepted.size).toBe(REPORTS);
      expect(duplicates).toBe(RACED);

      const rounds = async () =>
        queryPostgres<{ round: number; status: string; reports: number | null; version: number | null }>(
          `SELECT round, status, reports, version FROM "${schema}".rounds ORDER BY round`,
        );
      await until(async () => {
        const all = await rounds();
        const open = all.find((r) => r.status === 'open');
        const pending = [...accepted.values()].filter((a) => a.round === open?.round).length;
        return all.every((r) => r.status !== 'sealed') && pending < MIN_REPORTS;
      }, 'every due round to be published');

      const published = (await rounds()).filter((r) => r.status === 'published');
      expect(published.length).toBeGreaterThanOrEqual(Math.floor(REPORTS / MIN_REPORTS) - 1);
      expect(published.map((r) => r.version)).toEqual(published.map((_, i) => i + 1));

      // Every accepted report is in exactly one round, and each round counted exactly its reports.
      for (const round of published) {
        expect(round.reports).toBe([...accepted.values()].filter((a) => a.round === round.round).length);
      }
      const stats = (await (await fetch(`${instances[0]?.url}/v1/stats`)).json()) as { pendingReports: number };
      const publishedReports = published.reduce((sum, r) => sum + (r.reports ?? 0), 0);
      expect(publishedReports + stats.pendingReports).toBe(REPORTS);

      // Exactly one instance closed each round.
      const closedBy = await Promise.all(
        instances.map(async (instance) =>
          metric(await (await fetch(`${instance.url}/metrics`)).text(), 'tastebud_rounds_closed_total'),
        ),
      );
      expect(closedBy.reduce((a, b) => a + b, 0)).toBe(published.length);

      // Offline: the same aggregate from the accepted reports, round by round, in id order.
      let weights: Float32Array = new Float32Array(DIMENSIONS);
      const versions = new Map<number, string>();
      for (const round of published) {
        const reports = [...accepted.values()]
          .filter((a) => a.round === round.round)
          .sort((x, y) => (x.id < y.id ? -1 : 1))
          .map((a) => ({ data: a.data, gamma: GAMMA }));
        weights = applyAggregate(weights, aggregate(reports, { kind: 'trimmed-mean', trim: 0.1 }), 1);
        versions.set(round.version ?? -1, encodeInt32(new Int32Array(weights.buffer)));
      }
      const stored = await queryPostgres<{ version: number; weights: Buffer }>(
        `SELECT version, weights FROM "${schema}".models WHERE version > 0`,
      );
      expect(stored.length).toBeGreaterThan(0);
      for (const { version, weights: bytes } of stored) expect(bytes.toString('base64')).toBe(versions.get(version));

      // Every instance serves the same, latest version.
      const models = await Promise.all(instances.map((instance) => fetch(`${instance.url}/v1/model`)));
      const tags = models.map((m) => m.headers.get('etag'));
      expect(tags).toEqual([`"tastebud-v${published.length}"`, `"tastebud-v${published.length}"`]);
      const bodies = (await Promise.all(models.map((m) => m.json()))) as Array<{ weights: string }>;
      expect(bodies[0]?.weights).toBe(encodeInt32(new Int32Array(weights.buffer)));
      expect(bodies[1]?.weights).toBe(bodies[0]?.weights);

      // Both shut down cleanly.
      for (const instance of instances) process.kill(instance.pid, 'SIGTERM');
      expect(await Promise.all(instances.map((i) => i.exited))).toEqual([0, 0]);
    } finally {
      await Promise.all(instances.map(stopServer));
      await store.cleanup();
    }
  });
});
