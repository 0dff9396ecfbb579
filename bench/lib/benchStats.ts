/** Median, min and max of a series of measurements, with the runs themselves. */
export interface Summary {
  runs: number[];
  median: number;
  min: number;
  max: number;
}

/** A throughput series: rates per run, and the seconds each run took. */
export interface RateSummary extends Summary {
  unit: string;
  /** Items processed per run. */
  count: number;
  seconds: number[];
}

/** A latency series in milliseconds. */
export interface LatencySummary {
  items: number;
  repetitions: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** Items scored and sorted per second at the median. */
  itemsPerSecond: number;
}

/**
 * The value at quantile `q` of an ascending array (nearest rank).
 * @param sorted - ascending values, not empty.
 * @param q - quantile in [0, 1].
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty series');
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Median, min and max of `values` (kept in run order in `runs`).
 * @param values - at least one measurement.
 */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) throw new RangeError('summary of an empty series');
  const median = n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  return { runs: [...values], median, min: sorted[0] as number, max: sorted[n - 1] as number };
}

/**
 * Turns per-run durations into a rate summary.
 * @param count - items processed in each run.
 * @param seconds - duration of each run.
 * @param unit - e.g. `'updates/s'`.
 */
export function rates(count: number, seconds: readonly number[], unit: string): RateSummary {
  return { unit, count, ...summarize(seconds.map((s) => round(count / s, 0))), seconds: seconds.map((s) => round(s, 6)) };
}

/**
 * Latency statistics of per-repetition durations.
 * @param items - items per call.
 * @param ms - duration of each call in milliseconds.
 */
export function latencies(items: number, ms: readonly number[]): LatencySummary {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = summarize(sorted).median;
  return {
    items,
    repetitions: ms.length,
    medianMs: round(median, 4),
    p95Ms: round(quantile(sorted, 0.95), 4),
    minMs: round(sorted[0] as number, 4),
    maxMs: round(sorted[sorted.length - 1] as number, 4),
    itemsPerSecond: round(items / (median / 1000), 0),
  };
}

/**
 * Rounds to `digits` decimals.
 * @param x - the number.
 * @param digits - decimals kept.
 */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Seconds elapsed since `t0` (a `performance.now()` reading). */
export function secondsSince(t0: number): number {
  return (performance.now() - t0) / 1000;
}

/** p50/p95/p99 (nearest rank), max and mean of one series. */
export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Percentiles of one series of measurements.
 * @param values - the measurements (any order).
 * @param digits - decimals to round to; omitted: not rounded.
 */
export function percentiles(values: readonly number[], digits?: number): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (x: number) => (digits === undefined ? x : round(x, digits));
  return {
    n: sorted.length,
    p50: r(quantile(sorted, 0.5)),
    p95: r(quantile(sorted, 0.95)),
    p99: r(quantile(sorted, 0.99)),
    max: r(sorted[sorted.length - 1] ?? 0),
    mean: r(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)),
  };
}

/** Median, min and max over runs, each rounded to `digits` (the runs kept, rounded too). */
export function overRuns(values: readonly number[], digits: number): Summary {
  const s = summarize(values);
  const r = (x: number) => round(x, digits);
  return { runs: s.runs.map(r), median: r(s.median), min: r(s.min), max: r(s.max) };
}
