import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase, SqliteDatabaseOptions } from './openSqliteDatabase';
import type { PublishedRound, SealedRound, Store } from './Store';
import type { SqliteReply, SqliteRequest } from './sqliteProtocol';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Dimensions of the model; a new store starts with zeros, an existing one must match. */
  dimensions: number;
  /** Clock for the first round's start. */
  now: () => number;
}

type Method = keyof SqliteDatabase;
type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void };

/**
 * Opens the embedded SQLite store (one process) in a worker thread: commits, fsyncs and checkpoints
 * then run beside the event loop instead of blocking it, which is most of the cost of a 64 KiB report.
 * @param path - database file (its folder is created), or `:memory:`.
 * @param options - dimensions and clock.
 * @returns the store, once the database is open.
 */
export async function createSqliteStore(path: string, options: SqliteStoreOptions): Promise<Store> {
  const init: SqliteDatabaseOptions = { dimensions: options.dimensions, createdAt: options.now() };
  const worker = startWorker({ path, options: init });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let stopped: Error | undefined;

  const opened = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  let busyMs = 0;
  worker.on('message', (reply: SqliteReply) => {
    busyMs += reply.ms;
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiter) return;
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
  });
  const fail = (error: Error): void => {
    stopped = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`sqlite worker stopped (exit ${code})`)));
  await opened;

  const call = <K extends Method>(method: K, args: Parameters<SqliteDatabase[K]>, transfer: ArrayBuffer[] = []) =>
    new Promise<ReturnType<SqliteDatabase[K]>>((resolve, reject) => {
      if (stopped) {
        reject(stopped);
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      worker.postMessage({ id, method, args } as SqliteRequest, transfer);
    });

  let publishing = false;
  return {
    kind: 'sqlite',
    // The report vectors move to the worker without a copy; nothing reads them here afterwards.
    insertReports: (reports, max) =>
      call(
        'insertReports',
        [reports, max],
        reports.map((r) => r.packed.buffer as ArrayBuffer),
      ),
    stats: () => call('stats', []),
    listRounds: (limit) => call('listRounds', [limit]),
    busySeconds: () => busyMs / 1000,
    currentVersion: () => call('currentVersion', []),
    loadModel: () => call('loadModel', []),
    sealRoundIfDue: (policy) => call('sealRoundIfDue', [policy]),
    async publishSealedRound(compute, retention): Promise<PublishedRound | null> {
      // One aggregation at a time; the sealed round itself is out of reach of inserts.
      if (publishing) return null;
      publishing = true;
      try {
        const claimed = await call('claimSealedRound', []);
        if (!claimed) return null;
        const round: SealedRound = {
          ...claimed,
          readSlice: (offset, length) => call('readSlice', [claimed.round, offset, length]),
        };
        const { weights, record } = await compute(round);
        const version = claimed.model.version + 1;
        await call('publishRound', [claimed.round, version, weights, retention, record]);
        return { round: claimed.round, version, reports: claimed.reports };
      } finally {
        publishing = false;
      }
    },
    async close() {
      await call('close', []);
      await worker.terminate();
    },
  };
}

/**
 * Starts the worker: the built file next to the bundle, or the TypeScript source through tsx when the
 * server itself runs from source (tests, `tsx server/cli.ts`), since a worker does not inherit tsx.
 */
function startWorker(workerData: { path: string; options: SqliteDatabaseOptions }): Worker {
  const here = import.meta.url;
  if (!/\.ts$/.test(new URL(here).pathname)) {
    const built = new URL('./server-sqlite-worker.js', here);
    if (!existsSync(built)) {
      throw new Error(
        `${fileURLToPath(built)} is missing: the build must bundle server/store/sqliteWorker.ts next to the server`,
      );
    }
    return new Worker(built, { workerData });
  }
  const source = new URL('./sqliteWorker.ts', here).href;
  // tsx's ESM API, found through its export map (require.resolve would pick the CommonJS build).
  const tsxPackage = createRequire(here).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(tsxPackage, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), exports['./esm/api']?.import.default ?? 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`;
  return new Worker(boot, { eval: true, workerData });
}
