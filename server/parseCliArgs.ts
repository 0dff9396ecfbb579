import { parseArgs } from 'node:util';
import type { AggregatorKind } from './aggregate';
import type { ServerOptions } from './types';

/** What the CLI runs: server options plus where to listen, or the help text. */
export type CliCommand = { help: true } | { help: false; port: number; host: string; options: ServerOptions };

/** `tastebud-server --help`. */
export const CLI_USAGE = `Usage: tastebud-server [options]

  --port N                   port to listen on (default 8787; 0 picks a free one)
  --host HOST                address to bind (default 127.0.0.1)
  --store SPEC               sqlite:PATH (default sqlite:./data/tastebud.db) or postgres://…[?schema=name]
  --dimensions N             dimensions of the shared model (default 16384)
  --min-reports N            a round publishes only with at least N reports (default 1000)
  --round-seconds N          a round stays open at least N seconds (default 3600)
  --aggregator KIND          mean | trimmed-mean | median (default trimmed-mean)
  --trim BETA                fraction cut from each end by the trimmed mean (default 0.1)
  --learning-rate ETA        server learning rate (default 1)
  --max-stale-versions N     how far behind the current model a report's baseVersion may be (default: no limit)
  --max-reports-per-round N  reports one round accepts; more get 429 (default 20000)
  --max-clip-norm C          largest clip norm a report may claim (default 1); in central mode the one every report
                             must use (default 0.05, the SDK's)
  --max-noise-multiplier Z   largest sigma / (2 clipNorm / gamma) a report may claim (default 10)
  --allow-unnoised           accept mechanism "none" (SDK privacy: false; development only)
  --mode MODE                local (reports carry their noise; default) | central (the server noises each
                             round's sum; clients send mechanism "none"; aggregator mean only)
  --noise-multiplier Z       central mode: noise sigma = Z x the sum's sensitivity 2C/gamma (default 1)
  --rate-limit N             reports per second this process accepts, 0 for no limit (default 2000)
  --rate-burst N             token bucket size (default 500)
  --cors-origin ORIGIN       allow a shop origin (repeat, or comma-separate; '*' for any); no credentials
  --base-path PATH           where the API is mounted (default /)
  --round-check-ms N         how often to check whether a round is due (default 1000)
  --group-commit-ms N        how long a report waits for others to share its commit (default 2)
  --help                     this text
`;

/**
 * Parses the command line of `tastebud-server`.
 * @param argv - the arguments after the script name.
 * @returns the command; throws a TypeError or RangeError naming the flag on bad input.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      store: { type: 'string' },
      dimensions: { type: 'string' },
      'min-reports': { type: 'string' },
      'round-seconds': { type: 'string' },
      aggregator: { type: 'string' },
      trim: { type: 'string' },
      'learning-rate': { type: 'string' },
      'max-stale-versions': { type: 'string' },
      'max-reports-per-round': { type: 'string' },
      'max-clip-norm': { type: 'string' },
      'max-noise-multiplier': { type: 'string' },
      'allow-unnoised': { type: 'boolean' },
      mode: { type: 'string' },
      'noise-multiplier': { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-burst': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'base-path': { type: 'string' },
      'round-check-ms': { type: 'string' },
      'group-commit-ms': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { help: true };
  const options: ServerOptions = {};
  const number = (flag: keyof typeof values, set: (n: number) => void): void => {
    const raw = values[flag];
    if (typeof raw !== 'string') return;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new RangeError(`--${flag}: expected a number, got "${raw}"`);
    set(n);
  };
  if (values.store !== undefined) options.store = values.store;
  number('dimensions', (n) => (options.dimensions = n));
  number('min-reports', (n) => (options.minReports = n));
  number('round-seconds', (n) => (options.roundSeconds = n));
  number('trim', (n) => (options.trim = n));
  number('learning-rate', (n) => (options.learningRate = n));
  number('max-stale-versions', (n) => (options.maxStaleVersions = n));
  number('max-reports-per-round', (n) => (options.maxReportsPerRound = n));
  number('max-clip-norm', (n) => (options.maxClipNorm = n));
  number('max-noise-multiplier', (n) => (options.maxNoiseMultiplier = n));
  number('round-check-ms', (n) => (options.roundCheckMs = n));
  number('group-commit-ms', (n) => (options.groupCommitMs = n));
  number('noise-multiplier', (n) => (options.noiseMultiplier = n));
  if (values.mode !== undefined) {
    if (values.mode !== 'local' && values.mode !== 'central') {
      throw new RangeError(`--mode: expected local or central, got "${values.mode}"`);
    }
    options.mode = values.mode;
  }
  let rate = 2000;
  let burst = 500;
  number('rate-limit', (n) => (rate = n));
  number('rate-burst', (n) => (burst = n));
  options.rateLimit = rate === 0 ? false : { ratePerSecond: rate, burst };
  if (values.aggregator !== undefined) {
    if (!['mean', 'trimmed-mean', 'median'].includes(values.aggregator)) {
      throw new RangeError(`--aggregator: expected mean, trimmed-mean or median, got "${values.aggregator}"`);
    }
    options.aggregator = values.aggregator as AggregatorKind;
  }
  if (values['allow-unnoised']) options.allowUnnoised = true;
  if (values['cors-origin']) options.corsOrigins = values['cors-origin'].flatMap((o) => o.split(',')).map((o) => o.trim());
  if (values['base-path'] !== undefined) options.basePath = values['base-path'];
  let port = 8787;
  number('port', (n) => (port = n));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`--port: expected 0–65535, got ${port}`);
  return { help: false, port, host: values.host ?? '127.0.0.1', options };
}
