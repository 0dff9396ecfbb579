import type { Summary } from '../lib/benchStats';

/**
 * A number for a table: thousands separated, `digits` decimals (fewer for large values).
 * @param v - the number, or null for "—".
 * @param digits - decimals. @default 2
 */
export function fmt(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const d = Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 100 ? Math.min(digits, 1) : digits;
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/**
 * "median [min–max] (n runs)" of a spread, with a unit; "—" when missing; no range when min = max.
 * @param s - the spread.
 * @param unit - appended after the numbers, e.g. ' ms'.
 * @param digits - decimals.
 * @param noun - what n counts. @default 'run'
 */
export function fmtSpread(s: Summary | null | undefined, unit = '', digits = 2, noun = 'run'): string {
  if (!s) return '—';
  const n = s.runs.length;
  const count = `(${n} ${noun}${n === 1 ? '' : 's'})`;
  if (n <= 1 || s.min === s.max) return `${fmt(s.median, digits)}${unit} ${count}`;
  return `${fmt(s.median, digits)}${unit} [${fmt(s.min, digits)}–${fmt(s.max, digits)}] ${count}`;
}

/**
 * A benchmark's own description as a sentence: a first plain lower-case word capitalised (not a code
 * name like `buildReport`), ending with a full stop.
 * @param text - the description, or anything else (then empty).
 */
export function sentence(text: unknown): string {
  if (typeof text !== 'string' || !text.trim()) return '';
  const t = text.trim();
  const capitalised = /^[a-z]+\b(?![(.])/.test(t) ? `${t[0]?.toUpperCase()}${t.slice(1)}` : t;
  return `${capitalised}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/**
 * Bytes as KiB with one decimal.
 * @param bytes - the size, or null.
 */
export function kib(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? '—' : `${fmt(bytes / 1024, 1)} KiB`;
}

/**
 * A Markdown table.
 * @param header - column titles.
 * @param rows - cells (already formatted).
 */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * A ratio as "1.23×".
 * @param a - numerator.
 * @param b - denominator.
 */
export function ratio(a: number | null | undefined, b: number | null | undefined): string {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? '—' : `${fmt(a / b, 2)}×`;
}
