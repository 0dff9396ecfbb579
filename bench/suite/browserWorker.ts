// The suite's Chromium measurements of the worker side (docs/benchmarks.md), run by bench/suite/run.ts
// (`npx tsx bench/suite/browserWorker.ts > out.json` alone; build first):
//   reportBuild    buildReport() of the privacy core inside a dedicated Web Worker (an esbuild bundle of
//                  core/privacy, the platform CSPRNG), the JSON body's size, one POST of it to the
//                  test server's sync server, and the page's long tasks meanwhile (target ≤ 500 ms, 0)
//   workerMemory   the SDK worker's heap (dist/tastebud.worker.js via dist/index.js) with an empty
//                  profile and after 1,000 and 10,000 learned events: CDP Runtime.getHeapUsage on the
//                  worker target after HeapProfiler.collectGarbage (measureUserAgentSpecificMemory()
//                  needs a ~20 s lazy GC in Chromium, or a flag under which workers are not measured)
// Prints one JSON object on stdout; progress on stderr. BENCH_QUICK=1: one page of each.

import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { seededRandom } from '../../test/helpers/seededRandom';
import { overRuns, percentiles, round, secondsSince, summarize } from '../lib/benchStats';
import { chromiumOptions } from '../lib/chromiumOptions';
import { crossOriginIsolate } from '../lib/crossOriginIsolate';
import { machineInfo } from '../lib/machineInfo';
import { openBenchPage } from '../lib/openBenchPage';
import { pageCaller } from '../lib/pageCaller';
import { startTestServer } from '../lib/startTestServer';
import { createCatalog, createEventStream } from '../lib/syntheticShop';

const QUICK = Boolean(process.env.BENCH_QUICK);
const REPORT_PAGES = QUICK ? 1 : 3;
const REPORTS_PER_PAGE = QUICK ? 10 : 30;
const DIMENSIONS = 2 ** 14;
const TOUCHED = 300;
const MEMORY_RUNS = QUICK ? 1 : 3;
const MEMORY_AT = [0, 1_000, 10_000];

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const started = performance.now();
const log = (message: string) => console.error(`[bench:worker ${secondsSince(started).toFixed(1)}s] ${message}`);

/** Any `window.bench` function of bench/pages/bench.js, untyped (the memory section only opens, seeds and closes). */
const callAny = pageCaller<Record<string, (...args: unknown[]) => unknown>>();

/** The worker of the report benchmark: the privacy core and a loop around buildReport. */
const WORKER_SOURCE = `
import { buildReport } from './core/privacy/index';
self.onmessage = async (event) => {
  const { dimensions, touched, runs, endpoint } = event.data;
  // A week's change of the shared part: a few hundred touched coordinates, the rest unchanged.
  const delta = new Float32Array(dimensions);
  const words = new Uint32Array(touched);
  crypto.getRandomValues(words);
  for (const w of words) delta[w % dimensions] = ((w >>> 16) / 65536 - 0.5) * 0.2;
  const rows = [];
  let body = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const built = buildReport(delta, { baseVersion: 0 });
    const t1 = performance.now();
    body = JSON.stringify(built.body);
    rows.push([t1 - t0, performance.now() - t1]);
  }
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  postMessage({ rows, body, status: response.status, workerCrossOriginIsolated: self.crossOriginIsolated === true });
};
`;

