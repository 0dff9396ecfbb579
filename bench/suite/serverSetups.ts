import { overRuns, type Summary } from '../lib/benchStats';
import type { Figures } from './SuiteResult';

/** A server setup's figures over the suite's runs of bench/server.ts. */
export interface ServerSetup {
  setup: string;
  saturation: Summary;
  accepted: Summary;
  offered: Summary;
  p50: Summary;
  p99: Summary;
}

/**
 * Each server setup ("sqlite × 1", "postgres × 2") over every run of bench/server.ts.
 * @param runs - the runs' results.
 */
export function serverSetups(runs: Figures['serverRuns']): ServerSetup[] {
  const names = [...new Set(runs.flatMap((run) => run.summary.map((s) => s.setup)))];
  return names.map((setup) => {
    const rows = runs.flatMap((run) => run.summary.filter((s) => s.setup === setup));
    const over = (pick: (row: (typeof rows)[number]) => number) => overRuns(rows.map(pick), 1);
    return {
      setup,
      saturation: over((r) => r.saturationPerSecond),
      accepted: over((r) => r.fixedRate.acceptedPerSecond),
      offered: over((r) => r.fixedRate.offeredPerSecond),
      p50: over((r) => r.fixedRate.p50Ms),
      p99: over((r) => r.fixedRate.p99Ms),
    };
  });
}
