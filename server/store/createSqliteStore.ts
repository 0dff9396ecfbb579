import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
 * Starts the worker from the file beside this module: `server-sqlite-worker.js` in the built package
 * (rollup bundles it next to `server.js` and `server-cli.js`), `sqliteWorker.ts` when this module runs
 * from source. Nothing is resolved at run time: from source, the worker loads TypeScript with whatever
 * loader the process was started with (`node --import tsx`, vitest's `execArgv`), which a worker
 * thread inherits through `process.execArgv`.
 */
function startWorker(workerData: { path: string; options: SqliteDatabaseOptions }): Worker {
  const here = new URL(import.meta.url);
  const fromSource = here.pathname.endsWith('.ts');
  const file = new URL(fromSource ? './sqliteWorker.ts' : './server-sqlite-worker.js', here);
  if (!existsSync(file)) {
    throw new Error(`${fileURLToPath(file)} is missing: the build must bundle server/store/sqliteWorker.ts next to the server`);
  }
  return new Worker(file, { workerData });
}
