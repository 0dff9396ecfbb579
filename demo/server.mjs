// The demo shop's web server: the shop's pages and files, the SDK's built files, and the Tastebud sync
// server mounted at /tastebud through `handle` — the way a shop mounts it in its own node:http server.
// `node demo/server.mjs` (or `npm start`); PORT, HOST and TASTEBUD_DATA_DIR override the defaults.
// @ts-check
import { mkdir } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAdminApi } from './createAdminApi.mjs';
import { createCrowdRunner } from './createCrowdRunner.mjs';
import { serveStatic } from './serveStatic.mjs';
import { DEMO_SERVER_OPTIONS } from './settings.mjs';
import { sharedFeatureNames } from './sharedFeatureNames.mjs';

/**
 * Starts the demo: the sync server on a SQLite file under `dataDir`, and the shop around it.
 * @param {{ port?: number, host?: string, dataDir?: string, quiet?: boolean }} [options] - port 0 picks a free one.
 * @returns {Promise<{ url: string, close(): Promise<void> }>} the shop's URL and a graceful shutdown.
 */
export async function startDemo({ port = 8080, host = '127.0.0.1', dataDir = './data', quiet = false } = {}) {
  // The built package (dist/, through the package's own exports map), as a shop imports it.
  const { createServer } = await import('tastebud/server');
  const engine = await import('tastebud/engine');
  await mkdir(dataDir, { recursive: true });
  /** @type {object[]} */
  const rounds = [];
  const sync = await createServer({
    ...DEMO_SERVER_OPTIONS,
    store: `sqlite:${join(resolve(dataDir), 'tastebud.db')}`,
    basePath: '/tastebud',
    log: (entry) => {
      if (entry.event === 'round-published') rounds.push({ ...entry, closedAt: Date.now() });
      // The demo's low minReports is deliberate and said on screen; other warnings are worth a line.
      else if (entry.level !== 'info' && entry.event !== 'low-min-reports' && !quiet) console.error(JSON.stringify(entry));
    },
  });
  /** @type {ReturnType<typeof sharedFeatureNames> | null} */
  let features = null;
  let url = '';
  const crowd = createCrowdRunner(() => url);
  const admin = createAdminApi({
    features: () => {
      features ??= sharedFeatureNames(engine, sync.options.dimensions);
      return features;
    },
    rounds,
    crowd,
  });
  const http = createHttpServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    if (sync.handle(req, res) || admin.handle(req, res)) return;
    serveStatic(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await /** @type {Promise<void>} */ (
    new Promise((done, fail) => {
      http.once('error', fail);
      http.listen(port, host, done);
    })
  );
  const address = http.address();
  url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  /** @type {Promise<void> | null} */
  let closing = null;
  return {
    url,
    close() {
      closing ??= (async () => {
        crowd.stop();
        const closed = /** @type {Promise<void>} */ (new Promise((done) => http.close(() => done())));
        http.closeIdleConnections();
        await sync.close();
        http.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

/**
 * Runs the demo from the environment until SIGINT or SIGTERM, then shuts down cleanly and exits 0.
 * @returns {Promise<void>}
 */
export async function runDemo() {
  const demo = await startDemo({
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir: process.env.TASTEBUD_DATA_DIR ?? './data',
  });
  const { minReports, roundSeconds, learningRate } = DEMO_SERVER_OPTIONS;
  console.log(`
  Tastebud demo shop   ${demo.url}/
  Sync server admin    ${demo.url}/admin
  Sync endpoint        ${demo.url}/tastebud   (SQLite under ${process.env.TASTEBUD_DATA_DIR ?? './data'})
  Demo round settings  ≥ ${minReports} reports and ≥ ${roundSeconds} s per round, learning rate ${learningRate} (production: 1000, 3600 s, 1)
  Simulated crowd      npm run demo:crowd   (or the button on /admin)

  Ctrl-C stops.
`);
  const stop = (/** @type {NodeJS.Signals} */ signal) => {
    console.log(`\n${signal}: closing the demo…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    demo.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runDemo().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
