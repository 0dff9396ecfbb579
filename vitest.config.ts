import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs live in test/e2e and are run by Playwright, never by vitest.
    include: ['test/unit/**/*.test.ts'],
    environment: 'node', // DOM tests opt in with `// @vitest-environment happy-dom`
    pool: 'forks',
    testTimeout: 20_000,
  },
});
