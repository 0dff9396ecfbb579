import { fmt, fmtSpread, table } from './formatFigure';
import { type LinePoint, lineChart } from './lineChart';
import type { AddChart } from './Section';
import type { PartResults } from './SuiteResult';

const METHODS = [
  ['engine', 'Tastebud engine (defaults)'],
  ['buyAgain', 'buy again (own most-bought, then popularity)'],
  ['frozenAfterFirstInvoice', 'profile frozen after the first invoice'],
  ['popularity', 'popularity up to that day'],
] as const;

type Quality = PartResults['quality'];

/**
 * The Online Retail replay: the engine against baselines, learning curves, PA variants against scikit-learn, drift.
 * @param quality - bench/quality.ts's result.
 * @param chart - adds a chart.
 */
export function qualitySection(quality: Quality, chart: AddChart): string {
  const months = Object.keys(quality.hitAtKByMonth.engine ?? {}).sort();
  const buckets = quality.learningCurveByHistory.buckets;
  const curve = (pick: (key: string, x: string) => number | undefined) =>
    METHODS.flatMap(([key, label]) => months.map((x): LinePoint => ({ series: label, x, value: pick(key, x) ?? null })));
  const sk = quality.algorithms.sklearn;
  const variants = 'skipped' in sk ? [] : Object.entries(sk.variants);
  const drift = quality.drift.configs;
  const span = (s: { median: number | null; min: number | null; max: number | null; notFollowed: number; runs: number[] }) =>
    `${fmt(s.median, 1)} [${fmt(s.min, 1)}–${fmt(s.max, 1)}] (${s.runs.length} pairs)${s.notFollowed ? `, ${s.notFollowed} never` : ''}`;
  return [
    `${quality.protocol.customerStride === 1 ? 'Every customer' : `Every ${quality.protocol.customerStride}th customer (quick mode)`}, ${fmt(quality.results.engine?.evaluated, 0)} rankings.`,
    '',
    table(
      ['method', 'hit@10', 'NDCG@10'],
      METHODS.map(([key, label]) => [label, fmt(quality.results[key]?.hitAtK, 4), fmt(quality.results[key]?.ndcgAtK, 4)]),
    ),
    '',
    chart(
      'learning-curve-month',
      'hit@10 per month',
      lineChart(
        curve((key, m) => quality.hitAtKByMonth[key]?.[m]?.hitAtK),
        { title: 'hit@10 per month of the evaluated invoice', x: 'month', y: 'hit@10' },
      ),
    ),
    '',
    chart(
      'learning-curve-history',
      'NDCG@10 by customer history',
      lineChart(
        METHODS.flatMap(([key, label]) =>
          buckets.map(
            (b): LinePoint => ({ series: label, x: b, value: quality.learningCurveByHistory.methods[key]?.[b]?.ndcgAtK ?? null }),
          ),
        ),
        { title: "NDCG@10 by the number of the customer's earlier invoices", x: 'earlier invoices', y: 'NDCG@10' },
      ),
    ),
    '',
    table(
      ['learner, same features', 'hit@10', 'NDCG@10'],
      [
        ...(['engine', 'engine pa', 'engine pa2', 'engine pa1, no decay'] as const).map((key) => [
          key,
          fmt(quality.algorithms[key]?.hitAtK, 4),
          fmt(quality.algorithms[key]?.ndcgAtK, 4),
        ]),
        ...variants.map(([name, v]) => [
          `${name}, no decay (scikit-learn ${'skipped' in sk ? '' : sk.sklearnVersion})`,
          fmt(v.hitAtK, 4),
          fmt(v.ndcgAtK, 4),
        ]),
      ],
    ),
    'skipped' in sk ? `\nscikit-learn did not run: ${sk.skipped}.` : '',
    '',
    `Drift pairs: ${quality.drift.pairs.join(', ')}.`,
    '',
    table(
      ['engine setting', 'purchases until the interests follow, median [min–max]', 'until the ranking follows'],
      Object.entries(drift).map(([name, d]) => [name, span(d.interests), span(d.rank)]),
    ),
  ].join('\n');
}

/**
 * The global model's cold-start quality under local differential privacy as reporting clients grow.
 * @param fed - bench/quality.ts's `federated` part.
 * @param chart - adds a chart.
 */
export function federatedSection(fed: Quality['federated'], chart: AddChart): string {
  const orders = [
    ['bestsellerOrder', "candidates in the shop's bestseller order", 'popularity (no model)'],
    ['shuffledOrder', 'candidates in a random order (the model alone)', 'no model'],
  ] as const;
  return orders
    .flatMap(([order, caption, none]) => {
      const x = (n: number) => n.toLocaleString('en-US');
      const points = fed.byClients.flatMap((r): LinePoint[] => [
        {
          series: 'local noise, z = 5',
          x: x(r.clients),
          value: r.local[order].hitAtK.median,
          min: r.local[order].hitAtK.min,
          max: r.local[order].hitAtK.max,
        },
        { series: 'no noise', x: x(r.clients), value: r.noNoise[order].hitAtK },
        {
          series: 'central noise, z = 5',
          x: x(r.clients),
          value: r.central[order].hitAtK.median,
          min: r.central[order].hitAtK.min,
          max: r.central[order].hitAtK.max,
        },
        { series: none, x: x(r.clients), value: fed.noModel[order].hitAtK },
      ]);
      return [
        chart(
          `federated-${order}`,
          `cold-start hit@10 by number of clients (${order})`,
          lineChart(points, { title: `Cold start, ${caption}`, x: 'reporting clients N', y: 'hit@10, fresh visitor' }),
        ),
        '',
        table(
          ['clients N', 'no noise', 'local z = 5, median [min–max] (draws)', 'central z = 5', none],
          fed.byClients.map((r) => [
            x(r.clients),
            fmt(r.noNoise[order].hitAtK, 4),
            fmtSpread(r.local[order].hitAtK, '', 4, 'draw'),
            fmtSpread(r.central[order].hitAtK, '', 4, 'draw'),
            fmt(fed.noModel[order].hitAtK, 4),
          ]),
        ),
        '',
      ];
    })
    .concat(
      table(
        ['clients N', '‖global model‖₂, no noise', '‖noise of the mean‖₂, local', '‖noise of the mean‖₂, central'],
        fed.byClients.map((r) => [
          r.clients.toLocaleString('en-US'),
          fmt(r.noNoise.modelNorm, 4),
          fmtSpread(r.local.noiseNorm, '', 2, 'draw'),
          fmtSpread(r.central.noiseNorm, '', 4, 'draw'),
        ]),
      ),
      '',
      `Split ${fed.split}: ${fmt(fed.trainingCustomers, 0)} training customers, ${fmt(fed.testRankings, 0)} test rankings; ${fmt(fed.noise.msPerNoisedReport)} ms per noised report. ${fed.clientsReused ?? ''}`,
    )
    .join('\n');
}
