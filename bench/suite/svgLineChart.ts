import { escapeXml, formatTick, PALETTE, svgDocument } from './svgDocument';

/** One line: a value per x category (null: no point), with optional min–max whiskers per point. */
export interface Series {
  name: string;
  values: Array<number | null>;
  min?: Array<number | null>;
  max?: Array<number | null>;
  /** Dashed, e.g. for a baseline. @default false */
  dashed?: boolean;
}

/** Options of {@link svgLineChart}. */
export interface LineChartOptions {
  title: string;
  /** The x categories, left to right (e.g. months, client counts). */
  x: readonly string[];
  xLabel: string;
  yLabel: string;
  /** The y range; default from the data, padded. */
  yMin?: number;
  yMax?: number;
  width?: number;
  height?: number;
}

const LEFT = 58;
const RIGHT = 200;
const TOP = 40;
const BOTTOM = 46;

/**
 * A line chart over categorical x positions, one colour per series (the first is Tastebud's), with a
 * legend on the right and min–max whiskers where a series has them.
 * @param series - the lines.
 * @param options - categories, labels, range.
 */
export function svgLineChart(series: readonly Series[], options: LineChartOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 320;
  const plotW = width - LEFT - RIGHT;
  const plotH = height - TOP - BOTTOM;
  const all = series.flatMap((s) => [...s.values, ...(s.min ?? []), ...(s.max ?? [])]).filter((v): v is number => v !== null);
  const lo = options.yMin ?? Math.min(...all);
  const hi = options.yMax ?? Math.max(...all);
  const step = niceStep((hi - lo) / 4 || Math.abs(hi) / 10 || 0.01);
  const y0 = options.yMin ?? Math.floor(lo / step) * step;
  const y1 = options.yMax ?? Math.max(Math.ceil(hi / step) * step, y0 + step);
  const n = options.x.length;
  const px = (i: number) => LEFT + (n === 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const py = (v: number) => TOP + (1 - (v - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [];
  const ticks = Math.round((y1 - y0) / step);
  for (let t = 0; t <= ticks && ticks <= 12; t++) {
    const v = y0 + t * step;
    parts.push(`<line x1="${LEFT}" y1="${py(v)}" x2="${LEFT + plotW}" y2="${py(v)}" class="grid"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${py(v) + 4}" class="tick" text-anchor="end">${formatTick(v)}</text>`);
  }
  const every = Math.max(1, Math.ceil(n / 12));
  options.x.forEach((label, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    parts.push(`<text x="${px(i)}" y="${TOP + plotH + 16}" class="tick" text-anchor="middle">${escapeXml(label)}</text>`);
  });
  series.forEach((s, k) => {
    const colour = PALETTE[k % PALETTE.length];
    const points = s.values.map((v, i) => (v === null ? null : `${px(i).toFixed(1)},${py(v).toFixed(1)}`));
    const runs: string[][] = [[]];
    for (const p of points) {
      if (p === null) runs.push([]);
      else runs[runs.length - 1]?.push(p);
    }
    for (const run of runs.filter((r) => r.length > 0)) {
      parts.push(
        `<polyline points="${run.join(' ')}" class="series" stroke="${colour}"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    }
    s.values.forEach((v, i) => {
      if (v === null) return;
      parts.push(`<circle cx="${px(i)}" cy="${py(v)}" r="3" fill="${colour}"/>`);
      const a = s.min?.[i];
      const b = s.max?.[i];
      if (a !== undefined && a !== null && b !== undefined && b !== null && b > a) {
        parts.push(
          `<path d="M${px(i)} ${py(a)}V${py(b)}M${px(i) - 4} ${py(a)}H${px(i) + 4}M${px(i) - 4} ${py(b)}H${px(i) + 4}" style="stroke:${colour}" class="whisker"/>`,
        );
      }
    });
    const ly = TOP + 6 + k * 18;
    parts.push(
      `<line x1="${LEFT + plotW + 14}" y1="${ly}" x2="${LEFT + plotW + 34}" y2="${ly}" stroke="${colour}" stroke-width="3"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
    parts.push(`<text x="${LEFT + plotW + 40}" y="${ly + 4}" class="legend">${escapeXml(s.name)}</text>`);
  });
  parts.push(
    `<text x="${LEFT + plotW / 2}" y="${height - 8}" class="axis" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
  );
  parts.push(
    `<text x="14" y="${TOP + plotH / 2}" class="axis" text-anchor="middle" transform="rotate(-90 14 ${TOP + plotH / 2})">${escapeXml(options.yLabel)}</text>`,
  );
  return svgDocument(width, height, options.title, parts);
}

/** A round step (1, 2 or 5 × 10^k) at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}
