// The decoded vector of one report, noise and all, next to the profile it came from.
// @ts-check
import { describeFeature } from './featureLabel.js';
import { formatBytes, formatNumber, formatTime } from './format.js';
import { html, setHtml } from './html.js';
import { fromBase64 } from './reportsPanel.js';

/**
 * Opens the report dialog.
 * @param {HTMLDialogElement} dialog - #report-dialog.
 * @param {import('./reportsPanel.js').ReportRecord} record - a sent report with its vector.
 * @param {import('./Shop').Shop} shop - the catalogue (see app.js).
 */
export async function openReport(dialog, record, shop) {
  // Only a sent report that kept its vector has the button that opens this dialog.
  const report = /** @type {NonNullable<typeof record.report>} */ (record.report);
  const data = fromBase64(/** @type {string} */ (record.data));
  const gamma = report.gamma;
  const noise = report.sigma * gamma;
  let sum2 = 0;
  let nonzero = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of data) {
    sum2 += v * v;
    if (v !== 0) nonzero++;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  // Where the shopper's shared interests sit in the vector: the engine's own feature hash (tastebud/engine).
  const engine = await import('/engine.js');
  /** @typedef {{ feature: string, weight: number, d: import('./featureLabel.js').FeatureLabel, index?: number, sent?: number }} Located */
  const located = (record.interests ?? []).map((interest) => {
    const d = describeFeature(interest.feature, shop.byId);
    if (!d.shared) return /** @type {Located} */ ({ ...interest, d });
    const index = (engine.murmur3(interest.feature, engine.FEATURE_HASH_SEED) >>> 0) & (data.length - 1);
    const sent = /** @type {number} */ (data[index]) * gamma * engine.signOf(interest.feature);
    return /** @type {Located} */ ({ ...interest, d, index, sent });
  });
  setHtml(
    dialog,
    html`<form method="dialog" class="dialog-close"><button aria-label="Close">×</button></form>
      <h2>Report ${report.id.slice(0, 8)}… sent at ${formatTime(report.at)}</h2>
      <p class="muted">${formatBytes(report.bytes)} of JSON · base model version ${report.baseVersion} · clip norm C = ${report.clipNorm} · grid γ = ${formatNumber(gamma, 3)} ·
        ${report.mechanism === 'none' ? 'no noise' : html`discrete Gaussian noise σ = ${report.sigma} grid steps (${formatNumber(noise, 3)} per coordinate)`} · ε ${formatNumber(report.epsilon, 3)} at δ = 10⁻⁶</p>
      <div class="dialog-grid">
        <section>
          <h3>What was sent</h3>
          <canvas id="histogram" width="420" height="160" aria-label="Histogram of the sent values"></canvas>
          <p class="small">${data.length.toLocaleString('en')} coordinates, ${nonzero.toLocaleString('en')} non-zero. Values × γ from ${formatNumber(min * gamma)} to ${formatNumber(max * gamma)}; L2 norm ${formatNumber(Math.sqrt(sum2) * gamma)}, while your whole change was clipped to ${report.clipNorm}. The bars are the values; the line is the noise alone.</p>
          <h4>The first 48 coordinates (× γ)</h4>
          <div class="coords">${[...data.slice(0, 48)].map((v) => html`<span>${formatNumber(v * gamma, 2)}</span>`)}</div>
        </section>
        <section>
          <h3>The profile it came from</h3>
          <table class="located">
            <thead><tr><th>Interest</th><th>Your weight</th><th>In the report</th></tr></thead>
            <tbody>${located.map(
              (i) => html`<tr>
                <td>${i.d.label} <small>${i.d.kind}</small></td>
                <td>${formatNumber(i.weight, 2)}</td>
                <td>${i.index === undefined ? html`<span class="muted">never sent (local part)</span>` : html`#${i.index}: ${formatNumber(/** @type {number} */ (i.sent), 2)}`}</td>
              </tr>`,
            )}</tbody>
          </table>
          <p class="small">Product ids and tags live in the local part and are never reported. A category, brand or price bucket you like sits at a fixed coordinate, but there your weight is buried in noise of σ ${formatNumber(noise, 2)}: the server learns about the crowd only by averaging many reports. Whatever you did, a report like this one would be almost as likely (within a factor e<sup>ε</sup>) had you done something else.</p>
        </section>
      </div>`,
  );
  drawHistogram(/** @type {HTMLCanvasElement} */ (dialog.querySelector('#histogram')), data, gamma, noise);
  dialog.showModal();
}

/**
 * Draws the histogram of the sent values, and the curve of pure noise over it.
 * @param {HTMLCanvasElement} canvas - #histogram.
 * @param {Int32Array} data - the vector as sent.
 * @param {number} gamma - grid step: value × gamma is the weight change.
 * @param {number} noise - σ per coordinate (after × gamma).
 */
function drawHistogram(canvas, data, gamma, noise) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const { width, height } = canvas;
  const spread = Math.max(noise * 4, 1e-9);
  /** @type {number[]} */
  const bins = new Array(61).fill(0);
  const step = (2 * spread) / bins.length;
  for (const v of data) {
    const k = Math.floor((v * gamma + spread) / step);
    if (k >= 0 && k < bins.length) bins[k] = /** @type {number} */ (bins[k]) + 1;
  }
  const peak = Math.max(...bins, 1);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#2f6b4f';
  const w = width / bins.length;
  bins.forEach((count, k) => {
    const h = (count / peak) * (height - 20);
    ctx.fillRect(k * w + 1, height - 16 - h, w - 2, h);
  });
  if (noise > 0) {
    // The discrete Gaussian's expected counts: what pure noise looks like.
    ctx.strokeStyle = '#c0552b';
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let k = 0; k < bins.length; k++) {
      const x = -spread + (k + 0.5) * step;
      const expected = (data.length * step * Math.exp(-(x * x) / (2 * noise * noise))) / (noise * Math.sqrt(2 * Math.PI));
      const y = height - 16 - (expected / peak) * (height - 20);
      if (k === 0) ctx.moveTo(k * w + w / 2, y);
      else ctx.lineTo(k * w + w / 2, y);
    }
    ctx.stroke();
  }
  ctx.fillStyle = '#555';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(formatNumber(-spread, 2), 2, height - 3);
  ctx.fillText('0', width / 2 - 3, height - 3);
  ctx.fillText(formatNumber(spread, 2), width - 30, height - 3);
}
