// `npm run sizes`: gzip size of each shipped bundle against its budget; exits 1 over budget.
// Budgets in KiB (1,024 bytes) of gzip -9 over the shipped file itself (what a browser downloads),
// sourcemap comment removed. The ESM entry ships unminified for the shop's bundler, which minifies
// it: it is measured after esbuild's minifier, as a bundler would ship it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';

const budgets = [
  { file: 'dist/tastebud.iife.js', kib: 6, format: 'iife' },
  // 16 KiB since issue 14 (the issue allows it): the journal of received batches (+0.3 KiB) and sync that
  // backs off and repairs its records (+0.3 KiB) came on top of 13.7 KiB.
  { file: 'dist/tastebud.worker.js', kib: 16, format: 'iife' },
  // Loaded only where a CSP forbids workers (instead of the worker), and only when a report is due.
  { file: 'dist/tastebud.page.js', kib: 15, format: 'iife' },
  { file: 'dist/tastebud.sync.js', kib: 10, format: 'iife' },
  { file: 'dist/index.js', kib: 7, format: 'esm' },
];

let over = 0;
const rows = [];
for (const { file, kib, format } of budgets) {
  const source = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  const min = format === 'esm' ? (await transform(source, { minify: true, format, legalComments: 'none' })).code : source;
  const gzip = gzipSync(min, { level: 9 }).length;
  const ok = gzip <= kib * 1024;
  if (!ok) over++;
  rows.push({
    file,
    rawBytes: Buffer.byteLength(source),
    minBytes: Buffer.byteLength(min),
    gzipBytes: gzip,
    budgetBytes: kib * 1024,
    ok,
  });
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  for (const r of rows) {
    console.log(
      `${r.ok ? 'ok  ' : 'OVER'} ${r.file.padEnd(26)} min ${String(r.minBytes).padStart(6)} B  min+gzip ${String(r.gzipBytes).padStart(6)} B  budget ${r.budgetBytes} B`,
    );
  }
}
process.exit(over ? 1 : 0);
