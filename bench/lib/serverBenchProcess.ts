// The server side of `npm run bench:server`: a tastebud-server child process, its CPU time from /proc,
// and its /metrics. Only bench/server.ts uses this file.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A running server process. */
export interface BenchServer {
  url: string;
  pid: number;
  exited: Promise<number | string>;
}

/** The built CLI, when the build also produced the SQLite worker it starts (BENCH_SERVER_SOURCE=1: the TypeScript one). */
export function builtServer(): boolean {
  return !process.env.BENCH_SERVER_SOURCE && existsSync('dist/server-cli.js') && existsSync('dist/server-sqlite-worker.js');
}

/**
 * Starts `tastebud-server` with rounds that never close during the measurement (ingestion alone).
 * @param store - the --store value.
 * @param dimensions - model dimensions.
 * @returns the process once it listens.
 */
export function startBenchServer(store: string, dimensions: number): Promise<BenchServer> {
  const entry = builtServer() ? ['dist/server-cli.js'] : ['--import', 'tsx', 'server/cli.ts'];
  const args = ['--port', '0', '--store', store, '--dimensions', String(dimensions), '--rate-limit', '0'];
  args.push('--min-reports', '100000000', '--max-reports-per-round', '100000000', '--round-check-ms', '3600000');
  const child: ChildProcess = spawn(process.execPath, [...entry, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      const { url, pid } = JSON.parse(line) as { url: string; pid: number };
      resolve({ url, pid, exited });
    });
    exited.then((code) => reject(new Error(`server exited (${code}) before listening`)));
  });
}

/** User + system CPU seconds from a /proc stat line. */
function statSeconds(stat: string): number {
  const fields = stat.split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of a process: all its threads, and its main thread (the event loop) alone. */
export function processCpuSeconds(pid: number): { total: number; mainThread: number } {
  return {
    total: statSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8')),
    mainThread: statSeconds(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')),
  };
}

/** CPU seconds of every PostgreSQL process (the database works for the server in the postgres runs). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += statSeconds(stat);
    } catch {
      // the process ended between listing and reading
    }
  }
  return total;
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const n = ticks.map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

/**
 * The server's `tastebud_*` samples, by name with labels.
 * @param url - the server's base URL.
 */
export async function scrapeMetrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^(tastebud_[a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match?.[1] && match[2]) values[match[1]] = Number(match[2]);
  }
  return values;
}
