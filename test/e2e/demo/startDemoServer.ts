import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A demo server started as `npm start` starts it, on a free port with its own SQLite directory. */
export interface DemoServer {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Runs `node demo/crowd.mjs` against this server; resolves with its exit code and output. */
  runCrowd(args: string[]): Promise<{ code: number | null; output: string }>;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `node demo/server.mjs` (PORT=0 picks a free port; the URL is read from what it prints).
 * @returns the running server.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tastebud-demo-'));
  const child = spawn(process.execPath, ['demo/server.mjs'], {
    // One round of exactly the cold-start test's 400 crowd reports: which reports share a round must
    // not depend on how fast the machine sends them (a slow one split them and changed the model).
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TASTEBUD_DATA_DIR: dataDir, TASTEBUD_DEMO_MIN_REPORTS: '400' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo server did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Tastebud demo shop\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the demo server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    runCrowd: (args) => run(process.execPath, ['demo/crowd.mjs', `--url=${url}`, ...args]),
    async stop() {
      const exited = exitOf(child);
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await exitOf(child);
  return { code, output };
}
