import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server process started from the TypeScript CLI. */
export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
}

/** The preload that runs TypeScript in the main thread and in worker threads (see the file). */
const TSX_EVERY_THREAD = './test/server/helpers/tsxEveryThread.mjs';

/** The built CLI (`npm run build`), as `npx tastebud-server` runs it. */
export const BUILT_CLI = 'dist/server-cli.js';

/**
 * Starts the server CLI and waits for its "listening" line: `server/cli.ts` under tsx (a node --import
 * preload, so the child is the server itself and its pid, signals and exit code are the server's; the
 * preload covers the SQLite worker thread too), or the built `dist/server-cli.js`.
 * @param args - CLI flags; `--port 0` is added.
 * @param entry - which CLI to run. @default 'source'
 * @returns the running process.
 */
export function spawnServer(args: readonly string[], entry: 'source' | 'built' = 'source'): Promise<ServerProcess> {
  const script = entry === 'built' ? [BUILT_CLI] : ['--import', TSX_EVERY_THREAD, 'server/cli.ts'];
  const child = spawn(process.execPath, [...script, '--port', '0', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      const listening = JSON.parse(line) as { url: string; pid: number };
      resolve({ url: listening.url, pid: listening.pid, child, exited, stderr: () => stderr });
    });
    exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
}

/** Kills a server process that is still running (test clean-up) and waits until it is gone. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server) return;
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}

/**
 * Resolves once the server refuses new connections (it stopped listening, e.g. after SIGTERM).
 * @param url - the server's base URL.
 */
export async function untilRefused(url: string): Promise<void> {
  let refused = false;
  while (!refused) {
    refused = await fetch(`${url}/v1/stats`).then(
      () => false,
      (error: { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
    );
  }
}
