import { cryptoRandom, PRIVACY_DEFAULTS } from '../core/privacy/index';
import type { LogEntry, ResolvedServerOptions, ServerOptions } from './types';

const AGGREGATORS = ['mean', 'trimmed-mean', 'median'] as const;

/** Warnings and errors as one JSON line each on stderr; info stays quiet unless a sink is given. */
function stderrLog(entry: LogEntry): void {
  if (entry.level !== 'info') process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

/**
 * Fills in the defaults of {@link ServerOptions} and rejects impossible values with the option's name.
 * @param options - what the caller gave.
 * @returns every option resolved.
 */
export function resolveOptions(options: ServerOptions): ResolvedServerOptions {
  const resolved: ResolvedServerOptions = {
    store: options.store ?? 'sqlite:./data/tastebud.db',
    dimensions: options.dimensions ?? 2 ** 14,
    minReports: options.minReports ?? 1000,
    roundSeconds: options.roundSeconds ?? 3600,
    aggregator: options.aggregator ?? (options.mode === 'central' ? 'mean' : 'trimmed-mean'),
    trim: options.trim ?? 0.1,
    learningRate: options.learningRate ?? 1,
    // No limit: a stale report's delta is the shopper's own change, as valid as a fresh one (server/README.md).
    maxStaleVersions: options.maxStaleVersions ?? Number.MAX_SAFE_INTEGER,
    maxReportsPerRound: options.maxReportsPerRound ?? 20_000,
    // Central mode needs every report clipped to one C (its noise is calibrated to it): by default the
    // SDK's, so a default SDK with `privacy: { mode: 'central' }` is accepted as it is.
    maxClipNorm: options.maxClipNorm ?? (options.mode === 'central' ? PRIVACY_DEFAULTS.clipNorm : 1),
    maxNoiseMultiplier: options.maxNoiseMultiplier ?? 10,
    allowUnnoised: options.allowUnnoised ?? false,
    corsOrigins: options.corsOrigins ?? [],
    basePath: normaliseBasePath(options.basePath ?? '/'),
    rateLimit: options.rateLimit ?? { ratePerSecond: 2000, burst: 500 },
    groupCommitMs: options.groupCommitMs ?? 2,
    maxBatch: options.maxBatch ?? 64,
    roundCheckMs: options.roundCheckMs ?? 1000,
    idRetentionDays: options.idRetentionDays ?? 30,
    modelHistory: options.modelHistory ?? 16,
    mode: options.mode ?? 'local',
    noiseMultiplier: options.noiseMultiplier ?? 1,
    random: options.random ?? cryptoRandom(),
    now: options.now ?? Date.now,
    log: options.log ?? stderrLog,
  };
  integer('dimensions', resolved.dimensions, 1, 2 ** 24);
  integer('minReports', resolved.minReports, 1, Number.MAX_SAFE_INTEGER);
  integer('maxReportsPerRound', resolved.maxReportsPerRound, resolved.minReports, Number.MAX_SAFE_INTEGER);
  integer('maxStaleVersions', resolved.maxStaleVersions, 0, Number.MAX_SAFE_INTEGER);
  integer('maxBatch', resolved.maxBatch, 1, 1000);
  integer('modelHistory', resolved.modelHistory, 1, Number.MAX_SAFE_INTEGER);
  range('roundSeconds', resolved.roundSeconds, 0, Number.MAX_SAFE_INTEGER);
  range('trim', resolved.trim, 0, 0.4999);
  range('learningRate', resolved.learningRate, Number.MIN_VALUE, Number.MAX_VALUE);
  range('maxClipNorm', resolved.maxClipNorm, Number.MIN_VALUE, Number.MAX_VALUE);
  range('maxNoiseMultiplier', resolved.maxNoiseMultiplier, 0, Number.MAX_VALUE);
  range('groupCommitMs', resolved.groupCommitMs, 0, 1000);
  range('roundCheckMs', resolved.roundCheckMs, 1, 3_600_000);
  range('idRetentionDays', resolved.idRetentionDays, 0, 36_500);
  if (!AGGREGATORS.includes(resolved.aggregator)) {
    throw new RangeError(`aggregator must be one of ${AGGREGATORS.join(', ')}, got "${String(resolved.aggregator)}"`);
  }
  if (resolved.mode !== 'local' && resolved.mode !== 'central') {
    throw new RangeError(`mode must be 'local' or 'central', got "${String(resolved.mode)}"`);
  }
  if (resolved.mode === 'central') {
    range('noiseMultiplier', resolved.noiseMultiplier, Number.MIN_VALUE, 1e6);
    if (resolved.aggregator !== 'mean') {
      throw new RangeError(
        `mode 'central' aggregates with 'mean' only, got aggregator "${resolved.aggregator}": the server's noise is calibrated to the round's sum, which a trimmed mean or median is not`,
      );
    }
  } else if (options.noiseMultiplier !== undefined) {
    throw new RangeError("noiseMultiplier applies to mode 'central' only: in mode 'local' each report carries its own noise");
  }
  if (resolved.rateLimit) {
    range('rateLimit.ratePerSecond', resolved.rateLimit.ratePerSecond, Number.MIN_VALUE, Number.MAX_VALUE);
    range('rateLimit.burst', resolved.rateLimit.burst, 1, Number.MAX_VALUE);
  }
  for (const origin of resolved.corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new RangeError(`corsOrigins: expected '*' or an origin like https://shop.example, got "${origin}"`);
    }
  }
  return resolved;
}

function normaliseBasePath(path: string): string {
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(path)) throw new RangeError(`basePath must start with / and be a plain path, got "${path}"`);
  return path.replace(/\/+$/, '');
}

function integer(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

function range(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max)
    throw new RangeError(`${name} must be in [${min}, ${max}], got ${value}`);
}
