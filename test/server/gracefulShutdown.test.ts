import { describe, expect, it } from 'vitest';
import { halfSentReport } from './helpers/halfSentReport';
import { freshId, noisyVector, reportFields } from './helpers/makeReport';
import { type ServerProcess, spawnServer, stopServer, untilRefused } from './helpers/spawnServer';
import { storeKinds } from './helpers/testStores';

const DIMENSIONS = 1024;
const IN_FLIGHT = 20;

for (const { kind, make } of await storeKinds()) {
  describe(`graceful shutdown (${kind} store)`, () => {
    it('stops accepting on SIGTERM, commits the reports in flight, answers them 202 and exits 0', async () => {
      const store = make('shutdown');
      let started: ServerProcess | undefined;
      try {
        const server = await spawnServer(['--store', store.spec, '--dimensions', String(DIMENSIONS), '--rate-limit', '0']);
        started = server;
        const ids = Array.from({ length: IN_FLIGHT }, freshId);
        const pending = ids.map((id) =>
          halfSentReport(server.url, JSON.stringify(reportFields(noisyVector(DIMENSIONS, id.charCodeAt(0)), { id }))),
        );
        // A request on another connection answered after the half bodies were written: the server
        // has read their headers by now, so they are in flight.
        expect((await fetch(`${server.url}/v1/stats`)).status).toBe(200);

        process.kill(server.pid, 'SIGTERM');
        await untilRefused(server.url);
        for (const report of pending) report.finish();
        const answers = await Promise.all(pending.map((report) => report.answer));
        expect(answers.map((a) => a.status)).toEqual(ids.map(() => 202));
        expect(await server.exited).toBe(0);
        expect((await store.snapshot()).reports).toEqual([...ids].sort());
      } finally {
        await stopServer(started);
        await store.cleanup();
      }
    });
  });
}
