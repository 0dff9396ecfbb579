// Static server for the browser tests: /dist/* (the built SDK), /pages/* (test pages), /bench/* (the
// benchmark pages, bench/pages/), plus the real sync server (dist/server.js) at /tastebud on a fresh
// SQLite database in a temporary folder.
// `?csp=<policy>` on a page sends that Content-Security-Policy header.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createServer as createSyncServer } from '../../dist/server.js';

const port = Number(process.argv[2] ?? 4173);
const root = process.cwd();
const types = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json' };
const mounts = { '/dist/': 'dist', '/pages/': 'test/e2e/pages', '/bench/': 'bench/pages' };

const sync = await createSyncServer({
  store: `sqlite:${join(mkdtempSync(join(tmpdir(), 'tastebud-e2e-')), 'sync.db')}`,
  basePath: '/tastebud',
  log: () => {},
});

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  if (url.pathname === '/health') return void res.end('ok');
  if (sync.handle(req, res)) return;
  const mount = Object.keys(mounts).find((m) => url.pathname.startsWith(m));
  if (!mount) return void res.writeHead(404).end('not found');
  const file = normalize(join(root, mounts[mount], url.pathname.slice(mount.length)));
  if (!file.startsWith(join(root, mounts[mount]))) return void res.writeHead(403).end();
  try {
    const body = await readFile(file);
    // no-store everywhere but the multi-page shop, whose pages must be eligible for the back/forward
    // cache (Chromium keeps no page served with no-store).
    const cache = url.pathname.startsWith('/pages/shop/') ? 'no-cache' : 'no-store';
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': cache };
    const csp = url.searchParams.get('csp');
    if (csp) headers['content-security-policy'] = csp;
    res.writeHead(200, headers).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`test server on http://127.0.0.1:${port}`));
