// `npm run bench`: every benchmark of the project, each in its own process (a crash costs only that part,
// and is recorded), then bench/results/latest.json and the report docs/benchmarks.md with its charts
// (docs/img/bench/*.svg, Vega-Lite specs rendered by vega). About 15 minutes on the 2-core machine; progress on stderr.
//   --quick          BENCH_QUICK=1 everywhere (minutes; figures not to quote); output in .ci-out/bench/
//   --budgets        the CI subset (sizes, main thread, browser, worker) with its budgets: a broken or
//                    missing budget is measured once more, then exits 1 if still broken (npm run bench:quick)
//   --only a,b       these parts only (output in .ci-out/bench/); parts: sizes, engine, quality, browser,
//                    mainThread, worker, privacy, server
//   --report-only    render the report again from the last results, measuring nothing
//   --no-build       skip `npm run build` (the benchmarks use dist/)
// Only a full run of every part writes bench/results/latest.json and docs/benchmarks.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMachine } from '../lib/cpuSampler';
import { machineInfo } from '../lib/machineInfo';
import { budgetSummary, checkBudgets, partsToRetry } from './checkBudgets';
import { BUDGET_PARTS, PART_NAMES, type PartName, type PartSpec, partSpecs } from './parts';
import { renderReport } from './renderReport';
import { renderSvg } from './renderSvg';
import { runPart, stopRunningParts } from './runPart';
import { figuresOf, type PartResult, type SuiteResult } from './SuiteResult';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const onlyArg = argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '') : null;
const quick = flag('--quick');
const budgets = flag('--budgets');
const only = onlyArg ? onlyArg.split(',').map((s) => s.trim()) : budgets ? [...BUDGET_PARTS] : null;
for (const name of only ?? []) {
  if (!(PART_NAMES as readonly string[]).includes(name))
    throw new Error(`--only: unknown part ${name}; one of ${PART_NAMES.join(', ')}`);
}
const official = !quick && only === null;
const outDir = official ? null : join(repoRoot, '.ci-out/bench');
const jsonPath = official ? join(repoRoot, 'bench/results/latest.json') : join(outDir as string, 'results.json');
const reportPath = official ? join(repoRoot, 'docs/benchmarks.md') : join(outDir as string, 'benchmarks.md');
const imageDir = official ? join(repoRoot, 'docs/img/bench') : join(outDir as string, 'img');
const t0 = performance.now();
const log = (message: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0)}s] ${message}`);

if (flag('--report-only')) {
  const saved = JSON.parse(readFileSync(jsonPath, 'utf8')) as SuiteResult;
  if (saved.format !== 2) throw new Error(`${jsonPath} has format ${String(saved.format)}, not 2: run the suite again`);
  await writeReport(saved);
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the running benchmark`);
    stopRunningParts();
    process.exit(130);
  });
}

const loadAverageAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
const busyShareBeforeStart = await busyShare(1_000);
const build = flag('--no-build') ? { ok: true, seconds: 0 } : runBuild();
if (!build.ok) log('npm run build failed: the benchmarks run against whatever dist/ holds');

const specs = partSpecs(repoRoot, quick).filter((s) => only === null || only.includes(s.name));
const parts: SuiteResult['parts'] = {};
// The one place where a part's printed JSON becomes its declared type (SuiteResult's PartResults): each
// benchmark's type is inferred from the object it prints.
const record = (name: PartName, part: PartResult<unknown>) => {
  (parts as Record<PartName, PartResult<unknown>>)[name] = part;
};
for (const spec of specs) record(spec.name, await runSpec(spec));

