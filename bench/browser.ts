// `npm run bench:browser`: the SDK in a real browser (Debian's Chromium, headless, via Playwright):
//   eventToPersisted  track(event) → flush() resolved (learned in the worker, committed to IndexedDB)
//   flush             the full first write of a new profile, and a typical incremental one
//   mainThread        how long the page's main thread is ever blocked during a burst of track() + flush()
// Prints one JSON object on stdout (`npm run -s bench:browser > out.json`: without -s npm adds its banner);
// progress goes to stderr. Starts test/e2e/server.mjs itself on a free loopback port, and Chromium with the
// launch args of playwright.config.ts in a persistent profile (IndexedDB on disk, as for a shopper). The
// in-page loops live in bench/pages/bench.js (plain JS, see there why, and how it gets past the SDK's
// bot/burst guard). Every figure is checked against the profile's event count (`integrity`), and the CPU
// taken by other processes is recorded per section (`machine.cpuDuringBench`): on 2 cores it shows.
//   CHROMIUM_PATH=path      the browser (default /usr/bin/chromium)
//   BENCH_PROFILE_DIR=dir   where the browser profile (and so IndexedDB) lives (default the OS temp dir)
//   BENCH_NO_ISOLATION=1    do not serve the pages cross-origin isolated (performance.now() then ticks in 100 µs)
//   BENCH_QUICK=1           one run of each section (about 35 s), to try changes out
//   BENCH_TRACE_FILE=path   also write the traced main-thread run's trace (for Perfetto / chrome://tracing)
import { statfsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import type { Item, TrackEvent } from 'tastebud/engine';
import { seededRandom } from '../test/helpers/seededRandom';
import {
  overRuns as overRunsOf,
  percentiles as percentilesOf,
  quantile,
  round,
  type Summary,
  secondsSince,
} from './lib/benchStats';
import { browserVersion, chromiumOptions } from './lib/chromiumOptions';
import { type CpuSegment, createCpuSampler } from './lib/cpuSampler';
import { crossOriginIsolate } from './lib/crossOriginIsolate';
import { machineInfo } from './lib/machineInfo';
import { openBenchPage } from './lib/openBenchPage';
import { packageVersion } from './lib/packageVersion';
import { pageCaller } from './lib/pageCaller';
import { startTestServer } from './lib/startTestServer';
import { createCatalog, createEventStream, type EventStream } from './lib/syntheticShop';

/** BENCH_QUICK=1: one run of each section, for trying the benchmark out (figures too few to quote). */
const QUICK = Boolean(process.env.BENCH_QUICK);
const CATALOG_SIZE = 2_000;
const SEED_EVENTS = 1_000;
const SEED_BATCH = 100;
const LATENCY_RUNS = QUICK ? 1 : 5;
const LATENCY_WARMUP = 20;
const LATENCY_EVENTS = 300;
const EMPTY_FLUSHES = 100;
const SINGLE_WRITE_SAMPLES = 20;
const PROFILE_CALLS = 50;
const TRACED_EVENTS = 50;
const IDB_FLOOR_RUNS = QUICK ? 5 : 30;
const FULL_FLUSH_RUNS = QUICK ? 2 : 7;
const FULL_FLUSH_EVENTS = 50;
const INCREMENTAL_RUNS = QUICK ? 3 : 15;
const INCREMENTAL_BATCH = 50;
const MAIN_THREAD_RUNS = QUICK ? 1 : 3;
const BURST_EVENTS = 1_000;
const BURST_FLUSH_EVERY = 50;
const IDLE_MS = 1_000;
/** Longer than the SDK's 500 ms write delay: nothing is pending when a measurement starts. */
const SETTLE_MS = 700;
/** The worker's write delay (createTastebud passes writeDelayMs: 500): a learn phase longer than this may have written already. */
const WRITE_DELAY_MS = 500;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const benchStart = performance.now();
const log = (message: string) => console.error(`[bench:browser ${secondsSince(benchStart).toFixed(1)}s] ${message}`);

// ---- The page side (bench/pages/bench.js), as seen from here ----

interface DbDiff {
  chunksStored: number;
  chunkBytes: number;
  chunksWritten: number;
  weightBytesWritten: number;
  namesStored: number;
  namesAdded: number;
}

interface GapAt {
  atMs: number;
  gapMs: number;
  ownWorkMs: number;
  residualMs: number;
}

interface GapAnalysis {
  /** performance.now() at the start of the window, and of the window's performance.mark (for the trace). */
  startMs: number;
  markMs: number;
  durationMs: number;
  ticks: number;
  medianGapMs: number;
  p99GapMs: number;
  p999GapMs: number;
  maxGapMs: number;
  gapsOver1Ms: number;
  maxResidualMs: number;
  maxResidualGap: GapAt | null;
  largestGaps: GapAt[];
  longTasks: { count: number; maxMs: number };
}

interface MainThreadRaw {
  longTaskObserver: boolean;
  idle: GapAnalysis;
  burst: GapAnalysis & { events: number; flushes: number; trackMs: number[]; trackAndSendMs: number[]; flushMs: number[] };
  syncLoop: GapAnalysis & {
    events: number;
    loopMs: number;
    sendMs: number;
    flushCallMs: number;
    toPersistedMs: number;
    trackMs: number[];
  };
}

interface PageEnvironment {
  userAgent: string;
  hardwareConcurrency: number;
  deviceMemory: number | null;
  crossOriginIsolated: boolean;
  timerResolutionMs: number;
}

interface BenchApi {
  open(storageName: string): { events: number; storage: string };
  close(): void;
  seed(events: TrackEvent[], batch: number): number;
  eventToPersisted(events: TrackEvent[]): number[];
  markedEventToPersisted(events: TrackEvent[]): { ms: number[]; startMs: number; endMs: number; markMs: number };
  timedCalls(method: 'flush' | 'profile', n: number): number[];
  timedFlush(events: TrackEvent[]): { learnMs: number; flushMs: number };
  idbFloor(options: { chunks: number; runs: number; durability: 'strict' | 'relaxed' }): number[];
  markDb(name: string): { chunks: number; names: number };
  diffDb(name: string): DbDiff;
  mainThread(options: {
    burst: TrackEvent[];
    flushEvery: number;
    syncLoop: TrackEvent[];
    idleMs: number;
    settleMs: number;
  }): MainThreadRaw;
  environment(): PageEnvironment;
  errors(): Array<{ name: string; message: string }>;
  stats(): GuardStats | null;
  profileEvents(): number;
}

/** The SDK's guard counters (builds with consent management and capture guards), else null. */
interface GuardStats {
  admitted: number;
  burst: number;
  duplicate: number;
  automation: number;
}

const call = pageCaller<BenchApi>();

// ---- Server, browser, pages ----

const benchPage = (context: BrowserContext, base: string) => openBenchPage(context, base, log);

/** Opens `db` with `SEED_EVENTS` learned events, then restarts the SDK so the profile is loaded from IndexedDB. */
async function warmProfile(page: Page, db: string, stream: EventStream): Promise<number> {
  await call(page, 'open', db);
  await call(page, 'seed', stream.batch(SEED_EVENTS), SEED_BATCH);
  const reopened = await call(page, 'open', db);
  if (reopened.storage !== 'indexeddb') throw new Error(`the profile is in ${reopened.storage}, not IndexedDB`);
  if (reopened.events !== SEED_EVENTS) {
    integrity.mismatches.push(`seeding ${db}: ${SEED_EVENTS} tracked, ${reopened.events} in the reloaded profile`);
    log(`WARNING seeding ${db}: ${SEED_EVENTS} events tracked but the reloaded profile has ${reopened.events}`);
  }
  return reopened.events;
}

/** Did every tracked event reach the profile? (A guard or a lost message would make the timings meaningless.) */
const integrity = {
  eventsTracked: 0,
  eventsLearned: 0,
  mismatches: [] as string[],
  guard: null as GuardStats | null,
};

/** Tracks what `page` should hold: call before a measurement, then `check()` after it. */
async function expectLearned(page: Page, where: string) {
  const before = await call(page, 'profileEvents');
  let tracked = 0;
  return {
    add(n: number) {
      tracked += n;
    },
    async check() {
      const learned = (await call(page, 'profileEvents')) - before;
      integrity.eventsTracked += tracked;
      integrity.eventsLearned += learned;
      if (learned !== tracked) {
        integrity.mismatches.push(`${where}: ${tracked} tracked, ${learned} learned`);
        log(`WARNING ${where}: ${tracked} events tracked but ${learned} learned`);
      }
      const stats = await call(page, 'stats');
      if (stats) {
        const sum = integrity.guard ?? { admitted: 0, burst: 0, duplicate: 0, automation: 0 };
        integrity.guard = {
          admitted: sum.admitted + stats.admitted,
          burst: sum.burst + stats.burst,
          duplicate: sum.duplicate + stats.duplicate,
          automation: sum.automation + stats.automation,
        };
      }
    },
  };
}

async function reportPageErrors(page: Page, where: string): Promise<number> {
  const errors = await call(page, 'errors');
  for (const e of errors) log(`${where}: SDK error ${e.name}: ${e.message}`);
  return errors.length;
}

// ---- Statistics ----

const r3 = (x: number) => round(x, 3);

const percentiles = (values: readonly number[]) => percentilesOf(values, 3);
const overRuns = (values: readonly number[]) => overRunsOf(values, 3);

function acrossRuns<T>(runs: readonly T[], pick: (run: T) => number): Summary {
  return overRuns(runs.map(pick));
}

// ---- Sections ----

async function eventToPersistedSection(context: BrowserContext, base: string, catalog: readonly Item[]) {
  const runs: Array<{
    seededEvents: number;
    latency: number[];
    emptyFlush: number[];
    profileRead: number[];
    writes: DbDiff[];
    errors: number;
  }> = [];
  for (let run = 0; run < LATENCY_RUNS; run++) {
    const db = `bench-latency-${run}`;
    const stream = createEventStream(catalog, seededRandom(1_000 + run));
    const page = await benchPage(context, base);
    const seededEvents = await warmProfile(page, db, stream);
    const learned = await expectLearned(page, `eventToPersisted run ${run}`);
    await call(page, 'eventToPersisted', stream.batch(LATENCY_WARMUP));
    const latency = await call(page, 'eventToPersisted', stream.batch(LATENCY_EVENTS));
    learned.add(LATENCY_WARMUP + LATENCY_EVENTS + SINGLE_WRITE_SAMPLES);
    const emptyFlush = await call(page, 'timedCalls', 'flush', EMPTY_FLUSHES);
    const profileRead = await call(page, 'timedCalls', 'profile', PROFILE_CALLS);
    // What one event's write costs in IndexedDB: read the database around it (outside the timed loop).
    const writes: DbDiff[] = [];
    for (let k = 0; k < SINGLE_WRITE_SAMPLES; k++) {
      await call(page, 'markDb', db);
      await call(page, 'eventToPersisted', stream.batch(1));
      writes.push(await call(page, 'diffDb', db));
    }
    await learned.check();
    const errors = await reportPageErrors(page, `latency run ${run}`);
    await call(page, 'close');
    await page.close();
    const p = percentiles(latency);
    log(`eventToPersisted run ${run + 1}/${LATENCY_RUNS}: p50 ${p.p50} ms, p95 ${p.p95}, p99 ${p.p99}, max ${p.max}`);
    runs.push({ seededEvents, latency, emptyFlush, profileRead, writes, errors });
  }
  // The floor: bare IndexedDB transactions of the same size from the page, without the SDK.
  const page = await benchPage(context, base);
  const floor = async (chunks: number, durability: 'strict' | 'relaxed') =>
    percentiles(await call(page, 'idbFloor', { chunks, runs: IDB_FLOOR_RUNS, durability }));
  const typicalChunks = Math.round(
    quantile(
      [...runs.flatMap((r) => r.writes.map((w) => w.chunksWritten))].sort((a, b) => a - b),
      0.5,
    ),
  );
  const idbFloor = {
    chunksTypicalEvent: typicalChunks,
    strictTypicalEventMs: await floor(typicalChunks, 'strict'),
    relaxedTypicalEventMs: await floor(typicalChunks, 'relaxed'),
    strictOneChunkMs: await floor(1, 'strict'),
    relaxedOneChunkMs: await floor(1, 'relaxed'),
    strictAllChunksMs: await floor(40, 'strict'),
    relaxedAllChunksMs: await floor(40, 'relaxed'),
  };
  log(
    `IndexedDB floor (${typicalChunks} chunks): strict p50 ${idbFloor.strictTypicalEventMs.p50} ms, relaxed p50 ${idbFloor.relaxedTypicalEventMs.p50} ms`,
  );
  // Where the time of one event goes: a short run under CDP tracing, every process and thread.
  const tracedDb = 'bench-latency-traced';
  const tracedStream = createEventStream(catalog, seededRandom(1_999));
  await warmProfile(page, tracedDb, tracedStream);
  const tracedLearned = await expectLearned(page, 'eventToPersisted (traced)');
  await call(page, 'eventToPersisted', tracedStream.batch(LATENCY_WARMUP));
  const { result: tracedRun, events: trace } = await traceDuring(page, () =>
    call(page, 'markedEventToPersisted', tracedStream.batch(TRACED_EVENTS)),
  );
  tracedLearned.add(LATENCY_WARMUP + TRACED_EVENTS);
  await tracedLearned.check();
  const whereTheTimeGoes = timePerEvent(trace, 'tastebud-bench:events', tracedRun);
  await call(page, 'close');
  await page.close();
  const perRun = runs.map((r) => percentiles(r.latency));
  const empty = runs.map((r) => percentiles(r.emptyFlush));
  const reads = runs.map((r) => percentiles(r.profileRead));
  const writes = runs.flatMap((r) => r.writes);
  return {
    runs: LATENCY_RUNS,
    eventsPerRun: LATENCY_EVENTS,
    profileEventsAtStart: runs.map((r) => r.seededEvents),
    p50Ms: acrossRuns(perRun, (p) => p.p50),
    p95Ms: acrossRuns(perRun, (p) => p.p95),
    p99Ms: acrossRuns(perRun, (p) => p.p99),
    maxMs: acrossRuns(perRun, (p) => p.max),
    meanMs: acrossRuns(perRun, (p) => p.mean),
    pooled: percentiles(runs.flatMap((r) => r.latency)),
    emptyFlushRoundTrip: {
      p50Ms: acrossRuns(empty, (p) => p.p50),
      p99Ms: acrossRuns(empty, (p) => p.p99),
    },
    profileRead: {
      p50Ms: acrossRuns(reads, (p) => p.p50),
      p99Ms: acrossRuns(reads, (p) => p.p99),
    },
    idbFloor,
    whereTheTimeGoes,
    writePerEvent: {
      samples: writes.length,
      chunksWritten: percentiles(writes.map((w) => w.chunksWritten)),
      weightKiBWritten: percentiles(writes.map((w) => w.weightBytesWritten / 1024)),
      namesAdded: percentiles(writes.map((w) => w.namesAdded)),
      chunksStored: writes[0]?.chunksStored ?? 0,
      chunkBytes: writes[0]?.chunkBytes ?? 0,
    },
    sdkErrors: runs.reduce((s, r) => s + r.errors, 0),
  };
}

async function flushSection(context: BrowserContext, base: string, catalog: readonly Item[]) {
  const page = await benchPage(context, base);

  const full: Array<{ learnMs: number; flushMs: number; write: DbDiff }> = [];
  for (let run = 0; run < FULL_FLUSH_RUNS; run++) {
    const db = `bench-full-${run}`;
    await call(page, 'markDb', db); // no such database yet: everything the flush writes is new
    await call(page, 'open', db);
    const learned = await expectLearned(page, `flush full run ${run}`);
    const timed = await call(page, 'timedFlush', createEventStream(catalog, seededRandom(2_000 + run)).batch(FULL_FLUSH_EVENTS));
    learned.add(FULL_FLUSH_EVENTS);
    await learned.check();
    const write = await call(page, 'diffDb', db);
    log(
      `flush full run ${run + 1}/${FULL_FLUSH_RUNS}: ${r3(timed.flushMs)} ms, ${write.chunksWritten} chunks, ${write.namesAdded} names`,
    );
    full.push({ ...timed, write });
  }

  const db = 'bench-incremental';
  const stream = createEventStream(catalog, seededRandom(3_000));
  const seededEvents = await warmProfile(page, db, stream);
  await call(page, 'timedFlush', stream.batch(INCREMENTAL_BATCH)); // warm-up
  const incremental: Array<{ learnMs: number; flushMs: number; write: DbDiff }> = [];
  const learned = await expectLearned(page, 'flush incremental');
  for (let run = 0; run < INCREMENTAL_RUNS; run++) {
    await call(page, 'markDb', db);
    const timed = await call(page, 'timedFlush', stream.batch(INCREMENTAL_BATCH));
    learned.add(INCREMENTAL_BATCH);
    const write = await call(page, 'diffDb', db);
    incremental.push({ ...timed, write });
  }
  await learned.check();
  log(
    `flush incremental: median ${overRuns(incremental.map((r) => r.flushMs)).median} ms, ` +
      `median ${overRuns(incremental.map((r) => r.write.chunksWritten)).median} chunks`,
  );
  const errors = await reportPageErrors(page, 'flush');
  await call(page, 'close');
  await page.close();

  const describeWrites = (rows: ReadonlyArray<{ write: DbDiff }>) => ({
    chunksWritten: overRuns(rows.map((r) => r.write.chunksWritten)),
    chunksStored: rows[0]?.write.chunksStored ?? 0,
    chunkBytes: rows[0]?.write.chunkBytes ?? 0,
    weightKiBWritten: overRuns(rows.map((r) => r.write.weightBytesWritten / 1024)),
    namesAdded: overRuns(rows.map((r) => r.write.namesAdded)),
  });
  const lateLearns = [...full, ...incremental].filter((r) => r.learnMs >= WRITE_DELAY_MS).length;
  return {
    full: {
      runs: FULL_FLUSH_RUNS,
      flushMs: overRuns(full.map((r) => r.flushMs)),
      learnMs: overRuns(full.map((r) => r.learnMs)),
      ...describeWrites(full),
    },
    incremental: {
      runs: INCREMENTAL_RUNS,
      profileEventsAtStart: seededEvents,
      flushMs: overRuns(incremental.map((r) => r.flushMs)),
      learnMs: overRuns(incremental.map((r) => r.learnMs)),
      ...describeWrites(incremental),
    },
    learnPhasesLongerThanWriteDelay: lateLearns,
    sdkErrors: errors,
  };
}

type RunMode = 'plain' | 'traced' | 'tracedWithoutProbe';

/** One main-thread run on a fresh warm profile; traced runs are for attribution only. */
async function mainThreadRun(context: BrowserContext, base: string, catalog: readonly Item[], run: number, mode: RunMode) {
  const db = `bench-main-${run}-${mode}`;
  const stream = createEventStream(catalog, seededRandom(4_000 + run));
  const page = await benchPage(context, base);
  await warmProfile(page, db, stream);
  const learned = await expectLearned(page, `mainThread run ${run} (${mode})`);
  await call(page, 'eventToPersisted', stream.batch(LATENCY_WARMUP));
  const options = {
    burst: stream.batch(BURST_EVENTS),
    flushEvery: BURST_FLUSH_EVERY,
    syncLoop: stream.batch(BURST_EVENTS),
    idleMs: IDLE_MS,
    settleMs: SETTLE_MS,
    probe: mode !== 'tracedWithoutProbe',
  };
  learned.add(LATENCY_WARMUP + 2 * BURST_EVENTS);
  const { result: raw, events } =
    mode === 'plain'
      ? { result: await call(page, 'mainThread', options), events: [] }
      : await traceDuring(page, () => call(page, 'mainThread', options));
  await learned.check();
  await reportPageErrors(page, `main-thread run ${run}`);
  await call(page, 'close');
  await page.close();
  return { raw, events };
}

async function mainThreadSection(context: BrowserContext, base: string, catalog: readonly Item[]) {
  const runs: MainThreadRaw[] = [];
  for (let run = 0; run < MAIN_THREAD_RUNS; run++) {
    const { raw } = await mainThreadRun(context, base, catalog, run, 'plain');
    log(
      `mainThread run ${run + 1}/${MAIN_THREAD_RUNS}: idle max gap ${r3(raw.idle.maxGapMs)} ms; burst max gap ` +
        `${r3(raw.burst.maxGapMs)} ms (residual ${r3(raw.burst.maxResidualMs)}), ${raw.burst.longTasks.count} long tasks; ` +
        `sync loop of ${raw.syncLoop.events}: ${r3(raw.syncLoop.loopMs)} ms + send ${r3(raw.syncLoop.sendMs)} ms`,
    );
    runs.push(raw);
  }
  log('mainThread: two more runs under CDP tracing (with and without the probe), to attribute the gaps');
  const traced = await mainThreadRun(context, base, catalog, MAIN_THREAD_RUNS, 'traced');
  if (process.env.BENCH_TRACE_FILE) {
    await writeFile(process.env.BENCH_TRACE_FILE, JSON.stringify({ traceEvents: traced.events }));
    log(`trace written to ${process.env.BENCH_TRACE_FILE} (open in https://ui.perfetto.dev or chrome://tracing)`);
  }
  const unprobed = await mainThreadRun(context, base, catalog, MAIN_THREAD_RUNS + 1, 'tracedWithoutProbe');
  const attribution = {
    withProbe: {
      idle: attributeGaps(traced.events, 'tastebud-bench:idle', traced.raw.idle),
      burst: attributeGaps(traced.events, 'tastebud-bench:burst', traced.raw.burst),
      syncLoop: attributeGaps(traced.events, 'tastebud-bench:syncLoop', traced.raw.syncLoop),
      probeFigures: {
        idleMaxGapMs: r3(traced.raw.idle.maxGapMs),
        burstMaxGapMs: r3(traced.raw.burst.maxGapMs),
        burstMaxResidualMs: r3(traced.raw.burst.maxResidualMs),
      },
      traceEvents: traced.events.length,
    },
    withoutProbe: {
      burst: attributeGaps(unprobed.events, 'tastebud-bench:burst', unprobed.raw.burst),
      syncLoop: attributeGaps(unprobed.events, 'tastebud-bench:syncLoop', unprobed.raw.syncLoop),
      traceEvents: unprobed.events.length,
    },
  };
  const gapFigures = (pick: (run: MainThreadRaw) => GapAnalysis) => ({
    durationMs: acrossRuns(runs, (r) => pick(r).durationMs),
    probeTicks: acrossRuns(runs, (r) => pick(r).ticks),
    medianGapMs: acrossRuns(runs, (r) => pick(r).medianGapMs),
    p99GapMs: acrossRuns(runs, (r) => pick(r).p99GapMs),
    p999GapMs: acrossRuns(runs, (r) => pick(r).p999GapMs),
    maxGapMs: acrossRuns(runs, (r) => pick(r).maxGapMs),
    gapsOver1Ms: acrossRuns(runs, (r) => pick(r).gapsOver1Ms),
    longTasks: acrossRuns(runs, (r) => pick(r).longTasks.count),
    longTaskMaxMs: acrossRuns(runs, (r) => pick(r).longTasks.maxMs),
  });
  const roundGap = (g: GapAt | null) =>
    g && { atMs: r3(g.atMs), gapMs: r3(g.gapMs), ownWorkMs: r3(g.ownWorkMs), residualMs: r3(g.residualMs) };
  const trackPerEvent = (values: readonly number[]) => {
    const p = percentiles(values);
    return { p50Ms: p.p50, p95Ms: p.p95, maxMs: p.max, sumMs: r3(values.reduce((s, x) => s + x, 0)) };
  };
  const storeGap = (r: MainThreadRaw) => Math.max(0, r.burst.maxResidualMs - r.idle.maxGapMs);
  return {
    runs: MAIN_THREAD_RUNS,
    longTaskObserverSupported: runs.every((r) => r.longTaskObserver),
    idle: gapFigures((r) => r.idle),
    burst: {
      ...gapFigures((r) => r.burst),
      maxResidualMs: acrossRuns(runs, (r) => r.burst.maxResidualMs),
      flushes: runs[0]?.burst.flushes ?? 0,
      flushMs: percentiles(runs.flatMap((r) => r.burst.flushMs)),
      largestGapsOfMedianRun: (median(runs, (r) => r.burst.maxGapMs)?.burst.largestGaps ?? []).slice(0, 5).map(roundGap),
      largestResidualPerRun: runs.map((r) => roundGap(r.burst.maxResidualGap)),
      trackCall: trackPerEvent(runs.flatMap((r) => r.burst.trackMs)),
      trackCallSumPerRunMs: acrossRuns(runs, (r) => r.burst.trackMs.reduce((s, x) => s + x, 0)),
      trackAndSendSumPerRunMs: acrossRuns(runs, (r) => r.burst.trackAndSendMs.reduce((s, x) => s + x, 0)),
      trackAndSend: trackPerEvent(runs.flatMap((r) => r.burst.trackAndSendMs)),
    },
    syncLoop: {
      ...gapFigures((r) => r.syncLoop),
      maxResidualMs: acrossRuns(runs, (r) => r.syncLoop.maxResidualMs),
      loopMs: acrossRuns(runs, (r) => r.syncLoop.loopMs),
      sendMs: acrossRuns(runs, (r) => r.syncLoop.sendMs),
      toPersistedMs: acrossRuns(runs, (r) => r.syncLoop.toPersistedMs),
      trackCall: trackPerEvent(runs.flatMap((r) => r.syncLoop.trackMs)),
    },
    attribution,
    storeAttributable: {
      maxGapMs: acrossRuns(runs, storeGap),
      rawBurstMinusIdleMaxGapMs: acrossRuns(runs, (r) => r.burst.maxGapMs - r.idle.maxGapMs),
    },
  };
}

// ---- Tracing (attribution of main-thread gaps) ----

const TRACE_CATEGORIES = [
  '__metadata',
  'toplevel',
  'devtools.timeline',
  'blink.user_timing',
  'IndexedDB',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'disabled-by-default-devtools.timeline',
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

async function traceDuring<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (payload) => {
    for (const event of payload.value) events.push(event as unknown as TraceEvent);
  });
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' });
  try {
    return { result: await work(), events };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'ThreadPool_RunTask']);
