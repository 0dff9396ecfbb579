// The in-page half of `npm run bench:main-thread` (bench/mainThread.ts drives it with page.evaluate and
// computes the statistics). Plain JavaScript on purpose: functions that tsx compiles and Playwright
// serialises into the page would carry esbuild's `__name(...)` helper, which the page does not have.
//
// The page is /page?lib=<name> from bench/lib/mainThreadServer.ts. Every library gets the same harness:
// `prepare(items)` builds the call arguments outside the timed loop, `run()` times each call with
// performance.now(), `settle()` asks the library to send what it holds (tastebud: flush()).

const lib = new URLSearchParams(location.search).get('lib') ?? 'none';
const SCHEMA = 'iglu:com.example.shop/product_click/jsonschema/1-0-0';

/** Long tasks (> 50 ms) on the main thread, from page start. */
const longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // no Long Tasks API: reported as null
}
const longTaskObserver = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;

const errors = [];
addEventListener('error', (event) => errors.push(String(event.message)));
addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${String(event.reason)}`));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves in a new task: a MessageChannel post (not clamped like a nested setTimeout).
const taskChannel = new MessageChannel();
const taskWaiters = [];
taskChannel.port1.onmessage = () => taskWaiters.shift()?.();
const nextTask = () =>
  new Promise((resolve) => {
    taskWaiters.push(resolve);
    taskChannel.port2.postMessage(0);
  });

const props = (item) => ({ id: item.id, category: item.category, brand: item.brand, price: item.price });

/** No library: what the harness itself costs (the loop, two performance.now() reads, an indirect call). */
function noneAdapter() {
  return {
    prepare: (items) => items.map(props),
    call: (_args) => {},
    settle: async () => {},
    check: async () => ({}),
  };
}

/** The script-tag SDK: the snippet and the async script are in the page; wait for the instance. */
async function tastebudAdapter() {
  const deadline = performance.now() + 15_000;
  while (!window.Tastebud?.instance) {
    if (performance.now() > deadline) throw new Error('window.Tastebud.instance did not appear within 15 s');
    await sleep(5);
  }
  const sdk = window.Tastebud.instance;
  sdk.on('error', (error) => errors.push(`${error.name}: ${error.message}`));
  await sdk.flush(); // the worker is up and the (empty) profile loaded
  return {
    prepare: (items) => items.map((item) => ({ type: 'click', item: props(item) })),
    call: (event) => sdk.track(event),
    settle: () => sdk.flush(),
    check: async () => ({ stats: sdk.stats(), profileEvents: (await sdk.profile()).events }),
  };
}

/**
 * Segment analytics-next from npm, bundled by esbuild. Settings are given inline (`cdnSettings`), so
 * nothing is fetched from Segment's CDN; the one destination, Segment.io, posts to this page's own
 * origin (/v1/t), where the bench server answers 200. Without `persist`: `disableClientPersistence: true`
 * (identity and retry queue in memory: no cookies, no localStorage).
 */
async function segmentAdapter(persist = true) {
  const { AnalyticsBrowser } = await import('/build/segment/index.js');
  const [analytics] = await AnalyticsBrowser.load(
    { writeKey: 'bench-write-key', cdnSettings: { integrations: { 'Segment.io': { apiKey: 'bench-write-key' } } } },
    {
      integrations: { 'Segment.io': { apiHost: `${location.host}/v1`, protocol: 'http' } },
      ...(persist ? {} : { disableClientPersistence: true }),
    },
  );
  analytics.on('error', (error) => errors.push(`segment ${error.code}: ${String(error.reason)}`));
  return {
    prepare: (items) => items.map(props),
    call: (properties) => analytics.track('click', properties),
    settle: async () => {},
    check: async () => ({ plugins: analytics.queue.plugins.map((p) => p.name) }),
  };
}

/**
 * Snowplow browser-tracker from npm, bundled by esbuild; the collector is this page's origin (/collector).
 * Without `persist`: `stateStorageStrategy: 'none'` (no cookies, no localStorage event queue).
 */
async function snowplowAdapter(persist = true) {
  const sp = await import('/build/snowplow/index.js');
  const tracker = sp.newTracker('sp', `${location.origin}/collector`, {
    appId: 'bench',
    platform: 'web',
    ...(persist ? {} : { stateStorageStrategy: 'none' }),
  });
  if (!tracker) throw new Error('newTracker returned nothing');
  return {
    prepare: (items) => items.map((item) => ({ event: { schema: SCHEMA, data: props(item) } })),
    call: (event) => sp.trackSelfDescribingEvent(event),
    settle: async () => sp.flushBuffer(),
    check: async () => ({}),
  };
}

/**
 * Algolia's search-insights from npm, bundled by esbuild; `host` sends its events to this page's origin
 * (/1/events) instead of insights.algolia.io. Defaults otherwise: an anonymous user token in memory (no
 * cookie since 2.x), one request per call (sendBeacon), no batching.
 */
async function algoliaAdapter() {
  const { default: aa } = await import('/build/algolia/index.js');
  aa('init', { appId: 'BENCHAPP', apiKey: 'bench-api-key', host: location.origin });
  return {
    prepare: (items) => items.map((item) => ({ eventName: 'Product Clicked', index: 'products', objectIDs: [item.id] })),
    call: (event) => aa('clickedObjectIDs', event),
    settle: async () => {},
    check: async () => ({}),
  };
}

const adapters = {
  none: noneAdapter,
  tastebud: tastebudAdapter,
  segment: () => segmentAdapter(true),
  snowplow: () => snowplowAdapter(true),
  algolia: algoliaAdapter,
  'segment-nopersist': () => segmentAdapter(false),
  'snowplow-nopersist': () => snowplowAdapter(false),
};

let adapter = null;
let args = [];

function current() {
  if (!adapter) throw new Error(`bench: the ${lib} adapter is not ready`);
  return adapter;
}

/** The smallest non-zero step of performance.now() seen in a short spin. */
function timerResolutionMs() {
  let smallest = Number.POSITIVE_INFINITY;
  let last = performance.now();
  const end = last + 20;
  while (last < end) {
    const now = performance.now();
    if (now > last) {
      smallest = Math.min(smallest, now - last);
      last = now;
    }
  }
  return smallest;
}

window.bench = {
  lib,
  ready: (async () => {
    const make = adapters[lib];
    if (!make) throw new Error(`bench: unknown library ${lib}`);
    adapter = await make();
    return true;
  })(),
  environment: () => ({
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    webdriver: navigator.webdriver,
    timerResolutionMs: timerResolutionMs(),
    longTaskObserver,
  }),
  /** Builds the call arguments (outside every timed section). */
  prepare(items) {
    args = current().prepare(items);
    return args.length;
  },
  /**
   * Calls the library once per prepared argument, timing each call; then how long until the next task
   * can run (the microtasks the calls queued run before it).
   */
  async run() {
    const { call } = current();
    const n = args.length;
    const ms = new Array(n);
    // The loop runs in a task of the page's own (a MessageChannel message), as an event handler would,
    // not inside the DevTools protocol's evaluate: the Long Tasks API sees it, as it would see a shop's.
    const windowStartMs = performance.now();
    await nextTask();
    const startMs = performance.now();
    for (let i = 0; i < n; i++) {
      const a = args[i];
      const t0 = performance.now();
      call(a);
      ms[i] = performance.now() - t0;
    }
    const loopMs = performance.now() - startMs;
    await nextTask();
    const loopAndMicrotasksMs = performance.now() - startMs;
    args = [];
    return { ms, windowStartMs, startMs, loopMs, loopAndMicrotasksMs };
  },
  async settle() {
    await current().settle();
  },
  /** Long tasks that ended at or after `sinceMs` (performance.now() time). */
  longTasks(sinceMs) {
    if (!longTaskObserver) return null;
    const since = longTasks.filter((t) => t.start + t.duration >= sinceMs);
    return {
      count: since.length,
      totalMs: since.reduce((sum, t) => sum + t.duration, 0),
      maxMs: since.reduce((max, t) => Math.max(max, t.duration), 0),
    };
  },
  check: () => current().check(),
  errors: () => errors.slice(),
  now: () => performance.now(),
};
