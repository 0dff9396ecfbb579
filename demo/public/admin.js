// The sync server's side (/admin): rounds, model versions and what the global model learned, read from
// the public sync API (/tastebud/v1/*) and named with the catalogue; plus the simulated crowd's button.
import { LEAVES } from './catalog.js';
import { describeFeature } from './featureLabel.js';
import { html, setHtml } from './html.js';

const $ = (selector) => document.querySelector(selector);
const API = '/tastebud/v1';
let features = [];
let settings = null;
let shownVersion = null;

async function getJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function refreshStats() {
  const stats = await getJson(`${API}/stats`);
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
  const model = await getJson(`${API}/model`);
  const bytes = Uint8Array.from(atob(model.weights), (c) => c.charCodeAt(0));
  const weights = new Float32Array(bytes.buffer);
  $('#model-version-chip').textContent = `version ${model.version}`;
  // A feature lifts an item by its weight times the sign its name hashes to.
  const named = features.map((f) => ({ ...f, lift: weights[f.index] * f.sign })).filter((f) => f.lift !== 0);
  const top = [...named].sort((a, b) => b.lift - a.lift).slice(0, 10);
  const bottom = [...named].sort((a, b) => a.lift - b.lift).slice(0, 10);
  const max = Math.max(1e-12, ...named.map((f) => Math.abs(f.lift)));
  const bars = (list, sign) =>
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
  for (const fill of document.querySelectorAll('.fill[data-share]'))
    fill.style.width = `${Math.max(2, Number(fill.dataset.share) * 100)}%`;
}

async function refreshRounds() {
  // GET /v1/rounds is the server's own list; this process's log of rounds is the fallback.
  const rounds = await getJson(`${API}/rounds?limit=20`)
    .then((body) => body.rounds)
    .catch(() => getJson('/admin/api/rounds'));
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
  const { server, sdk, crowd, production } = settings;
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
  const form = $('#crowd-form');
  setHtml(form.taste, html`${LEAVES.map((leaf) => html`<option value="${leaf.path}">${leaf.label}</option>`)}`);
  form.shoppers.value = crowd.shoppers;
  form.taste.value = crowd.taste;
  form.share.value = crowd.share;
  form.noiseMultiplier.value = String(crowd.noiseMultiplier);
  $('#crowd-tradeoff').textContent =
    `The trade-off: each report's noise has σ = z·2C per coordinate, so the average of N reports has σ/√N. ` +
    `At z = ${crowd.noiseMultiplier} (ε ≈ 5.2 per report) ${crowd.shoppers} shoppers are enough to see the crowd's taste; ` +
    `at the SDK's z = 5 (ε ≈ 0.9) the same clarity needs 25 times as many reports — about ${(crowd.shoppers * 25).toLocaleString('en')}. ` +
    `That is why production rounds wait for 1000 reports or more.`;
}

async function pollCrowd() {
  const status = await getJson('/admin/api/crowd');
  const progress = $('#crowd-progress');
  progress.hidden = !status.running && !status.result;
  if (status.progress) {
    progress.max = status.progress.total;
    progress.value = status.progress.sent;
  }
  setHtml($('#crowd-log'), html`${status.log.map((line) => html`<li>${line}</li>`)}`);
  $('#run-crowd').disabled = status.running;
  $('#run-crowd').textContent = status.running ? 'Running…' : 'Run the crowd';
  return status.running;
}

$('#crowd-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
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

settings = await getJson('/demo/settings.json');
features = await getJson('/admin/api/features');
showSettings();
await refreshStats();
await pollCrowd();
setInterval(() => refreshStats().catch(() => {}), 2000);
