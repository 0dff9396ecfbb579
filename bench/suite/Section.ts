import type { TopLevelSpec } from 'vega-lite';

/** Adds a chart to the report and returns its Markdown image line. */
export type AddChart = (file: string, alt: string, spec: TopLevelSpec) => string;

/** A chart to render next to the report. */
export interface ChartFile {
  file: string;
  spec: TopLevelSpec;
}
