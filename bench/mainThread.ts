// `npm run bench:main-thread`: what one track() call costs the page's main thread, for tastebud and three
// event trackers a shop might already run, in one Chromium (Debian's, headless, via Playwright):
//   tastebud   dist/tastebud.iife.js through the shop snippet (consent granted): Tastebud.instance.track(event)
//   segment    @segment/analytics-next from npm, bundled by esbuild: analytics.track('click', props)
//   snowplow   @snowplow/browser-tracker from npm, bundled by esbuild: trackSelfDescribingEvent({ event })
//   algolia    search-insights (Algolia Insights) from npm, bundled by esbuild: aa('clickedObjectIDs', event)
//   none       the harness alone (the timing loop and an empty call), the floor under every figure
// and, for the record, each peer without client-side persistence (`-nopersist`: Segment
// disableClientPersistence, Snowplow stateStorageStrategy 'none'), their cheapest configuration.
// Per run (a fresh browser context and page each): 100 warm-up calls, delivered; then 1,000 calls timed one
// by one with performance.now(); then the library's deferred work (tastebud: flush() resolved, learned in
// its worker and stored; the peers: every event received by their collector) and 500 ms more. The page's
// main-thread task time (CDP Performance.getMetrics) is read before the 1,000 calls and after the settle.
// Libraries take turns within each round, the order rotating, so that a slow spell of the machine does not
// land on one library. Prints one JSON object on stdout; progress goes to stderr.
//
// Offline: the peers get no Segment CDN settings fetch (settings inline; Algolia's `host` option) and send to collectors on the
// benchmark's own loopback server (bench/lib/mainThreadServer.ts), which answers 200. Chromium runs with a
// dead proxy for every non-loopback address, so a request meant for the internet fails locally; any such
// request is counted in the output (`offline.nonLoopbackRequestCount`, expected 0).
//   CHROMIUM_PATH=path   the browser (default /usr/bin/chromium)
//   BENCH_RUNS=n         runs per library (default 5, the fewest for figures to quote)
//   BENCH_QUICK=1        one run per library, to try the benchmark out
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { build, transform } from 'esbuild';
import type { Item } from 'tastebud/engine';
import { seededRandom } from '../test/helpers/seededRandom';
import { overRuns as overRunsOf, type Percentiles, percentiles as percentilesOf, round, secondsSince } from './lib/benchStats';
import { browserVersion, chromiumOptions } from './lib/chromiumOptions';
import { readMachine } from './lib/cpuSampler';
import { machineInfo } from './lib/machineInfo';
import { type BenchServer, LIBRARY_NAMES, type LibraryName, startBenchServer } from './lib/mainThreadServer';
import { packageVersion } from './lib/packageVersion';
import { pageCaller } from './lib/pageCaller';
import { createCatalog, zipfSampler } from './lib/syntheticShop';

const QUICK = Boolean(process.env.BENCH_QUICK);
const RUNS = QUICK ? 1 : Math.max(1, Number(process.env.BENCH_RUNS ?? 5) || 5);
const WARMUP_EVENTS = 100;
const EVENTS = 1_000;
const SETTLE_MS = 500;
const DELIVERY_TIMEOUT_MS = 30_000;
/** Stop waiting for a collector that received nothing new for this long (requests the browser dropped never come). */
const DELIVERY_STALL_MS = 3_000;
const CATALOG_SIZE = 2_000;
const PEERS = ['segment', 'snowplow', 'algolia'] as const;
type Peer = (typeof PEERS)[number];
const VARIANTS = ['segment-nopersist', 'snowplow-nopersist'] as const;
/** Which collector a library sends to (null: none). */
const collectorOf = (lib: LibraryName): Peer | null =>
  lib.startsWith('segment') ? 'segment' : lib.startsWith('snowplow') ? 'snowplow' : lib === 'algolia' ? 'algolia' : null;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const benchStart = performance.now();
const log = (message: string) => console.error(`[bench:main-thread ${secondsSince(benchStart).toFixed(1)}s] ${message}`);

// ---- The page side (bench/lib/mainThreadPage.js), as seen from here ----

