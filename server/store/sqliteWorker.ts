// The SQLite store's worker thread. better-sqlite3 is synchronous: here its writes and fsyncs block
// this thread, not the event loop that parses and validates requests. Requests are handled one at a
// time in arrival order, so each store method is atomic with respect to the others.
import { parentPort, workerData } from 'node:worker_threads';
import { importStorePackage } from './importStorePackage';
import { openSqliteDatabase, type SqliteDatabase, type SqliteDatabaseOptions } from './openSqliteDatabase';
import type { SqliteReply, SqliteRequest } from './sqliteProtocol';

const port = parentPort;
if (!port) throw new Error('sqliteWorker must run in a worker thread');
const { path, options } = workerData as { path: string; options: SqliteDatabaseOptions };

let db: SqliteDatabase;
try {
  // Imported here, not statically: a missing optional peer then fails the store's opening with a
  // message that says what to install, instead of a resolution error from the worker.
  const { default: driver } = await importStorePackage(
    { name: 'better-sqlite3', store: 'sqlite', install: 'better-sqlite3@12' },
    () => import('better-sqlite3'),
  );
  db = openSqliteDatabase(driver, path, options);
  port.postMessage({ id: 0, ok: true, result: null, ms: 0 } satisfies SqliteReply);
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: errorOf(error), ms: 0 } satisfies SqliteReply);
  process.exit(1);
}

port.on('message', (request: SqliteRequest) => {
  const started = performance.now();
  try {
    const method = db[request.method] as (...args: unknown[]) => unknown;
    const result = method(...request.args);
    const ms = performance.now() - started;
    port.postMessage({ id: request.id, ok: true, result, ms } satisfies SqliteReply, transferables(result));
    if (request.method === 'close') port.close();
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, error: errorOf(error), ms: performance.now() - started } satisfies SqliteReply);
  }
});

function errorOf(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

/** The buffers of the typed arrays in a result, moved rather than copied to the main thread. */
function transferables(result: unknown): ArrayBuffer[] {
  const found: ArrayBuffer[] = [];
  const visit = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) {
      // Only arrays that own their whole buffer: a pooled Buffer's memory is shared with others.
      const { buffer } = value;
      if (buffer instanceof ArrayBuffer && buffer.byteLength === value.byteLength && !found.includes(buffer)) found.push(buffer);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(result);
  return found;
}