const ms = (us: number) => r3(us / 1000);

/** A task's CPU time (the trace's thread clock), or null where it is missing or not credible (above wall time). */
function cpuOf(e: TraceEvent): number | null {
  if (e.tdur === undefined || e.dur === undefined) return null;
  return e.tdur <= e.dur * 1.1 + 50 ? e.tdur : null;
}

/** The outermost task events of one thread, in time order. */
function topLevelTasks(events: readonly TraceEvent[]): TraceEvent[] {
  const tasks = events.filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const top: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const task of tasks) {
    if (task.ts < end) continue; // nested in the previous one (toplevel and devtools.timeline both mark tasks)
    top.push(task);
    end = task.ts + (task.dur ?? 0);
  }
  return top;
}

/** The heaviest named events inside a task (wall time, CPU time in brackets), functions with their script. */
function inside(thread: readonly TraceEvent[], task: TraceEvent, limit = 4): string[] {
  const from = task.ts;
  const to = task.ts + (task.dur ?? 0);
  const byName = new Map<string, TraceEvent>();
  for (const e of thread) {
    if (e.ph !== 'X' || e.dur === undefined || TASK_NAMES.has(e.name) || e.ts < from || e.ts > to) continue;
    if (e.name.startsWith('V8.GC_') || e.name === 'BlinkScheduler_PerformMicrotaskCheckpoint') continue; // detail of MinorGC/MajorGC; bookkeeping
    const data = e.args?.data;
    const where = data?.url ? ` ${data.functionName || '(anonymous)'}@${data.url.replace(/^.*\//, '')}` : '';
    const key = `${e.name}${where}`;
    const known = byName.get(key);
    if (!known || (known.dur ?? 0) < e.dur) byName.set(key, e);
  }
  return [...byName.entries()]
    .sort((a, b) => (b[1].dur ?? 0) - (a[1].dur ?? 0))
    .slice(0, limit)
    .map(([name, e]) => {
      const cpu = cpuOf(e);
      return `${name} ${ms(e.dur ?? 0)} ms${cpu === null ? '' : ` (cpu ${ms(cpu)})`}`;
    });
}