interface PageEnvironment {
  userAgent: string;
  hardwareConcurrency: number;
  crossOriginIsolated: boolean;
  webdriver: boolean;
  timerResolutionMs: number;
  longTaskObserver: boolean;
}

interface LoopResult {
  ms: number[];
  /** performance.now() before the loop's task was queued (the long-task window starts here). */
  windowStartMs: number;
  startMs: number;
  loopMs: number;
  loopAndMicrotasksMs: number;
}

interface LongTaskSum {
  count: number;
  totalMs: number;
  maxMs: number;
}

interface PageCheck {
  stats?: { admitted: number; burst: number; duplicate: number; automation: number };
  profileEvents?: number;
  plugins?: string[];
}

type ItemPayload = Required<Pick<Item, 'id' | 'category' | 'brand' | 'price'>>;

interface BenchApi {
  environment(): PageEnvironment;
  prepare(items: ItemPayload[]): number;
  run(): LoopResult;
  settle(): undefined;
  longTasks(sinceMs: number): LongTaskSum | null;
  check(): PageCheck;
  errors(): string[];
}

const call = pageCaller<BenchApi>();

// ---- Peer bundles and sizes ----

interface FileSize {
  file: string;
  minBytes: number;
  gzipBytes: number;
}

const gzip9 = (code: string | Buffer) => gzipSync(code, { level: 9 }).length;

/** What each peer's page imports: the entry re-exports only the functions the page calls. */
const PEER_ENTRIES: Record<Peer, { pkg: string; source: string }> = {
  segment: {
    pkg: '@segment/analytics-next',
    source: "export { AnalyticsBrowser } from '@segment/analytics-next';\n",
  },
  snowplow: {
    pkg: '@snowplow/browser-tracker',
    source: "export { newTracker, trackSelfDescribingEvent, flushBuffer } from '@snowplow/browser-tracker';\n",
  },
  algolia: {
    pkg: 'search-insights',
    source: "export { default } from 'search-insights';\n",
  },
};

/**
 * Bundles each peer from node_modules as a shop's bundler would: ESM, minified, code-split (Segment loads
 * some plugins by dynamic import: only the chunks the page asks for are loaded, and counted as loaded).
 * @returns every emitted file with its sizes, by peer.
 */
async function buildPeers(buildDir: string): Promise<Record<Peer, FileSize[]>> {
  const out: Partial<Record<Peer, FileSize[]>> = {};
  for (const peer of PEERS) {
    const entryDir = join(buildDir, 'entries');
    await mkdir(entryDir, { recursive: true });
    const entry = join(entryDir, `${peer}.js`);
    await writeFile(entry, PEER_ENTRIES[peer].source);
    const result = await build({
      entryPoints: { index: entry },
      outdir: join(buildDir, peer),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: true,
      metafile: true,
      absWorkingDir: buildDir,
      nodePaths: [join(repoRoot, 'node_modules')],
      logLevel: 'warning',
    });
    const files: FileSize[] = [];
    for (const file of Object.keys(result.metafile.outputs).sort()) {
      const code = await readFile(join(buildDir, file));
      files.push({ file: file.slice(file.indexOf(`${peer}/`)), minBytes: code.length, gzipBytes: gzip9(code) });
    }
    out[peer] = files;
  }
  return out as Record<Peer, FileSize[]>;
}

/** min+gzip of a dist file as scripts/sizes.mjs measures it: esbuild-minified, gzip -9, no sourcemap comment. */
async function distSize(file: string): Promise<FileSize> {
  const source = (await readFile(join(repoRoot, file), 'utf8')).replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  const min = (await transform(source, { minify: true, format: 'iife', legalComments: 'none' })).code;
  return { file, minBytes: Buffer.byteLength(min), gzipBytes: gzip9(min) };
}

// ---- One run ----

