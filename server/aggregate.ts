/** How a round's reports are combined, coordinate by coordinate. */
export type AggregatorKind = 'mean' | 'trimmed-mean' | 'median';

/** Options of {@link aggregate} and {@link aggregateColumns}. */
export interface AggregateOptions {
  kind: AggregatorKind;
  /** Fraction β cut from each end of every coordinate's sorted values (trimmed mean only). @default 0.1 */
  trim?: number;
}

/** One report as the aggregator sees it: integer values and the grid step that turns them into weights. */
export interface AggregateInput {
  data: Int32Array;
  gamma: number;
}

/**
 * Aggregates coordinates `[from, to)` of `slices` (one Int32Array per report, same order as `gammas`)
 * into `out[outOffset + j]`, in weight units (value × the report's gamma). Never weighted by anything a
 * client says: every report counts once. Reports must come in a fixed order (ascending id) so that every
 * instance, and an offline recomputation, gets the same bits.
 * @param slices - per report, the values of a block of coordinates; index 0 is coordinate `sliceStart`.
 * @param gammas - per report, its grid step γ.
 * @param from - first coordinate to compute, relative to the slice.
 * @param to - one past the last coordinate, relative to the slice.
 * @param options - the aggregator and its trim.
 * @param out - receives the aggregate.
 * @param outOffset - where coordinate 0 of the slice goes in `out`.
 */
export function aggregateColumns(
  slices: readonly Int32Array[],
  gammas: Float64Array,
  from: number,
  to: number,
  options: AggregateOptions,
  out: Float64Array,
  outOffset: number,
): void {
  const n = slices.length;
  if (n === 0) throw new RangeError('cannot aggregate zero reports');
  const column = new Float64Array(n);
  const trimCount = options.kind === 'trimmed-mean' ? Math.floor((options.trim ?? 0.1) * n) : 0;
  for (let j = from; j < to; j++) {
    for (let i = 0; i < n; i++) column[i] = ((slices[i] as Int32Array)[j] as number) * (gammas[i] as number);
    out[outOffset + j] = options.kind === 'mean' ? sum(column, 0, n) / n : orderStatistic(column, options.kind, trimCount);
  }
}

/**
 * Aggregates whole reports (the offline reference and the hand-computed fixtures use this).
 * @param reports - the round's reports, in ascending id order.
 * @param options - the aggregator and its trim.
 * @returns the aggregate in weight units, one value per coordinate.
 */
export function aggregate(reports: readonly AggregateInput[], options: AggregateOptions): Float64Array {
  const dimensions = reports[0]?.data.length ?? 0;
  const out = new Float64Array(dimensions);
  const gammas = Float64Array.from(reports, (r) => r.gamma);
  aggregateColumns(
    reports.map((r) => r.data),
    gammas,
    0,
    dimensions,
    options,
    out,
    0,
  );
  return out;
}

/** Left-to-right sum, so the result does not depend on anything but the order of the reports. */
function sum(values: Float64Array, from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i] as number;
  return total;
}

function orderStatistic(column: Float64Array, kind: 'trimmed-mean' | 'median', trimCount: number): number {
  column.sort();
  const n = column.length;
  if (kind === 'trimmed-mean') return sum(column, trimCount, n - trimCount) / (n - 2 * trimCount);
  const mid = n >> 1;
  return n % 2 === 1 ? (column[mid] as number) : ((column[mid - 1] as number) + (column[mid] as number)) / 2;
}
