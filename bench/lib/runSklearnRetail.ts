import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FEATURE_WEIGHTS, DEFAULT_STRENGTHS, featurize, type Item } from 'tastebud/engine';
import type { RecordingMethod } from './recordingMethod';

/** One scikit-learn configuration on the replay. */
export interface SklearnRetailVariant {
  name: string;
  /** 'hinge' is PA-I, 'squared_hinge' PA-II. */
  loss: 'hinge' | 'squared_hinge';
}

/** What the peer measured per variant (the replay's own metrics), or why it did not run. */
export type SklearnRetailResult =
  | {
      sklearnVersion: string;
      numpyVersion: string;
      C: number;
      orderBonus: number;
      wallSeconds: number;
      variants: Record<
        string,
        { hitAtK: number; ndcgAtK: number; evaluated: number; byMonth: Record<string, { hitAtK: number; evaluated: number }> }
      >;
    }
  | { skipped: string };

/** createEngine()'s defaults that the peer needs: C, the sizes of the two feature parts. */
const ENGINE_C = 0.01;
const SPACE = { sharedDimensions: 2 ** 14, localDimensions: 2 ** 16 };

/**
 * Runs scikit-learn's PassiveAggressiveClassifier on the rankings a {@link RecordingMethod} saw, with
 * the engine's hashed features, C = engine C × purchase strength, and the engine's order bonus.
 * @param recording - the recorded replay.
 * @param catalog - the items by StockCode.
 * @param options - k, the variants, the interpreter and a time limit.
 */
export function runSklearnRetail(
  recording: RecordingMethod,
  catalog: Map<string, Item>,
  options: { k: number; variants: SklearnRetailVariant[]; python: string; timeoutMs: number; log: (line: string) => void },
): Promise<SklearnRetailResult> {
  const items: Record<string, [number[], number[]]> = {};
  const add = (code: string) => {
    if (items[code]) return;
    const f = featurize(catalog.get(code) as Item, SPACE, DEFAULT_FEATURE_WEIGHTS);
    items[code] = [f.indices, f.values];
  };
  for (const steps of recording.customers) {
    for (const step of steps) for (const code of 'learn' in step ? step.learn : step.rank) add(code);
  }
  const C = ENGINE_C * DEFAULT_STRENGTHS.purchase;
  const spec = {
    dimensions: SPACE.sharedDimensions + SPACE.localDimensions,
    k: options.k,
    orderBonus: ENGINE_C,
    items,
    customers: recording.customers,
    variants: options.variants.map((v) => ({ ...v, C })),
  };
  const dir = mkdtempSync(join(tmpdir(), 'tastebud-sklearn-retail-'));
  const input = join(dir, 'replay.json');
  writeFileSync(input, JSON.stringify(spec));
  const script = fileURLToPath(new URL('./sklearn_retail_peer.py', import.meta.url));
  const t0 = performance.now();
  return new Promise((resolve) => {
    const done = (result: SklearnRetailResult) => {
      rmSync(dir, { recursive: true, force: true });
      resolve(result);
    };
    let stdout = '';
    let stderr = '';
    const child = spawn(options.python, [script, input], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      for (const line of chunk.split('\n')) if (line.trim()) options.log(line.trim());
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ skipped: `could not start ${options.python}: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) return done({ skipped: `killed by ${signal} after ${options.timeoutMs} ms` });
      if (code === 2) return done({ skipped: `scikit-learn unavailable: ${stderr.trim().split('\n').at(-1) ?? ''}` });
      if (code !== 0) return done({ skipped: `exited with ${String(code)}: ${stderr.trim().split('\n').slice(-2).join(' ')}` });
      try {
        const parsed = JSON.parse(stdout) as Omit<
          Extract<SklearnRetailResult, { variants: unknown }>,
          'C' | 'orderBonus' | 'wallSeconds'
        >;
        done({ ...parsed, C, orderBonus: ENGINE_C, wallSeconds: Math.round(performance.now() - t0) / 1000 });
      } catch (error) {
        done({ skipped: `unreadable output: ${(error as Error).message}` });
      }
    });
  });
}
