import { fmt, fmtSpread, kib, table } from './formatFigure';
import { barOf, chartCollector, type HeadlineRow, missingRow, type ReportSection } from './ReportSection';
import { at, list, num, spread } from './readFigures';
import { svgBarChart } from './svgBarChart';

const PEERS = ['segment', 'snowplow', 'algolia'] as const;
const LIBRARIES: Array<[key: string, label: string, path: string, group: number]> = [
  ['tastebud', 'Tastebud', 'libraries.tastebud', 0],
  ['segment', 'Segment analytics-next', 'libraries.segment', 1],
  ['snowplow', 'Snowplow browser-tracker', 'libraries.snowplow', 2],
  ['algolia', 'Algolia search-insights', 'libraries.algolia', 3],
  ['segment-nopersist', 'Segment, no persistence', 'peerVariants.segment-nopersist', 6],
  ['snowplow-nopersist', 'Snowplow, no persistence', 'peerVariants.snowplow-nopersist', 6],
];

/**
 * Main-thread cost per track() against Segment, Snowplow and Algolia, and what each loads (gzip).
 * @param mt - bench/mainThread.ts's JSON, or null.
 * @param sizes - scripts/sizes.mjs --json rows, or null.
 * @param imageDir - where the report's charts live, relative to it.
 */
