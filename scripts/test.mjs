// `npm test`: the one command that runs every check, locally and in CI (.ci/run calls it).
// Lint, type-check, build, then every test suite; ends with one line "total: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = '.test-out';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(label, command, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n== ${label}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`== ${label}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (status !== 0) ok = false;
  return status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

// The package as npm would publish it (npm pack), checked by publint (exports, files, sideEffects) and
// arethetypeswrong (types resolve as the JavaScript does). Both read the local tarball: no network.
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const tarball = `${out}/${name}-${version}.tgz`;
const checks = [
  ['lint', 'npx', ['biome', 'check', '.']],
  ['typecheck', 'node', ['scripts/typecheck.mjs']],
  ['build', 'npm', ['run', '-s', 'build']],
  ['bundle size budgets', 'node', ['scripts/sizes.mjs']],
  // No block of 6+ lines repeated within or across the library's rooms (a second copy of a helper
  // is a defect): jscpd fails on any clone.
  ['duplicates (jscpd)', 'npx', ['jscpd', '--min-lines', '6', '--threshold', '0', '--silent', 'core', 'src', 'worker', 'server']],
  ['pack', 'npm', ['pack', '--silent', '--pack-destination', out]],
  ['publint', 'npx', ['publint', '--strict', tarball]],
  [
    'types (arethetypeswrong)',
    'npx',
    [
      'attw',
      tarball,
      // ESM only ("type": "module", import conditions only): CommonJS resolution is not offered.
      '--profile',
      'esm-only',
      // Scripts loaded by URL or for their side effects (worker, sync chunk, CSP fallback, script tag): nothing to type.
      '--exclude-entrypoints',
      'tastebud.worker.js',
      'tastebud.sync.js',
      'tastebud.page.js',
      'tastebud.iife.js',
    ],
  ],
];
for (const [label, command, args] of checks) {
  if (!run(label, command, args)) totals.failed++;
}

run('unit tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}/vitest.json`,
]);
const vitest = readJson(`${out}/vitest.json`);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else {
  totals.failed++;
}

// The sync server's tests: SQLite files, the machine's PostgreSQL (127.0.0.1:5432, database test),
// child processes killed mid-request. They skip PostgreSQL only outside CI, saying why.
run('server tests (vitest, SQLite + PostgreSQL)', 'npx', [
  'vitest',
  'run',
  '-c',
  'vitest.server.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}/vitest-server.json`,
]);
const server = readJson(`${out}/vitest-server.json`);
if (server) {
  totals.passed += server.numPassedTests;
  totals.failed += server.numFailedTests;
  totals.skipped += server.numPendingTests + server.numTodoTests;
} else {
  totals.failed++;
}

// Browser tests need Chromium (Debian's; Playwright cannot download browsers here). CI installs it
// (.ci/run); elsewhere the suite says why it is skipped instead of failing on a missing browser.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  run('browser tests (playwright + chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`,
  });
  const playwright = readJson(`${out}/playwright.json`);
  if (playwright) {
    totals.passed += playwright.stats.expected;
    totals.failed += playwright.stats.unexpected + playwright.stats.flaky;
    totals.skipped += playwright.stats.skipped;
  } else {
    totals.failed++;
  }
} else if (process.env.CI) {
  console.log(`\n== browser tests: FAILED, no Chromium at ${chromium} (CI must install it: apt-get install chromium)`);
  totals.failed++;
} else {
  console.log(`\n== browser tests: SKIPPED, no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  totals.skipped++;
}

console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
