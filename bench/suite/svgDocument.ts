/** Series colours: Tastebud first, then the peers and baselines (colour-blind safe, Okabe–Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#999999', '#F0E442'] as const;

const STYLE = `
text { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; fill: #222; }
.title { font-size: 15px; font-weight: 600; }
.label, .value, .legend { font-size: 12px; }
.tick, .axis { font-size: 11px; fill: #555; }
.grid { stroke: #e3e3e3; stroke-width: 1; }
.whisker { stroke: #222; stroke-width: 1.3; fill: none; }
.target { stroke: #D55E00; stroke-width: 1.5; stroke-dasharray: 5 3; }
.target-label { font-size: 11px; fill: #D55E00; }
.series { fill: none; stroke-width: 2; }
`;

/**
 * Wraps chart elements in a standalone SVG document with a white background, the shared style and a title.
 * @param width - pixels.
 * @param height - pixels.
 * @param title - drawn at the top and used as the document's accessible name.
 * @param parts - SVG elements.
 */
export function svgDocument(width: number, height: number, title: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<style>${STYLE}</style>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="22" class="title">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/**
 * Escapes text for SVG content and attributes.
 * @param text - any text.
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A compact axis or bar label: 1.2M, 35k, 0.95, 4.7.
 * @param v - the value.
 */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  if (a >= 100) return String(Math.round(v));
  if (a >= 1 || a === 0) return trim(v);
  return String(Number(v.toPrecision(3)));
}

function trim(v: number): string {
  return String(Number(v.toFixed(Math.abs(v) >= 10 ? 1 : 2)));
}
