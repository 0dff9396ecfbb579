import { serialize } from 'node:v8';
import {
  createEngine,
  createFeatureCache,
  createLearner,
  DEFAULT_FEATURE_WEIGHTS,
  DEFAULT_STRENGTHS,
  type Engine,
  EVENT_TYPES,
  eventEvidence,
  type Item,
  type TrackEvent,
  validateEvent,
} from 'tastebud/engine';
import { seededRandom } from '../../test/helpers/seededRandom';
import { type LatencySummary, latencies, rates, round, summarize } from './benchStats';
import { copyItem, createCatalog, createEventStream, type EventStream, shuffled } from './syntheticShop';

export const CATALOG_SIZE = 5_000;
const INGEST_EVENTS = 1_000_000;
const BATCH = 1_000;
const INGEST_RUNS = 7;
const CLONED_RUNS = 3;
const COLD_CATALOG_RUNS = 5;
const BREAKDOWN_EVENTS = 200_000;
const BREAKDOWN_RUNS = 5;
const RANK_REPS: ReadonlyArray<readonly [number, number]> = [
  [100, 200],
  [1_000, 200],
  [10_000, 40],
];
/** createEngine()'s defaults, for the breakdown's stand-alone parts. */
const SHARED_DIMENSIONS = 2 ** 14;
const LOCAL_DIMENSIONS = 2 ** 16;
const HALF_LIFE_MS = 60 * 86_400_000;

/** What the engine section of bench:engine measures: ingest, rank and memory figures. */
export type EngineResult = Awaited<ReturnType<typeof benchEngine>>;

interface Pass {
  seconds: number;
  learned: number;
}

/**
 * Feeds `total` events in batches, timing only the `await engine.ingest(batch)` calls.
 * @param transform - applied to each generated batch before timing (e.g. structuredClone).
 */
async function ingestPass(
  engine: Engine,
  stream: EventStream,
  total: number,
  transform: (batch: TrackEvent[]) => TrackEvent[] = (batch) => batch,
): Promise<Pass> {
  let ms = 0;
  let learned = 0;
  for (let done = 0; done < total; done += BATCH) {
    const batch = transform(stream.batch(Math.min(BATCH, total - done)));
    const t0 = performance.now();
    const result = await engine.ingest(batch);
    ms += performance.now() - t0;
    if (result.rejected.length > 0) throw new Error(`ingest rejected events: ${JSON.stringify(result.rejected.slice(0, 3))}`);
    learned += result.learned;
  }
  return { seconds: ms / 1000, learned };
}

function perSecond(count: number, seconds: number): string {
  return Math.round(count / seconds).toLocaleString('en');
}

/**
 * Ingest throughput, rank latency and profile memory of `createEngine()` with its defaults.
 * @param log - progress.
 */
