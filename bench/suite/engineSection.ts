import { barChart } from './barChart';
import { fmt, fmtSpread, kib, ratio, table } from './formatFigure';
import type { AddChart } from './Section';
import type { PartResults } from './SuiteResult';

/**
 * The engine's tables and charts: learner against scikit-learn, ingest, rank latency, memory.
 * @param engine - bench/engine.ts's result.
 * @param chart - adds a chart.
 */
export function engineSection(engine: PartResults['engine'], chart: AddChart): string {
  const ours = engine.learner.updatesPerSecond;
  const sk = 'skipped' in engine.sklearnPeer ? null : engine.sklearnPeer;
  const peers = [
    ['scikit-learn `partial_fit`, whole CSR batch (target peer)', sk?.batch],
    ['scikit-learn, mini-batches of 1,000', sk?.miniBatch1000],
    ['scikit-learn, mini-batches of 100', sk?.miniBatch100],
    ['scikit-learn, one `partial_fit` per event', sk?.perEvent],
  ] as const;
  const learnerRows = [
    ['Tastebud `learner.update`', fmtSpread(ours, '', 0), '1.00×'],
    [
      'bare typed-array loop (the ceiling)',
      fmtSpread(engine.learner.flatLoop.updatesPerSecond, '', 0),
      ratio(ours.median, engine.learner.flatLoop.updatesPerSecond.median),
    ],
    ...peers.map(([label, row]) => [
      label,
      row
        ? `${fmt(row.eventsPerSecond, 0)} [${fmt(row.minEventsPerSecond, 0)}–${fmt(row.maxEventsPerSecond, 0)}] (${row.runsSeconds.length} runs)`
        : '—',
      ratio(ours.median, row?.eventsPerSecond),
    ]),
  ];
  const bars = [
    { label: 'Tastebud learner.update', value: ours.median, min: ours.min, max: ours.max, group: 'Tastebud' },
    { label: 'bare typed-array PA-I loop', value: engine.learner.flatLoop.updatesPerSecond.median, group: 'reference' },
    ...peers.flatMap(([label, row]) =>
      row
        ? [
            {
              label: label.replace(/`/g, ''),
              value: row.eventsPerSecond,
              min: row.minEventsPerSecond,
              max: row.maxEventsPerSecond,
              group: 'scikit-learn',
            },
          ]
        : [],
    ),
  ];
  const rank = ([100, 1_000, 10_000] as const).map((n) => [n, engine.rank[`items${n}`]] as const);
  const { memory, ingest } = engine;
  return [
    chart(
      'learner',
      'Learner throughput against scikit-learn',
      barChart(bars, { title: 'PA-I updates per second', unit: 'updates/s', log: true }),
    ),
    '',
    table(['learner (PA-I, C 1, float32)', 'updates/s, median [min–max] (runs)', 'Tastebud ÷ this'], learnerRows),
    '',
    table(
      ['ingest, batches of 1,000 raw events', 'events/s, median [min–max] (runs)'],
      [
        ['warm (feature cache filled)', fmtSpread(ingest.warm, '', 0)],
        ["structuredClone'd batches (as a worker receives them)", fmtSpread(ingest.structuredClonedBatches, '', 0)],
        ['cache misses only (every item new)', fmtSpread(ingest.cacheMissesOnly, '', 0)],
      ],
    ),
    '',
    chart(
      'rank',
      'rank latency by list size',
      barChart(
        rank.flatMap(([n, s]) =>
          s
            ? [{ label: `${n.toLocaleString('en-US')} items`, value: s.medianMs, min: s.minMs, max: s.maxMs, group: 'Tastebud' }]
            : [],
        ),
        {
          title: 'rank() latency, createEngine() defaults',
          unit: 'ms',
          log: true,
          target: { value: 1, label: '1,000 items ≤ 1 ms' },
        },
      ),
    ),
    '',
    table(
      ['rank()', 'median', 'p95', 'min–max', 'repetitions'],
      rank.map(([n, s]) => [
        `${n.toLocaleString('en-US')} items`,
        `${fmt(s?.medianMs, 3)} ms`,
        `${fmt(s?.p95Ms, 3)} ms`,
        `${fmt(s?.minMs, 3)}–${fmt(s?.maxMs, 3)} ms`,
        String(s?.repetitions ?? '—'),
      ]),
    ),
    '',
    table(
      ['memory per profile (one click on each of 5,000 items)', 'size'],
      [
        ['weights', kib(memory.weightsBytes)],
        ['names (estimate)', kib(memory.namesBytesEstimate)],
        ['weights + names', kib(memory.bytesPerProfileEstimate)],
        ['stored snapshot', kib(memory.serializedSnapshotBytes)],
        ['measured heap per engine, feature cache included', kib(memory.measuredEngineHeapBytes)],
      ],
    ),
  ].join('\n');
}
