import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { freshId, noisyVector, reportFields } from './helpers/makeReport';
import { type ServerProcess, spawnServer, stopServer } from './helpers/spawnServer';
import { storeKinds } from './helpers/testStores';

const DIMENSIONS = 1024;
const IN_FLIGHT = 20;

/** Starts a POST and sends only the first half of its body; `finish` sends the rest. */
function halfSentReport(url: string, id: string) {
  const body = Buffer.from(JSON.stringify(reportFields(noisyVector(DIMENSIONS, id.charCodeAt(0)), { id })));
  const req = request(`${url}/v1/deltas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, body.length >> 1));
  return { answer, finish: () => req.end(body.subarray(body.length >> 1)) };
}

for (const { kind, make } of await storeKinds()) {
  describe(`graceful shutdown (${kind} store)`, () => {
    it('stops accepting on SIGTERM, commits the reports in flight, answers them 202 and exits 0', async () => {
      const store = make('shutdown');
      let started: ServerProcess | undefined;
      try {
        const server = await spawnServer(['--store', store.spec, '--dimensions', String(DIMENSIONS), '--rate-limit', '0']);
        started = server;
        const ids = Array.from({ length: IN_FLIGHT }, freshId);
        const pending = ids.map((id) => halfSentReport(server.url, id));
        // A request on another connection answered after the half bodies were written: the server
        // has read their headers by now, so they are in flight.
        expect((await fetch(`${server.url}/v1/stats`)).status).toBe(200);

        process.kill(server.pid, 'SIGTERM');
        let refused = false;
        while (!refused) {
          refused = await fetch(`${server.url}/v1/stats`).then(
            () => false,
            (error: { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
          );
        }
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
