import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PartCommand } from './runPart';

/** The benchmarks the suite runs, in this order. */
export const PART_NAMES = ['sizes', 'engine', 'quality', 'browser', 'mainThread', 'worker', 'privacy', 'server'] as const;
export type PartName = (typeof PART_NAMES)[number];

/** The parts whose figures the CI budgets check (`npm run bench:quick`). */
export const BUDGET_PARTS: readonly PartName[] = ['sizes', 'mainThread', 'browser', 'worker'];

/** One benchmark: what it measures, how to start it, and how many times. */
export interface PartSpec {
  name: PartName;
  title: string;
  command: PartCommand;
  /** Runs of the whole process (for benchmarks that measure one run per invocation). */
  repeats: number;
  /** Why the part is skipped here, if it is. */
  skipped?: string;
}

const TSX = ['--import', 'tsx'];

/**
 * The suite's parts for a full or a quick run. Run counts are chosen so that a full run stays under
 * 15 minutes on the 2-core machine (the durations of the last run are in bench/results/latest.json).
 * @param repoRoot - the repository.
 * @param quick - BENCH_QUICK=1 everywhere: to try the suite out and for the CI budgets.
 */
export function partSpecs(repoRoot: string, quick: boolean): PartSpec[] {
  const node = process.execPath;
  const quickEnv: Record<string, string> = quick ? { BENCH_QUICK: '1' } : {};
  const script = (name: PartName, title: string, file: string, env: Record<string, string> = {}, repeats = 1): PartSpec => ({
    name,
    title,
    command: { argv: [node, ...TSX, file], env: { ...quickEnv, ...env }, timeoutSeconds: 15 * 60 },
    repeats,
    ...(existsSync(join(repoRoot, file)) ? {} : { skipped: `${file} does not exist` }),
  });
  return [
    {
      name: 'sizes',
      title: 'Bundle sizes (scripts/sizes.mjs)',
      command: { argv: [node, 'scripts/sizes.mjs', '--json'], env: {}, timeoutSeconds: 120, jsonDespiteExitCode: true },
      repeats: 1,
    },
    script('engine', 'Engine (bench/engine.ts)', 'bench/engine.ts'),
    script('quality', 'Quality (bench/quality.ts)', 'bench/quality.ts'),
    script('browser', 'Browser (bench/browser.ts)', 'bench/browser.ts'),
    script('mainThread', 'Main thread vs peers (bench/mainThread.ts)', 'bench/mainThread.ts'),
    script('worker', 'Worker: report build, memory (bench/suite/browserWorker.ts)', 'bench/suite/browserWorker.ts'),
    script('privacy', 'Privacy core in Node (bench/privacy.ts)', 'bench/privacy.ts', quick ? { BENCH_RUNS: '7' } : {}),
    // bench/server.ts measures one run per setup: the suite repeats it for a median and a spread, with
    // shorter runs (each setup still gets 3 s of warm-up and two measured runs).
    script(
      'server',
      'Sync server (bench/server.ts)',
      'bench/server.ts',
      { BENCH_SERVER_SECONDS: quick ? '3' : '8' },
      quick ? 1 : 3,
    ),
  ];
}