/** Cumulative main-thread figures of CDP Performance.getMetrics, in milliseconds. */
interface Metrics {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  /** The DevTools protocol's own commands on the main thread (the benchmark's evaluate calls). */
  devtoolsMs: number;
  /** CPU time of the main thread. */
  threadMs: number;
  /** CPU time of the whole renderer process: every thread, the SDK's worker included. */
  processMs: number;
}

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const get = (name: string) => (list.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
  return {
    taskMs: get('TaskDuration'),
    scriptMs: get('ScriptDuration'),
    layoutMs: get('LayoutDuration'),
    styleMs: get('RecalcStyleDuration'),
    devtoolsMs: get('DevToolsCommandDuration'),
    threadMs: get('ThreadTime'),
    processMs: get('ProcessTime'),
  };
}

const diff = (a: Metrics, b: Metrics) =>
  Object.fromEntries(Object.keys(a).map((key) => [key, b[key as keyof Metrics] - a[key as keyof Metrics]])) as unknown as Metrics;

interface RunResult {
  lib: LibraryName;
  callUs: number[];
  loopMs: number;
  loopAndMicrotasksMs: number;
  /** From the end of the loop's task until the library's work is done (flush resolved / all events received). */
  deliveredMs: number;
  /** Main-thread task time, wall clock (CDP timeDomain timeTicks). */
  wall: Metrics;
  /** The same, as main-thread CPU time (CDP timeDomain threadTicks). */
  cpu: Metrics;
  longTasks: LongTaskSum | null;
  delivered: number | null;
  check: PageCheck;
  errors: string[];
  loaded: string[];
  environment: PageEnvironment | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** As test/e2e/human.ts, as source text (a function compiled by tsx would carry its `__name` helper into the page). */
const LOOKS_HUMAN = "Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true });";

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';

const network = { nonLoopbackRequests: [] as string[], unexpectedServerRequests: [] as string[] };

/** Waits until the library has done what the events asked of it, then SETTLE_MS more. */
async function settle(
  page: Page,
  server: BenchServer,
  lib: LibraryName,
  expected: number,
): Promise<{ ms: number; got: number | null }> {
  const t0 = performance.now();
  await call(page, 'settle');
  let got: number | null = null;
  const collector = collectorOf(lib);
  if (collector) {
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    let last = -1;
    let lastChange = Date.now();
    for (;;) {
      got = server.received()[collector];
      if (got >= expected) break;
      if (got !== last) {
        last = got;
        lastChange = Date.now();
      }
      if (Date.now() > deadline || Date.now() - lastChange > DELIVERY_STALL_MS) {
        log(`WARNING ${lib}: ${got} of ${expected} events reached the collector (nothing new for ${DELIVERY_STALL_MS} ms)`);
        break;
      }
      await sleep(5);
    }
  }
  const ms = performance.now() - t0;
  await sleep(SETTLE_MS);
  return { ms, got };
}

async function measureRun(
  browser: Browser,
  server: BenchServer,
  lib: LibraryName,
  warm: ItemPayload[],
  events: ItemPayload[],
  withEnvironment: boolean,
): Promise<RunResult> {
  server.reset();
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: LOOKS_HUMAN });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    context.on('request', (request) => {
      const url = new URL(request.url());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && !isLoopback(url.hostname))
        network.nonLoopbackRequests.push(`${lib}: ${request.url()}`);
    });
    const wall = await context.newCDPSession(page);
    await wall.send('Performance.enable', { timeDomain: 'timeTicks' });
    const cpu = await context.newCDPSession(page);
    await cpu.send('Performance.enable', { timeDomain: 'threadTicks' });

    await page.goto(`${server.origin}/page?lib=${lib}`);
    const environment = withEnvironment ? await call(page, 'environment') : null;

    await call(page, 'prepare', warm);
    await call(page, 'run');
    await settle(page, server, lib, warm.length);

    await call(page, 'prepare', events);
    const wall0 = await metrics(wall);
    const cpu0 = await metrics(cpu);
    const loop = await call(page, 'run');
    const done = await settle(page, server, lib, warm.length + events.length);
    const wall1 = await metrics(wall);
    const cpu1 = await metrics(cpu);

    const longTasks = await call(page, 'longTasks', loop.windowStartMs);
    const check = await call(page, 'check');
    errors.push(...(await call(page, 'errors')));
    network.unexpectedServerRequests.push(...server.unexpected().map((r) => `${lib}: ${r}`));
    return {
      lib,
      callUs: loop.ms.map((ms) => ms * 1000),
      loopMs: loop.loopMs,
      loopAndMicrotasksMs: loop.loopAndMicrotasksMs,
      deliveredMs: done.ms,
      wall: diff(wall0, wall1),
      cpu: diff(cpu0, cpu1),
      longTasks,
      delivered: done.got,
      check,
      errors,
      loaded: server.loaded(),
      environment,
    };
  } finally {
    await context.close();
  }
}

