import type { Spread } from './readFigures';
import type { Bar } from './svgBarChart';

/** One row of the report's headline table: Tastebud, the peer measured in the same run, the target. */
export interface HeadlineRow {
  area: string;
  measure: string;
  tastebud: string;
  peer: string;
  target: string;
  /** 'behind': below a target or a peer; 'info': no target; 'missing': the benchmark failed. */
  status: 'pass' | 'behind' | 'info' | 'missing';
}

/** An SVG chart written next to the report (docs/img/). */
export interface Chart {
  file: string;
  svg: string;
}

/** What each area of the report contributes. */
export interface ReportSection {
  title: string;
  markdown: string;
  charts: Chart[];
  headline: HeadlineRow[];
  /** Plain statements of where Tastebud is behind a peer or a target, from this run's figures. */
  behind: string[];
}

/**
 * Collects a section's charts and returns the Markdown image line for each.
 * @param imageDir - the charts' folder relative to the report (e.g. 'img').
 */
export function chartCollector(imageDir: string) {
  const charts: Chart[] = [];
  return {
    charts,
    /** Adds a chart and returns `![alt](dir/file)`. */
    add(file: string, svg: string, alt: string): string {
      charts.push({ file, svg });
      return `![${alt}](${imageDir}/${file})`;
    },
  };
}

/**
 * A headline row for an area whose benchmark produced nothing.
 * @param area - the area's name.
 */
export function missingRow(area: string): HeadlineRow {
  return { area, measure: 'every figure', tastebud: '—', peer: '—', target: '—', status: 'missing' };
}

/**
 * A bar of a chart from a spread (null when the figure is missing).
 * @param label - the bar's label.
 * @param s - median, min, max.
 * @param group - colour group: 0 for Tastebud.
 */
export function barOf(label: string, s: Spread | null, group: number): Bar | null {
  return s ? { label, value: s.median, min: s.min, max: s.max, group } : null;
}

/**
 * The section of an area whose benchmark produced nothing in this run.
 * @param title - the section's title.
 * @param benchmark - the npm script, e.g. 'bench:engine'.
 * @param area - the headline's area.
 */
export function notMeasured(title: string, benchmark: string, area: string): ReportSection {
  return {
    title,
    markdown: `_${benchmark} did not produce results in this run (see "Run")._`,
    charts: [],
    headline: [missingRow(area)],
    behind: [],
  };
}
