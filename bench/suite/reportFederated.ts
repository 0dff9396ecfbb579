import { fmt, fmtSpread, sentence, table } from './formatFigure';
import { chartCollector, type HeadlineRow, type ReportSection } from './ReportSection';
import { at, list, num, type Spread, spread } from './readFigures';
import { svgLineChart } from './svgLineChart';

type Order = 'bestsellerOrder' | 'shuffledOrder';

/**
 * The global model's cold-start quality under local differential privacy as reporting clients grow.
 * @param quality - bench/quality.ts's JSON (its `federated` part), or null.
 * @param imageDir - where the report's charts live, relative to it.
 */
export function reportFederated(quality: unknown, imageDir: string): ReportSection {
  const title = 'Federated cold start under privacy noise';
  const fed = at(quality, 'federated');
  if (!fed) return { title, markdown: '_No federated study in this run._', charts: [], headline: [], behind: [] };
  const charts = chartCollector(imageDir);
  const rows = list(fed, 'byClients');
  const clients = rows.map((r) => num(r, 'clients') ?? 0);
  const x = clients.map((n) => n.toLocaleString('en-US'));
  const local = (r: unknown, order: Order) => spread(r, ['local', order, 'hitAtK']);
  const central = (r: unknown, order: Order) => spread(r, ['central', order, 'hitAtK']);
  const chart = (order: Order, file: string, caption: string) => {
    const none = num(fed, ['noModel', order, 'hitAtK']);
    return charts.add(
      file,
      svgLineChart(
        [
          {
            name: 'local noise, z = 5',
            values: rows.map((r) => local(r, order)?.median ?? null),
            min: rows.map((r) => local(r, order)?.min ?? null),
            max: rows.map((r) => local(r, order)?.max ?? null),
          },
          { name: 'no noise', values: rows.map((r) => num(r, ['noNoise', order, 'hitAtK'])) },
          {
            name: 'central noise, z = 5',
            values: rows.map((r) => central(r, order)?.median ?? null),
            min: rows.map((r) => central(r, order)?.min ?? null),
            max: rows.map((r) => central(r, order)?.max ?? null),
          },
          {
            name: order === 'bestsellerOrder' ? 'popularity (no model)' : 'no model',
            values: rows.map(() => none),
            dashed: true,
          },
        ],
        { title: caption, x, xLabel: 'reporting clients N', yLabel: 'hit@10, fresh visitor' },
      ),
      `cold-start hit@10 by number of clients (${order})`,
    );
  };
  const tableOf = (order: Order) =>
    table(
      ['clients N', 'no noise', 'local z = 5, median [min–max] (draws)', 'central z = 5', 'no model'],
      rows.map((r) => [
        (num(r, 'clients') ?? 0).toLocaleString('en-US'),
        fmt(num(r, ['noNoise', order, 'hitAtK']), 4),
        fmtSpread(local(r, order), '', 4, 'draw'),
        fmtSpread(central(r, order), '', 4, 'draw'),
        fmt(num(fed, ['noModel', order, 'hitAtK']), 4),
      ]),
    );
  const noiseRows = rows.map((r) => [
    (num(r, 'clients') ?? 0).toLocaleString('en-US'),
    fmt(num(r, 'noNoise.modelNorm'), 4),
    fmtSpread(spread(r, 'local.noiseNorm'), '', 2, 'draw'),
    fmtSpread(spread(r, 'central.noiseNorm'), '', 4, 'draw'),
  ]);
  const markdown = [
    `Method: \`bench/lib/runFederatedColdStart.ts\` inside bench:quality. ${sentence(at(fed, 'description'))} ` +
      `Split ${String(at(fed, 'split') ?? '?')}: ${fmt(num(fed, 'trainingCustomers'), 0)} training customers, ` +
      `${fmt(num(fed, 'testRankings'), 0)} test rankings. ${sentence(at(fed, 'clientsReused'))}`,
    '',
    `Noise: ${String(at(fed, 'noise.method') ?? '')}. ${fmt(num(fed, 'noise.msPerNoisedReport'), 2)} ms per noised report, ` +
      `${fmt(num(fed, 'noise.noisedReportSecondsTotal'), 1)} s in all. The spread is over noise draws (seeded); the no-noise model is deterministic.`,
    '',
    chart('bestsellerOrder', 'bench-federated-bestsellers.svg', "Cold start, candidates in the shop's bestseller order"),
    '',
    tableOf('bestsellerOrder'),
    '',
    chart('shuffledOrder', 'bench-federated-shuffled.svg', 'Cold start, candidates in a random order (the model alone)'),
    '',
    tableOf('shuffledOrder'),
    '',
    table(['clients N', '‖global model‖₂, no noise', '‖noise of the mean‖₂, local', '‖noise of the mean‖₂, central'], noiseRows),
  ].join('\n');

  const largest = rows.at(-1);
  const n = num(largest, 'clients');
  const localBest = largest ? local(largest, 'bestsellerOrder') : null;
  const clean = num(largest, 'noNoise.bestsellerOrder.hitAtK');
  const popularity = num(fed, 'noModel.bestsellerOrder.hitAtK');
  const headline: HeadlineRow[] = [
    {
      area: 'Quality',
      measure: `cold start, global model of ${fmt(n, 0)} clients, local noise z = 5 (hit@10)`,
      tastebud: fmtSpread(localBest, '', 4, 'draw'),
      peer: `no noise ${fmt(clean, 4)}; popularity ${fmt(popularity, 4)}`,
      target: 'better than popularity',
      status: localBest === null || popularity === null ? 'missing' : localBest.median > popularity ? 'pass' : 'behind',
    },
  ];
  const behind: string[] = [];
  const worse = rows.filter((r) => {
    const s = local(r, 'bestsellerOrder');
    return s !== null && popularity !== null && s.median <= popularity;
  });
  if (worse.length) {
    const noiseNorm: Spread | null = largest ? spread(largest, 'local.noiseNorm') : null;
    behind.push(
      `**Privacy noise:** with local noise (z = 5) the global model ranks worse for a fresh visitor than the shop's bestseller order ` +
        `at ${worse.map((r) => fmt(num(r, 'clients'), 0)).join(', ')} clients (at ${fmt(n, 0)}: ${fmt(localBest?.median ?? null, 4)} vs ` +
        `${fmt(popularity, 4)}). The noise of the mean (per coordinate ${fmt(num(fed, ['noise', 'localPerCoordinateStdOfMean', String(n)]), 3)}, ` +
        `norm ${fmt(noiseNorm?.median ?? null, 2)}) is far above the model itself (norm ${fmt(num(largest, 'noNoise.modelNorm'), 3)}): ` +
        'local noise at this σ needs orders of magnitude more clients; central noise (added once by the server) is shown for comparison.',
    );
  }
  if (clean !== null && popularity !== null && clean <= popularity) {
    const shuffledClean = num(largest, 'noNoise.shuffledOrder.hitAtK');
    const shuffledNone = num(fed, 'noModel.shuffledOrder.hitAtK');
    behind.push(
      `**Global model:** even without noise, the federated model (shared part: category and price features, no item ids) does not ` +
        `beat the bestseller order for a fresh visitor (${fmt(clean, 4)} vs ${fmt(popularity, 4)}); on a list in random order it does ` +
        `add signal (${fmt(shuffledClean, 4)} vs ${fmt(shuffledNone, 4)} without a model).`,
    );
  }
  return { title, markdown, charts: charts.charts, headline, behind };
}
