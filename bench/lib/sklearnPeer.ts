import { spawn } from 'node:child_process';

/** One row of the reference's `--bench` table. */
export interface SklearnRow {
  mode: string;
  events: number;
  medianSeconds: number;
  eventsPerSecond: number;
  runsSeconds: number[];
  minEventsPerSecond: number;
  maxEventsPerSecond: number;
}

/** What the scikit-learn reference measured, or why it did not run. */
export type SklearnPeer =
  | {
      command: string[];
      header: string;
      sklearnVersion: string | null;
      numpyVersion: string | null;
      wallSeconds: number;
      /** `partial_fit` of the whole CSR matrix in one call: scikit-learn's best case. */
      batch: SklearnRow | null;
      miniBatch1000: SklearnRow | null;
      miniBatch100: SklearnRow | null;
      /** One `partial_fit` per event, as an online learner in a browser would be called. */
      perEvent: SklearnRow | null;
      rows: SklearnRow[];
    }
  | { skipped: string };

/** Where the peer runs from; `SKLEARN_REF` overrides the script, `SKLEARN_PYTHON` the interpreter. */
export interface SklearnPeerOptions {
  python: string;
  script: string;
  events: number;
  repeats: number;
  /** Kills the reference after this long. */
  timeoutMs: number;
  /** Called with each line the reference writes to stderr. */
  onStderr: (line: string) => void;
}

/**
 * Runs `sklearn_pa_reference.py --bench` and parses its table.
 * @param options - interpreter, script, stream size and repeats.
 * @returns the parsed rows, or `{ skipped }` when python3-sklearn is missing or the run failed.
 */
export function runSklearnPeer(options: SklearnPeerOptions): Promise<SklearnPeer> {
  const args = [options.script, '--bench', '--bench-events', String(options.events), '--repeats', String(options.repeats)];
  const t0 = performance.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let pending = '';
    const child = spawn(options.python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onStderr(line);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ skipped: `could not start ${options.python}: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (pending) options.onStderr(pending);
      const reason = stderr.trim().split('\n').slice(-3).join(' ').trim();
      if (signal)
        return resolve({ skipped: `${options.python} ${args.join(' ')} killed by ${signal} (timeout ${options.timeoutMs} ms)` });
      if (code === 2) return resolve({ skipped: `scikit-learn unavailable (exit 2): ${reason || 'no message'}` });
      if (code !== 0) return resolve({ skipped: `reference exited with ${String(code)}: ${reason || 'no message'}` });
      const parsed = parseBenchTable(stdout);
      if (parsed.rows.length === 0) return resolve({ skipped: `could not parse the reference's table: ${stdout.slice(0, 300)}` });
      const find = (prefix: string) => parsed.rows.find((r) => r.mode.startsWith(prefix)) ?? null;
      resolve({
        command: [options.python, ...args],
        header: parsed.header,
        sklearnVersion: /sklearn ([\w.]+)/.exec(parsed.header)?.[1] ?? null,
        numpyVersion: /numpy ([\w.]+)/.exec(parsed.header)?.[1] ?? null,
        wallSeconds: Math.round(performance.now() - t0) / 1000,
        batch: find('partial_fit(whole CSR'),
        miniBatch1000: find('partial_fit per mini-batch of 1000 rows'),
        miniBatch100: find('partial_fit per mini-batch of 100 rows'),
        perEvent: find('partial_fit per event (dim 2^18)'),
        rows: parsed.rows,
      });
    });
  });
}

/**
 * Parses the reference's table: `mode  events  median s  events/s   runs: a, b, c`.
 * @param text - the reference's stdout.
 */
export function parseBenchTable(text: string): { header: string; rows: SklearnRow[] } {
  const rows: SklearnRow[] = [];
  let header = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('sklearn ')) header = line.trim();
    const m = /^(.*\S)\s+(\d+)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+runs: (.+)$/.exec(line);
    if (!m) continue;
    const [, mode, events, median, rate, runs] = m;
    const runsSeconds = (runs ?? '').split(',').map((s) => Number(s.trim()));
    const n = Number(events);
    rows.push({
      mode: mode ?? '',
      events: n,
      medianSeconds: Number(median),
      eventsPerSecond: Number(rate),
      runsSeconds,
      minEventsPerSecond: Math.round(n / Math.max(...runsSeconds)),
      maxEventsPerSecond: Math.round(n / Math.min(...runsSeconds)),
    });
  }
  return { header, rows };
}
