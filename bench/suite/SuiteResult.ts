import type { PartName } from './parts';

/** What one benchmark of the suite produced (bench/results/latest.json `parts`). */
export interface PartResult {
  title: string;
  /** At least one run printed its JSON and exited cleanly. */
  ok: boolean;
  /** Why the part did not run at all. */
  skipped?: string;
  /** Wall time of all its runs. */
  seconds: number;
  runs: number;
  /** The JSON of each successful run, in run order. */
  results: unknown[];
  failures: Array<{ error: string; stderrTail: string[] }>;
  env: Record<string, string>;
}

/** A budget that CI enforces: a size, or a time compared with a peer of the same run, or a count. */
export interface BudgetRow {
  name: string;
  part: PartName;
  value: string;
  limit: string;
  /** null: the figure is missing (its benchmark failed). */
  pass: boolean | null;
}

/** The suite's output file. */
export interface SuiteResult {
  suite: 'tastebud-bench';
  format: 1;
  date: string;
  quick: boolean;
  git: { commit: string | null; dirty: boolean | null };
  machine: Record<string, unknown>;
  build: { ok: boolean; seconds: number };
  totalSeconds: number;
  parts: Partial<Record<PartName, PartResult>>;
  budgets: BudgetRow[];
}

/**
 * The first result of a part (most parts run once), or null when it failed or did not run.
 * @param suite - the suite's output.
 * @param name - the part.
 */
export function firstResult(suite: SuiteResult, name: PartName): unknown {
  return suite.parts[name]?.results[0] ?? null;
}
