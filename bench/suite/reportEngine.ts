import { fmt, fmtSpread, kib, ratio, table } from './formatFigure';
import { barOf, chartCollector, type HeadlineRow, notMeasured, type ReportSection } from './ReportSection';
import { at, num, type Spread, spread } from './readFigures';
import { svgBarChart } from './svgBarChart';

/** A row of the scikit-learn table as a spread (its runs are seconds; min/max rates come with it). */
function sklearnSpread(engine: unknown, row: string): Spread | null {
  const median = num(engine, `sklearnPeer.${row}.eventsPerSecond`);
  if (median === null) return null;
  const runs = at(engine, `sklearnPeer.${row}.runsSeconds`);
  return {
    median,
    min: num(engine, `sklearnPeer.${row}.minEventsPerSecond`) ?? median,
    max: num(engine, `sklearnPeer.${row}.maxEventsPerSecond`) ?? median,
    n: Array.isArray(runs) ? runs.length : 1,
  };
}

/** rank() latency of one list size: median with the min–max of its repetitions. */
function rankSpread(engine: unknown, items: number): Spread | null {
  const median = num(engine, `rank.items${items}.medianMs`);
  if (median === null) return null;
  return {
    median,
    min: num(engine, `rank.items${items}.minMs`) ?? median,
    max: num(engine, `rank.items${items}.maxMs`) ?? median,
    n: num(engine, `rank.items${items}.repetitions`) ?? 1,
  };
}

/**
 * Engine: learner vs scikit-learn, ingest, rank latency, memory per profile.
 * @param engine - bench/engine.ts's JSON, or null.
 * @param imageDir - where the report's charts live, relative to it.
 */
