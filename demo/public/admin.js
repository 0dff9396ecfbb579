// The sync server's side (/admin): rounds, model versions and what the global model learned, read from
// the public sync API (/tastebud/v1/*) and named with the catalogue; plus the simulated crowd's button.
// @ts-check
import { LEAVES } from './catalog.js';
import { describeFeature } from './featureLabel.js';
import { html, setHtml } from './html.js';

/** @typedef {{ version: number, round: number, pendingReports: number, contributorsLastRound: number }} Stats GET /v1/stats */
/** @typedef {{ version: number, dimensions: number, weights: string }} Model GET /v1/model */
/** @typedef {{ name: string, index: number, sign: number }} Feature a named coordinate of the global model */
/** @typedef {{ version: number, round: number, reports: number, aggregator?: string, closedAt: number }} Round */
/** @typedef {{ running: boolean, result: object | null, progress: { total: number, sent: number } | null, log: string[] }} CrowdStatus */
/**
 * The crowd's form, with its named fields.
 * @typedef {HTMLFormElement & { shoppers: HTMLInputElement, taste: HTMLSelectElement, share: HTMLInputElement,
 *   noiseMultiplier: HTMLSelectElement }} CrowdForm
 */

/** The page's element for `selector` (the page always has it). */
const $ = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (document.querySelector(selector));
const API = '/tastebud/v1';
/** @type {Feature[]} */
let features = [];
/** @type {import('./Shop').DemoSettings & { server: { trim: number } } | null} */
let settings = null;
/** @type {number | null} */
let shownVersion = null;

/**
 * @param {string} url - a JSON resource of the demo server.
 * @returns {Promise<unknown>} its body.
 */
async function getJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function refreshStats() {
  const stats = /** @type {Stats} */ (await getJson(`${API}/stats`));
  $('#stat-version').textContent = `v${stats.version}`;
  $('#stat-round').textContent = `#${stats.round}`;
  $('#stat-pending').textContent = String(stats.pendingReports);
  $('#stat-contributors').textContent = String(stats.contributorsLastRound);
  if (stats.version !== shownVersion) {
    shownVersion = stats.version;
    await Promise.all([refreshModel(), refreshRounds()]);
  }
}