export function reportMainThread(mt: unknown, sizes: unknown, imageDir: string): ReportSection {
  const charts = chartCollector(imageDir);
  const title = 'Main thread and bundle sizes (Chromium)';
  const sizeRows = Array.isArray(sizes) ? sizes : [];
  const sizeTable = sizeRows.length
    ? table(
        ['Tastebud bundle', 'min', 'min+gzip', 'budget', ''],
        sizeRows.map((r) => [
          `\`${String(at(r, 'file'))}\``,
          kib(num(r, 'minBytes')),
          kib(num(r, 'gzipBytes')),
          kib(num(r, 'budgetBytes')),
          at(r, 'ok') === true ? 'within' : '**over**',
        ]),
      )
    : '_scripts/sizes.mjs produced no sizes in this run (see "Run")._';
  if (mt === null) {
    return {
      title,
      markdown: `_bench:main-thread did not produce results in this run._\n\n${sizeTable}`,
      charts: [],
      headline: [missingRow('Browser')],
      behind: [],
    };
  }
  const runs = num(mt, 'workload.runs');
  const p95 = (path: string) => spread(mt, `${path}.perCallUs.p95`);
  const task = (path: string) => spread(mt, `${path}.mainThread.taskMs`);
  const p95Chart = charts.add(
    'bench-main-thread-p95.svg',
    svgBarChart(
      LIBRARIES.map(([, label, path, group]) => barOf(label, p95(path), group)).filter((b) => b !== null),
      {
        title: 'track() on the main thread: p95 per call (1,000 calls, same Chromium, same run)',
        unit: 'µs per call (5 µs timer resolution)',
        log: true,
        target: { value: 50, label: 'budget 50 µs' },
      },
    ),
    'p95 main-thread cost per tracked event',
  );
  const taskChart = charts.add(
    'bench-main-thread-total.svg',
    svgBarChart(
      LIBRARIES.map(([, label, path, group]) => barOf(label, task(path), group)).filter((b) => b !== null),
      { title: 'Main-thread task time for 1,000 events, calls + deferred work (CDP TaskDuration)', unit: 'ms', log: true },
    ),
    'main-thread task time per 1,000 events',
  );
  const loaded = (key: string) => num(mt, `sizes.${key}.loadedGzipBytes`);
  const sizeChart = charts.add(
    'bench-sizes.svg',
    svgBarChart(
      [
        { label: 'Tastebud page script', value: (num(mt, 'sizes.tastebud.mainThreadGzipBytes') ?? 0) / 1024, group: 0 },
        { label: 'Tastebud page + worker', value: (loaded('tastebud') ?? 0) / 1024, group: 0 },
        { label: 'Segment (loaded chunks)', value: (loaded('segment') ?? 0) / 1024, group: 1 },
        { label: 'Snowplow', value: (loaded('snowplow') ?? 0) / 1024, group: 2 },
        { label: 'Algolia search-insights', value: (loaded('algolia') ?? 0) / 1024, group: 3 },
      ],
      { title: 'What the page loads, min+gzip (esbuild minify, gzip -9)', unit: 'KiB' },
    ),
    'bundle sizes, Tastebud and peers',
  );
  const lost = at(mt, 'integrity.lostEvents');
  const lostOf = (key: string) => list(lost, key).reduce((s: number, x) => s + (typeof x === 'number' ? x : 0), 0);
  const rows = LIBRARIES.map(([key, label, path]) => [
    label,
    fmtSpread(p95(path), ' µs', 1),
    `${fmt(num(mt, `summary.${key}.p50Us`), 1)} / ${fmt(num(mt, `summary.${key}.p99Us`), 1)} µs`,
    fmtSpread(task(path), ' ms', 1),
    fmtSpread(spread(mt, `${path}.longTasks.count`), '', 0),
    key === 'tastebud' ? '—' : String(lostOf(key)),
  ]);
  const versions = at(mt, 'versions');
  const markdown = [
    `Method: \`bench/mainThread.ts\`, ${runs ?? '?'} run(s) per library, libraries taking turns in one headless Chromium ` +
      '(cross-origin isolated, 5 µs timer), a fresh context per run: 100 warm-up calls, then 1,000 calls each timed with ' +
      "performance.now(), then the library's deferred work (Tastebud: learned in its worker and stored; peers: every event " +
      'received by a loopback collector) and 500 ms. Peers are bundled from npm by esbuild and kept offline. ' +
      `Versions: ${
        versions && typeof versions === 'object'
          ? Object.entries(versions)
              .map(([k, v]) => `${k} ${String(v)}`)
              .join(', ')
          : '—'
      }.`,
    '',
    p95Chart,
    '',
    table(
      [
        'library',
        'p95 per call, median [min–max] over runs',
        'p50 / p99',
        'main-thread task ms (1,000 events)',
        'long tasks',
        'events lost',
      ],
      rows,
    ),
    '',
    ...PEERS.filter((k) => lostOf(k) > 0).map(
      (k) =>
        `${k} lost ${lostOf(k)} of its events over the runs: never received by the collector (the browser's errors are in ` +
        "bench:main-thread's `integrity.pageErrors`; a peer's losses are reported, not counted against the harness).\n",
    ),
    taskChart,
    '',
    sizeChart,
    '',
    sizeTable,
  ].join('\n');

  const tb = p95('libraries.tastebud');
  const peersP95 = PEERS.map((k) => [k, p95(`libraries.${k}`)] as const);
  const peerText = peersP95.map(([k, s]) => `${k} ${fmt(s?.median ?? null, 1)}`).join(', ');
  const belowAll = tb !== null && peersP95.every(([, s]) => s !== null && tb.median < s.median);
  const tbTask = task('libraries.tastebud');
  const tbLoaded = loaded('tastebud');
  const smallerPeers = PEERS.filter((k) => {
    const v = loaded(k);
    return v !== null && tbLoaded !== null && v < tbLoaded;
  });
  const headline: HeadlineRow[] = [
    {
      area: 'Browser',
      measure: 'track() main-thread cost, p95 per call',
      tastebud: fmtSpread(tb, ' µs', 1),
      peer: `${peerText} µs`,
      target: '≤ 50 µs, below every peer',
      status: tb === null ? 'missing' : tb.median <= 50 && belowAll ? 'pass' : 'behind',
    },
    {
      area: 'Browser',
      measure: 'main-thread task time, 1,000 events',
      tastebud: fmtSpread(tbTask, ' ms', 1),
      peer: `${PEERS.map((k) => `${k} ${fmt(task(`libraries.${k}`)?.median ?? null, 1)}`).join(', ')} ms`,
      target: 'below every peer',
      status:
        tbTask === null
          ? 'missing'
          : PEERS.every((k) => tbTask.median < (task(`libraries.${k}`)?.median ?? Number.POSITIVE_INFINITY))
            ? 'pass'
            : 'behind',
    },
    {
      area: 'Browser',
      measure: 'code loaded, min+gzip',
      tastebud: `page ${kib(num(mt, 'sizes.tastebud.mainThreadGzipBytes'))}, with worker ${kib(tbLoaded)}`,
      peer: PEERS.map((k) => `${k} ${kib(loaded(k))}`).join(', '),
      target: 'within every per-file budget, and no peer smaller',
      status:
        sizeRows.length === 0 ? 'missing' : smallerPeers.length || sizeRows.some((r) => at(r, 'ok') !== true) ? 'behind' : 'pass',
    },
  ];
  const behind: string[] = [];
  if (tb && !belowAll) behind.push(`**track() p95:** Tastebud ${fmt(tb.median, 1)} µs is not below every peer (${peerText} µs).`);
  if (tb && tb.median > 50) behind.push(`**track() p95:** ${fmt(tb.median, 1)} µs, over the 50 µs budget.`);
  if (smallerPeers.length) {
    behind.push(
      `**Size:** ${smallerPeers.map((k) => `${k} loads ${kib(loaded(k))}`).join(', ')}, less than Tastebud's page script and worker together ` +
        `(${kib(tbLoaded)}; the page script alone is ${kib(num(mt, 'sizes.tastebud.mainThreadGzipBytes'))}). They only send events; Tastebud ` +
        'also learns and ranks on the device.',
    );
  }
  for (const r of sizeRows.filter((r) => at(r, 'ok') !== true)) {
    behind.push(
      `**Budget:** \`${String(at(r, 'file'))}\` is ${kib(num(r, 'gzipBytes'))} min+gzip, over its ${kib(num(r, 'budgetBytes'))} budget.`,
    );
  }
  return { title, markdown, charts: charts.charts, headline, behind };
}
