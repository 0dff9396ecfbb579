import { barChart } from './barChart';
import { fmt, fmtSpread, kib, table } from './formatFigure';
import type { AddChart } from './Section';
import type { PartResults } from './SuiteResult';

/**
 * Main-thread cost per track() against Segment, Snowplow and Algolia, and what each library loads.
 * @param mt - bench/mainThread.ts's result.
 * @param chart - adds a chart.
 */
export function mainThreadSection(mt: PartResults['mainThread'], chart: AddChart): string {
  const libraries = [
    ['Tastebud', 'tastebud', mt.libraries.tastebud],
    ['Segment analytics-next', 'segment', mt.libraries.segment],
    ['Snowplow browser-tracker', 'snowplow', mt.libraries.snowplow],
    ['Algolia search-insights', 'algolia', mt.libraries.algolia],
    ['Segment, no persistence', 'segment-nopersist', mt.peerVariants['segment-nopersist']],
    ['Snowplow, no persistence', 'snowplow-nopersist', mt.peerVariants['snowplow-nopersist']],
  ] as const;
  const bars = (pick: (s: (typeof libraries)[number][2]) => { median: number; min: number; max: number }) =>
    libraries.map(([label, , s]) => ({ label, ...pick(s), value: pick(s).median, group: label.split(/[ ,]/)[0] ?? label }));
  const lost = mt.integrity.lostEvents;
  const { sizes } = mt;
  return [
    `Versions: ${Object.entries(mt.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; ${mt.workload.runs} run(s) per library.`,
    '',
    chart(
      'main-thread-p95',
      'p95 main-thread cost per tracked event',
      barChart(
        bars((s) => s.perCallUs.p95),
        {
          title: 'track() p95 per call (1,000 calls)',
          unit: 'µs per call (5 µs timer resolution)',
          log: true,
          target: { value: 50, label: 'budget 50 µs' },
        },
      ),
    ),
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
      libraries.map(([label, key, s]) => [
        label,
        fmtSpread(s.perCallUs.p95, ' µs', 1),
        `${fmt(s.perCallUs.p50.median, 1)} / ${fmt(s.perCallUs.p99.median, 1)} µs`,
        fmtSpread(s.mainThread.taskMs, ' ms', 1),
        fmtSpread(s.longTasks?.count, '', 0),
        key === 'tastebud' ? '—' : String(lost[key]?.reduce((a, b) => a + b, 0) ?? '—'),
      ]),
    ),
    '',
    chart(
      'main-thread-total',
      'main-thread task time per 1,000 events',
      barChart(
        bars((s) => s.mainThread.taskMs),
        { title: 'Main-thread task time for 1,000 events (CDP TaskDuration)', unit: 'ms', log: true },
      ),
    ),
    '',
    chart(
      'sizes',
      'bundle sizes, Tastebud and peers',
      barChart(
        [
          { label: 'Tastebud page script', value: sizes.tastebud.mainThreadGzipBytes / 1024, group: 'Tastebud' },
          { label: 'Tastebud page + worker', value: sizes.tastebud.loadedGzipBytes / 1024, group: 'Tastebud' },
          { label: 'Segment (loaded chunks)', value: sizes.segment.loadedGzipBytes / 1024, group: 'Segment' },
          { label: 'Snowplow', value: sizes.snowplow.loadedGzipBytes / 1024, group: 'Snowplow' },
          { label: 'Algolia search-insights', value: sizes.algolia.loadedGzipBytes / 1024, group: 'Algolia' },
        ],
        { title: 'What the page loads, min+gzip', unit: 'KiB' },
      ),
    ),
    '',
    table(
      ['library', 'loaded, min+gzip'],
      [
        ['Tastebud page script', kib(sizes.tastebud.mainThreadGzipBytes)],
        ['Tastebud page script + worker', kib(sizes.tastebud.loadedGzipBytes)],
        ...(['segment', 'snowplow', 'algolia'] as const).map((k) => [k, kib(sizes[k].loadedGzipBytes)]),
      ],
    ),
  ].join('\n');
}