/**
 * The renderer main thread in one window of a traced run: its tasks, and for the largest probe gaps (if the
 * run had a probe) which tasks covered them and whether the thread had the CPU meanwhile.
 * @param events - the whole trace.
 * @param markName - the performance.mark the page set at the window's start.
 * @param window - the page's analysis of that window.
 */
function attributeGaps(events: readonly TraceEvent[], markName: string, window: GapAnalysis) {
  const mark = events.find((e) => e.name === markName && e.cat.includes('blink.user_timing'));
  if (!mark) return { error: `trace has no ${markName} mark` };
  const toTrace = (at: number) => mark.ts + (at - window.markMs) * 1000;
  const from = toTrace(window.startMs);
  const to = from + window.durationMs * 1000;
  const thread = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ts <= to && e.ts + (e.dur ?? 0) >= from);
  const tasks = topLevelTasks(thread).filter((t) => t.ts >= from - 1000);
  const cpus = tasks.map(cpuOf).filter((c): c is number => c !== null);
  const summarizeTask = (t: TraceEvent) => {
    const cpu = cpuOf(t);
    return { atMs: ms(t.ts - from), wallMs: ms(t.dur ?? 0), cpuMs: cpu === null ? null : ms(cpu), inside: inside(thread, t) };
  };
  const byCpu = [...tasks].sort((a, b) => (cpuOf(b) ?? 0) - (cpuOf(a) ?? 0));
  const byWall = [...tasks].sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  const gaps = window.largestGaps.slice(0, 5).map((gap) => {
    const a = toTrace(window.startMs + gap.atMs);
    const b = a + gap.gapMs * 1000;
    let covered = 0;
    let cpu = 0;
    let cpuKnown = true;
    let longest: TraceEvent | null = null;
    for (const task of tasks) {
      const overlap = Math.min(b, task.ts + (task.dur ?? 0)) - Math.max(a, task.ts);
      if (overlap <= 0) continue;
      covered += overlap;
      const taskCpu = cpuOf(task);
      if (taskCpu === null) cpuKnown = false;
      else cpu += (taskCpu * overlap) / Math.max(1, task.dur ?? 1);
      if (!longest || (task.dur ?? 0) > (longest.dur ?? 0)) longest = task;
    }
    const gapUs = gap.gapMs * 1000;
    const verdict =
      covered < 0.5 * gapUs
        ? 'no main-thread task for most of it: the thread was not running'
        : cpuKnown && cpu < 0.5 * gapUs
          ? 'a task that got little CPU: the thread was descheduled mid-task'
          : 'main-thread work';
    return {
      gapMs: r3(gap.gapMs),
      atMs: r3(gap.atMs),
      coveredByTasksMs: ms(covered),
      cpuInTasksMs: cpuKnown ? ms(cpu) : null,
      verdict,
      longestTask: longest && summarizeTask(longest),
    };
  });
  return {
    windowMs: r3(window.durationMs),
    mainThreadTasks: tasks.length,
    mainThreadCpuMs: ms(cpus.reduce((sum, c) => sum + c, 0)),
    tasksOver1MsWall: tasks.filter((t) => (t.dur ?? 0) > 1000).length,
    tasksOver1MsCpu: cpus.filter((c) => c > 1000).length,
    maxTaskWallMs: ms(byWall[0]?.dur ?? 0),
    maxTaskCpuMs: ms(cpus.reduce((m, c) => Math.max(m, c), 0)),
    heaviestTasksByCpu: byCpu.slice(0, 4).map(summarizeTask),
    ...(gaps.length ? { largestGaps: gaps } : {}),
  };
}

