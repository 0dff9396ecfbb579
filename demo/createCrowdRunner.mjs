// @ts-check
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CROWD = fileURLToPath(new URL('./crowd.mjs', import.meta.url));

/**
 * What the admin page polls: the run's times, exit code, last progress line, result and log tail.
 * @typedef {{ running: boolean, startedAt: number | null, finishedAt: number | null, exitCode: number | null,
 *   progress: object | null, result: object | null, log: string[] }} CrowdStatus
 */

/**
 * Runs the simulated crowd (demo/crowd.mjs) as a child process for the admin page's button, one run
 * at a time, and keeps its progress for the page to poll.
 * @param {() => string} baseUrl - the demo server's own URL, e.g. `http://127.0.0.1:8080`.
 */
export function createCrowdRunner(baseUrl) {
  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  /** @type {CrowdStatus} */
  let status = { running: false, startedAt: null, finishedAt: null, exitCode: null, progress: null, result: null, log: [] };

  /** @param {string} line - one line the crowd printed (a JSON event, or text). */
  function onLine(line) {
    let message = null;
    try {
      message = JSON.parse(line);
    } catch {}
    if (message?.event === 'progress') status.progress = message;
    else if (message?.event === 'done') status.result = message;
    const text = message?.message ?? line;
    if (text && !['progress', 'done'].includes(message?.event)) status.log = [...status.log.slice(-30), text];
  }

  return {
    status: () => status,
    /**
     * Starts a run unless one is running.
     * @param {{ shoppers: number, noiseMultiplier: number, taste: string, share: number }} options - validated.
     * @returns {boolean} false when a run is already going.
     */
    start(options) {
      if (child) return false;
      const args = [
        CROWD,
        `--url=${baseUrl()}`,
        `--shoppers=${options.shoppers}`,
        `--noise=${options.noiseMultiplier}`,
        `--taste=${options.taste}`,
        `--share=${options.share}`,
        '--json',
      ];
      status = { running: true, startedAt: Date.now(), finishedAt: null, exitCode: null, progress: null, result: null, log: [] };
      const run = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = run;
      let buffered = '';
      const read = (/** @type {string} */ chunk) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) onLine(line.trim());
      };
      run.stdout?.setEncoding('utf8').on('data', read);
      run.stderr?.setEncoding('utf8').on('data', read);
      run.on('close', (code) => {
        child = null;
        status = { ...status, running: false, finishedAt: Date.now(), exitCode: code };
      });
      return true;
    },
    /** Stops a run in progress (the demo server is shutting down). */
    stop() {
      child?.kill('SIGTERM');
    },
  };
}
