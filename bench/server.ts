// `npm run bench:server`: ingestion throughput and latency of the sync server (tastebud/server) for
// 2^14-dimension reports, with the embedded SQLite store and with PostgreSQL, load from autocannon on
// loopback. Prints one JSON object on stdout; progress goes to stderr.
//   BENCH_SERVER_SECONDS=n       measured seconds per store (default 20, after 3 s of warm-up)
//   BENCH_SERVER_CONNECTIONS=n   concurrent keep-alive connections (default 32)
//   BENCH_SERVER_RATE=n          offered load of the fixed-rate run, reports/s (default 1000)
// Two runs per store: saturation (closed loop, as fast as the server answers: its capacity) and a
// fixed offered rate (open loop, autocannon corrects for coordinated omission: the latency a shop
// sees at that rate; the target is ≥ 1,000 reports/s with p99 ≤ 100 ms).
//   BENCH_SERVER_POSTGRES=url    PostgreSQL database (default the machine's; skipped if unreachable)
// The server runs in its own process (dist/server-cli.js when built, else server/cli.ts under tsx);
// autocannon runs here, so on 2 cores each side has about one core.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { validateReport } from '../server/validateReport';

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  duration: number;
  latency: Histogram;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
/** The part of autocannon's API used here (the package ships no types). */
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const DIMENSIONS = 2 ** 14;
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_SERVER_CONNECTIONS ?? 32);
const RATE = Number(process.env.BENCH_SERVER_RATE ?? 1000);
const POSTGRES = process.env.BENCH_SERVER_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const GAMMA = 1 / 1024;
const SIGMA = 5 * 2 * 1024;
const log = (message: string) => console.error(`[bench:server] ${message}`);

/** Report bodies with a placeholder id; each request gets a fresh random id written over it. */
const PLACEHOLDER = '0'.repeat(32);
const templates = Array.from({ length: 64 }, (_, k) => Buffer.from(JSON.stringify(reportBody(k))));
const idOffsets = templates.map((t) => t.indexOf(PLACEHOLDER));

function reportBody(seed: number) {
  let state = seed + 1;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state + 1) / 4294967297;
  };
  const values = new Int32Array(DIMENSIONS);
  for (let i = 0; i < DIMENSIONS; i++) {
    values[i] = Math.round(SIGMA * Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random()));
  }
  return {
    v: 1,
    id: PLACEHOLDER,
    baseVersion: 0,
    dimensions: DIMENSIONS,
    encoding: 'int32',
    gamma: GAMMA,
    clipNorm: 1,
    noise: { mechanism: 'discrete_gaussian', sigma: SIGMA },
    data: Buffer.from(values.buffer).toString('base64'),
  };
}

let nextTemplate = 0;
function freshBody(): Buffer {
  const k = nextTemplate++ % templates.length;
  const body = Buffer.from(templates[k] as Buffer);
  body.write(randomBytes(16).toString('hex'), idOffsets[k] as number, 'latin1');
  return body;
}

/** Per-report cost of the edge checks (JSON.parse + schema + base64 + bounds), measured in this process. */
function measureValidation() {
  const text = (templates[0] as Buffer).toString();
  const limits = {
    dimensions: DIMENSIONS,
    currentVersion: 0,
    maxStaleVersions: 3,
    maxClipNorm: 1,
    maxNoiseMultiplier: 10,
    allowUnnoised: false,
  };
  const runs = 300;
  let parse = 0;
  let validate = 0;
  for (let i = 0; i < runs + 50; i++) {
    const t0 = performance.now();
    const body: unknown = JSON.parse(text);
    const t1 = performance.now();
    if (!validateReport(body, limits).ok) throw new Error('benchmark report is invalid');
    const t2 = performance.now();
    if (i >= 50) {
      parse += t1 - t0;
      validate += t2 - t1;
    }
  }
  return { bodyBytes: text.length, jsonParseMs: round(parse / runs, 3), validateMs: round(validate / runs, 3) };
}

/** The built CLI, when the build also produced the SQLite worker it starts. */
function builtServer(): boolean {
  return existsSync('dist/server-cli.js') && existsSync('dist/server-sqlite-worker.js');
}

interface Server {
  url: string;
  pid: number;
  exited: Promise<number | string>;
}

