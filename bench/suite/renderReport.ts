import { readFileSync } from 'node:fs';
import { browserSection, workerSection } from './browserSection';
import { engineSection } from './engineSection';
import { fmt, table } from './formatFigure';
import { mainThreadSection } from './mainThreadSection';
import { PART_NAMES } from './parts';
import { federatedSection, qualitySection } from './qualitySection';
import type { AddChart, ChartFile } from './Section';
import { figuresOf, type SuiteResult } from './SuiteResult';
import { serverSection } from './serverSection';
import { sizesSection } from './sizesSection';
import { TARGETS } from './targets';

const TEMPLATE = new URL('./report.md', import.meta.url);
const NOT_MEASURED = '_Not measured in this run (see "Run")._';

/**
 * docs/benchmarks.md from the suite's output and bench/suite/report.md (no hand edits: run the suite again).
 * @param suite - bench/results/latest.json's content.
 * @param imageDir - the charts' folder relative to the report.
 * @returns the Markdown, and the charts to render into `imageDir` as `<file>.svg`.
 */
export function renderReport(suite: SuiteResult, imageDir: string): { markdown: string; charts: ChartFile[] } {
  const charts: ChartFile[] = [];
  const chart: AddChart = (file, alt, spec) => {
    charts.push({ file, spec });
    return `![${alt}](${imageDir}/${file}.svg)`;
  };
  const f = figuresOf(suite);
  const m = suite.machine;
  const part = <T>(value: T | null, render: (v: T) => string) => (value ? render(value) : NOT_MEASURED);
  const slots: Record<string, string> = {
    run:
      `${suite.quick ? '> **Quick run** (`BENCH_QUICK=1`): one run per figure and a sample of the data. Not figures to quote.\n\n' : ''}` +
      `Run on ${suite.date.slice(0, 16).replace('T', ' ')} UTC, commit \`${suite.git.commit?.slice(0, 12) ?? 'unknown'}\`${suite.git.dirty ? ' with uncommitted changes' : ''}, ` +
      `${m.cpuModel} × ${m.cores} cores, ${fmt(m.totalMemoryBytes / 2 ** 30, 1)} GiB, Node ${m.node}, load average (1/5/15 min) ` +
      `${m.loadAverageAtStart.join(' / ')} at the start and ${m.loadAverageAtEnd.join(' / ')} at the end, machine ` +
      `${fmt(m.busyShareBeforeStart === null ? null : m.busyShareBeforeStart * 100, 0)} % busy just before it; ${fmt(suite.totalSeconds / 60, 1)} min in all. ` +
      'Every figure is the median of several runs with its spread [min–max] and the number of runs, unless it says otherwise; every peer was measured in the same run.',
    targets: table(
      ['area', 'measure', 'this run', 'peer or reference, same run', 'target', ''],
      // A target of a part not in this run (`--only`, `--budgets`) is left out, not "missing".
      TARGETS.filter((t) => suite.parts[t.part] !== undefined).map((t) => {
        const v = t.check(f);
        const status = v.pass === null ? '**missing**' : v.pass ? 'pass' : '**behind**';
        return [t.area, `${t.measure}${t.budget ? ' (**CI**)' : ''}`, v.value, v.peer, t.limit, status];
      }),
    ),
    engine: part(f.engine, (e) => engineSection(e, chart)),
    mainThread: part(f.mainThread, (mt) => mainThreadSection(mt, chart)),
    sizes: f.sizes?.length ? sizesSection(f.sizes) : NOT_MEASURED,
    browser: part(f.browser, (b) => browserSection(b, chart)),
    worker: f.worker || f.privacy ? workerSection(f.worker, f.privacy, chart) : NOT_MEASURED,
    server: f.serverRuns.length ? serverSection(f.serverRuns, chart) : NOT_MEASURED,
    quality: part(f.quality, (q) => qualitySection(q, chart)),
    federated: part(f.quality, (q) => federatedSection(q.federated, chart)),
    parts: table(
      ['part', 'status', 'runs', 'seconds', 'settings'],
      PART_NAMES.flatMap((name) => {
        const p = suite.parts[name];
        if (!p) return [];
        const status = p.skipped ? `skipped: ${p.skipped}` : p.ok ? 'ok' : `**failed**: ${p.failures[0]?.error ?? ''}`;
        const env = Object.entries(p.env).map(([k, v]) => `${k}=${v}`);
        return [[p.title, status, String(p.runs), fmt(p.seconds, 1), env.join(' ') || '—']];
      }),
    ),
  };
  const markdown = readFileSync(TEMPLATE, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => slots[name] ?? `{{${name}}}`);
  return { markdown, charts };
}
