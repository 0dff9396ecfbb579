import { spawn } from 'node:child_process';

/** How one run of a benchmark process ended. */
export interface PartRun {
  ok: boolean;
  exitCode: number | null;
  signal: string | null;
  seconds: number;
  /** The JSON the process printed on stdout (null: none could be parsed). */
  result: unknown;
  /** Why the run counts as failed. */
  error?: string;
  /** The last lines it wrote on stderr, kept for a failure. */
  stderrTail?: string[];
}

/** What to start: argv, extra environment, and a time limit. */
export interface PartCommand {
  argv: string[];
  env: Record<string, string>;
  timeoutSeconds: number;
  /** A non-zero exit with parseable JSON still counts as a result (scripts/sizes.mjs exits 1 over budget). */
  jsonDespiteExitCode?: boolean;
}

/** Process groups of the benchmarks running now (detached: a Ctrl-C reaches only the suite). */
const running = new Set<number>();

/** Ends every benchmark still running (their whole process groups): for the suite's own SIGINT/SIGTERM. */
export function stopRunningParts(): void {
  for (const pid of running) killGroup(pid);
}

/**
 * Runs one benchmark as a child process in its own process group (so a crash or a hang costs only that
 * benchmark), passes its stderr through, and parses the JSON it prints.
 * @param command - argv, environment, time limit.
 * @param cwd - the repository.
 */
export function runPart(command: PartCommand, cwd: string): Promise<PartRun> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const [file, ...args] = command.argv;
    const child = spawn(file as string, args, {
      cwd,
      env: { ...process.env, ...command.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    if (child.pid) running.add(child.pid);
    let stdout = '';
    const tail: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      process.stderr.write(chunk);
      tail.push(...chunk.split('\n').filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 30));
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, command.timeoutSeconds * 1000);
    const finish = (exitCode: number | null, signal: string | null, spawnError?: Error) => {
      clearTimeout(timer);
      if (child.pid) running.delete(child.pid);
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      let result: unknown = null;
      let parseError: string | undefined;
      try {
        result = stdout.trim() ? JSON.parse(stdout) : null;
      } catch (error) {
        parseError = (error as Error).message;
      }
      const exitOk = exitCode === 0 || (command.jsonDespiteExitCode === true && exitCode !== null && result !== null);
      const error = spawnError
        ? `could not start: ${spawnError.message}`
        : timedOut
          ? `killed after the ${command.timeoutSeconds} s limit`
          : !exitOk
            ? `exited with ${signal ?? exitCode}`
            : result === null
              ? `printed no JSON${parseError ? ` (${parseError})` : ''}`
              : undefined;
      resolve({
        ok: error === undefined,
        exitCode,
        signal,
        seconds,
        result,
        ...(error ? { error, stderrTail: tail.slice(-12) } : {}),
      });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Ends the child's process group (the benchmark and what it started: Chromium, servers). */
function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
