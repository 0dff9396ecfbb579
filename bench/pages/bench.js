// The in-page half of `npm run bench:browser` (bench/browser.ts drives it with page.evaluate and
// computes the statistics). Plain JavaScript on purpose: functions that tsx compiles and Playwright
// serialises into the page would carry esbuild's `__name(...)` helper, which the page does not have.
import { createTastebud } from '/dist/index.js';

// The SDK's data-quality guard (when it has one) drops events from automation (`navigator.webdriver`,
// which Playwright sets), more than 20 direct actions a second, and repeats of an event within 2 s:
// a benchmark that tracks hundreds of events a second would measure dropped events. So the page
// presents itself as a shopper (as test/e2e/human.ts does), and Date.now(), which nothing else on the
// page reads (every event carries its own ts), advances a virtual 2.5 s per call: the guard still runs
// on every event (its cost is in the track() times) but admits them all. `stats()` checks that.
Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true });
const realNow = Date.now();
let clockCalls = 0;
Date.now = () => realNow + 2_500 * ++clockCalls;

/** @type {import('../../src/types').Tastebud | null} */
let tb = null;
/** @type {Array<{ name: string; message: string }>} */
const errors = [];

function sdk() {
  if (!tb) throw new Error('bench: call open() first');
  return tb;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves in a new task: a MessageChannel post, which (unlike a nested setTimeout) is not clamped to 4 ms.
const taskChannel = new MessageChannel();
const taskWaiters = [];
taskChannel.port1.onmessage = () => taskWaiters.shift()?.();
const nextTask = () =>
  new Promise((resolve) => {
    taskWaiters.push(resolve);
    taskChannel.port2.postMessage(0);
  });

/**
 * Resolves after the microtasks queued so far and those they queue, a few levels deep (the SDK sends
 * its queued events from a microtask, through a promise or two), still within the current task.
 */
async function afterMicrotasks() {
  for (let i = 0; i < 6; i++) await null;
}

/**
 * Starts the SDK on database `storageName` (destroying the previous instance).
 * @returns what the loaded profile holds.
 */
async function open(storageName) {
  if (tb) await tb.destroy();
  // consent and autocapture are options of the SDK with consent management; older builds ignore them.
  tb = await createTastebud({ storageName, consent: 'granted', autocapture: false });
  tb.on('error', (error) => errors.push({ name: error.name, message: error.message }));
  const profile = await tb.profile();
  return { events: profile.events, storage: profile.storage };
}

async function close() {
  if (tb) await tb.destroy();
  tb = null;
}

/** Tracks `events` in batches, flushing after each; returns the profile's event count. */
async function seed(events, batch) {
  for (let i = 0; i < events.length; i += batch) {
    for (const event of events.slice(i, i + batch)) sdk().track(event);
    await sdk().flush();
  }
  return (await sdk().profile()).events;
}

/** One event at a time: milliseconds from `track(event)` to `flush()` resolving (learned and in IndexedDB). */
async function eventToPersisted(events) {
  const ms = [];
  for (const event of events) {
    const t0 = performance.now();
    sdk().track(event);
    await sdk().flush();
    ms.push(performance.now() - t0);
  }
  return ms;
}

/** {@link eventToPersisted} between a performance.mark and the end, for a trace of it. */
async function markedEventToPersisted(events) {
  const mark = performance.mark('tastebud-bench:events');
  const start = performance.now();
  const ms = await eventToPersisted(events);
  return { ms, startMs: start, endMs: performance.now(), markMs: mark.startTime };
}

/**
 * `await tb[method]()`, `n` times: `flush()` with nothing to write (after one to empty the queue) is the
 * page → worker → page round trip alone; `profile()` is the read the SDK makes after every 'profile' notice.
 */
async function timedCalls(method, n) {
  if (method === 'flush') await sdk().flush();
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await sdk()[method]();
    ms.push(performance.now() - t0);
  }
  return ms;
}

