// `npm start`: the demo shop with its sync server at http://127.0.0.1:${PORT:-8080}/.
// Builds dist/ first when it is missing or older than the sources, then runs demo/server.mjs in this
// process (Ctrl-C closes the sync server cleanly and exits 0).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the demo loads from dist/. */
const BUILT = [
  'dist/server.js',
  'dist/server-sqlite-worker.js',
  'dist/engine.js',
  'dist/tastebud.iife.js',
  'dist/tastebud.worker.js',
  'dist/tastebud.sync.js',
  'dist/tastebud.page.js',
  'dist/privacy.js',
];
const SOURCES = ['src', 'worker', 'server'];
const CONFIGS = ['rollup.config.ts', 'package.json', 'package-lock.json'];

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function newestSource() {
  let newest = Math.max(0, ...CONFIGS.map((path) => mtime(path) ?? 0));
  for (const dir of SOURCES) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath ?? entry.path, entry.name);
      if (entry.isFile() && entry.name.endsWith('.ts') && !path.includes('node_modules')) {
        newest = Math.max(newest, mtime(path) ?? 0);
      }
    }
  }
  return newest;
}

const built = BUILT.map(mtime);
const stale = built.some((time) => time === null) || Math.min(...built) < newestSource();
if (stale) {
  console.log('Building dist/ (npm run build)…');
  const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { runDemo } = await import('../demo/server.mjs');
await runDemo();