// ---- Statistics ----

const r1 = (x: number) => round(x, 1);
const r2 = (x: number) => round(x, 2);

const percentiles = (values: readonly number[]) => percentilesOf(values);
const overRuns = (values: readonly number[], digits = 1) => overRunsOf(values, digits);

/** The harness floor: the medians of `none`, subtracted for the net figures. */
interface Floor {
  taskMs: number;
  taskCpuMs: number;
}

function summarizeLibrary(runs: readonly RunResult[], floor: Floor | null) {
  const per = runs.map((run) => percentiles(run.callUs));
  const pick = (f: (p: Percentiles) => number) => overRuns(per.map(f));
  const wallTask = overRuns(runs.map((r) => r.wall.taskMs));
  const cpuTask = overRuns(runs.map((r) => r.cpu.taskMs));
  const net = (value: number, base: number | undefined) => (base === undefined ? null : r1(value - base));
  const longTaskRuns = runs.map((r) => r.longTasks).filter((t): t is LongTaskSum => t !== null);
  return {
    perCallUs: {
      p50: pick((p) => p.p50),
      p95: pick((p) => p.p95),
      p99: pick((p) => p.p99),
      mean: pick((p) => p.mean),
      max: pick((p) => p.max),
    },
    loopMs: overRuns(
      runs.map((r) => r.loopMs),
      2,
    ),
    loopAndMicrotasksMs: {
      ...overRuns(
        runs.map((r) => r.loopAndMicrotasksMs),
        2,
      ),
    },
    mainThread: {
      taskMs: wallTask,
      taskCpuMs: cpuTask,
      scriptMs: overRuns(runs.map((r) => r.wall.scriptMs)),
      layoutAndStyleMs: overRuns(runs.map((r) => r.wall.layoutMs + r.wall.styleMs)),
      devtoolsCommandMs: overRuns(runs.map((r) => r.wall.devtoolsMs)),
      threadCpuMs: overRuns(runs.map((r) => r.wall.threadMs)),
      netTaskMs: net(wallTask.median, floor?.taskMs),
      netTaskCpuMs: net(cpuTask.median, floor?.taskCpuMs),
      netTaskUsPerEvent: floor ? r2(((wallTask.median - floor.taskMs) * 1000) / EVENTS) : null,
    },
    rendererProcessCpuMs: {
      ...overRuns(runs.map((r) => r.wall.processMs)),
    },
    longTasks: longTaskRuns.length
      ? {
          count: overRuns(
            longTaskRuns.map((t) => t.count),
            0,
          ),
          totalMs: overRuns(longTaskRuns.map((t) => t.totalMs)),
          maxMs: overRuns(longTaskRuns.map((t) => t.maxMs)),
        }
      : null,
    doneAfterLoopMs: {
      ...overRuns(runs.map((r) => r.deliveredMs)),
    },
  };
}
type LibrarySummary = ReturnType<typeof summarizeLibrary>;

// ---- Main ----

/** Share of the machine's CPU time busy over `ms` (from /proc/stat; null elsewhere): other load skews every figure. */
async function machineBusyShare(ms: number): Promise<number | null> {
  const read = async () => readMachine();
  const a = await read();
  await sleep(ms);
  const b = await read();
  return a && b && b.total > a.total ? r2((b.busy - a.busy) / (b.total - a.total)) : null;
}