/**
 * Tracks `events`, waits until the worker has learned them (its reads queue behind the events, and the
 * 500 ms write timer has not fired yet), then times `flush()`: the IndexedDB write alone, plus one round trip.
 */
async function timedFlush(events) {
  const t0 = performance.now();
  for (const event of events) sdk().track(event);
  await sdk().profile();
  const t1 = performance.now();
  await sdk().flush();
  const t2 = performance.now();
  return { learnMs: t1 - t0, flushMs: t2 - t1 };
}

/**
 * The floor under the store: a bare IndexedDB readwrite transaction from the page, no SDK, putting
 * `chunks` fresh Float32Array(2048) records and one small meta record, with `durability`, until it
 * completes; `runs` times on a scratch database. What the store's write would cost with no overhead.
 */
async function idbFloor({ chunks, runs, durability }) {
  const name = 'bench-idb-floor';
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('weights');
      req.result.createObjectStore('meta');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const ms = [];
  try {
    for (let run = 0; run < runs; run++) {
      const arrays = Array.from({ length: chunks }, (_, c) => new Float32Array(2048).fill(run + c / 100));
      const t0 = performance.now();
      await new Promise((resolve, reject) => {
        const tx = db.transaction(['weights', 'meta'], 'readwrite', { durability });
        const weights = tx.objectStore('weights');
        for (const [c, array] of arrays.entries()) weights.put(array, c);
        tx.objectStore('meta').put({ events: run, updatedAt: run }, 'profile');
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      ms.push(performance.now() - t0);
    }
  } finally {
    db.close();
    await new Promise((resolve) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = req.onerror = req.onblocked = resolve;
    });
  }
  return ms;
}

// ---- What is stored: read the profile database from the page (outside every timed section) ----

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function readDb(name) {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => req.transaction?.abort(); // no such database: do not create it
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  }).catch(() => null);
  if (!db) return { chunks: new Map(), names: 0 };
  try {
    const tx = db.transaction(['weights', 'names'], 'readonly');
    const weights = tx.objectStore('weights');
    const [keys, values, names] = await Promise.all([
      request(weights.getAllKeys()),
      request(weights.getAll()),
      request(tx.objectStore('names').count()),
    ]);
    return { chunks: new Map(keys.map((key, i) => [key, values[i]])), names };
  } finally {
    db.close();
  }
}

function sameBits(a, b) {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

let dbBefore = { chunks: new Map(), names: 0 };

/** Remembers what database `name` holds now, for {@link diffDb}. */
async function markDb(name) {
  dbBefore = await readDb(name);
  return { chunks: dbBefore.chunks.size, names: dbBefore.names };
}

/**
 * What changed in database `name` since {@link markDb}: the weight chunks a write replaced (the store
 * writes exactly the chunks that differ from what it wrote before, so changed = written) and the names added.
 */
async function diffDb(name) {
  const after = await readDb(name);
  let chunksWritten = 0;
  let weightBytesWritten = 0;
  let chunkBytes = 0;
  for (const [key, value] of after.chunks) {
    chunkBytes = Math.max(chunkBytes, value.byteLength);
    const before = dbBefore.chunks.get(key);
    if (before && sameBits(before, value)) continue;
    chunksWritten++;
    weightBytesWritten += value.byteLength;
  }
  return {
    chunksStored: after.chunks.size,
    chunkBytes,
    chunksWritten,
    weightBytesWritten,
    namesStored: after.names,
    namesAdded: after.names - dbBefore.names,
  };
}

// ---- Main-thread responsiveness ----

/**
 * Runs `work` while a probe on the main thread pings itself through a MessageChannel as fast as it can,
 * recording when each tick ran. A gap between ticks is a time the main thread was busy with something else.
 * With `probe` false, only marks the window (for a trace of the page without the probe's load).
 */
async function probeDuring(label, work, probe) {
  if (!probe) {
    const mark = performance.mark(`tastebud-bench:${label}`);
    const start = performance.now();
    const result = await work();
    return { ticks: new Float64Array(0), start, end: performance.now(), markMs: mark.startTime, result };
  }
  const ticks = new Float64Array(1_000_000);
  let n = 0;
  let running = true;
  let warmed;
  const warm = new Promise((resolve) => {
    warmed = resolve;
  });
  let stopped;
  const stop = new Promise((resolve) => {
    stopped = resolve;
  });
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (n < ticks.length) ticks[n++] = performance.now();
    if (n === 50) warmed();
    if (running) channel.port2.postMessage(0);
    else stopped();
  };
  channel.port2.postMessage(0);
  await warm;
  const mark = performance.mark(`tastebud-bench:${label}`);
  const start = performance.now();
  const result = await work();
  const end = performance.now();
  running = false;
  await stop;
  channel.port1.close();
  return { ticks: ticks.subarray(0, n), start, end, markMs: mark.startTime, result };
}

