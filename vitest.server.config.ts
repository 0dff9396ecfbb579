import { defineConfig } from 'vitest/config';

// The sync server's tests (npm run test:server): Node only, real SQLite files and the machine's
// PostgreSQL, child processes for crash and multi-instance tests, hence forks and long timeouts.
export default defineConfig({
  test: {
    include: ['test/server/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // The SQLite store runs server/store/sqliteWorker.ts in a worker thread, which vitest's transform
    // does not reach: this preload, inherited through process.execArgv, loads TypeScript there.
    execArgv: ['--import', './test/server/helpers/tsxEveryThread.mjs'],
    // Files share one PostgreSQL and two cores; running them one at a time keeps timings honest.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
