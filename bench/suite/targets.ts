import type { Summary } from '../lib/benchStats';
import { fmt, fmtSpread, kib } from './formatFigure';
import type { PartName } from './parts';
import type { Figures } from './SuiteResult';
import { serverSetups } from './serverSetups';

/** How a target stands in one run: the figure, what it was compared with, and whether it holds. */
export interface Verdict {
  value: string;
  peer: string;
  /** null: the figure is missing (its benchmark failed or did not run). */
  pass: boolean | null;
}

/** A target of the project (issues 4, 8 and the design docs), checked on the suite's figures. */
export interface Target {
  area: 'Engine' | 'Browser' | 'Server' | 'Quality';
  measure: string;
  /** The target in words, e.g. '≤ 1 ms'. */
  limit: string;
  /** The benchmark whose figures it reads (measured again by `--budgets` when broken). */
  part: PartName;
  /** A CI budget: `npm run bench:quick` fails when it breaks twice in a row. */
  budget: boolean;
  check(figures: Figures): Verdict;
}

const MISSING: Verdict = { value: '—', peer: '—', pass: null };
const below = (value: number, limit: number) => value <= limit;
/** The original peers of the main-thread targets (issue 4); Algolia was added later and is reported, not targeted. */
const TARGET_PEERS = ['segment', 'snowplow'] as const;

function longTasks(worst: number | null | undefined, runs: number): Verdict {
  return worst === null || worst === undefined
    ? MISSING
    : { value: `${fmt(worst, 0)} in the worst of ${runs} run(s)`, peer: '—', pass: worst === 0 };
}

function atMost(s: Summary | null | undefined, limit: number, unit: string, digits = 2, peer = '—'): Verdict {
  return s ? { value: fmtSpread(s, unit, digits), peer, pass: below(s.median, limit) } : MISSING;
}