export async function benchEngine(log: (message: string) => void) {
  const random = seededRandom(20_260_101);
  const catalog = createCatalog(CATALOG_SIZE, random);
  log(`ingest: catalog of ${CATALOG_SIZE} items, ${INGEST_EVENTS.toLocaleString('en')} events per pass, batches of ${BATCH}`);

  const engine = await createEngine();
  const stream = createEventStream(catalog, random);
  const seen = new Set<string>();
  const cold = await ingestPass(engine, stream, INGEST_EVENTS, (batch) => {
    for (const event of batch) if (event.item) seen.add(event.item.id);
    return batch;
  });
  log(`ingest cold pass (fresh engine, empty cache, cold JIT): ${perSecond(INGEST_EVENTS, cold.seconds)} events/s`);

  const warmSeconds: number[] = [];
  for (let r = 1; r <= INGEST_RUNS; r++) {
    const pass = await ingestPass(engine, stream, INGEST_EVENTS);
    warmSeconds.push(pass.seconds);
    log(`ingest warm run ${r}: ${perSecond(INGEST_EVENTS, pass.seconds)} events/s`);
  }

  // As a worker receives events: each batch through structuredClone (postMessage), so the strings are fresh too.
  const clonedSeconds: number[] = [];
  for (let r = 1; r <= CLONED_RUNS; r++) {
    const pass = await ingestPass(engine, stream, INGEST_EVENTS, (batch) => structuredClone(batch));
    clonedSeconds.push(pass.seconds);
    log(`ingest structuredClone'd batches run ${r}: ${perSecond(INGEST_EVENTS, pass.seconds)} events/s`);
  }

  // Cache misses only: a fresh engine per run, one click per catalogue item.
  const missSeconds: number[] = [];
  for (let r = 1; r <= COLD_CATALOG_RUNS; r++) {
    const fresh = await createEngine();
    const order = shuffled(catalog, random);
    let ts = 1_750_000_000_000;
    let ms = 0;
    for (let start = 0; start < order.length; start += BATCH) {
      const batch: TrackEvent[] = order
        .slice(start, start + BATCH)
        .map((item) => ({ type: 'click', item: copyItem(item), ts: ts++ }));
      const t0 = performance.now();
      const result = await fresh.ingest(batch);
      ms += performance.now() - t0;
      if (result.rejected.length > 0) throw new Error('cache-miss ingest rejected events');
    }
    missSeconds.push(ms / 1000);
    log(`ingest cache-miss run ${r}: ${perSecond(CATALOG_SIZE, ms / 1000)} events/s`);
  }

  const breakdown = await ingestBreakdown(engine, stream, catalog, log);

  const ingest = {
    catalogItems: CATALOG_SIZE,
    eventsPerPass: INGEST_EVENTS,
    batchSize: BATCH,
    eventMix: { click: 0.6, skip: 0.25, add_to_cart: 0.1, purchase: 0.05 },
    popularity: 'Zipf s=1 over the catalogue',
    engineOptions: 'createEngine() defaults',
    timing: 'sum of `await engine.ingest(batch)` durations; event generation excluded',
    warm: {
      ...rates(INGEST_EVENTS, warmSeconds, 'events/s'),
      note: 'same engine after the cold pass (cache filled); fresh event and item objects per event, shared strings',
    },
    coldPass: {
      eventsPerSecond: Math.round(INGEST_EVENTS / cold.seconds),
      seconds: round(cold.seconds, 4),
      learned: cold.learned,
      cacheMisses: seen.size,
      note: 'first pass on a fresh engine with a cold JIT; each item is validated and hashed on first sight',
    },
    structuredClonedBatches: {
      ...rates(INGEST_EVENTS, clonedSeconds, 'events/s'),
      note: 'each batch through structuredClone first (untimed), as postMessage delivers it: fresh strings too',
    },
    cacheMissesOnly: {
      ...rates(CATALOG_SIZE, missSeconds, 'events/s'),
      note: 'a fresh engine per run, one click per catalogue item, all cache misses: validate + featurize + record names',
    },
    breakdown,
  };

  const rank = benchRank(engine, catalog, random, log);
  const memory = await benchMemory(engine, catalog);
  log(`memory: weights ${memory.weightsBytes} B, names ≈ ${memory.namesBytesEstimate} B (${memory.namesEntries} entries)`);
  return { ingest, rank, memory };
}

/**
 * Where an ingested event's time goes: each public step alone, then `ingest`, each timed on fresh
 * batches of 1,000 events generated just before (so, like ingest's input, they are young and in cache).
 * Nanoseconds per event, median of runs.
 */