function startServer(store: string): Promise<Server> {
  const built = builtServer();
  const entry = built ? ['dist/server-cli.js'] : ['--import', 'tsx', 'server/cli.ts'];
  const args = ['--port', '0', '--store', store, '--dimensions', String(DIMENSIONS), '--rate-limit', '0'];
  // Rounds never close during the measurement: this measures ingestion alone.
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

/** CPU seconds (user + system) of one process, from /proc. */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of every PostgreSQL process (the database works for the server in the postgres run). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]?.split(' ') ?? [];
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended between listing and reading
    }
  }
  return total;
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat. */
function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const n = ticks.map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

async function scrape(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^(tastebud_[a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match?.[1] && match[2]) values[match[1]] = Number(match[2]);
  }
  return values;
}

function load(url: string, seconds: number, rate?: number): Promise<AutocannonResult> {
  return autocannon({
    url: `${url}/v1/deltas`,
    // At a fixed rate, spare connections so that a slow answer never holds back the next request.
    connections: rate ? 2 * CONNECTIONS : CONNECTIONS,
    ...(rate ? { overallRate: rate } : {}),
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: freshBody() }) }],
  });
}

async function benchStore(kind: 'sqlite' | 'postgres', store: string) {
  log(`${kind}: starting the server`);
  const server = await startServer(store);
  try {
    await load(server.url, 3);
    log(`${kind}: saturation, ${SECONDS} s, ${CONNECTIONS} connections`);
    const saturation = await measure(server, () => load(server.url, SECONDS));
    log(`${kind}: fixed rate ${RATE}/s, ${SECONDS} s`);
    const fixedRate = await measure(server, () => load(server.url, SECONDS, RATE));
    return { store: kind, saturation, fixedRate: { offeredPerSecond: RATE, ...fixedRate } };
  } finally {
    process.kill(server.pid, 'SIGTERM');
    log(`${kind}: server exited with ${await server.exited}`);
  }
}

/** One load run with the server's own metrics and the CPU of every party around it. */
async function measure(server: Server, run: () => Promise<AutocannonResult>) {
  const before = await scrape(server.url);
  const cpu0 = processCpuSeconds(server.pid);
  const self0 = process.cpuUsage();
  const machine0 = machineCpuSeconds();
  const postgres0 = postgresCpuSeconds();
  const result = await run();
  const machine1 = machineCpuSeconds();
  const postgresCpu = postgresCpuSeconds() - postgres0;
  const self = process.cpuUsage(self0);
  const serverCpu = processCpuSeconds(server.pid) - cpu0;
  const after = await scrape(server.url);
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const accepted = result.statusCodeStats['202']?.count ?? 0;
  const commits = delta('tastebud_commit_duration_seconds_count');
  const commitSeconds = delta('tastebud_commit_duration_seconds_sum');
  const benchCpu = (self.user + self.system) / 1e6;
  const machineBusy = machine1.busy - machine0.busy;
  return {
    acceptedPerSecond: round(accepted / result.duration, 0),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    accepted,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    groupCommit: {
      commits,
      reportsPerCommit: round(delta('tastebud_commit_batch_reports_total') / Math.max(1, commits), 1),
      msPerCommit: round((commitSeconds / Math.max(1, commits)) * 1000, 2),
      shareOfWallTime: round(commitSeconds / result.duration, 3),
    },
    cpu: {
      serverCores: round(serverCpu / result.duration, 2),
      serverMsPerReport: round((serverCpu / Math.max(1, accepted)) * 1000, 3),
      postgresCores: round(postgresCpu / result.duration, 2),
      loadGeneratorCores: round(benchCpu / result.duration, 2),
      // Anything else on the machine: contention the figures did not ask for.
      otherProcessesCores: round(Math.max(0, machineBusy - serverCpu - postgresCpu - benchCpu) / result.duration, 2),
    },
  };
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'tastebud-bench-'));
try {
  results.push(await benchStore('sqlite', `sqlite:${join(dir, 'bench.db')}`));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (await postgresReachable()) {
  const schema = `tb_bench_${randomBytes(4).toString('hex')}`;
  try {
    results.push(await benchStore('postgres', `${POSTGRES}?schema=${schema}`));
  } finally {
    const client = new pg.Client({ connectionString: POSTGRES });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
} else {
  log(`postgres: skipped, ${POSTGRES} unreachable`);
}

process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'server-ingest',
      dimensions: DIMENSIONS,
      connections: CONNECTIONS,
      machine: {
        cores: availableParallelism(),
        cpu: cpus()[0]?.model,
        loadavg1: round(loadavg()[0] ?? 0, 2),
        node: process.version,
      },
      server: builtServer() ? 'dist/server-cli.js' : 'server/cli.ts (tsx)',
      edgeChecksPerReport: measureValidation(),
      results,
    },
    null,
    2,
  )}\n`,
);
