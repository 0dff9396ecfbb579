// Safe reads from the benchmarks' JSON, which the suite receives as `unknown`: a figure that a
// benchmark did not produce (it failed, or an older version ran) is null, never a crash of the report.

/** A figure over runs: median, min, max and how many runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Keys separated by dots (`'a.b.0.c'`), or a list of keys (for keys that contain dots). */
export type Path = string | readonly string[];

/**
 * The value at a path, or undefined.
 * @param value - parsed JSON.
 * @param path - dotted keys, or a list of keys.
 */
export function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of typeof path === 'string' ? path.split('.') : path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A finite number at `path`, else null.
 * @param value - parsed JSON.
 * @param path - dotted keys, or a list of keys.
 */
export function num(value: unknown, path: Path): number | null {
  const v = at(value, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * A `{ median, min, max, runs? }` object at `path` (the shape of benchStats' summaries), else null.
 * @param value - parsed JSON.
 * @param path - dotted keys, or a list of keys.
 */
export function spread(value: unknown, path: Path): Spread | null {
  const v = at(value, path);
  const median = num(v, 'median');
  if (median === null) return null;
  const runs = at(v, 'runs');
  return {
    median,
    min: num(v, 'min') ?? median,
    max: num(v, 'max') ?? median,
    n: Array.isArray(runs) ? runs.length : 1,
  };
}

/**
 * Median, min and max of values from repeated runs (nulls dropped), else null.
 * @param values - one value per run.
 */
export function spreadOf(values: ReadonlyArray<number | null>): Spread | null {
  const kept = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (kept.length === 0) return null;
  const mid = kept.length >> 1;
  const median = kept.length % 2 ? (kept[mid] as number) : ((kept[mid - 1] as number) + (kept[mid] as number)) / 2;
  return { median, min: kept[0] as number, max: kept[kept.length - 1] as number, n: kept.length };
}

/**
 * An array at `path`, else [].
 * @param value - parsed JSON.
 * @param path - dotted keys, or a list of keys.
 */
export function list(value: unknown, path: Path): unknown[] {
  const v = at(value, path);
  return Array.isArray(v) ? v : [];
}