/**
 * Gaps between probe ticks inside [start, end]. `work` is a flat list of [from, to] pairs (ascending,
 * disjoint): the benchmark's own calls on the main thread. A gap's residual is the gap minus the part of
 * it spent in those calls: what something else (SDK callbacks, the browser, GC, the store if it ever
 * blocked) held the thread for.
 */
function analyzeGaps(ticks, start, end, work) {
  const gaps = [];
  const top = [];
  let maxResidual = 0;
  let maxResidualGap = null;
  let j = 0;
  for (let i = 1; i < ticks.length; i++) {
    const a = ticks[i - 1];
    const b = ticks[i];
    if (b < start || a > end) continue;
    const gap = b - a;
    gaps.push(gap);
    while (j < work.length && work[j + 1] <= a) j += 2;
    let own = 0;
    for (let k = j; k < work.length && work[k] < b; k += 2) own += Math.max(0, Math.min(b, work[k + 1]) - Math.max(a, work[k]));
    const residual = gap - own;
    if (residual > maxResidual) {
      maxResidual = residual;
      maxResidualGap = { atMs: a - start, gapMs: gap, ownWorkMs: own, residualMs: residual };
    }
    if (top.length < 10 || gap > top[top.length - 1].gapMs) {
      top.push({ atMs: a - start, gapMs: gap, ownWorkMs: own, residualMs: residual });
      top.sort((x, y) => y.gapMs - x.gapMs);
      if (top.length > 10) top.pop();
    }
  }
  gaps.sort((x, y) => x - y);
  const q = (p) => gaps[Math.min(gaps.length - 1, Math.max(0, Math.ceil(p * gaps.length) - 1))] ?? 0;
  return {
    startMs: start,
    durationMs: end - start,
    ticks: gaps.length,
    medianGapMs: q(0.5),
    p99GapMs: q(0.99),
    p999GapMs: q(0.999),
    maxGapMs: gaps[gaps.length - 1] ?? 0,
    gapsOver1Ms: gaps.filter((g) => g > 1).length,
    maxResidualMs: maxResidual,
    maxResidualGap,
    largestGaps: top,
  };
}

function longTaskRecorder() {
  const entries = [];
  let supported = true;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) entries.push({ start: entry.startTime, duration: entry.duration });
  });
  try {
    observer.observe({ type: 'longtask' });
  } catch {
    supported = false;
  }
  return {
    supported,
    /** Long tasks that started in [start, end]; takes the observer's pending records first. */
    within(start, end) {
      for (const entry of observer.takeRecords()) entries.push({ start: entry.startTime, duration: entry.duration });
      const hits = entries.filter((e) => e.start >= start && e.start <= end);
      return { count: hits.length, maxMs: hits.reduce((m, e) => Math.max(m, e.duration), 0) };
    },
    stop: () => observer.disconnect(),
  };
}

/**
 * The main thread during an idle period and during a burst of `burst.length` track() calls, each in
 * its own task, with an awaited flush() after every `flushEvery` events; then `syncLoop` events tracked in
 * one synchronous loop (as a page replaying a backlog would), then flushed.
 */
