// `npm run bench:server`: ingestion throughput and latency of the sync server (tastebud/server) for
// 2^14-dimension reports: the embedded SQLite store, then PostgreSQL with one and with two instances on
// one database; load from autocannon on loopback. Prints one JSON object on stdout; progress on stderr.
//   BENCH_SERVER_SECONDS=n       measured seconds per run (default 20, after 3 s of warm-up)
//   BENCH_SERVER_CONNECTIONS=n   concurrent keep-alive connections of the saturation run (default 32)
//   BENCH_SERVER_RATE=n          offered load of the fixed-rate run, reports/s (default 1000)
//   BENCH_SERVER_POSTGRES=url    PostgreSQL database (default the machine's; skipped if unreachable)
//   BENCH_SERVER_SOURCE=1        run server/cli.ts under tsx instead of dist/server-cli.js
//   BENCH_SERVER_BITS=k          the reports' grid γ = 1/2^k (default 8, the SDK's; σ = 5·2·2^k), which
//                                decides how many bytes a value is stored in: 2 at k = 8, 3 at k = 10
// Two runs per setup: saturation (closed loop, as fast as the server answers: its capacity) and a fixed
// offered rate (open loop, autocannon corrects for coordinated omission: the latency a shop sees at that
// rate; the target is ≥ 1,000 reports/s with p99 ≤ 100 ms). Where the time goes comes from the server's
// own timers (/metrics: receive, parse, validate, queue, commit per report; the SQLite thread's busy
// time) and the CPU time of every process involved (/proc). Every run starts new server processes on an
// empty store (a server's store holds about one round of reports). The server runs in its own process; the
// load generator runs here, so on 2 cores the two compete, and so does anything else on the machine:
// the load averages at start and end are part of the output.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { validateReport } from '../server/validateReport';
import { round } from './lib/benchStats';
import {
  type BenchServer,
  builtServer,
  machineCpuSeconds,
  postgresCpuSeconds,
  processCpuSeconds,
  scrapeMetrics,
  startBenchServer,
} from './lib/serverBenchProcess';

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
/** k of γ = C/2^k with C = 1, and z = 5: the SDK's defaults (σ = z·2C/γ = 2,560 at k = 8). */
const BITS = Number(process.env.BENCH_SERVER_BITS ?? 8);
const GAMMA = 1 / 2 ** BITS;
const SIGMA = 5 * 2 * 2 ** BITS;
const PHASES = ['receive', 'parse', 'validate', 'queue', 'commit'] as const;
const log = (message: string) => console.error(`[bench:server] ${message}`);
const loadAverage = () => loadavg().map((x) => round(x, 2));

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

/** Per-report cost of the edge checks on an idle event loop (JSON.parse, then schema + base64 + bounds). */
function measureEdgeChecks() {
  const bytes = templates[0] as Buffer;
  const limits = {
    dimensions: DIMENSIONS,
    currentVersion: 0,
    maxStaleVersions: 3,
    maxClipNorm: 1,
    maxNoiseMultiplier: 10,
    allowUnnoised: false,
  };
  const runs = 1000;
  let parse = 0;
  let validate = 0;
  let storedBytes = 0;
  for (let i = 0; i < runs + 100; i++) {
    const t0 = performance.now();
    const body: unknown = JSON.parse(bytes.toString('utf8'));
    const t1 = performance.now();
    const result = validateReport(body, limits);
    if (!result.ok) throw new Error(`benchmark report is invalid: ${result.error}`);
    storedBytes = result.report.packed.byteLength;
    const t2 = performance.now();
    if (i >= 100) {
      parse += t1 - t0;
      validate += t2 - t1;
    }
  }
  return { bodyBytes: bytes.length, storedBytes, parseMs: round(parse / runs, 3), validateMs: round(validate / runs, 3) };
}

function load(url: string, seconds: number, connections: number, rate?: number): Promise<AutocannonResult> {
  return autocannon({
    url: `${url}/v1/deltas`,
    connections,
    ...(rate ? { overallRate: rate } : {}),
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: freshBody() }) }],
  });
}

/**
 * Loads every server at once, each with its share of the connections and of the rate. Latency
 * percentiles of several servers are the worst server's: an upper bound of the combined percentile.
 */
async function loadAll(servers: BenchServer[], seconds: number, rate?: number) {
  // At a fixed rate, spare connections so that a slow answer never holds back the next request.
  const connections = Math.max(1, Math.round((rate ? 2 * CONNECTIONS : CONNECTIONS) / servers.length));
  const results = await Promise.all(
    servers.map((s) => load(s.url, seconds, connections, rate ? rate / servers.length : undefined)),
  );
  const statusCodes: Record<string, number> = {};
  for (const r of results) {
    for (const [code, s] of Object.entries(r.statusCodeStats)) statusCodes[code] = (statusCodes[code] ?? 0) + s.count;
  }
  const worst = (key: keyof Histogram) => Math.max(...results.map((r) => r.latency[key]));
  return {
    duration: Math.max(...results.map((r) => r.duration)),
    latencyMs: { p50: worst('p50'), p90: worst('p90'), p99: worst('p99'), max: worst('max') },
    statusCodes,
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
  };
}

