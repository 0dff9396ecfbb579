import { barChart } from './barChart';
import { fmt, fmtSpread, table } from './formatFigure';
import type { AddChart } from './Section';
import type { Figures } from './SuiteResult';
import { serverSetups } from './serverSetups';

/**
 * The sync server: reports/s at saturation and latency at a fixed offered rate, per store and instance count.
 * @param runs - every run of bench/server.ts.
 * @param chart - adds a chart.
 */
export function serverSection(runs: Figures['serverRuns'], chart: AddChart): string {
  const setups = serverSetups(runs);
  const offered = fmt(setups[0]?.offered.median, 0);
  return [
    `${runs.length} run(s) of ${runs[0]?.secondsPerRun ?? '?'} s per measured run; fixed rate: ${offered} reports/s offered.`,
    '',
    chart(
      'server',
      'server throughput per setup',
      barChart(
        setups.map((s, i) => ({
          label: s.setup,
          value: s.saturation.median,
          min: s.saturation.min,
          max: s.saturation.max,
          group: i === 0 ? 'SQLite' : 'PostgreSQL',
        })),
        {
          title: 'Sync server: accepted reports per second at saturation',
          unit: 'reports/s',
          target: { value: 1_000, label: 'target 1,000/s' },
        },
      ),
    ),
    '',
    table(
      ['setup', 'saturation, reports/s', `at ${offered}/s offered: accepted/s`, 'p50', 'p99'],
      setups.map((s) => [
        s.setup,
        fmtSpread(s.saturation, '', 0),
        fmtSpread(s.accepted, '', 0),
        fmtSpread(s.p50, ' ms', 1),
        fmtSpread(s.p99, ' ms', 1),
      ]),
    ),
  ].join('\n');
}
