// @ts-check
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Paths the single-page shop answers with its page (the router draws the view). */
const SHOP_ROUTES = /^\/(?:|c\/[\w/-]+|p\/[\w-]+|search|cart|thanks)$/;
/** Built files a shop serves, exactly as it would: the script-tag bundle, the worker and its chunks. */
const DIST_FILES = /^\/(?:tastebud\.[\w.-]+\.js|engine\.js)(?:\.map)?$/;
/** The shop's own files: flat names, no traversal possible. */
const PUBLIC_FILES = /^\/[\w-]+\.(?:js|css|svg|png)$/;

/**
 * Serves the shop: its pages (with a Content-Security-Policy that allows exactly their inline
 * snippet), its static files, and the SDK's built files from dist/.
 * @param {import('node:http').IncomingMessage} req - a GET or HEAD request.
 * @param {import('node:http').ServerResponse} res - its response.
 * @returns {Promise<void>}
 */
export async function serveStatic(req, res) {
  const path = new URL(req.url ?? '/', 'http://shop').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let file = null;
  if (SHOP_ROUTES.test(path)) file = join(PUBLIC, 'index.html');
  else if (path === '/admin') file = join(PUBLIC, 'admin.html');
  else if (DIST_FILES.test(path)) file = join(DIST, path);
  else if (PUBLIC_FILES.test(path)) file = join(PUBLIC, path);
  const body = file && (await readFile(file).catch(() => null));
  if (!file || !body) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${path}`);
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = policyFor(body.toString('utf8'));
    headers['Referrer-Policy'] = 'no-referrer';
  }
  res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
}

/**
 * A policy that proves the privacy story in the browser: scripts only from this origin plus the
 * page's own inline snippet (by hash), connections only to this origin, no images from anywhere.
 * `worker-src 'self' blob:` is the line docs/sdk.md asks shops to add.
 * @param {string} html - the page.
 * @returns {string} the Content-Security-Policy header's value.
 */
function policyFor(html) {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, source = '']) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