async function refreshModel() {
  const model = /** @type {Model} */ (await getJson(`${API}/model`));
  const bytes = Uint8Array.from(atob(model.weights), (c) => c.charCodeAt(0));
  const weights = new Float32Array(bytes.buffer);
  $('#model-version-chip').textContent = `version ${model.version}`;
  // A feature lifts an item by its weight times the sign its name hashes to.
  const named = features
    .map((f) => ({ ...f, lift: /** @type {number} */ (weights[f.index]) * f.sign }))
    .filter((f) => f.lift !== 0);
  const top = [...named].sort((a, b) => b.lift - a.lift).slice(0, 10);
  const bottom = [...named].sort((a, b) => a.lift - b.lift).slice(0, 10);
  const max = Math.max(1e-12, ...named.map((f) => Math.abs(f.lift)));
  const bars = (/** @type {typeof named} */ list, /** @type {number} */ sign) =>
    list.filter((f) => Math.sign(f.lift) === sign).length === 0
      ? html`<li class="muted">${model.version === 0 ? 'Nothing yet: version 0 is all zeros.' : 'None.'}</li>`
      : html`${list
          .filter((f) => Math.sign(f.lift) === sign)
          .map((f) => {
            const d = describeFeature(f.name, new Map());
            return html`<li title="${f.name} at coordinate ${f.index}: ${f.lift.toExponential(2)}">
              <span class="bar-label">${d.label} <small>${d.kind}</small></span>
              <span class="bar"><span class="fill ${sign > 0 ? 'shared' : 'negative'}" data-share="${Math.abs(f.lift) / max}"></span></span></li>`;
          })}`;
  setHtml($('#model-top'), bars(top, 1));
  setHtml($('#model-bottom'), bars(bottom, -1));
  for (const fill of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.fill[data-share]')))
    fill.style.width = `${Math.max(2, Number(fill.dataset.share) * 100)}%`;
}

async function refreshRounds() {
  // GET /v1/rounds is the server's own list; this process's log of rounds is the fallback.
  const rounds = /** @type {Round[]} */ (
    await getJson(`${API}/rounds?limit=20`)
      .then((body) => /** @type {{ rounds: Round[] }} */ (body).rounds)
      .catch(() => getJson('/admin/api/rounds'))
  );
  if (rounds.length === 0) return;
  setHtml(
    $('#rounds'),
    html`${rounds.map(
      (
        r,
      ) => html`<tr><td>v${r.version}</td><td>#${r.round}</td><td>${r.reports}</td><td>${r.aggregator ?? settings?.server.aggregator ?? '—'}</td>
        <td>${new Date(r.closedAt).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}</td></tr>`,
    )}`,
  );
}

function showSettings() {
  const { server, sdk, crowd, production } = /** @type {NonNullable<typeof settings>} */ (settings);
  const rows = [
    ['Round closes at', `≥ ${server.minReports} reports`, `≥ ${production.minReports}`],
    ['Round open at least', `${server.roundSeconds} s`, `${production.roundSeconds / 3600} h`],
    ['Learning rate η', server.learningRate, production.learningRate],
    ['Aggregator', `${server.aggregator} (β = ${server.trim})`, 'same'],
    ['Model size', `${server.dimensions.toLocaleString('en')} coordinates`, 'same'],
    ['Browser reports every', `${sdk.syncIntervalMs / 1000} s`, '7 days'],
    ['Browser clip norm C', sdk.clipNorm, production.clipNorm],
    ['Browser noise z', sdk.noiseMultiplier, '5'],
    ['Crowd noise z', crowd.noiseMultiplier, '—'],
  ];
  setHtml(
    $('#settings'),
    html`<thead><tr><th></th><th>Demo</th><th>Production default</th></tr></thead><tbody>${rows.map(
      ([name, demo, prod]) => html`<tr><th>${name}</th><td>${demo}</td><td>${prod}</td></tr>`,
    )}</tbody>`,
  );
  const form = /** @type {CrowdForm} */ ($('#crowd-form'));
  setHtml(form.taste, html`${LEAVES.map((leaf) => html`<option value="${leaf.path}">${leaf.label}</option>`)}`);
  form.shoppers.value = String(crowd.shoppers);
  form.taste.value = crowd.taste;
  form.share.value = String(crowd.share);
  form.noiseMultiplier.value = String(crowd.noiseMultiplier);
  $('#crowd-tradeoff').textContent =
    `The trade-off: each report's noise has σ = z·2C per coordinate, so the average of N reports has σ/√N. ` +
    `At z = ${crowd.noiseMultiplier} (ε ≈ 5.2 per report) ${crowd.shoppers} shoppers are enough to see the crowd's taste; ` +
    `at the SDK's z = 5 (ε ≈ 0.9) the same clarity needs 25 times as many reports — about ${(crowd.shoppers * 25).toLocaleString('en')}. ` +
    `That is why production rounds wait for 1000 reports or more.`;
}

async function pollCrowd() {
  const status = /** @type {CrowdStatus} */ (await getJson('/admin/api/crowd'));
  const progress = /** @type {HTMLProgressElement} */ ($('#crowd-progress'));
  progress.hidden = !status.running && !status.result;
  if (status.progress) {
    progress.max = status.progress.total;
    progress.value = status.progress.sent;
  }
  setHtml($('#crowd-log'), html`${status.log.map((line) => html`<li>${line}</li>`)}`);
  /** @type {HTMLButtonElement} */ ($('#run-crowd')).disabled = status.running;
  $('#run-crowd').textContent = status.running ? 'Running…' : 'Run the crowd';
  return status.running;
}

$('#crowd-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = /** @type {CrowdForm} */ (event.currentTarget);
  const body = {
    shoppers: Number(form.shoppers.value),
    taste: form.taste.value,
    share: Number(form.share.value),
    noiseMultiplier: Number(form.noiseMultiplier.value),
  };
  const response = await fetch('/admin/api/crowd', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) setHtml($('#crowd-log'), html`<li class="warn">${(await response.json()).error}</li>`);
  const tick = async () => {
    if (await pollCrowd().catch(() => false)) setTimeout(tick, 500);
  };
  tick();
});

settings = /** @type {NonNullable<typeof settings>} */ (await getJson('/demo/settings.json'));
features = /** @type {Feature[]} */ (await getJson('/admin/api/features'));
showSettings();
await refreshStats();
await pollCrowd();
setInterval(() => refreshStats().catch(() => {}), 2000);
