// Preload (`node --import ./test/server/helpers/tsxEveryThread.mjs server/cli.ts`, and vitest's
// execArgv for the server tests): TypeScript in the main thread and in every worker thread.
// `--import tsx` alone registers tsx in the main thread only, and on Node 20 a worker thread does not
// inherit the main thread's hooks, so the SQLite store's worker (server/store/sqliteWorker.ts) could
// not start from source. The shipped code starts dist/server-sqlite-worker.js and needs none of this.
import { register } from 'tsx/esm/api';

register();