/** Items of one run: Zipf-popular picks from the catalogue, as plain { id, category, brand, price }. */
function pickItems(catalog: readonly Item[], random: () => number, n: number): ItemPayload[] {
  const sample = zipfSampler(catalog.length);
  const out: ItemPayload[] = [];
  for (let k = 0; k < n; k++) {
    const item = catalog[sample(random())];
    if (!item) throw new Error('catalogue sample out of range');
    out.push({ id: item.id, category: item.category ?? '', brand: item.brand ?? '', price: item.price ?? 0 });
  }
  return out;
}

async function benchmark(buildDir: string) {
  // Every non-loopback request goes to a proxy on a closed loopback port and fails there; Chromium
  // bypasses proxies for loopback addresses, so the pages and collectors are reached directly.
  const launch = chromiumOptions(['--proxy-server=http://127.0.0.1:9']);
  const loadAverageAtStart = loadavg().map((x) => r2(x));
  const busyBeforeStart = await machineBusyShare(1_000);
  if (busyBeforeStart !== null && busyBeforeStart > 0.2)
    log(`note: the machine was ${Math.round(busyBeforeStart * 100)}% busy before the benchmark started: figures will be slower`);
  const catalog = createCatalog(CATALOG_SIZE, seededRandom(42));

  log('bundling the peers with esbuild');
  const peerFiles = await buildPeers(buildDir);
  const sizes = {
    tastebud: { iife: await distSize('dist/tastebud.iife.js'), worker: await distSize('dist/tastebud.worker.js') },
  };
  const server = await startBenchServer(repoRoot, buildDir);
  log(`bench server on ${server.origin}`);
  const browser = await chromium.launch(launch);
  try {
    const version = await browserVersion(browser);
    log(`${version.product} (V8 ${version.jsVersion}); ${RUNS} run(s) per library`);

    const results = Object.fromEntries(LIBRARY_NAMES.map((lib) => [lib, [] as RunResult[]])) as Record<LibraryName, RunResult[]>;
    let environment: PageEnvironment | null = null;
    for (let run = 0; run < RUNS; run++) {
      const random = seededRandom(1_000 + run);
      const warm = pickItems(catalog, random, WARMUP_EVENTS);
      const events = pickItems(catalog, random, EVENTS);
      const order = LIBRARY_NAMES.map((_, i) => LIBRARY_NAMES[(i + run) % LIBRARY_NAMES.length] as LibraryName);
      for (const lib of order) {
        const result = await measureRun(browser, server, lib, warm, events, environment === null);
        environment ??= result.environment;
        results[lib].push(result);
        const p = percentiles(result.callUs);
        log(
          `run ${run + 1}/${RUNS} ${lib.padEnd(18)} p50 ${r1(p.p50)} µs, p95 ${r1(p.p95)}, p99 ${r1(p.p99)}, mean ${r2(p.mean)}; ` +
            `main-thread tasks ${r1(result.wall.taskMs)} ms (cpu ${r1(result.cpu.taskMs)}), done ${r1(result.deliveredMs)} ms after the loop` +
            (result.errors.length ? `; ${result.errors.length} page error(s): ${result.errors[0]}` : ''),
        );
      }
    }
    if (environment && !environment.crossOriginIsolated) log('WARNING: the page is not cross-origin isolated: 100 µs timer');

    const harness = summarizeLibrary(results.none, null);
    const floor: Floor = { taskMs: harness.mainThread.taskMs.median, taskCpuMs: harness.mainThread.taskCpuMs.median };
    const libraries = {
      tastebud: summarizeLibrary(results.tastebud, floor),
      segment: summarizeLibrary(results.segment, floor),
      snowplow: summarizeLibrary(results.snowplow, floor),
      algolia: summarizeLibrary(results.algolia, floor),
    };
    const variants = {
      'segment-nopersist': summarizeLibrary(results['segment-nopersist'], floor),
      'snowplow-nopersist': summarizeLibrary(results['snowplow-nopersist'], floor),
    };

    // Integrity: every event reached the library's end (tastebud: learned in the profile; peers: collector).
    const expected = WARMUP_EVENTS + EVENTS;
    const integrity = {
      expectedEventsPerRun: expected,
      tastebud: results.tastebud.map((r) => ({
        admitted: r.check.stats?.admitted ?? null,
        dropped: r.check.stats ? r.check.stats.automation + r.check.stats.burst + r.check.stats.duplicate : null,
        learned: r.check.profileEvents ?? null,
      })),
      collectorReceived: Object.fromEntries([...PEERS, ...VARIANTS].map((lib) => [lib, results[lib].map((r) => r.delivered)])),
      segmentPlugins: results.segment[0]?.check.plugins ?? [],
      pageErrors: Object.fromEntries(LIBRARY_NAMES.map((lib) => [lib, results[lib].flatMap((r) => r.errors).slice(0, 5)])),
      lostEvents: Object.fromEntries(
        [...PEERS, ...VARIANTS].map((lib) => [lib, results[lib].map((r) => expected - (r.delivered ?? 0))]),
      ),
      ok:
        results.tastebud.every((r) => r.check.stats?.admitted === expected && r.check.profileEvents === expected) &&
        (['segment', 'snowplow', ...VARIANTS] as const).every((lib) => results[lib].every((r) => r.delivered === expected)),
    };
    if (!integrity.ok) log('WARNING: some events did not arrive; see integrity');

    const loadedSizes = (peer: Peer) => {
      const loaded = new Set(
        [...PEERS, ...VARIANTS].filter((lib) => lib.startsWith(peer)).flatMap((lib) => results[lib].flatMap((r) => r.loaded)),
      );
      const files = peerFiles[peer];
      const used = files.filter((f) => loaded.has(f.file));
      const sum = (list: FileSize[], key: 'minBytes' | 'gzipBytes') => list.reduce((s, f) => s + f[key], 0);
      return {
        loadedFiles: used,
        loadedMinBytes: sum(used, 'minBytes'),
        loadedGzipBytes: sum(used, 'gzipBytes'),
        allChunksGzipBytes: sum(files, 'gzipBytes'),
        chunks: files.length,
      };
    };
    const sizeReport = {
      tastebud: {
        ...sizes.tastebud,
        loadedGzipBytes: sizes.tastebud.iife.gzipBytes + sizes.tastebud.worker.gzipBytes,
        mainThreadGzipBytes: sizes.tastebud.iife.gzipBytes,
      },
      segment: loadedSizes('segment'),
      snowplow: loadedSizes('snowplow'),
      algolia: loadedSizes('algolia'),
    };

    // An honest tally of where a peer does better (the targets are in bench/suite/targets.ts).
    const tb = libraries.tastebud;
    const measures: Array<[string, (s: LibrarySummary) => number]> = [
      ['perCallUs.p50', (s) => s.perCallUs.p50.median],
      ['perCallUs.p95', (s) => s.perCallUs.p95.median],
      ['perCallUs.p99', (s) => s.perCallUs.p99.median],
      ['perCallUs.mean', (s) => s.perCallUs.mean.median],
      ['loopAndMicrotasksMs', (s) => s.loopAndMicrotasksMs.median],
      ['mainThread.taskMs', (s) => s.mainThread.taskMs.median],
      ['mainThread.taskCpuMs', (s) => s.mainThread.taskCpuMs.median],
      ['mainThread.scriptMs', (s) => s.mainThread.scriptMs.median],
      ['rendererProcessCpuMs', (s) => s.rendererProcessCpuMs.median],
      ['longTasks.totalMs', (s) => s.longTasks?.totalMs.median ?? Number.NaN],
      ['doneAfterLoopMs', (s) => s.doneAfterLoopMs.median],
    ];
    const peerBetter: string[] = [];
    const ties: string[] = [];
    const contenders: Array<[string, LibrarySummary]> = [
      ['segment', libraries.segment],
      ['snowplow', libraries.snowplow],
      ['algolia', libraries.algolia],
      ['segment-nopersist', variants['segment-nopersist']],
      ['snowplow-nopersist', variants['snowplow-nopersist']],
    ];
    for (const [name, summary] of contenders) {
      for (const [measure, get] of measures) {
        if (get(summary) < get(tb)) peerBetter.push(`${name} ${measure}: ${get(summary)} vs tastebud ${get(tb)}`);
        else if (get(summary) === get(tb)) ties.push(`${name} ${measure}: ${get(summary)}`);
      }
    }
    for (const peer of PEERS) {
      if (sizeReport[peer].loadedGzipBytes < sizeReport.tastebud.loadedGzipBytes)
        peerBetter.push(
          `${peer} loaded gzip bytes: ${sizeReport[peer].loadedGzipBytes} vs tastebud ${sizeReport.tastebud.loadedGzipBytes} (page + worker)`,
        );
    }
    const row = (s: LibrarySummary, gzipBytes: number | null) => ({
      p50Us: s.perCallUs.p50.median,
      p95Us: s.perCallUs.p95.median,
      p99Us: s.perCallUs.p99.median,
      meanUs: s.perCallUs.mean.median,
      loopAndMicrotasksMs: s.loopAndMicrotasksMs.median,
      mainThreadTaskMs: s.mainThread.taskMs.median,
      mainThreadTaskCpuMs: s.mainThread.taskCpuMs.median,
      netMainThreadUsPerEvent: s.mainThread.netTaskUsPerEvent,
      longTaskMs: s.longTasks?.totalMs.median ?? null,
      rendererProcessCpuMs: s.rendererProcessCpuMs.median,
      loadedGzipBytes: gzipBytes,
    });
    const summary = {
      tastebud: row(libraries.tastebud, sizeReport.tastebud.loadedGzipBytes),
      segment: row(libraries.segment, sizeReport.segment.loadedGzipBytes),
      snowplow: row(libraries.snowplow, sizeReport.snowplow.loadedGzipBytes),
      algolia: row(libraries.algolia, sizeReport.algolia.loadedGzipBytes),
      'segment-nopersist': row(variants['segment-nopersist'], sizeReport.segment.loadedGzipBytes),
      'snowplow-nopersist': row(variants['snowplow-nopersist'], sizeReport.snowplow.loadedGzipBytes),
      'none (harness)': row(harness, null),
    };

    return {
      benchmark: 'main-thread',
      date: new Date().toISOString(),
      machine: {
        ...machineInfo(loadAverageAtStart),
        machineBusyShareBeforeStart: busyBeforeStart,
        browser: version.product,
        v8: version.jsVersion,
        executablePath: launch.executablePath,
        launchArgs: launch.args,
        headless: launch.headless,
        playwright: packageVersion(join(repoRoot, 'node_modules/@playwright/test')),
        page: environment && { ...environment, timerResolutionUs: r2(environment.timerResolutionMs * 1000) },
      },
      quick: QUICK,
      versions: Object.fromEntries(
        ['', '@segment/analytics-next', '@snowplow/browser-tracker', 'search-insights'].map((name) => [
          name || 'tastebud',
          packageVersion(join(repoRoot, name && `node_modules/${name}`)),
        ]),
      ),
      workload: {
        runs: RUNS,
        warmupEvents: WARMUP_EVENTS,
        events: EVENTS,
        settleMs: SETTLE_MS,
        catalogItems: CATALOG_SIZE,
        argumentsBuiltOutsideTimer: true,
      },
      offline: {
        blockedVia: launch.args.at(-1),
        nonLoopbackRequests: network.nonLoopbackRequests.slice(0, 20),
        nonLoopbackRequestCount: network.nonLoopbackRequests.length,
        unexpectedServerRequests: network.unexpectedServerRequests.slice(0, 20),
      },
      integrity,
      summary,
      harness,
      libraries,
      peerVariants: variants,
      sizes: sizeReport,
      peerComparison: { peerBetter, ties },
      totalSeconds: r1(secondsSince(benchStart)),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main() {
  // The peer bundles are built outside the repository, in a temporary directory removed at the end.
  const buildDir = await mkdtemp(join(tmpdir(), 'tastebud-bench-main-thread-'));
  try {
    return await benchmark(buildDir);
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

/** What bench:main-thread prints: bench/results/latest.json `parts.mainThread.results[]`. */
export type MainThreadResult = Awaited<ReturnType<typeof main>>;

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
log(`done in ${secondsSince(benchStart).toFixed(1)} s`);
