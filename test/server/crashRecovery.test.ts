import { describe, expect, it } from 'vitest';
import { halfSentReport } from './helpers/halfSentReport';
import { encodeInt32, freshId, noisyVector, reportFields } from './helpers/makeReport';
import { type ServerProcess, spawnServer, stopServer } from './helpers/spawnServer';
import { storeKinds } from './helpers/testStores';

const DIMENSIONS = 2 ** 14;
const REPORTS = 200;
/** Of the reports, these many are sent whole at once; the rest only half, so they are surely in flight at the kill. */
const SENT_WHOLE = 150;
/** Kill once this many reports were acknowledged: the other whole ones are still being parsed, queued or committed. */
const KILL_AFTER = 40;

const serverArgs = (spec: string) => [
  '--store',
  spec,
  '--dimensions',
  String(DIMENSIONS),
  '--min-reports',
  '100000',
  '--max-reports-per-round',
  '100000',
  '--rate-limit',
  '0',
];

interface Sent {
  id: string;
  data: string;
  body: string;
}

const send = (url: string, body: string) =>
  fetch(`${url}/v1/deltas`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

for (const { kind, make } of await storeKinds()) {
  describe(`crash recovery (${kind} store)`, () => {
    it(`keeps every acknowledged report, once, after kill -9 with ${REPORTS} reports in flight`, async () => {
      const store = make('crash');
      const reports: Sent[] = Array.from({ length: REPORTS }, (_, i) => {
        const data = noisyVector(DIMENSIONS, 1000 + i);
        const id = freshId();
        return { id, data: encodeInt32(data), body: JSON.stringify(reportFields(data, { id })) };
      });
      let first: ServerProcess | undefined;
      let second: ServerProcess | undefined;
      try {
        const server = await spawnServer(serverArgs(store.spec));
        first = server;
        const held = Promise.allSettled(reports.slice(SENT_WHOLE).map(({ body }) => halfSentReport(server.url, body).answer));
        // The server has read the held requests' headers once a request sent after them is answered.
        expect((await fetch(`${server.url}/v1/stats`)).status).toBe(200);
        const acknowledged = new Set<string>();
        let killed = false;
        const whole = await Promise.allSettled(
          reports.slice(0, SENT_WHOLE).map(async ({ id, body }) => {
            const response = await send(server.url, body);
            await response.text();
            if (response.status === 202) acknowledged.add(id);
            if (acknowledged.size >= KILL_AFTER && !killed) {
              killed = true;
              process.kill(server.pid, 'SIGKILL');
            }
          }),
        );
        expect(killed).toBe(true);
        expect(await server.exited).toBe('SIGKILL');
        expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
        expect(whole.filter((o) => o.status === 'rejected').length + acknowledged.size).toBe(SENT_WHOLE);
        // The held reports were in flight at the kill: none got an answer.
        expect((await held).every((o) => o.status === 'rejected')).toBe(true);

        const restarted = await spawnServer(serverArgs(store.spec));
        second = restarted;
        const stored = await store.reports();
        const byId = new Map(stored.map((row) => [row.id, row.data.toString('base64')]));
        // None twice, and every 202 is there with exactly the bytes sent.
        expect(byId.size).toBe(stored.length);
        for (const { id, data } of reports.filter((r) => acknowledged.has(r.id))) expect(byId.get(id)).toBe(data);
        for (const row of stored) expect(reports.find((r) => r.id === row.id)?.data).toBe(byId.get(row.id));
        // A report and its idempotency id commit together, or neither does.
        const snapshot = await store.snapshot();
        expect(snapshot.ids).toEqual(snapshot.reports);

        // Clients retry what got no answer; everything stored (all acknowledged ones) comes back a duplicate.
        const retries = await Promise.all(
          reports.map(async ({ id, body }) => ({ id, status: (await send(restarted.url, body)).status })),
        );
        for (const { id, status } of retries) expect(status).toBe(byId.has(id) ? 200 : 202);
        const stats = (await (await fetch(`${restarted.url}/v1/stats`)).json()) as { pendingReports: number };
        expect(stats.pendingReports).toBe(REPORTS);
        expect((await store.snapshot()).reports).toEqual(reports.map((r) => r.id).sort());
        process.kill(restarted.pid, 'SIGTERM');
        expect(await restarted.exited).toBe(0);
      } finally {
        await stopServer(first);
        await stopServer(second);
        await store.cleanup();
      }
    });
  });
}
