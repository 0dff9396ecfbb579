import { fmt, fmtSpread, table } from './formatFigure';
import { barOf, chartCollector, type HeadlineRow, notMeasured, type ReportSection } from './ReportSection';
import { at, list, num, type Spread, spreadOf } from './readFigures';
import { svgBarChart } from './svgBarChart';

const RATE_TARGET = 1_000;
const P99_TARGET_MS = 100;

interface SetupRun {
  saturation: number | null;
  offered: number | null;
  accepted: number | null;
  p50: number | null;
  p99: number | null;
}

/** One run of bench/server.ts as figures per setup ("sqlite × 1", "postgres × 2"), either output format. */
function setupsOf(run: unknown): Map<string, SetupRun> {
  const out = new Map<string, SetupRun>();
  const summary = list(run, 'summary');
  if (summary.length) {
    for (const s of summary) {
      out.set(String(at(s, 'setup')), {
        saturation: num(s, 'saturationPerSecond'),
        offered: num(s, 'fixedRate.offeredPerSecond'),
        accepted: num(s, 'fixedRate.acceptedPerSecond'),
        p50: num(s, 'fixedRate.p50Ms'),
        p99: num(s, 'fixedRate.p99Ms'),
      });
    }
    return out;
  }
  for (const r of list(run, 'results')) {
    out.set(`${String(at(r, 'store'))} × ${num(r, 'instances') ?? 1}`, {
      saturation: num(r, 'saturation.acceptedPerSecond'),
      offered: num(r, 'fixedRate.offeredPerSecond'),
      accepted: num(r, 'fixedRate.acceptedPerSecond'),
      p50: num(r, 'fixedRate.latencyMs.p50'),
      p99: num(r, 'fixedRate.latencyMs.p99'),
    });
  }
  return out;
}

/**
 * The sync server: reports/s at saturation and p99 at a fixed offered rate, per store and instance count.
 * @param runs - the JSON of each bench/server.ts run (the suite repeats it).
 * @param imageDir - where the report's charts live, relative to it.
 */
export function reportServer(runs: readonly unknown[], imageDir: string): ReportSection {
  const title = 'Sync server';
  const charts = chartCollector(imageDir);
  const perRun = runs.map(setupsOf);
  const names = [...new Set(perRun.flatMap((m) => [...m.keys()]))];
  if (names.length === 0) {
    return notMeasured(title, 'bench:server', 'Server');
  }
  const figure = (name: string, pick: (s: SetupRun) => number | null): Spread | null =>
    spreadOf(perRun.map((m) => (m.get(name) ? pick(m.get(name) as SetupRun) : null)));
  const rows = names.map((name) => ({
    name,
    saturation: figure(name, (s) => s.saturation),
    accepted: figure(name, (s) => s.accepted),
    offered: figure(name, (s) => s.offered),
    p50: figure(name, (s) => s.p50),
    p99: figure(name, (s) => s.p99),
  }));
  const seconds = num(runs[0], 'secondsPerRun');
  const markdown = [
    `Method: \`bench/server.ts\` (run ${runs.length} time(s) by the suite, ${seconds ?? '?'} s per measured run after 3 s of warm-up): ` +
      '2^14-dimension reports POSTed by autocannon on loopback; saturation = closed loop with 32 connections (capacity); ' +
      `fixed rate = ${fmt(rows[0]?.offered?.median ?? null, 0)} reports/s offered (open loop, latency corrected for coordinated omission). ` +
      'With two instances both share one PostgreSQL database; their latency is the worse instance’s. The load generator shares the 2 cores.',
    '',
    charts.add(
      'bench-server.svg',
      svgBarChart(
        rows.map((r, i) => barOf(r.name, r.saturation, i === 0 ? 0 : 2)).filter((b) => b !== null),
        {
          title: 'Sync server: accepted reports per second at saturation',
          unit: 'reports/s',
          target: { value: RATE_TARGET, label: 'target 1,000/s' },
        },
      ),
      'server throughput per setup',
    ),
    '',
    table(
      ['setup', 'saturation, reports/s', `at ${fmt(rows[0]?.offered?.median ?? null, 0)}/s offered: accepted/s`, 'p50', 'p99'],
      rows.map((r) => [
        r.name,
        fmtSpread(r.saturation, '', 0),
        fmtSpread(r.accepted, '', 0),
        fmtSpread(r.p50, ' ms', 1),
        fmtSpread(r.p99, ' ms', 1),
      ]),
    ),
  ].join('\n');
  const headline: HeadlineRow[] = rows.map((r) => ({
    area: 'Server',
    measure: `${r.name}: reports/s; p99 at 1,000/s`,
    tastebud: `${fmtSpread(r.saturation, '/s', 0)}; p99 ${fmt(r.p99?.median ?? null, 1)} ms`,
    peer: '—',
    target: `≥ ${RATE_TARGET.toLocaleString('en-US')}/s, p99 ≤ ${P99_TARGET_MS} ms`,
    status:
      r.saturation === null || r.p99 === null
        ? 'missing'
        : r.saturation.median >= RATE_TARGET && r.p99.median <= P99_TARGET_MS
          ? 'pass'
          : 'behind',
  }));
  const behind = rows
    .filter((r) => r.saturation && r.p99 && (r.saturation.median < RATE_TARGET || r.p99.median > P99_TARGET_MS))
    .map(
      (r) =>
        `**Server, ${r.name}:** ${fmt(r.saturation?.median ?? null, 0)} reports/s at saturation, p99 ${fmt(r.p99?.median ?? null, 1)} ms ` +
        `at ${fmt(r.offered?.median ?? null, 0)}/s offered: short of ≥ ${RATE_TARGET.toLocaleString('en-US')}/s with p99 ≤ ${P99_TARGET_MS} ms.`,
    );
  return { title, markdown, charts: charts.charts, headline, behind };
}