/** Every target, each defined once: the report's headline and the `--budgets` check both read this list. */
export const TARGETS: readonly Target[] = [
  {
    area: 'Engine',
    measure: 'learner updates/s (PA-I)',
    limit: '≥ 1.0× scikit-learn batch partial_fit',
    part: 'engine',
    budget: false,
    check({ engine }) {
      const ours = engine?.learner.updatesPerSecond;
      const peer = engine && 'batch' in engine.sklearnPeer ? engine.sklearnPeer.batch : null;
      if (!ours || !peer) return MISSING;
      const ratio = ours.median / peer.eventsPerSecond;
      return {
        value: `${fmtSpread(ours, '', 0)} (${fmt(ratio)}×)`,
        peer: `scikit-learn ${fmt(peer.eventsPerSecond, 0)}`,
        pass: ratio >= 1,
      };
    },
  },
  {
    area: 'Engine',
    measure: 'ingest, raw events/s (warm)',
    limit: '≥ 1,000,000/s',
    part: 'engine',
    budget: false,
    check: ({ engine }) =>
      engine ? { value: fmtSpread(engine.ingest.warm, '', 0), peer: '—', pass: engine.ingest.warm.median >= 1e6 } : MISSING,
  },
  {
    area: 'Engine',
    measure: 'rank() of 1,000 items, median',
    limit: '≤ 1 ms',
    part: 'engine',
    budget: false,
    check({ engine }) {
      const r = engine?.rank.items1000;
      return r ? { value: `${fmt(r.medianMs, 3)} ms`, peer: '—', pass: below(r.medianMs, 1) } : MISSING;
    },
  },
  {
    area: 'Browser',
    measure: 'track() main-thread cost, p95 per call',
    limit: '≤ 50 µs',
    part: 'mainThread',
    budget: true,
    check: ({ mainThread }) => atMost(mainThread?.libraries.tastebud.perCallUs.p95, 50, ' µs', 1),
  },
  {
    area: 'Browser',
    measure: 'track() p95 below Segment and Snowplow (same run)',
    limit: 'below both',
    part: 'mainThread',
    budget: true,
    check({ mainThread }) {
      if (!mainThread) return MISSING;
      const ours = mainThread.libraries.tastebud.perCallUs.p95.median;
      const theirs = TARGET_PEERS.map((k) => mainThread.libraries[k].perCallUs.p95.median);
      return {
        value: `${fmt(ours, 1)} µs`,
        peer: `${theirs.map((v) => fmt(v, 1)).join(' / ')} µs`,
        pass: theirs.every((v) => ours < v),
      };
    },
  },
  {
    area: 'Browser',
    measure: 'main-thread task time for 1,000 events below Segment and Snowplow (same run)',
    limit: 'below both',
    part: 'mainThread',
    budget: true,
    check({ mainThread }) {
      if (!mainThread) return MISSING;
      const ours = mainThread.libraries.tastebud.mainThread.taskMs.median;
      const theirs = TARGET_PEERS.map((k) => mainThread.libraries[k].mainThread.taskMs.median);
      return {
        value: `${fmt(ours, 1)} ms`,
        peer: `${theirs.map((v) => fmt(v, 1)).join(' / ')} ms`,
        pass: theirs.every((v) => ours < v),
      };
    },
  },
  {
    area: 'Browser',
    measure: 'long tasks during 1,000 track() calls + delivery (bench:main-thread)',
    limit: '0 (worst run)',
    part: 'mainThread',
    budget: true,
    check: ({ mainThread }) => longTasks(mainThread?.libraries.tastebud.longTasks?.count.max, mainThread?.workload.runs ?? 0),
  },
  {
    area: 'Browser',
    measure: 'every bundle min+gzip within its budget (scripts/sizes.mjs)',
    limit: 'each ≤ its budget',
    part: 'sizes',
    budget: true,
    check({ sizes }) {
      if (!sizes?.length) return MISSING;
      const over = sizes.filter((r) => !r.ok);
      return {
        value: over.length
          ? over.map((r) => `${r.file} ${kib(r.gzipBytes)} > ${kib(r.budgetBytes)}`).join(', ')
          : `${sizes.length} files within`,
        peer: '—',
        pass: over.length === 0,
      };
    },
  },
  {
    area: 'Browser',
    measure: 'code the page loads, min+gzip (page script + worker)',
    limit: 'no peer smaller',
    part: 'mainThread',
    budget: false,
    check({ mainThread }) {
      if (!mainThread) return MISSING;
      const { sizes } = mainThread;
      const peers = (['segment', 'snowplow', 'algolia'] as const).map((k) => [k, sizes[k].loadedGzipBytes] as const);
      return {
        value: kib(sizes.tastebud.loadedGzipBytes),
        peer: peers.map(([k, v]) => `${k} ${kib(v)}`).join(', '),
        pass: peers.every(([, v]) => v >= sizes.tastebud.loadedGzipBytes),
      };
    },
  },
  {
    area: 'Browser',
    measure: 'event → learned and persisted, p50',
    limit: '≤ 5 ms',
    part: 'browser',
    budget: false,
    check: ({ browser }) =>
      atMost(
        browser?.eventToPersisted.p50Ms,
        5,
        ' ms',
        2,
        `IndexedDB alone ${fmt(browser?.eventToPersisted.idbFloor.strictTypicalEventMs.p50)} ms`,
      ),
  },
  {
    area: 'Browser',
    measure: 'event → learned and persisted, p99',
    limit: '≤ 20 ms',
    part: 'browser',
    budget: false,
    check: ({ browser }) => atMost(browser?.eventToPersisted.p99Ms, 20, ' ms'),
  },
  {
    area: 'Browser',
    measure: 'longest main-thread task in a traced 1,000-event burst, CPU',
    limit: '≤ 1 ms',
    part: 'browser',
    budget: false,
    check({ browser }) {
      const burst = browser?.mainThread.attribution.withoutProbe.burst;
      if (!burst || 'error' in burst) return MISSING;
      return {
        value: `${fmt(burst.maxTaskCpuMs)} ms (${fmt(burst.maxTaskWallMs)} ms wall)`,
        peer: '—',
        pass: below(burst.maxTaskCpuMs, 1),
      };
    },
  },
  {
    area: 'Browser',
    measure: 'long tasks during a 1,000-event burst with flushes (bench:browser)',
    limit: '0 (worst run)',
    part: 'browser',
    budget: true,
    check: ({ browser }) => longTasks(browser?.mainThread.burst.longTasks.max, browser?.mainThread.runs ?? 0),
  },
  {
    area: 'Browser',
    measure: 'report build in the worker (2^14 dimensions, z = 5)',
    limit: '≤ 500 ms',
    part: 'worker',
    budget: false,
    check: ({ worker }) => atMost(worker?.reportBuild.buildMs, 500, ' ms'),
  },
  {
    area: 'Browser',
    measure: 'long tasks on the page while the worker builds reports',
    limit: '0 (all pages)',
    part: 'worker',
    budget: true,
    check: ({ worker }) =>
      worker
        ? { value: String(worker.reportBuild.page.longTasksTotal), peer: '—', pass: worker.reportBuild.page.longTasksTotal === 0 }
        : MISSING,
  },
  {
    area: 'Server',
    measure: 'every setup: reports/s at saturation; p99 at 1,000/s offered',
    limit: '≥ 1,000/s, p99 ≤ 100 ms',
    part: 'server',
    budget: false,
    check({ serverRuns }) {
      const setups = serverSetups(serverRuns);
      if (setups.length === 0) return MISSING;
      return {
        value: setups.map((s) => `${s.setup}: ${fmt(s.saturation.median, 0)}/s, p99 ${fmt(s.p99.median, 1)} ms`).join('; '),
        peer: '—',
        pass: setups.every((s) => s.saturation.median >= 1_000 && below(s.p99.median, 100)),
      };
    },
  },
  ...(['hitAtK', 'ndcgAtK'] as const).map(
    (metric): Target => ({
      area: 'Quality',
      measure: `next-basket ${metric === 'hitAtK' ? 'hit@10' : 'NDCG@10'} (Online Retail replay)`,
      limit: 'beats every baseline',
      part: 'quality',
      budget: false,
      check({ quality }) {
        const ours = quality?.results.engine?.[metric];
        if (ours === undefined) return MISSING;
        const baselines = Object.entries(quality?.results ?? {}).filter(([name]) => name !== 'engine');
        return {
          value: fmt(ours, 4),
          peer: baselines.map(([name, r]) => `${name} ${fmt(r?.[metric], 4)}`).join(', '),
          pass: baselines.every(([, r]) => r !== undefined && ours > r[metric]),
        };
      },
    }),
  ),
  {
    area: 'Quality',
    measure: 'cold start of a fresh visitor: global model of the most clients, local noise z = 5 (hit@10)',
    limit: 'better than popularity',
    part: 'quality',
    budget: false,
    check({ quality }) {
      const largest = quality?.federated.byClients.at(-1);
      const popularity = quality?.federated.noModel.bestsellerOrder.hitAtK;
      if (!largest || popularity === undefined) return MISSING;
      const local = largest.local.bestsellerOrder.hitAtK;
      return {
        value: `${fmtSpread(local, '', 4, 'draw')} at ${fmt(largest.clients, 0)} clients`,
        peer: `popularity ${fmt(popularity, 4)}`,
        pass: local.median > popularity,
      };
    },
  },
];
