// Build: rollup -c rollup.config.ts --configPlugin esbuild   (Node 20 cannot import a .ts config by itself)
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { defineConfig, type RollupOptions } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

const target = 'es2022';
/**
 * The browser scripts' minifier: terser, which packs them ~5 % smaller than esbuild's minifier
 * (page 6,375 → 6,243 B gzip, worker 14,446 → 13,772 B): bytes every shopper downloads. Internal
 * `_` members are mangled.
 */
const minify = () =>
  terser({
    ecma: 2020,
    compress: { passes: 3, pure_getters: true },
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });
const plugins = () => [nodeResolve({ extensions: ['.ts', '.mjs', '.js'] }), esbuild({ target })];

/**
 * The server's packages stay imports, never bundled: valibot is a dependency (its types are in
 * tastebud/server's declarations), pg and better-sqlite3 are optional peers that the stores load with
 * import() only when a store of their kind opens (server/store/importStorePackage.ts).
 */
const serverExternal = (id: string) => id.startsWith('node:') || ['better-sqlite3', 'pg', 'valibot'].includes(id);

/** One build per entry, so no entry imports a chunk shared with another. */
const entries: RollupOptions[] = [
  // tastebud/server and the tastebud-server CLI (Node 20).
  {
    input: 'server/index.ts',
    output: { file: 'dist/server.js', format: 'es', sourcemap: true },
    external: serverExternal,
    plugins: plugins(),
  },
  // The SQLite store commits in a worker thread, so an fsync never blocks requests.
  {
    input: 'server/store/sqliteWorker.ts',
    output: { file: 'dist/server-sqlite-worker.js', format: 'es', sourcemap: true },
    external: serverExternal,
    plugins: plugins(),
  },
  {
    input: 'server/cli.ts',
    output: { file: 'dist/server-cli.js', format: 'es', sourcemap: true, banner: '#!/usr/bin/env node' },
    external: serverExternal,
    plugins: plugins(),
  },
  // tastebud/engine: the pure learning core (Node, worker, browser).
  { input: 'core/engine/index.ts', output: { file: 'dist/engine.js', format: 'es', sourcemap: true }, plugins: plugins() },
  // tastebud/privacy: the pure privacy core — samplers, accountant, reports (Node, worker, browser).
  { input: 'core/privacy/index.ts', output: { file: 'dist/privacy.js', format: 'es', sourcemap: true }, plugins: plugins() },
  // tastebud: the main-thread SDK for bundlers and <script type="module">.
  { input: 'src/index.ts', output: { file: 'dist/index.js', format: 'es', sourcemap: true }, plugins: plugins() },
  // The script-tag build: global `Tastebud`, snippet queue; internal `_` members mangled.
  // `import.meta.url` is this script's URL, read while it runs (the worker and sync chunk sit beside
  // it): a shorter stand-in than rollup's generic one, for the 6 KB budget.
  {
    input: 'src/iife.ts',
    output: {
      file: 'dist/tastebud.iife.js',
      format: 'iife',
      sourcemap: true,
      intro: 'var __tbScriptUrl = document.currentScript?.src || location.href;',
      plugins: [minify()],
    },
    plugins: [
      ...plugins(),
      { name: 'script-url', resolveImportMeta: (property) => (property === 'url' ? '__tbScriptUrl' : null) },
    ],
  },
  // The worker: self-contained (no imports), so it runs as a classic worker, a module worker or a Blob.
  {
    input: 'worker/index.ts',
    output: {
      file: 'dist/tastebud.worker.js',
      format: 'iife',
      sourcemap: true,
      plugins: [minify()],
    },
    plugins: plugins(),
  },
  // The CSP fallback: the same API run in the page where no worker may start.
  {
    input: 'worker/page.ts',
    output: { file: 'dist/tastebud.page.js', format: 'iife', sourcemap: true, plugins: [minify()] },
    plugins: plugins(),
  },
  // The sync chunk: the worker loads it (importScripts) only when an endpoint is configured.
  {
    input: 'worker/sync/index.ts',
    output: {
      file: 'dist/tastebud.sync.js',
      format: 'iife',
      sourcemap: true,
      plugins: [minify()],
    },
    plugins: plugins(),
  },
];

export default defineConfig(entries);