/** A fresh store for one run, and how to remove it afterwards. */
interface BenchStore {
  spec: string;
  remove(): Promise<void>;
}

function sqliteStore(): BenchStore {
  const dir = mkdtempSync(join(tmpdir(), 'tastebud-bench-'));
  return { spec: `sqlite:${join(dir, 'bench.db')}`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

function postgresStore(): BenchStore {
  const schema = `tb_bench_${randomBytes(4).toString('hex')}`;
  return { spec: `${POSTGRES}?schema=${schema}`, remove: () => dropSchema(schema) };
}

/**
 * Both runs of one setup. Each starts on an empty store with new server processes: a server's store
 * holds about a round of reports (at most maxReportsPerRound, 20,000 by default, before it is
 * aggregated and deleted), not the 50,000 a saturation run leaves behind.
 */
async function benchSetup(kind: 'sqlite' | 'postgres', makeStore: () => BenchStore, instances: number) {
  const label = `${kind} × ${instances}`;
  const run = async (what: string, rate?: number) => {
    const store = makeStore();
    // One after the other: the first creates the schema (two at once would also work, serialised by a lock).
    const servers: BenchServer[] = [];
    try {
      for (let i = 0; i < instances; i++) servers.push(await startBenchServer(store.spec, DIMENSIONS));
      await loadAll(servers, 3);
      log(`${label}: ${what}, ${SECONDS} s`);
      return await measure(servers, () => loadAll(servers, SECONDS, rate));
    } finally {
      for (const server of servers) process.kill(server.pid, 'SIGTERM');
      const exits = await Promise.all(servers.map((s) => s.exited));
      if (exits.some((code) => code !== 0)) log(`${label}: a server exited with ${exits.join(', ')}`);
      await store.remove();
    }
  };
  const saturation = await run(`saturation, ${CONNECTIONS} connections`);
  const fixedRate = await run(`fixed rate ${RATE}/s`, RATE);
  return { store: kind, instances, saturation, fixedRate: { offeredPerSecond: RATE, ...fixedRate } };
}

/** One load run with the servers' own timers and the CPU of every party around them. */
async function measure(servers: BenchServer[], run: () => ReturnType<typeof loadAll>) {
  const sumMetrics = async () => {
    const all = await Promise.all(servers.map((s) => scrapeMetrics(s.url)));
    const total: Record<string, number> = {};
    for (const values of all) for (const [k, v] of Object.entries(values)) total[k] = (total[k] ?? 0) + v;
    return total;
  };
  const cpuOfServers = () =>
    servers
      .map((s) => processCpuSeconds(s.pid))
      .reduce((a, b) => ({ total: a.total + b.total, mainThread: a.mainThread + b.mainThread }));
  const before = await sumMetrics();
  const cpu0 = cpuOfServers();
  const self0 = process.cpuUsage();
  const machine0 = machineCpuSeconds();
  const postgres0 = postgresCpuSeconds();
  const result = await run();
  const machine1 = machineCpuSeconds();
  const postgresCpu = postgresCpuSeconds() - postgres0;
  const self = process.cpuUsage(self0);
  const cpu1 = cpuOfServers();
  const after = await sumMetrics();
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const seconds = result.duration;
  const accepted = result.statusCodes['202'] ?? 0;
  const commits = delta('tastebud_commit_duration_seconds_count');
  const serverCpu = cpu1.total - cpu0.total;
  const mainThreadCpu = cpu1.mainThread - cpu0.mainThread;
  const benchCpu = (self.user + self.system) / 1e6;
  const machineBusy = machine1.busy - machine0.busy;
  const phaseMs = Object.fromEntries(
    PHASES.map((p) => {
      const count = delta(`tastebud_report_phase_seconds_count{phase="${p}"}`);
      return [p, round((delta(`tastebud_report_phase_seconds_sum{phase="${p}"}`) / Math.max(1, count)) * 1000, 3)];
    }),
  ) as Record<(typeof PHASES)[number], number>;
  const storeBusy = delta('tastebud_store_busy_seconds_total');
  return {
    acceptedPerSecond: round(accepted / seconds, 0),
    latencyMs: result.latencyMs,
    accepted,
    statusCodes: result.statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: seconds,
    // Mean milliseconds a report spends in each phase on the server; the client's latency adds the
    // network, HTTP parsing and any wait for the event loop before the handler runs.
    serverPhasesMs: {
      ...phaseMs,
      total: round(
        PHASES.reduce((sum, p) => sum + phaseMs[p], 0),
        3,
      ),
    },
    groupCommit: {
      commits,
      // From the server's commit histogram: the bucket bound that 50 % and 99 % of commits stayed within.
      commitMsWithin: { p50: commitQuantile(delta, commits, 0.5), p99: commitQuantile(delta, commits, 0.99) },
      reportsPerCommit: round(delta('tastebud_commit_batch_reports_total') / Math.max(1, commits), 1),
      msPerCommit: round((delta('tastebud_commit_duration_seconds_sum') / Math.max(1, commits)) * 1000, 2),
      // SQLite only: the share of the time its thread was executing store calls (1 = saturated).
      ...(servers.length === 1 && after.tastebud_store_busy_seconds_total !== undefined
        ? {
            storeThreadBusyShare: round(storeBusy / seconds, 3),
            storeMsPerReport: round((storeBusy / Math.max(1, accepted)) * 1000, 3),
          }
        : {}),
    },
    cpu: {
      // Cores busy on average over the run (2 = the whole machine).
      machineCores: round(machineBusy / seconds, 2),
      serverCores: round(serverCpu / seconds, 2),
      serverMainThreadCores: round(mainThreadCpu / seconds, 2),
      serverMsPerReport: round((serverCpu / Math.max(1, accepted)) * 1000, 3),
      serverMainThreadMsPerReport: round((mainThreadCpu / Math.max(1, accepted)) * 1000, 3),
      postgresCores: round(postgresCpu / seconds, 2),
      postgresMsPerReport: round((postgresCpu / Math.max(1, accepted)) * 1000, 3),
      loadGeneratorCores: round(benchCpu / seconds, 2),
      // Anything else on the machine: contention the figures did not ask for.
      otherProcessesCores: round(Math.max(0, machineBusy - serverCpu - postgresCpu - benchCpu) / seconds, 2),
    },
  };
}

/** Upper bounds (seconds) of `tastebud_commit_duration_seconds` (server/createMetrics.ts). */
const COMMIT_BUCKETS = ['0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];

/** The smallest histogram bound (ms) holding quantile `q` of the run's commits. */
function commitQuantile(delta: (name: string) => number, commits: number, q: number): number | string {
  for (const bound of COMMIT_BUCKETS) {
    if (delta(`tastebud_commit_duration_seconds_bucket{le="${bound}"}`) >= q * commits) {
      return bound === '+Inf' ? '> 2500' : Number(bound) * 1000;
    }
  }
  return '> 2500';
}

type Setup = Awaited<ReturnType<typeof benchSetup>>;

/**
 * What limits throughput at saturation: the resources a report needs, by how busy they were. With
 * none near 1, the closed loop itself is the limit: each connection waits for its report's commit.
 */
function limitOf(setup: Setup) {
  const { saturation: s } = setup;
  const cores = availableParallelism();
  const candidates: Array<[string, number]> = [
    ['the machine’s CPU (server, database, load generator and other processes share the cores)', s.cpu.machineCores / cores],
    ['the server’s event loop (HTTP, JSON.parse, validation)', s.cpu.serverMainThreadCores / setup.instances],
  ];
  if (s.groupCommit.storeThreadBusyShare !== undefined) {
    candidates.push(['the SQLite thread (commits one batch at a time)', s.groupCommit.storeThreadBusyShare]);
  }
  candidates.sort((a, b) => b[1] - a[1]);
  const [busiest, share] = candidates[0] as [string, number];
  return {
    acceptedPerSecond: s.acceptedPerSecond,
    boundBy:
      share >= 0.9
        ? busiest
        : `the closed loop of ${CONNECTIONS} connections, each waiting for its commit (nothing saturated; busiest: ${busiest.split(' (')[0]})`,
    utilisation: Object.fromEntries(candidates.map(([name, value]) => [name.split(' (')[0], round(value, 2)])),
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

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

const loadAtStart = loadAverage();
const edgeChecks = measureEdgeChecks();
const setups: Setup[] = [];
setups.push(await benchSetup('sqlite', sqliteStore, 1));
if (await postgresReachable()) {
  for (const instances of [1, 2]) setups.push(await benchSetup('postgres', postgresStore, instances));
} else {
  log(`postgres: skipped, ${POSTGRES} unreachable`);
}

const result = {
  benchmark: 'server-ingest',
  dimensions: DIMENSIONS,
  report: { gamma: GAMMA, sigma: SIGMA, bodyBytes: edgeChecks.bodyBytes, storedBytes: edgeChecks.storedBytes },
  connections: CONNECTIONS,
  secondsPerRun: SECONDS,
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model,
    node: process.version,
    // 1, 5 and 15 minute load averages (as `uptime` prints them), before and after the runs.
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadAverage(),
  },
  server: builtServer() ? 'dist/server-cli.js' : 'server/cli.ts (tsx)',
  edgeChecksPerReportIdleMs: { parse: edgeChecks.parseMs, validate: edgeChecks.validateMs },
  summary: setups.map((setup) => ({
    setup: `${setup.store} × ${setup.instances}`,
    saturationPerSecond: setup.saturation.acceptedPerSecond,
    fixedRate: {
      offeredPerSecond: setup.fixedRate.offeredPerSecond,
      acceptedPerSecond: setup.fixedRate.acceptedPerSecond,
      p50Ms: setup.fixedRate.latencyMs.p50,
      p99Ms: setup.fixedRate.latencyMs.p99,
    },
    whereTheTimeGoesAtFixedRateMs: setup.fixedRate.serverPhasesMs,
    limit: limitOf(setup),
  })),
  results: setups,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

/** What bench:server prints: bench/results/latest.json `parts.server.results[]` (one per run). */
export type ServerBenchResult = typeof result;