async function ingestBreakdown(engine: Engine, stream: EventStream, catalog: readonly Item[], log: (message: string) => void) {
  const cache = createFeatureCache(
    { sharedDimensions: SHARED_DIMENSIONS, localDimensions: LOCAL_DIMENSIONS },
    DEFAULT_FEATURE_WEIGHTS,
  );
  for (const item of catalog) cache.get(item);
  const learner = createLearner({
    dimensions: SHARED_DIMENSIONS + LOCAL_DIMENSIONS,
    algorithm: 'pa1',
    fitIntercept: false,
    precision: 'float32',
  });
  let sink = 0;
  let lastTs = 0;
  /** Times `step` over BREAKDOWN_EVENTS events in fresh batches; `prepare` runs untimed on each batch. */
  const time = async <P>(prepare: (batch: TrackEvent[]) => P, step: (batch: TrackEvent[], prepared: P) => unknown) => {
    const seconds: number[] = [];
    for (let r = 0; r <= BREAKDOWN_RUNS; r++) {
      let ms = 0;
      for (let done = 0; done < BREAKDOWN_EVENTS; done += BATCH) {
        const batch = stream.batch(BATCH);
        const prepared = prepare(batch);
        const t0 = performance.now();
        await step(batch, prepared);
        ms += performance.now() - t0;
      }
      if (r > 0) seconds.push(ms / 1000);
    }
    return round((summarize(seconds).median / BREAKDOWN_EVENTS) * 1e9, 1);
  };
  const none = () => null;
  // As ingest calls them: the event checked without its item (the cache validates items on a miss),
  // evidence looked up in a per-type table built once.
  const validate = await time(none, (batch) => {
    for (const event of batch) if (validateEvent(event, { requireTs: true, skipItem: true })) sink++;
  });
  const evidenceTable = new Map(EVENT_TYPES.map((type) => [type, eventEvidence({ type }, DEFAULT_STRENGTHS)] as const));
  const evidenceOf = (event: TrackEvent) => evidenceTable.get(event.type) ?? null;
  const evidenceNs = await time(none, (batch) => {
    for (const event of batch) sink += evidenceOf(event)?.strength ?? 0;
  });
  const cacheHit = await time(none, (batch) => {
    for (const event of batch) sink += cache.get(event.item as Item).indices.length;
  });
  const learn = await time(
    (batch) =>
      batch.map((event) => ({
        f: cache.get(event.item as Item),
        e: evidenceOf(event),
        ts: event.ts as number,
      })),
    (_, prepared) => {
      for (const { f, e, ts } of prepared) {
        if (!e) continue;
        if (ts > lastTs && lastTs > 0) learner.decay(2 ** (-(ts - lastTs) / HALF_LIFE_MS));
        lastTs = ts;
        sink += learner.update(f.indices, f.values, e.y, e.strength, 0);
      }
    },
  );
  const ingestNs = await time(none, async (batch) => {
    sink += (await engine.ingest(batch)).learned;
  });
  if (!Number.isFinite(sink)) throw new Error('breakdown diverged');
  const parts = round(validate + evidenceNs + cacheHit + learn, 1);
  log(
    `breakdown ns/event: validate ${validate}, evidence ${evidenceNs}, cache hit ${cacheHit}, decay+update ${learn}; ingest ${ingestNs}`,
  );
  return {
    unit: 'ns/event, median of runs; each step timed alone on fresh batches of 1,000 events, warm cache',
    validateEvent: validate,
    eventEvidence: evidenceNs,
    featureCacheHit: cacheHit,
    learnerDecayAndUpdate: learn,
    sumOfParts: parts,
    ingest: ingestNs,
    engineOverhead: round(ingestNs - parts, 1),
    note: 'stand-alone public functions as ingest uses them (validateEvent with skipItem, a per-type eventEvidence table, createFeatureCache, createLearner); engineOverhead = ingest - sumOfParts (recordNames check, globalScore, result objects, store.save, await)',
  };
}

