import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Compiles a Vega-Lite spec and renders it to an SVG document in Node (no browser, no canvas).
 * @param spec - the chart.
 */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  return new View(parse(compile(spec).spec), { renderer: 'none' }).toSVG();
}
