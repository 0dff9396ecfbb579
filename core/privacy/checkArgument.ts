// Argument checks shared by the public functions: each error names the function and the argument.

/** Largest integer n such that every integer in [0, n] is exactly representable: 2^53. */
export const TWO_POW_53 = 9_007_199_254_740_992;

/**
 * Throws unless `value` is a finite number within [min, max] (and an integer if asked).
 * @param where - the function, for the message (e.g. `buildReport`).
 * @param name - the argument, e.g. `options.clipNorm`.
 * @param value - what was passed.
 * @param range - bounds, exclusivity of the lower bound, and whether it must be an integer.
 * @returns the value, typed as a number.
 */
export function checkNumber(
  where: string,
  name: string,
  value: unknown,
  range: { min?: number; max?: number; above?: number; integer?: boolean } = {},
): number {
  const { min = -Infinity, max = Infinity, above, integer = false } = range;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (above === undefined || value > above) &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a finite number';
    const bounds = [
      above !== undefined ? `> ${above}` : min > -Infinity ? `≥ ${min}` : '',
      max < Infinity ? `≤ ${max}` : '',
    ].filter(Boolean);
    throw new RangeError(
      `${where}: ${name} must be ${kind}${bounds.length ? ` ${bounds.join(' and ')}` : ''}, got ${describeValue(value)}`,
    );
  }
  return value as number;
}

/**
 * Throws unless `value` is an array of numbers accepted by {@link checkNumber}.
 * @returns the values.
 */
export function checkNumbers(
  where: string,
  name: string,
  value: unknown,
  range: { min?: number; max?: number; above?: number; integer?: boolean } = {},
): readonly number[] {
  if (!Array.isArray(value)) throw new TypeError(`${where}: ${name} must be an array of numbers, got ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++) checkNumber(where, `${name}[${i}]`, value[i], range);
  return value as readonly number[];
}

/** A short description of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null || typeof value !== 'object') return String(value);
  return ArrayBuffer.isView(value) ? value.constructor.name : 'an object';
}
