import type { TopLevelSpec } from 'vega-lite';

/** One bar: a median with the min–max of its runs as a whisker; `group` picks the colour (Tastebud first). */
export interface Bar {
  label: string;
  value: number;
  min?: number;
  max?: number;
  group: string;
}

/** What a bar chart shows besides its bars. */
export interface BarChartOptions {
  title: string;
  /** The value axis' title. */
  unit: string;
  /** A logarithmic value axis, for figures that span orders of magnitude. @default false */
  log?: boolean;
  /** A dashed line at a target. */
  target?: { value: number; label: string };
}

/**
 * A Vega-Lite spec of horizontal bars with min–max whiskers and an optional target line.
 * @param bars - in display order, top first.
 * @param options - title, unit, scale, target.
 */
export function barChart(bars: readonly Bar[], options: BarChartOptions): TopLevelSpec {
  const scale = { type: options.log ? 'log' : 'linear' } as const;
  const x = (field: string, title: string | null = null) => ({ field, type: 'quantitative', title, scale }) as const;
  const y = { field: 'label', type: 'nominal', sort: null, title: null } as const;
  const target = options.target;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 520,
    data: { values: bars.map((b) => ({ ...b, min: b.min ?? b.value, max: b.max ?? b.value })) },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y,
          x: x('value', options.unit),
          // A log axis has no zero: the bars start at the power of ten below the smallest figure.
          ...(options.log ? { x2: { datum: 10 ** Math.floor(Math.log10(Math.min(...bars.map((b) => b.min ?? b.value)))) } } : {}),
          color: { field: 'group', type: 'nominal', title: null },
        },
      },
      { mark: { type: 'rule', color: '#333' }, encoding: { y, x: x('min'), x2: { field: 'max' } } },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
        encoding: { y, x: x('max'), text: { field: 'value', type: 'quantitative', format: ',.4~r' } },
      },
      ...(target
        ? [
            {
              data: { values: [target] },
              layer: [
                { mark: { type: 'rule' as const, color: 'firebrick', strokeDash: [4, 3] }, encoding: { x: x('value') } },
                {
                  mark: { type: 'text' as const, color: 'firebrick', align: 'left' as const, dx: 3, y: -6 },
                  encoding: { x: x('value'), text: { field: 'label', type: 'nominal' as const } },
                },
              ],
            },
          ]
        : []),
    ],
  };
}
