import type { BrowserBenchResult } from '../browser';
import type { EngineBenchResult } from '../engine';
import type { machineInfo } from '../lib/machineInfo';
import type { MainThreadResult } from '../mainThread';
import type { PrivacyBenchResult } from '../privacy';
import type { QualityBenchResult } from '../quality';
import type { ServerBenchResult } from '../server';
import type { WorkerBenchResult } from './browserWorker';
import type { PartName } from './parts';

/** One row of `node scripts/sizes.mjs --json`: a bundle's size and its budget (the budgets live in that script). */
export interface SizeRow {
  file: string;
  rawBytes: number;
  minBytes: number;
  gzipBytes: number;
  budgetBytes: number;
  ok: boolean;
}

/** What each part's process prints, by part: the types each benchmark declares for its own output. */
export interface PartResults {
  sizes: SizeRow[];
  engine: EngineBenchResult;
  quality: QualityBenchResult;
  browser: BrowserBenchResult;
  mainThread: MainThreadResult;
  worker: WorkerBenchResult;
  privacy: PrivacyBenchResult;
  server: ServerBenchResult;
}

/** What one benchmark of the suite produced (bench/results/latest.json `parts`). */
export interface PartResult<T> {
  title: string;
  /** At least one run printed its JSON and exited cleanly. */
  ok: boolean;
  /** Why the part did not run at all. */
  skipped?: string;
  /** Wall time of all its runs. */
  seconds: number;
  runs: number;
  /** The JSON of each successful run, in run order. */
  results: T[];
  failures: Array<{ error: string; stderrTail: string[] }>;
  env: Record<string, string>;
}

/** A budget CI enforces, as checked on this run (bench/suite/targets.ts says which targets are budgets). */
export interface BudgetRow {
  name: string;
  part: PartName;
  value: string;
  limit: string;
  /** null: the figure is missing (its benchmark failed). */
  pass: boolean | null;
}

/** The suite's output file, bench/results/latest.json. */
export interface SuiteResult {
  suite: 'tastebud-bench';
  format: 2;
  date: string;
  quick: boolean;
  git: { commit: string | null; dirty: boolean | null };
  machine: ReturnType<typeof machineInfo> & {
    busyShareBeforeStart: number | null;
  };
  build: { ok: boolean; seconds: number };
  totalSeconds: number;
  parts: { [K in PartName]?: PartResult<PartResults[K]> };
  budgets: BudgetRow[];
}

/** Each part's first result (most parts run once; null when it failed or did not run), and every server run. */
export type Figures = { [K in PartName]: PartResults[K] | null } & { serverRuns: ServerBenchResult[] };

/**
 * The figures the report and the budgets read, from the suite's output.
 * @param suite - bench/results/latest.json's content.
 */
export function figuresOf(suite: SuiteResult): Figures {
  const first = <K extends PartName>(name: K): PartResults[K] | null =>
    (suite.parts[name]?.results[0] as PartResults[K] | undefined) ?? null;
  return {
    sizes: first('sizes'),
    engine: first('engine'),
    quality: first('quality'),
    browser: first('browser'),
    mainThread: first('mainThread'),
    worker: first('worker'),
    privacy: first('privacy'),
    server: first('server'),
    serverRuns: suite.parts.server?.results ?? [],
  };
}