export function reportEngine(engine: unknown, imageDir: string): ReportSection {
  const charts = chartCollector(imageDir);
  const title = 'Engine (Node)';
  if (engine === null) {
    return notMeasured(title, 'bench:engine', 'Engine');
  }
  const ours = spread(engine, 'learner.updatesPerSecond');
  const flat = spread(engine, 'learner.flatLoop.updatesPerSecond');
  const batch = sklearnSpread(engine, 'batch');
  const mb1000 = sklearnSpread(engine, 'miniBatch1000');
  const mb100 = sklearnSpread(engine, 'miniBatch100');
  const perEvent = sklearnSpread(engine, 'perEvent');
  const ingest = spread(engine, 'ingest.warm');
  const cloned = spread(engine, 'ingest.structuredClonedBatches');
  const misses = spread(engine, 'ingest.cacheMissesOnly');
  const rank = [100, 1_000, 10_000].map((n) => [n, rankSpread(engine, n)] as const);
  const rank1000 = rankSpread(engine, 1_000);
  const vsBatch = ours && batch ? ours.median / batch.median : null;

  const learnerChart = charts.add(
    'bench-learner.svg',
    svgBarChart(
      [
        barOf('Tastebud learner.update', ours, 0),
        barOf('bare typed-array PA-I loop', flat, 5),
        barOf('sklearn partial_fit, whole batch', batch, 1),
        barOf('sklearn, mini-batches of 1,000', mb1000, 1),
        barOf('sklearn, mini-batches of 100', mb100, 1),
        barOf('sklearn, one call per event', perEvent, 1),
      ].filter((b) => b !== null),
      { title: 'PA-I updates per second (200,000 events × 32 non-zeros, dim 2^18)', unit: 'updates/s', log: true },
    ),
    'Learner throughput against scikit-learn',
  );
  const rankChart = charts.add(
    'bench-rank.svg',
    svgBarChart(
      rank.map(([n, s]) => barOf(`rank() of ${n.toLocaleString('en-US')} items`, s, 0)).filter((b) => b !== null),
      {
        title: 'rank() latency, createEngine() defaults (median, whiskers min–max of repetitions)',
        unit: 'ms',
        log: true,
        target: { value: 1, label: 'target 1,000 items ≤ 1 ms' },
      },
    ),
    'rank latency by list size',
  );

  const markdown = [
    'Method: `bench/engine.ts`, every JavaScript section in its own Node process, scikit-learn (Debian python3-sklearn) ' +
      'last and alone, on the same synthetic stream (200,000 events, 32 distinct indices, labels from a hidden linear ' +
      "model with 10 % flipped). scikit-learn's batch modes run as many times as the learner; its one-call-per-event " +
      'mode runs on the first 10,000 events (its rate is flat; `bench/lib/sklearn_pa_peer.py`).',
    '',
    learnerChart,
    '',
    table(
      ['learner (PA-I, C 1, float32)', 'updates/s, median [min–max] (runs)', 'Tastebud ÷ this'],
      [
        ['Tastebud `learner.update`', fmtSpread(ours, '', 0), '1.00×'],
        ['bare typed-array loop (the ceiling)', fmtSpread(flat, '', 0), ratio(ours?.median ?? null, flat?.median ?? null)],
        [
          'scikit-learn `partial_fit`, whole CSR batch (target peer)',
          fmtSpread(batch, '', 0),
          ratio(ours?.median ?? null, batch?.median ?? null),
        ],
        ['scikit-learn, mini-batches of 1,000', fmtSpread(mb1000, '', 0), ratio(ours?.median ?? null, mb1000?.median ?? null)],
        ['scikit-learn, mini-batches of 100', fmtSpread(mb100, '', 0), ratio(ours?.median ?? null, mb100?.median ?? null)],
        [
          'scikit-learn, one `partial_fit` per event',
          fmtSpread(perEvent, '', 0),
          ratio(ours?.median ?? null, perEvent?.median ?? null),
        ],
      ],
    ),
    '',
    'Ingest (`engine.ingest`, batches of 1,000 raw events: validation, features, learning; 5,000-item catalogue):',
    '',
    table(
      ['ingest', 'events/s, median [min–max] (runs)'],
      [
        ['warm (feature cache filled)', fmtSpread(ingest, '', 0)],
        ["structuredClone'd batches (as a worker receives them)", fmtSpread(cloned, '', 0)],
        ['cache misses only (every item new)', fmtSpread(misses, '', 0)],
      ],
    ),
    '',
    rankChart,
    '',
    table(
      ['rank()', 'median', 'p95', 'min–max', 'repetitions'],
      rank.map(([n, s]) => [
        `${n.toLocaleString('en-US')} items`,
        `${fmt(s?.median ?? null, 3)} ms`,
        `${fmt(num(engine, `rank.items${n}.p95Ms`), 3)} ms`,
        `${fmt(s?.min ?? null, 3)}–${fmt(s?.max ?? null, 3)} ms`,
        String(s?.n ?? '—'),
      ]),
    ),
    '',
    `Memory per profile (one click on each of 5,000 items): weights ${kib(num(engine, 'memory.weightsBytes'))} ` +
      `(81,920 float32), names ≈ ${kib(num(engine, 'memory.namesBytesEstimate'))}, stored snapshot ` +
      `${kib(num(engine, 'memory.serializedSnapshotBytes'))}; measured heap per engine including its feature cache ` +
      `${kib(num(engine, 'memory.measuredEngineHeapBytes'))} (Node, --expose-gc, 8 engines).`,
  ].join('\n');

  const headline: HeadlineRow[] = [
    {
      area: 'Engine',
      measure: 'learner updates/s (PA-I)',
      tastebud: fmtSpread(ours, '', 0),
      peer: `scikit-learn batch partial_fit ${fmtSpread(batch, '', 0)}`,
      target: '≥ 1.0× scikit-learn batch',
      status: vsBatch === null ? 'missing' : vsBatch >= 1 ? 'pass' : 'behind',
    },
    {
      area: 'Engine',
      measure: 'ingest, raw events/s (warm)',
      tastebud: fmtSpread(ingest, '', 0),
      peer: '—',
      target: '≥ 1,000,000/s',
      status: ingest === null ? 'missing' : ingest.median >= 1e6 ? 'pass' : 'behind',
    },
    {
      area: 'Engine',
      measure: 'rank() 1,000 items',
      tastebud: fmtSpread(rank1000, ' ms', 3),
      peer: '—',
      target: '≤ 1 ms',
      status: rank1000 === null ? 'missing' : rank1000.median <= 1 ? 'pass' : 'behind',
    },
    {
      area: 'Engine',
      measure: 'memory per profile (5,000 items learned)',
      tastebud: `${kib(num(engine, 'memory.bytesPerProfileEstimate'))} (weights + names)`,
      peer: '—',
      target: '—',
      status: 'info',
    },
  ];
  const behind: string[] = [];
  if (vsBatch !== null && vsBatch < 1) {
    behind.push(
      `**Learner throughput:** ${fmt(ours?.median ?? null, 0)} updates/s is ${fmt(vsBatch, 2)}× scikit-learn's batch ` +
        `\`partial_fit\` (${fmt(batch?.median ?? null, 0)}/s, one call over the whole matrix, compiled Cython), short of ` +
        `the ≥ 1.0× target. Called once per event, as an online learner in a browser is, scikit-learn manages ` +
        `${fmt(perEvent?.median ?? null, 0)}/s.`,
    );
  }
  if (ingest && ingest.median < 1e6) behind.push(`**Ingest:** ${fmt(ingest.median, 0)} events/s, below the 1,000,000/s target.`);
  if (rank1000 && rank1000.median > 1)
    behind.push(`**rank():** 1,000 items take ${fmt(rank1000.median, 3)} ms, above the 1 ms target.`);
  return { title, markdown, charts: charts.charts, headline, behind };
}