async function mainThread({ burst, flushEvery, syncLoop, idleMs, settleMs, probe }) {
  await sdk().flush();
  await sleep(settleMs);
  const longTasks = longTaskRecorder();

  const idle = await probeDuring('idle', () => sleep(idleMs), probe);

  await sleep(settleMs);
  const work = [];
  const trackMs = [];
  const trackAndSendMs = [];
  const flushMs = [];
  const burstRun = await probeDuring(
    'burst',
    async () => {
      for (let i = 0; i < burst.length; i++) {
        const t0 = performance.now();
        sdk().track(burst[i]);
        const t1 = performance.now();
        await afterMicrotasks(); // the SDK's queued send (its postMessage to the worker) has run
        const t2 = performance.now();
        work.push(t0, t2);
        trackMs.push(t1 - t0);
        trackAndSendMs.push(t2 - t0);
        if ((i + 1) % flushEvery === 0 || i === burst.length - 1) {
          const f0 = performance.now();
          const flushed = sdk().flush();
          work.push(f0, performance.now());
          await flushed;
          flushMs.push(performance.now() - f0);
        }
        await nextTask();
      }
    },
    probe,
  );

  await sleep(settleMs);
  const loopWork = [];
  const loopTrackMs = [];
  const loop = await probeDuring(
    'syncLoop',
    async () => {
      await nextTask();
      const t0 = performance.now();
      for (const event of syncLoop) {
        const a = performance.now();
        sdk().track(event);
        loopTrackMs.push(performance.now() - a);
      }
      const t1 = performance.now();
      await afterMicrotasks(); // after the SDK's send: one postMessage carrying every queued event
      const t2 = performance.now();
      const flushed = sdk().flush();
      const t3 = performance.now();
      loopWork.push(t0, t3);
      await flushed;
      return { loopMs: t1 - t0, sendMs: t2 - t1, flushCallMs: t3 - t2, toPersistedMs: performance.now() - t0 };
    },
    probe,
  );
  await sleep(settleMs);

  const result = {
    longTaskObserver: longTasks.supported,
    idle: {
      markMs: idle.markMs,
      ...analyzeGaps(idle.ticks, idle.start, idle.end, []),
      longTasks: longTasks.within(idle.start, idle.end),
    },
    burst: {
      events: burst.length,
      flushes: flushMs.length,
      markMs: burstRun.markMs,
      ...analyzeGaps(burstRun.ticks, burstRun.start, burstRun.end, work),
      longTasks: longTasks.within(burstRun.start, burstRun.end),
      trackMs,
      trackAndSendMs,
      flushMs,
    },
    syncLoop: {
      events: syncLoop.length,
      ...loop.result,
      markMs: loop.markMs,
      ...analyzeGaps(loop.ticks, loop.start, loop.end, loopWork),
      longTasks: longTasks.within(loop.start, loop.end),
      trackMs: loopTrackMs,
    },
  };
  longTasks.stop();
  return result;
}

/** What the page sees of its environment. */
function environment() {
  const seen = new Set();
  let last = performance.now();
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 200_000 && seen.size < 200; i++) {
    const now = performance.now();
    if (now !== last) {
      smallest = Math.min(smallest, now - last);
      seen.add(now);
      last = now;
    }
  }
  return {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    deviceMemory: navigator.deviceMemory ?? null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    timerResolutionMs: smallest,
  };
}

window.bench = {
  open,
  close,
  seed,
  eventToPersisted,
  markedEventToPersisted,
  timedCalls,
  timedFlush,
  idbFloor,
  markDb,
  diffDb,
  mainThread,
  environment,
  errors: () => errors.splice(0),
  stats: () => (tb && typeof tb.stats === 'function' ? tb.stats() : null),
  profileEvents: async () => (await sdk().profile()).events,
};
window.benchReady = true;