const suite: SuiteResult = {
  suite: 'tastebud-bench',
  format: 2,
  date: new Date().toISOString(),
  quick,
  git: gitState(),
  machine: { ...machineInfo(loadAverageAtStart), busyShareBeforeStart },
  build,
  totalSeconds: 0,
  parts,
  budgets: [],
};
suite.budgets = checkBudgets(figuresOf(suite));
if (budgets) {
  const retry = partsToRetry(suite.budgets).filter((name) => specs.some((s) => s.name === name));
  for (const name of retry) {
    log(`budget broken or missing in ${name}: measuring it once more`);
    const spec = specs.find((s) => s.name === name) as PartSpec;
    const again = await runSpec(spec);
    record(name, { ...again, title: `${again.title} (measured twice: the first run broke a budget)` });
  }
  if (retry.length) suite.budgets = checkBudgets(figuresOf(suite));
}
suite.totalSeconds = Math.round((performance.now() - t0) / 100) / 10;
suite.machine.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);

mkdirSync(join(jsonPath, '..'), { recursive: true });
writeFileSync(jsonPath, `${JSON.stringify(suite, null, 2)}\n`);
await writeReport(suite);
const failed = specs.filter((s) => !parts[s.name]?.ok && !parts[s.name]?.skipped).map((s) => s.name);
const minutes = `${(suite.totalSeconds / 60).toFixed(1)} min`;
if (budgets) console.log(`${budgetSummary(suite.budgets)} (${minutes}; ${relative(repoRoot, reportPath)})`);
else {
  console.log(
    `bench: ${specs.length} parts, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''} in ${minutes}; ` +
      `wrote ${relative(repoRoot, jsonPath)} and ${relative(repoRoot, reportPath)}`,
  );
}
const brokenBudget = budgets && suite.budgets.some((b) => b.pass !== true);
process.exit(failed.length || brokenBudget ? 1 : 0);

async function runSpec(spec: PartSpec): Promise<PartResult<unknown>> {
  const base = { title: spec.title, env: spec.command.env };
  if (spec.skipped) {
    log(`${spec.name}: skipped (${spec.skipped})`);
    return { ...base, ok: false, skipped: spec.skipped, seconds: 0, runs: 0, results: [], failures: [] };
  }
  const results: unknown[] = [];
  const failures: PartResult<unknown>['failures'] = [];
  let seconds = 0;
  for (let r = 1; r <= spec.repeats; r++) {
    log(`${spec.name}: run ${r}/${spec.repeats}: ${spec.command.argv.slice(1).join(' ')}`);
    const run = await runPart(spec.command, repoRoot);
    seconds += run.seconds;
    if (run.ok) results.push(run.result);
    else failures.push({ error: run.error ?? 'failed', stderrTail: run.stderrTail ?? [] });
    log(`${spec.name}: ${run.ok ? 'ok' : `FAILED (${run.error})`} in ${run.seconds} s`);
  }
  return { ...base, ok: results.length > 0, seconds: Math.round(seconds * 10) / 10, runs: spec.repeats, results, failures };
}

async function writeReport(result: SuiteResult): Promise<void> {
  const { markdown, charts } = renderReport(result, relative(join(reportPath, '..'), imageDir) || '.');
  mkdirSync(imageDir, { recursive: true });
  for (const file of readdirSync(imageDir)) if (file.endsWith('.svg')) rmSync(join(imageDir, file));
  for (const chart of charts) writeFileSync(join(imageDir, `${chart.file}.svg`), await renderSvg(chart.spec));
  writeFileSync(reportPath, markdown);
  log(`report: ${relative(repoRoot, reportPath)} with ${charts.length} charts in ${relative(repoRoot, imageDir)}`);
}

function runBuild(): { ok: boolean; seconds: number } {
  const start = performance.now();
  log('npm run build');
  const { status } = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  return { ok: status === 0, seconds: Math.round((performance.now() - start) / 100) / 10 };
}

function gitState(): SuiteResult['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' }).trim().length > 0;
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Share of the machine's CPU busy over `ms` (other load skews every timing). */
async function busyShare(ms: number): Promise<number | null> {
  const a = readMachine();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = readMachine();
  return a && b && b.total > a.total ? Math.round(((b.busy - a.busy) / (b.total - a.total)) * 100) / 100 : null;
}
