import { fmt, fmtSpread, sentence, table } from './formatFigure';
import { chartCollector, type HeadlineRow, notMeasured, type ReportSection } from './ReportSection';
import { at, list, num, spread } from './readFigures';
import { svgBarChart } from './svgBarChart';
import { svgLineChart } from './svgLineChart';

const METHODS: Array<[key: string, label: string, legend: string]> = [
  ['engine', 'Tastebud engine (defaults)', 'Tastebud engine'],
  ['buyAgain', 'buy again (own most-bought, then popularity)', 'buy again'],
  ['frozenAfterFirstInvoice', 'profile frozen after the first invoice', 'frozen after 1st invoice'],
  ['popularity', 'popularity up to that day', 'popularity'],
];
const ALGORITHMS: Array<[key: string, label: string]> = [
  ['engine', 'engine PA-I (defaults: C 0.01, half-life 90 d)'],
  ['engine pa', 'engine PA'],
  ['engine pa2', 'engine PA-II'],
  ['engine pa1, no decay', 'engine PA-I, no decay'],
];

/**
 * The Online Retail replay: results against baselines, learning curves, the PA variants against
 * scikit-learn, and the drift study.
 * @param quality - bench/quality.ts's JSON, or null.
 * @param imageDir - where the report's charts live, relative to it.
 */
