import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untilRefused } from './helpers/spawnServer';

// Issue 13's "done when": a SQLite-only user installs the packed package and better-sqlite3, nothing
// else (no pg), and both the library and the CLI work. Needs the npm registry (valibot, better-sqlite3);
// outside CI an unreachable registry skips this file, saying so.
const REPO = resolve('.');
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
/** The repo's own better-sqlite3 (a 12.x, the peer range), so its compiled binary fits (see below). */
const SQLITE_VERSION = (JSON.parse(readFileSync('node_modules/better-sqlite3/package.json', 'utf8')) as { version: string })
  .version;

const registry = spawnSync('npm', ['ping'], { encoding: 'utf8', timeout: 20_000 });
const offline = registry.status !== 0 && !process.env.CI;
if (offline) console.log(`packed install: SKIPPED, the npm registry is unreachable (npm ping: ${registry.stderr.trim()})`);

/** Runs a command to its end (by default at most a minute), for its exit status and output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 60_000) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

/** Polls `url` until it answers (any status), failing as soon as `child` exits. */
async function firstAnswer(url: string, child: ChildProcess, stderr: () => string): Promise<Response> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before answering: ${stderr()}`);
    const answer = await fetch(url).catch(() => null);
    if (answer) return answer;
    await new Promise((next) => setImmediate(next));
  }
}

describe.skipIf(offline)('the packed package, installed with better-sqlite3 only', () => {
  let folder = '';
  let prebuilds = '';

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'tastebud-install-'));
    expect(existsSync('dist/server-cli.js'), 'dist/ is missing: run npm run build').toBe(true);
    const pack = run('npm', ['pack', '--silent', '--pack-destination', folder], REPO);
    expect(pack.status, pack.stderr).toBe(0);
    writeFileSync(join(folder, 'package.json'), '{ "private": true }\n');
    // better-sqlite3 installs a prebuilt binary when one is offered (users get GitHub's), else it
    // compiles for ~70 s. The binary the repo compiled for this Node, offered through prebuild-install's
    // own local-prebuilds folder, keeps this test quick; the package itself still comes from the registry.
    const binary = join(REPO, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    if (existsSync(binary)) {
      prebuilds = join(folder, 'prebuilds');
      mkdirSync(prebuilds);
      const file = `better-sqlite3-v${SQLITE_VERSION}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
      const tar = run(
        'tar',
        ['-czf', join(prebuilds, file), '-C', join(REPO, 'node_modules/better-sqlite3'), 'build/Release/better_sqlite3.node'],
        REPO,
      );
      expect(tar.status, tar.stderr).toBe(0);
    }
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('imports and runs its CLI without pg, and says which package a store is missing', () => {
    const install = run('npm', ['install', '--no-audit', '--no-fund', `./${name}-${version}.tgz`], folder);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(join(folder, 'node_modules/pg'))).toBe(false);
    expect(existsSync(join(folder, 'node_modules/better-sqlite3'))).toBe(false);

    const imported = run('node', ['-e', "import('tastebud/server').then((m) => console.log(typeof m.createServer))"], folder);
    expect(imported.stderr).toBe('');
    expect(imported.stdout.trim()).toBe('function');
    const help = run('npx', ['tastebud-server', '--help'], folder);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tastebud-server/);

    const postgres = run('npx', ['tastebud-server', '--store', 'postgres://127.0.0.1/test', '--port', '0'], folder);
    expect(postgres.status).toBe(1);
    expect(postgres.stderr).toContain('the postgres store needs the pg package: npm install pg');
    const sqlite = run('npx', ['tastebud-server', '--store', 'sqlite:./x.db', '--port', '0'], folder);
    expect(sqlite.status).toBe(1);
    expect(sqlite.stderr).toContain('the sqlite store needs the better-sqlite3 package: npm install better-sqlite3@12');
  });

  // Without the repo's binary, better-sqlite3 compiles: minutes on two busy cores.
  it('serves GET /v1/stats from a SQLite store once better-sqlite3 is installed', { timeout: 300_000 }, async () => {
    const env = prebuilds ? { npm_config_better_sqlite3_local_prebuilds: prebuilds } : {};
    const spec = `better-sqlite3@${SQLITE_VERSION}`;
    const install = run('npm', ['install', '--no-audit', '--no-fund', spec], folder, env, 280_000);
    expect(install.status, install.stderr).toBe(0);
    expect(SQLITE_VERSION).toMatch(/^12\./);
    expect(existsSync(join(folder, 'node_modules/pg'))).toBe(false);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Its own process group: npx runs the CLI as a child, and both must go.
    const server = spawn('npx', ['tastebud-server', '--store', 'sqlite:./x.db', '--port', String(port)], {
      cwd: folder,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise((done) => server.once('exit', done));
    try {
      const stats = await firstAnswer(`${url}/v1/stats`, server, () => stderr);
      expect(stats.status).toBe(200);
      expect(await stats.json()).toEqual({ version: 0, round: 1, pendingReports: 0, contributorsLastRound: 0 });
      expect(existsSync(join(folder, 'x.db'))).toBe(true);
    } finally {
      if (server.exitCode === null) process.kill(-(server.pid as number), 'SIGTERM');
      await untilRefused(url);
      await exited;
    }
  });
});
