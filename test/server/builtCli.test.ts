import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { halfSentReport } from './helpers/halfSentReport';
import { freshId, noisyVector, reportFields } from './helpers/makeReport';
import { BUILT_CLI, type ServerProcess, spawnServer, stopServer, untilRefused } from './helpers/spawnServer';
import { storeKinds } from './helpers/testStores';

// The CLI as it ships (`npx tastebud-server`): the bundle in dist/ and the SQLite worker built next to it.
const DIMENSIONS = 256;
const SHOP = 'https://shop.example';

describe('built CLI', () => {
  it(`exists (npm run build makes ${BUILT_CLI})`, () => {
    expect(existsSync(BUILT_CLI), `${BUILT_CLI} is missing: run npm run build`).toBe(true);
  });

  it('prints its usage with --help and exits 2 naming a bad flag', () => {
    const help = spawnSync(process.execPath, [BUILT_CLI, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tastebud-server/);
    for (const flag of ['--port', '--host', '--store', '--min-reports', '--round-seconds', '--aggregator', '--trim']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('--cors-origin');
    expect(help.stdout).toContain('--base-path');
    const bad = spawnSync(process.execPath, [BUILT_CLI, '--aggregator', 'max'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--aggregator: expected mean, trimmed-mean or median, got "max"');
  });
});

for (const { kind, make } of await storeKinds()) {
  describe(`built CLI (${kind} store)`, () => {
    it('serves /v1/stats under --base-path on 127.0.0.1, then exits 0 on SIGTERM with an in-flight report committed', async () => {
      const store = make('cli');
      let started: ServerProcess | undefined;
      try {
        const args = ['--store', store.spec, '--dimensions', String(DIMENSIONS), '--base-path', '/tastebud'];
        const server = await spawnServer([...args, '--cors-origin', SHOP, '--min-reports', '1'], 'built');
        started = server;
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tastebud$/);
        const stats = await fetch(`${server.url}/v1/stats`, { headers: { origin: SHOP } });
        expect(stats.status).toBe(200);
        expect(stats.headers.get('access-control-allow-origin')).toBe(SHOP);
        expect(stats.headers.get('access-control-allow-credentials')).toBeNull();
        expect(await stats.json()).toEqual({ version: 0, round: 1, pendingReports: 0, contributorsLastRound: 0 });

        const id = freshId();
        const body = JSON.stringify(reportFields(noisyVector(DIMENSIONS, 3), { id }));
        const inFlight = halfSentReport(server.url, body, { origin: SHOP });
        // Answered after the half report's headers went out on another connection: it is in flight.
        expect((await fetch(`${server.url}/v1/model`)).status).toBe(200);
        process.kill(server.pid, 'SIGTERM');
        await untilRefused(server.url);
        inFlight.finish();
        const answer = await inFlight.answer;
        expect(answer.status).toBe(202);
        expect(JSON.parse(answer.body)).toEqual({ accepted: true, round: 1 });
        expect(await server.exited).toBe(0);
        expect((await store.snapshot()).reports).toEqual([id]);
        expect(server.stderr()).toContain('"event":"stopped"');
        expect(server.stderr()).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
      } finally {
        await stopServer(started);
        await store.cleanup();
      }
    });
  });
}
