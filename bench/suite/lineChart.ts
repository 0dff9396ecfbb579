import type { TopLevelSpec } from 'vega-lite';

/** One point of a series; `min`/`max` draw a whisker (e.g. over noise draws), null values are left out. */
export interface LinePoint {
  series: string;
  x: string;
  value: number | null;
  min?: number;
  max?: number;
}

/**
 * A Vega-Lite spec of lines over an ordinal x axis, with whiskers where points have a min and a max.
 * @param points - every series' points, x in display order.
 * @param options - the title and the axes' titles.
 */
export function lineChart(points: readonly LinePoint[], options: { title: string; x: string; y: string }): TopLevelSpec {
  const x = { field: 'x', type: 'ordinal', sort: null, title: options.x } as const;
  const color = { field: 'series', type: 'nominal', sort: null, title: null } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 520,
    height: 260,
    data: { values: points.filter((p) => p.value !== null) },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: { x, color, y: { field: 'value', type: 'quantitative', title: options.y, scale: { zero: false } } },
      },
      {
        transform: [{ filter: 'isValid(datum.min) && isValid(datum.max)' }],
        mark: 'rule',
        encoding: { x, color, y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' } },
      },
    ],
  };
}