async function bundleWorker(): Promise<string> {
  const result = await build({
    stdin: { contents: WORKER_SOURCE, resolveDir: repoRoot, loader: 'ts', sourcefile: 'report-bench-worker.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

interface BuildAnswer {
  rows: Array<[number, number]>;
  body: string;
  status: number;
  workerCrossOriginIsolated: boolean;
  windowMs: number;
  longTaskObserver: boolean;
  longTasks: { count: number; maxMs: number };
  maxTimerLatenessMs: number;
  pageCrossOriginIsolated: boolean;
}

async function openWorkerPage(context: BrowserContext, base: string): Promise<Page> {
  const page = await openBenchPage(context, base, log);
  await page.addScriptTag({ path: fileURLToPath(new URL('../pages/browserWorkerPage.js', import.meta.url)) });
  return page;
}

async function reportBuildSection(context: BrowserContext, base: string) {
  const source = await bundleWorker();
  const pages: BuildAnswer[] = [];
  for (let p = 0; p < REPORT_PAGES; p++) {
    const page = await openWorkerPage(context, base);
    const answer = (await page.evaluate(
      ({ source, request }) =>
        (
          globalThis as unknown as { workerBench: { buildReports(s: string, r: unknown): Promise<unknown> } }
        ).workerBench.buildReports(source, request),
      {
        source,
        request: { dimensions: DIMENSIONS, touched: TOUCHED, runs: REPORTS_PER_PAGE + 1, endpoint: `${base}/tastebud/v1/deltas` },
      },
    )) as BuildAnswer;
    await page.close();
    const warm = answer.rows.slice(1).map(([ms]) => ms);
    log(
      `report build page ${p + 1}/${REPORT_PAGES}: first ${round(answer.rows[0]?.[0] ?? 0, 2)} ms, warm median ` +
        `${round(summarize(warm).median, 2)} ms; ${answer.longTasks.count} long tasks on the page; POST → ${answer.status}`,
    );
    pages.push(answer);
  }
  const body = pages[0]?.body ?? '';
  const perPage = pages.map((a) => percentiles(a.rows.slice(1).map(([ms]) => ms)));
  const buildMedian = overRuns(
    perPage.map((p) => p.p50),
    2,
  );
  const longTasks = pages.reduce((n, a) => n + a.longTasks.count, 0);
  return {
    dimensions: DIMENSIONS,
    pages: REPORT_PAGES,
    buildsPerPage: REPORTS_PER_PAGE,
    firstBuildMs: overRuns(
      pages.map((a) => a.rows[0]?.[0] ?? 0),
      2,
    ),
    buildMs: buildMedian,
    buildP95Ms: overRuns(
      perPage.map((p) => p.p95),
      2,
    ),
    stringifyMs: overRuns(
      pages.map((a) => summarize(a.rows.slice(1).map(([, ms]) => ms)).median),
      2,
    ),
    body: { jsonBytes: Buffer.byteLength(body), gzipBytes: gzipSync(body).length, serverStatus: pages.map((a) => a.status) },
    page: {
      longTaskObserver: pages.every((a) => a.longTaskObserver),
      longTasks: overRuns(
        pages.map((a) => a.longTasks.count),
        0,
      ),
      longTasksTotal: longTasks,
      maxTimerLatenessMs: overRuns(
        pages.map((a) => a.maxTimerLatenessMs),
        2,
      ),
      crossOriginIsolated: pages.every((a) => a.pageCrossOriginIsolated && a.workerCrossOriginIsolated),
    },
  };
}

/** The SDK worker's heap through a CDP session of the page (targets auto-attached, not flattened). */
function workerHeap(cdp: CDPSession) {
  const sessions: string[] = [];
  const pending = new Map<number, (value: { result?: Record<string, number>; error?: { message: string } }) => void>();
  let nextId = 0;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker' && event.targetInfo.url.endsWith('tastebud.worker.js')) sessions.push(event.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: Record<string, number> };
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  const ask = (sessionId: string, method: string) =>
    new Promise<{ result?: Record<string, number>; error?: { message: string } }>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  return {
    start: () => cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false }),
    async measure() {
      const sessionId = sessions.at(-1);
      if (!sessionId) throw new Error('no tastebud.worker.js target attached');
      await ask(sessionId, 'HeapProfiler.collectGarbage');
      const { result, error } = await ask(sessionId, 'Runtime.getHeapUsage');
      if (!result) throw new Error(`Runtime.getHeapUsage: ${error?.message ?? 'no result'}`);
      return {
        usedBytes: result.usedSize ?? 0,
        totalBytes: result.totalSize ?? 0,
        backingStorageBytes: result.backingStorageSize ?? 0,
      };
    },
  };
}

async function workerMemorySection(context: BrowserContext, base: string) {
  const catalog = createCatalog(2_000, seededRandom(42));
  const runs: Array<Record<number, { usedBytes: number; totalBytes: number; backingStorageBytes: number; events: number }>> = [];
  for (let run = 0; run < MEMORY_RUNS; run++) {
    const page = await openWorkerPage(context, base);
    const cdp = await context.newCDPSession(page);
    const heap = workerHeap(cdp);
    await heap.start();
    const bench = (method: string, ...args: unknown[]) => callAny(page, method, ...args);
    await bench('open', `worker-memory-${run}-${Date.now()}`);
    const stream = createEventStream(catalog, seededRandom(5_000 + run));
    const row: (typeof runs)[number] = {};
    let learned = 0;
    for (const at of MEMORY_AT) {
      if (at > learned) {
        learned = (await bench('seed', stream.batch(at - learned), 100)) as number;
        if (learned !== at) log(`WARNING memory run ${run}: the profile has ${learned} events, expected ${at}`);
      }
      row[at] = { ...(await heap.measure()), events: learned };
    }
    await bench('close');
    await cdp.detach();
    await page.close();
    log(
      `worker memory run ${run + 1}/${MEMORY_RUNS}: ` +
        MEMORY_AT.map(
          (at) => `${at} events: ${Math.round(((row[at]?.usedBytes ?? 0) + (row[at]?.backingStorageBytes ?? 0)) / 1024)} KiB`,
        ).join(', '),
    );
    runs.push(row);
  }
  const kib = (x: number) => round(x / 1024, 1);
  return {
    runs: MEMORY_RUNS,
    atEvents: Object.fromEntries(
      MEMORY_AT.map((at) => [
        at,
        {
          usedKiB: overRuns(
            runs.map((r) => kib(r[at]?.usedBytes ?? 0)),
            1,
          ),
          backingStorageKiB: overRuns(
            runs.map((r) => kib(r[at]?.backingStorageBytes ?? 0)),
            1,
          ),
          totalKiB: overRuns(
            runs.map((r) => kib(r[at]?.totalBytes ?? 0)),
            1,
          ),
          usedPlusBackingKiB: overRuns(
            runs.map((r) => kib((r[at]?.usedBytes ?? 0) + (r[at]?.backingStorageBytes ?? 0))),
            1,
          ),
        },
      ]),
    ),
  };
}

async function main() {
  const loadAverageAtStart = loadavg().map((x) => round(x, 2));
  const server = await startTestServer(repoRoot);
  const browser = await chromium.launch(chromiumOptions());
  try {
    const context = await browser.newContext();
    await crossOriginIsolate(context);
    await context.addInitScript({ content: "Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });" });
    const reportBuild = await reportBuildSection(context, server.base);
    const workerMemory = await workerMemorySection(context, server.base);
    return {
      benchmark: 'browser-worker',
      date: new Date().toISOString(),
      quick: QUICK,
      machine: { ...machineInfo(loadAverageAtStart), browser: browser.version() },
      reportBuild,
      workerMemory,
      totalSeconds: round(secondsSince(started), 1),
    };
  } finally {
    await browser.close();
    server.child.kill();
  }
}

/** What the worker benchmark prints: bench/results/latest.json `parts.worker.results[]`. */
export type WorkerBenchResult = Awaited<ReturnType<typeof main>>;

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
log(`done in ${secondsSince(started).toFixed(1)} s`);