function median<T>(runs: readonly T[], pick: (run: T) => number): T | undefined {
  const sorted = [...runs].sort((a, b) => pick(a) - pick(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * Per event of a traced eventToPersisted run: the task time of every busy thread of every process (wall,
 * and CPU from the thread clock), and Chromium's IndexedDB trace spans (nested spans overlap).
 * @param events - the whole trace.
 * @param markName - the performance.mark the page set at the run's start.
 * @param run - the page's timings of the run.
 */
function timePerEvent(
  events: readonly TraceEvent[],
  markName: string,
  run: { ms: number[]; startMs: number; endMs: number; markMs: number },
) {
  const mark = events.find((e) => e.name === markName && e.cat.includes('blink.user_timing'));
  if (!mark) return { error: `trace has no ${markName} mark` };
  const count = run.ms.length;
  const from = mark.ts + (run.startMs - run.markMs) * 1000;
  const to = mark.ts + (run.endMs - run.markMs) * 1000;
  const processes = new Map<number, string>();
  const threads = new Map<string, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_name') processes.set(e.pid, e.args?.name ?? '?');
    if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  }
  const label = (e: TraceEvent) =>
    `${e.pid === mark.pid ? 'page renderer' : (processes.get(e.pid) ?? `process ${e.pid}`)}: ${threads.get(`${e.pid}:${e.tid}`) ?? `thread ${e.tid}`}`;
  const inWindow = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts <= to);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of inWindow) {
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  const perThread = new Map<string, { wall: number; cpu: number; tasks: number }>();
  for (const list of byThread.values()) {
    const first = list[0];
    if (!first) continue;
    const tasks = topLevelTasks(list);
    const row = perThread.get(label(first)) ?? { wall: 0, cpu: 0, tasks: 0 };
    for (const t of tasks) {
      row.wall += t.dur ?? 0;
      row.cpu += cpuOf(t) ?? 0;
      row.tasks++;
    }
    perThread.set(label(first), row);
  }
  const spans = new Map<string, { wall: number; cpu: number; n: number }>();
  for (const e of inWindow) {
    if (!e.cat.includes('IndexedDB')) continue;
    const key = `${label(e).replace(/:.*$/, '')}: ${e.name}`;
    const row = spans.get(key) ?? { wall: 0, cpu: 0, n: 0 };
    row.wall += e.dur ?? 0;
    row.cpu += cpuOf(e) ?? 0;
    row.n++;
    spans.set(key, row);
  }
  const perEvent = (us: number) => r3(us / 1000 / count);
  return {
    events: count,
    latencyP50Ms: percentiles(run.ms).p50,
    threadsMsPerEvent: [...perThread.entries()]
      .filter(([, row]) => row.wall / count >= 50)
      .sort((a, b) => b[1].wall - a[1].wall)
      .slice(0, 8)
      .map(([thread, row]) => ({ thread, wall: perEvent(row.wall), cpu: perEvent(row.cpu), tasks: r3(row.tasks / count) })),
    indexedDbSpansMsPerEvent: [...spans.entries()]
      .sort((a, b) => b[1].wall - a[1].wall)
      .slice(0, 10)
      .map(([span, row]) => ({ span, wall: perEvent(row.wall), cpu: perEvent(row.cpu), count: r3(row.n / count) })),
  };
}

// ---- Main ----

function fsType(path: string): string {
  const names: Record<number, string> = {
    61267: 'ext4',
    16914836: 'tmpfs',
    2035054128: 'overlayfs',
    1481003842: 'xfs',
    2435016766: 'btrfs',
  };
  try {
    const type = statfsSync(path).type;
    return names[type] ?? `0x${type.toString(16)}`;
  } catch {
    return 'unknown';
  }
}

async function main() {
  const launch = chromiumOptions();
  const isolated = !process.env.BENCH_NO_ISOLATION;
  const loadAverageAtStart = loadavg().map((x) => round(x, 2));
  const catalog = createCatalog(CATALOG_SIZE, seededRandom(42));

  const cpu = createCpuSampler(process.pid);
  const cpuBySection: Record<string, CpuSegment | null> = {};
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  cpuBySection.beforeStart = cpu.segment(); // 1 s of the machine before the benchmark starts anything
  const busy = cpuBySection.beforeStart?.machineBusyShare ?? 0;
  if (busy > 0.2) log(`note: the machine was ${Math.round(busy * 100)}% busy before the benchmark started`);
  const server = await startTestServer(repoRoot);
  log(`test server on ${server.base}`);
  const profileParent = process.env.BENCH_PROFILE_DIR ?? tmpdir();
  const userDataDir = await mkdtemp(join(profileParent, 'tastebud-bench-'));
  try {
    // A persistent context: IndexedDB on disk, as for a shopper (a Playwright incognito context keeps it in memory).
    const context = await chromium.launchPersistentContext(userDataDir, launch);
    try {
      if (isolated) await crossOriginIsolate(context);
      const page = await benchPage(context, server.base);
      const environment = await call(page, 'environment');
      await page.close();
      const version = await browserVersion(context);
      log(`${version.product} (V8 ${version.jsVersion}), crossOriginIsolated ${environment.crossOriginIsolated}`);
      if (isolated && !environment.crossOriginIsolated) log('warning: the page is not cross-origin isolated');

      cpuBySection.setup = cpu.segment();
      const eventToPersisted = await eventToPersistedSection(context, server.base, catalog);
      cpuBySection.eventToPersisted = cpu.segment();
      const flush = await flushSection(context, server.base, catalog);
      cpuBySection.flush = cpu.segment();
      const mainThread = await mainThreadSection(context, server.base, catalog);
      cpuBySection.mainThread = cpu.segment();
      const contended = Object.entries(cpuBySection).filter(([, c]) => c && c.otherShare > 0.1);
      for (const [name, c] of contended)
        log(`note: other processes took ${Math.round((c?.otherShare ?? 0) * 100)}% of the machine during ${name}`);

      return {
        benchmark: 'browser',
        date: new Date().toISOString(),
        machine: {
          ...machineInfo(loadAverageAtStart),
          browser: version.product,
          v8: version.jsVersion,
          executablePath: launch.executablePath,
          launchArgs: launch.args,
          headless: launch.headless,
          playwright: packageVersion(join(repoRoot, 'node_modules/@playwright/test')),
          page: { ...environment, timerResolutionMs: r3(environment.timerResolutionMs) },
          crossOriginIsolatedVia: isolated ? 'COOP/COEP headers added by a Playwright route' : null,
          indexedDb: `persistent browser profile on ${fsType(userDataDir)} (${profileParent})`,
          cpuDuringBench: {
            ...cpuBySection,
          },
        },
        quick: QUICK,
        workload: {
          model: 'default: 2^16 local + 2^14 shared dimensions (81,920 float32 = 40 chunks of 2,048)',
          catalog: `${CATALOG_SIZE} synthetic items (8 × 5 × 4 category tree, 50 brands, log-uniform prices, 2-4 of 300 tags), seed 42`,
          events: 'Zipf-popular items; 60% click, 25% skip, 10% add_to_cart, 5% purchase; increasing ts',
          storage: 'a fresh IndexedDB database per run, in one persistent Chromium profile',
        },
        integrity: {
          ...integrity,
        },
        eventToPersisted,
        flush,
        mainThread,
        totalSeconds: round(secondsSince(benchStart), 1),
      };
    } finally {
      await context.close();
    }
  } finally {
    cpu.stop();
    server.child.kill();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** What bench:browser prints: bench/results/latest.json `parts.browser.results[]`. */
export type BrowserBenchResult = Awaited<ReturnType<typeof main>>;

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
log(`done in ${secondsSince(benchStart).toFixed(1)} s`);
