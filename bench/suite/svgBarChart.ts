import { escapeXml, formatTick, PALETTE, svgDocument } from './svgDocument';

/** One bar: its value, the spread of its runs (drawn as a whisker), and a colour group. */
export interface Bar {
  label: string;
  value: number;
  min?: number;
  max?: number;
  /** Bars of the same group share a colour; group 0 is Tastebud's. */
  group?: number;
  /** Text after the bar; default the value. */
  note?: string;
}

/** Options of {@link svgBarChart}. */
export interface BarChartOptions {
  title: string;
  /** The value axis' caption, with its unit. */
  unit: string;
  /** A logarithmic value axis, for figures orders of magnitude apart. @default false */
  log?: boolean;
  /** A vertical line at a target value, labelled. */
  target?: { value: number; label: string };
  /** What the whiskers span. @default 'min–max of runs' */
  whiskers?: string;
  width?: number;
}

const ROW = 26;
const LABEL_WIDTH = 210;
const TOP = 44;

/**
 * A horizontal bar chart with min–max whiskers, as an SVG document (no dependency; readable in any
 * Markdown viewer). Values ≤ 0 on a log axis are drawn as empty bars.
 * @param bars - top to bottom.
 * @param options - title, unit, scale, target line.
 */
export function svgBarChart(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? 760;
  const plotWidth = width - LABEL_WIDTH - 150;
  const height = TOP + bars.length * ROW + 40;
  const highs = bars.flatMap((b) => [b.value, b.max ?? b.value]).concat(options.target ? [options.target.value] : []);
  const positive = highs.concat(bars.map((b) => b.min ?? b.value)).filter((v) => v > 0);
  const top = Math.max(...highs, 0) || 1;
  const bottom = options.log ? 10 ** Math.floor(Math.log10(Math.min(...positive, top))) : 0;
  const topEdge = options.log ? 10 ** Math.ceil(Math.log10(top)) : niceCeiling(top);
  const x = (v: number) => {
    if (options.log) {
      if (v <= 0) return 0;
      return ((Math.log10(Math.max(v, bottom)) - Math.log10(bottom)) / (Math.log10(topEdge) - Math.log10(bottom))) * plotWidth;
    }
    return (v / topEdge) * plotWidth;
  };
  const parts: string[] = [];
  const ticks = options.log ? logTicks(bottom, topEdge) : [0, 0.25, 0.5, 0.75, 1].map((f) => f * topEdge);
  for (const t of ticks) {
    const tx = LABEL_WIDTH + x(t);
    parts.push(`<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${TOP + bars.length * ROW}" class="grid"/>`);
    parts.push(`<text x="${tx}" y="${TOP + bars.length * ROW + 16}" class="tick" text-anchor="middle">${formatTick(t)}</text>`);
  }
  bars.forEach((bar, i) => {
    const y = TOP + i * ROW;
    const colour = PALETTE[(bar.group ?? 1) % PALETTE.length];
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + 16}" class="label" text-anchor="end">${escapeXml(bar.label)}</text>`);
    parts.push(
      `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${Math.max(0, x(bar.value))}" height="${ROW - 10}" fill="${colour}"/>`,
    );
    if (bar.min !== undefined && bar.max !== undefined && bar.max > bar.min) {
      const [a, b, cy] = [LABEL_WIDTH + x(bar.min), LABEL_WIDTH + x(bar.max), y + ROW / 2 - 1];
      parts.push(`<path d="M${a} ${cy}H${b}M${a} ${cy - 5}V${cy + 5}M${b} ${cy - 5}V${cy + 5}" class="whisker"/>`);
    }
    const end = LABEL_WIDTH + Math.max(x(bar.value), x(bar.max ?? bar.value));
    parts.push(`<text x="${end + 6}" y="${y + 16}" class="value">${escapeXml(bar.note ?? formatTick(bar.value))}</text>`);
  });
  if (options.target) {
    const tx = LABEL_WIDTH + x(options.target.value);
    parts.push(`<line x1="${tx}" y1="${TOP - 10}" x2="${tx}" y2="${TOP + bars.length * ROW}" class="target"/>`);
    parts.push(`<text x="${tx + 4}" y="${TOP - 12}" class="target-label">${escapeXml(options.target.label)}</text>`);
  }
  parts.push(
    `<text x="${LABEL_WIDTH + plotWidth / 2}" y="${height - 6}" class="axis" text-anchor="middle">${escapeXml(options.unit)}${options.log ? ' (log scale)' : ''}; whiskers: ${escapeXml(options.whiskers ?? 'min–max of runs')}</text>`,
  );
  return svgDocument(width, height, options.title, parts);
}

function niceCeiling(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function logTicks(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to * 1.0001; t *= 10) out.push(t);
  return out;
}
