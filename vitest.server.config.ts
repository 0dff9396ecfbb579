import { defineConfig } from 'vitest/config';

// The sync server's tests (npm run test:server): Node only, real SQLite files and the machine's
// PostgreSQL, child processes for crash and multi-instance tests, hence forks and long timeouts.
export default defineConfig({
  test: {
    include: ['test/server/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Files share one PostgreSQL and two cores; running them one at a time keeps timings honest.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