function benchRank(engine: Engine, catalog: readonly Item[], random: () => number, log: (message: string) => void) {
  const pool = shuffled([...catalog, ...createCatalog(10_000 - catalog.length, random, 'extra')], random);
  let sink = 0;
  const timeRank = (list: readonly Item[], reps: number, prepare: (l: readonly Item[]) => readonly Item[] = (l) => l) => {
    const ms: number[] = [];
    for (let r = 0; r < reps; r++) {
      const input = prepare(list);
      const t0 = performance.now();
      const ranked = engine.rank(input);
      ms.push(performance.now() - t0);
      sink += ranked[0]?.score ?? 0;
    }
    return ms;
  };
  log('rank: warming up (hashes the 5,000 items not in the catalogue)');
  for (const [n] of RANK_REPS) timeRank(pool.slice(0, n), 10);
  const out: Partial<Record<`items${number}`, LatencySummary>> = {};
  for (const [n, reps] of RANK_REPS) {
    const summary = latencies(n, timeRank(pool.slice(0, n), reps));
    out[`items${n}`] = summary;
    log(`rank ${n} items: median ${summary.medianMs} ms, p95 ${summary.p95Ms} ms`);
  }
  // One list ranked in catalogue (popularity) order rather than shuffled: memory locality.
  const popular = catalog.slice(0, 1_000);
  timeRank(popular, 10);
  const inCatalogueOrder = latencies(1_000, timeRank(popular, 200));
  log(`rank 1000 most popular items, catalogue order: median ${inCatalogueOrder.medianMs} ms`);
  // Fresh objects and strings on every call, as items posted to a worker arrive.
  const cloned = latencies(
    1_000,
    timeRank(pool.slice(0, 1_000), 100, (list) => structuredClone(list)),
  );
  log(`rank 1000 structuredClone'd items: median ${cloned.medianMs} ms`);
  const ranked = engine.rank(pool.slice(0, 1_000));
  if (!Number.isFinite(sink)) throw new Error('rank produced non-finite scores');
  const items1000 = out.items1000;
  if (!items1000) throw new Error('rank 1000 was not measured');
  return Object.assign(out, {
    items1000,
    items1000PopularInCatalogueOrder: inCatalogueOrder,
    items1000StructuredCloned: cloned,
    poolItems: pool.length,
    note: 'lists are random picks from 10,000 items (the 5,000-item catalogue, learned, plus 5,000 more), the same objects every call unless structuredCloned',
    scoreRange1000: { top: round(ranked[0]?.score ?? 0, 4), bottom: round(ranked[ranked.length - 1]?.score ?? 0, 4) },
  });
}

async function benchMemory(engine: Engine, catalog: readonly Item[]) {
  const snapshot = engine.snapshot();
  let nameChars = 0;
  for (const name of snapshot.names.values()) nameChars += name.length;
  // A V8 hash-map entry (key, value, chain: 3 words, plus a bucket) and a one-byte string (16-byte header).
  const namesBytesEstimate = snapshot.names.size * (32 + 16) + nameChars;
  return {
    weightsLength: snapshot.weights.length,
    weightsBytes: snapshot.weights.byteLength,
    namesEntries: snapshot.names.size,
    namesCharacters: nameChars,
    namesBytesEstimate,
    bytesPerProfileEstimate: snapshot.weights.byteLength + namesBytesEstimate,
    serializedSnapshotBytes: serialize(snapshot).byteLength,
    measuredEngineHeapBytes: await measuredEngineBytes(catalog),
    notes: {
      serializedSnapshotBytes: 'v8.serialize(snapshot()): about what IndexedDB structured clone stores',
      measuredEngineHeapBytes:
        'heap + array buffers per engine after one click on each of the 5,000 items (includes its feature cache); null without --expose-gc',
    },
  };
}

/** Heap per engine that learned the catalogue (weights, names, feature cache); needs `--expose-gc`. */
async function measuredEngineBytes(catalog: readonly Item[]): Promise<number | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return null;
  const used = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const engines: Engine[] = [];
  const before = used();
  for (let k = 0; k < 8; k++) {
    const engine = await createEngine();
    let ts = 1_750_000_000_000;
    await engine.ingest(catalog.map((item) => ({ type: 'click', item: copyItem(item), ts: ts++ })));
    engines.push(engine);
  }
  const after = used();
  return engines.length > 0 ? Math.round((after - before) / engines.length) : null;
}
