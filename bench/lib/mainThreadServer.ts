// The loopback server of `npm run bench:main-thread`: the benchmark pages, the built SDK, the peer
// bundles, and the peers' collectors (Segment's /v1/*, Snowplow's /collector/*, Algolia Insights'
// /1/events), which answer 200 and count the events they receive. Every response is cross-origin isolated (COOP + COEP), so that
// performance.now() in the page ticks in 5 µs rather than 100 µs.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/** Library names the page knows (bench/lib/mainThreadPage.js). `none` is the harness alone. */
export const LIBRARY_NAMES = [
  'none',
  'tastebud',
  'segment',
  'snowplow',
  'algolia',
  'segment-nopersist',
  'snowplow-nopersist',
] as const;
export type LibraryName = (typeof LIBRARY_NAMES)[number];
const isLibrary = (name: string | null): name is LibraryName => (LIBRARY_NAMES as readonly (string | null)[]).includes(name);

export interface BenchServer {
  origin: string;
  port: number;
  /** Events each collector has received since the last reset. */
  received(): { segment: number; snowplow: number; algolia: number };
  /** Paths served under /build/ since the last reset (what the page loaded of a peer bundle). */
  loaded(): string[];
  /** Requests the server did not expect (anything but the pages, scripts and collectors). */
  unexpected(): string[];
  reset(): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

function pageHtml(lib: LibraryName): string {
  // tastebud: exactly the shop's snippet and async script tag (CONTRACT §3), consent granted.
  const sdk =
    lib === 'tastebud'
      ? `<script>window.tastebud = window.tastebud || []; tastebud.push(['init', { consent: 'granted' }]);</script>
<script async src="/dist/tastebud.iife.js"></script>`
      : '';
  return `<!doctype html>
<meta charset="utf-8" />
<title>main-thread bench: ${lib}</title>
${sdk}
<script type="module" src="/bench/mainThreadPage.js"></script>
<p>main-thread bench: ${lib}</p>
`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Events in a collector request body: Segment posts one event (or `{ batch }`), Snowplow `{ data: [...] }`, Algolia `{ events: [...] }`. */
function countEvents(body: string, key: 'batch' | 'data' | 'events'): number {
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === 'object') {
      const list = (json as Record<string, unknown>)[key];
      if (Array.isArray(list)) return list.length;
    }
    return key === 'batch' ? 1 : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts the server on a free loopback port.
 * @param repoRoot - the repository (dist/ and bench/lib/ are served from it).
 * @param buildDir - the peer bundles, served as /build/.
 */
export async function startBenchServer(repoRoot: string, buildDir: string): Promise<BenchServer> {
  const counts = { segment: 0, snowplow: 0, algolia: 0 };
  let loaded: string[] = [];
  let unexpected: string[] = [];
  const files: Record<string, string> = {
    '/dist/': join(repoRoot, 'dist'),
    '/build/': buildDir,
  };
  const headers = {
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'same-origin',
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    try {
      if (path.startsWith('/v1/') || path.startsWith('/collector/') || path === '/1/events') {
        const body = req.method === 'POST' ? await readBody(req) : '';
        if (path === '/v1/t') counts.segment += countEvents(body, 'batch');
        else if (path === '/1/events') counts.algolia += countEvents(body, 'events');
        else if (path.startsWith('/collector/')) counts.snowplow += req.method === 'POST' ? countEvents(body, 'data') : 1;
        res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end('{}');
        return;
      }
      if (path === '/page') {
        const lib = url.searchParams.get('lib');
        if (!isLibrary(lib)) {
          res.writeHead(404, headers).end();
          return;
        }
        res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(pageHtml(lib));
        return;
      }
      let file: string | null = null;
      if (path === '/bench/mainThreadPage.js') file = join(repoRoot, 'bench/lib/mainThreadPage.js');
      else {
        for (const [mount, dir] of Object.entries(files)) {
          if (!path.startsWith(mount)) continue;
          const candidate = normalize(join(dir, path.slice(mount.length)));
          if (candidate.startsWith(dir)) file = candidate;
          if (mount === '/build/') loaded.push(path.slice(mount.length));
        }
      }
      if (path === '/favicon.ico') {
        res.writeHead(204, headers).end();
        return;
      }
      if (!file) {
        unexpected.push(`${req.method} ${path}`);
        res.writeHead(404, headers).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      if (!res.headersSent) res.writeHead(404, headers).end();
      else res.end();
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received: () => ({ ...counts }),
    loaded: () => [...loaded],
    unexpected: () => [...unexpected],
    reset() {
      counts.segment = 0;
      counts.snowplow = 0;
      counts.algolia = 0;
      loaded = [];
      unexpected = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