export function reportQuality(quality: unknown, imageDir: string): ReportSection {
  const title = 'Recommendation quality (UCI Online Retail replay)';
  if (quality === null) {
    return notMeasured(title, 'bench:quality', 'Quality');
  }
  const charts = chartCollector(imageDir);
  const behind: string[] = [];
  const hit = (key: string) => num(quality, `results.${key}.hitAtK`);
  const ndcg = (key: string) => num(quality, `results.${key}.ndcgAtK`);
  const stride = num(quality, 'protocol.customerStride') ?? 1;

  const months = Object.keys((at(quality, 'hitAtKByMonth.engine') as Record<string, unknown> | undefined) ?? {}).sort();
  const monthChart = charts.add(
    'bench-learning-curve-month.svg',
    svgLineChart(
      METHODS.map(([key, , legend]) => ({
        name: legend,
        values: months.map((m) => num(quality, `hitAtKByMonth.${key}.${m}.hitAtK`)),
      })),
      { title: 'hit@10 per month of the evaluated invoice', x: months, xLabel: 'month', yLabel: 'hit@10' },
    ),
    'hit@10 per month, engine and baselines',
  );
  const buckets = list(quality, 'learningCurveByHistory.buckets').map(String);
  const historyChart = charts.add(
    'bench-learning-curve-history.svg',
    svgLineChart(
      METHODS.map(([key, , legend]) => ({
        name: legend,
        values: buckets.map((b) => num(quality, `learningCurveByHistory.methods.${key}.${b}.ndcgAtK`)),
      })),
      {
        title: "NDCG@10 by the number of the customer's earlier invoices",
        x: buckets,
        xLabel: 'earlier invoices of the customer',
        yLabel: 'NDCG@10',
      },
    ),
    'NDCG@10 by customer history',
  );
  const monthsBehind = months.filter((m) => {
    const e = num(quality, `hitAtKByMonth.engine.${m}.hitAtK`);
    const b = num(quality, `hitAtKByMonth.buyAgain.${m}.hitAtK`);
    return e !== null && b !== null && e < b;
  });
  const bucketsBehind = buckets.filter((b) => {
    const e = num(quality, `learningCurveByHistory.methods.engine.${b}.ndcgAtK`);
    const a = num(quality, `learningCurveByHistory.methods.buyAgain.${b}.ndcgAtK`);
    return e !== null && a !== null && e < a;
  });

  const sk = at(quality, 'algorithms.sklearn');
  const skVariants = at(sk, 'variants') as Record<string, unknown> | undefined;
  const algoRows = [
    ...ALGORITHMS.map(([key, label]) => [
      label,
      fmt(num(quality, `algorithms.${key}.hitAtK`), 4),
      fmt(num(quality, `algorithms.${key}.ndcgAtK`), 4),
    ]),
    ...Object.keys(skVariants ?? {}).map((name) => [
      `${name}, C 0.03, no decay (scikit-learn ${String(at(sk, 'sklearnVersion') ?? '')})`,
      fmt(num(skVariants, [name, 'hitAtK']), 4),
      fmt(num(skVariants, [name, 'ndcgAtK']), 4),
    ]),
  ];
  const noDecay = num(quality, 'algorithms.engine pa1, no decay.hitAtK');
  const skPa1 = num(skVariants, 'sklearn PA-I (hinge).hitAtK');

  const drift = at(quality, 'drift.configs') as Record<string, unknown> | undefined;
  const driftNames = Object.keys(drift ?? {});
  const driftChart = charts.add(
    'bench-drift.svg',
    svgBarChart(
      driftNames.flatMap((name, i) => {
        const s = spread(drift, [name, 'rank']);
        const never = num(drift, [name, 'rank', 'notFollowed']) ?? 0;
        const note = `${fmt(s?.median ?? null, 1)}${never ? ` (${never} of ${never + (s?.n ?? 0)} pairs never)` : ''}`;
        return s ? [{ label: name, value: s.median, min: s.min, max: s.max, group: i === 0 ? 0 : 6, note }] : [];
      }),
      {
        title: 'Drift: purchases of the new type until the ranking follows (median over pairs)',
        unit: 'purchases after the switch',
        whiskers: 'min–max over the pairs that followed',
      },
    ),
    'purchases until the profile follows a change of interest',
  );
  const driftRow = (name: string) => {
    const interests = spread(drift, [name, 'interests']);
    const rank = spread(drift, [name, 'rank']);
    const notI = num(drift, [name, 'interests', 'notFollowed']) ?? 0;
    const notR = num(drift, [name, 'rank', 'notFollowed']) ?? 0;
    return [
      name,
      `${fmtSpread(interests, '', 1, 'pair')}${notI ? `, ${notI} never` : ''}`,
      `${fmtSpread(rank, '', 1, 'pair')}${notR ? `, ${notR} never` : ''}`,
    ];
  };
  // Only the shipped defaults count against Tastebud; the other settings are for comparison.
  for (const name of driftNames.slice(0, 1)) {
    const never = num(drift, [name, 'rank', 'notFollowed']) ?? 0;
    if (never > 0) {
      behind.push(
        `**Drift (${name}):** the ranking had not followed the new interest after ${String(at(quality, 'drift.description') ?? '').match(/up to (\d+)/)?.[1] ?? 'the maximum'} purchases for ${never} of ${list(quality, 'drift.pairs').length} pairs.`,
      );
    }
  }

  const markdown = [
    `Method: \`bench/quality.ts\` (docs/quality.md): per customer, invoices in time order; before each invoice after the first, ` +
      "rank the invoice's items among 100 sampled catalogue items given in the shop's bestseller order. " +
      `${stride === 1 ? 'Every customer' : `Every ${stride}th customer (quick mode)`}, ${fmt(num(quality, 'results.engine.evaluated'), 0)} rankings. ` +
      'The replay is seeded and deterministic: one run gives every figure (repeating it gives the same numbers), so there is no spread to show.',
    '',
    table(
      ['method', 'hit@10', 'NDCG@10'],
      METHODS.map(([key, label]) => [key === 'engine' ? `**${label}**` : label, fmt(hit(key), 4), fmt(ndcg(key), 4)]),
    ),
    '',
    '### Learning curves',
    '',
    monthChart,
    '',
    historyChart,
    '',
    '### PA, PA-I, PA-II and scikit-learn on the same features',
    '',
    sentence(at(quality, 'algorithms.description')),
    '',
    table(['learner', 'hit@10', 'NDCG@10'], algoRows),
    '',
    skVariants
      ? `The engine without decay and scikit-learn's PA-I make the same updates on the same hashed vectors: hit@10 ${fmt(noDecay, 4)} vs ${fmt(skPa1, 4)}; what remains is float32 against float64 weights.`
      : `scikit-learn did not run: ${String(at(sk, 'skipped') ?? 'no result')}.`,
    '',
    '### Drift',
    '',
    `${sentence(at(quality, 'drift.description'))} Pairs: ${list(quality, 'drift.pairs').join(', ')}.`,
    '',
    driftChart,
    '',
    table(
      ['engine setting', 'purchases until the interests follow, median [min–max]', 'until the ranking follows'],
      driftNames.map(driftRow),
    ),
  ].join('\n');

  const baselines = METHODS.slice(1).map(([key, label]) => ({ key, label, hit: hit(key), ndcg: ndcg(key) }));
  const bestHit = baselines.reduce((a, b) => ((b.hit ?? -1) > (a.hit ?? -1) ? b : a));
  const bestNdcg = baselines.reduce((a, b) => ((b.ndcg ?? -1) > (a.ndcg ?? -1) ? b : a));
  const engineHit = hit('engine');
  const engineNdcg = ndcg('engine');
  const defaultsDrift = spread(drift, [driftNames[0] ?? '', 'rank']);
  const headline: HeadlineRow[] = [
    {
      area: 'Quality',
      measure: 'next-basket hit@10 (Online Retail)',
      tastebud: fmt(engineHit, 4),
      peer: `best baseline (${bestHit.key}) ${fmt(bestHit.hit, 4)}`,
      target: 'beats every baseline',
      status: engineHit === null ? 'missing' : baselines.every((b) => b.hit !== null && engineHit > b.hit) ? 'pass' : 'behind',
    },
    {
      area: 'Quality',
      measure: 'next-basket NDCG@10',
      tastebud: fmt(engineNdcg, 4),
      peer: `best baseline (${bestNdcg.key}) ${fmt(bestNdcg.ndcg, 4)}`,
      target: 'beats every baseline',
      status:
        engineNdcg === null ? 'missing' : baselines.every((b) => b.ndcg !== null && engineNdcg > b.ndcg) ? 'pass' : 'behind',
    },
    {
      area: 'Quality',
      measure: 'same features: engine (no decay) vs scikit-learn PA-I',
      tastebud: fmt(noDecay, 4),
      peer: `scikit-learn ${fmt(skPa1, 4)}`,
      target: '—',
      status: 'info',
    },
    {
      area: 'Quality',
      measure: 'drift: purchases until the ranking follows (defaults)',
      tastebud: fmtSpread(defaultsDrift, '', 1, 'pair'),
      peer: '—',
      target: '—',
      status: 'info',
    },
  ];
  for (const b of baselines) {
    if (engineHit !== null && b.hit !== null && engineHit <= b.hit)
      behind.push(`**Quality:** the engine's hit@10 ${fmt(engineHit, 4)} does not beat ${b.label} (${fmt(b.hit, 4)}).`);
    if (engineNdcg !== null && b.ndcg !== null && engineNdcg <= b.ndcg)
      behind.push(`**Quality:** the engine's NDCG@10 ${fmt(engineNdcg, 4)} does not beat ${b.label} (${fmt(b.ndcg, 4)}).`);
  }
  if (monthsBehind.length) {
    behind.push(
      `**Learning curve:** the engine's hit@10 is below "buy again" in ${monthsBehind.length} of ${months.length} months (${monthsBehind.join(', ')}).`,
    );
  }
  if (bucketsBehind.length) {
    behind.push(
      `**Learning curve:** the engine's NDCG@10 is below "buy again" for customers with ${bucketsBehind.join(', ')} earlier invoice(s).`,
    );
  }
  return { title, markdown, charts: charts.charts, headline, behind };
}
