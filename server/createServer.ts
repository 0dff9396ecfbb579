import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGroupCommit } from './createGroupCommit';
import { createMetrics } from './createMetrics';
import { createModelCache } from './createModelCache';
import { createRequestHandler } from './createRequestHandler';
import { createRoundCloser } from './createRoundCloser';
import { createTokenBucket } from './createTokenBucket';
import { maxReportBytes } from './maxReportBytes';
import { resolveOptions } from './resolveOptions';
import type { ServerContext } from './ServerContext';
import { sendJson } from './sendJson';
import { openStore } from './store/openStore';
import type { InsertOutcome } from './store/Store';
import type { ListenAddress, ServerOptions, TastebudServer } from './types';
import type { ValidReport } from './validateReport';

/** How long shutdown waits for open connections before cutting them. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Creates the sync server of CONTRACT §5: opens the store, starts the round closer, and serves the API
 * either through `handle` (mounted in an existing server) or its own `listen`.
 * @param options - store, round policy, aggregator, limits; see {@link ServerOptions}.
 * @returns the server, with the store open and the round timer running.
 */
export async function createServer(options: ServerOptions = {}): Promise<TastebudServer> {
  // Reports and weights travel as little-endian bytes and are read through typed arrays.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the tastebud server needs a little-endian host');
  const resolved = resolveOptions(options);
  const { log } = resolved;
  if (resolved.minReports < 1000) {
    log({
      level: 'warn',
      event: 'low-min-reports',
      message: `minReports is ${resolved.minReports}, below the production default 1000: each round's aggregate says more about each report (demo settings only)`,
    });
  }
  const store =
    typeof resolved.store === 'string'
      ? await openStore(resolved.store, {
          dimensions: resolved.dimensions,
          now: resolved.now,
          onError: (error) => log({ level: 'warn', event: 'store-connection-error', error: String(error) }),
        })
      : resolved.store;
  const metrics = createMetrics();
  const models = createModelCache(store);
  await models.refreshVersion();
  const commits = createGroupCommit<ValidReport, InsertOutcome>({
    commit: (reports) => store.insertReports(reports, resolved.maxReportsPerRound),
    maxDelayMs: resolved.groupCommitMs,
    maxBatch: resolved.maxBatch,
    // A PostgreSQL commit is bound by round trips and the WAL flush, not by bandwidth: overlapping four
    // per instance nearly doubled throughput at the same commit time. The SQLite worker runs one at a time.
    maxConcurrent: store.kind === 'postgres' ? 4 : 1,
    onCommit: (seconds, size, queuedSeconds) => metrics.commit(seconds, size, queuedSeconds),
  });
  const ctx: ServerContext = {
    options: resolved,
    store,
    models,
    commits,
    bucket: resolved.rateLimit ? createTokenBucket({ ...resolved.rateLimit, now: resolved.now }) : undefined,
    metrics,
    maxBodyBytes: maxReportBytes(resolved.dimensions),
    closing: false,
  };
  const handler = createRequestHandler(ctx);
  const closer = createRoundCloser(store, resolved, metrics, models);
  closer.start();
  let http: Server | undefined;
  let closed: Promise<void> | undefined;

  const shutdown = async (): Promise<void> => {
    ctx.closing = true;
    handler.closeConnectionsAfterResponse();
    await closer.stop();
    const serverClosed = http ? new Promise<void>((resolve) => http?.close(() => resolve())) : Promise.resolve();
    http?.closeIdleConnections();
    await handler.idle();
    await commits.drain();
    // A kept-alive connection turns idle only once its last response is flushed: keep closing idle ones.
    const sweep = setInterval(() => http?.closeIdleConnections(), 50);
    const timeout = setTimeout(() => http?.closeAllConnections(), SHUTDOWN_GRACE_MS);
    http?.closeIdleConnections();
    await serverClosed;
    clearInterval(sweep);
    clearTimeout(timeout);
    await store.close();
  };

  return {
    options: resolved,
    store,
    handle: (req, res) => handler.handle(req, res),
    listen(port = 8787, host = '127.0.0.1') {
      if (http) return Promise.reject(new Error('server is already listening'));
      const server = createHttpServer({ requestTimeout: 30_000, keepAliveTimeout: 5_000 }, (req, res) => {
        if (!handler.handle(req, res)) sendJson(res, 404, { error: `path: not under ${resolved.basePath || '/'}` });
      });
      http = server;
      return new Promise<ListenAddress>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ host: address.address, port: address.port, url: `http://${hostPart}:${address.port}${resolved.basePath}` });
        });
      });
    },
    closeDueRound: () => closer.tick(),
    close() {
      closed ??= shutdown();
      return closed;
    },
  };
}
