// "What your browser knows": tb.profile() in words (#profile), with the #forget button.
// @ts-check
import { describeFeature } from './featureLabel.js';
import { formatNumber, timeAgo } from './format.js';
import { html, setHtml } from './html.js';

/** @type {Record<string, string>} */
const STORAGE = { indexeddb: 'IndexedDB (this browser)', memory: 'memory (this tab only)' };
/** @type {Record<string, string>} */
const MODES = {
  local: 'local differential privacy',
  central: 'central (server adds the noise)',
  off: 'off: reports carry no noise',
};

/**
 * Draws the profile panel.
 * @param {HTMLElement} panel - #profile.
 * @param {import('../../src/index').ProfileSummary | null} profile - `tb.profile()`, or null before the SDK has answered.
 * @param {import('./Shop').Shop} shop - consent and the catalogue (see app.js).
 */
export function renderProfile(panel, profile, shop) {
  const { consent } = shop;
  const p = profile ?? { events: 0, interests: [], storage: 'memory', privacy: {}, lastSyncAt: null, modelVersion: null };
  /** @type {Partial<import('../../src/index').PrivacySummary>} */
  const privacy = p.privacy ?? {};
  const top = p.interests.slice(0, 8);
  const max = Math.max(1e-12, ...top.map((i) => i.weight));
  const status =
    consent === 'granted'
      ? html`<p class="panel-lead">Learned in a Web Worker from what you do here. Your clicks never leave this device.</p>`
      : consent === 'denied'
        ? html`<p class="panel-lead off">Personalisation is off. No database exists and nothing is sent. <button type="button" class="link" data-consent-open>Change</button></p>`
        : html`<p class="panel-lead off">Nothing is captured or stored until you choose. <button type="button" class="link" data-consent-open>Choose</button></p>`;
  const budget = privacy.epsilonBudget ?? 0;
  const spent = privacy.epsilonSpent ?? 0;
  setHtml(
    panel,
    html`<header class="panel-head"><h2>What your browser knows</h2><span class="chip ${consent}">${consent === 'granted' ? 'on' : consent === 'denied' ? 'off' : 'waiting'}</span></header>
      ${status}
      <h3>Top interests</h3>
      ${
        top.length === 0
          ? html`<p class="empty small" id="profile-empty">No interests yet${consent === 'granted' ? ': click a few products.' : '.'}</p>`
          : html`<ol id="profile-interests" class="bars">${top.map((interest) => {
              const d = describeFeature(interest.feature, shop.byId);
              return html`<li class="interest" title="${interest.feature}: ${interest.weight.toExponential(2)}">
                <span class="bar-label">${d.label} <small>${d.kind}</small></span>
                <span class="bar"><span class="fill ${d.shared ? 'shared' : ''}" data-share="${interest.weight / max}"></span></span>
              </li>`;
            })}</ol>
            <p class="legend"><span class="key shared"></span>shared part: reported, under noise <span class="key"></span>stays on this device</p>`
      }
      <dl class="facts">
        <div><dt>Events learned</dt><dd id="profile-events">${p.events}</dd></div>
        <div><dt>Storage</dt><dd id="profile-storage">${consent === 'granted' ? STORAGE[p.storage] : 'none'}</dd></div>
        <div><dt>Privacy</dt><dd id="profile-mode">${privacy.mode ? MODES[privacy.mode] : '—'}${privacy.delta ? html`, δ = ${privacy.delta.toExponential(0)}` : ''}</dd></div>
        <div><dt>ε spent</dt><dd id="profile-epsilon">${budget ? html`${formatNumber(spent, 2)} of ${budget} this year <meter min="0" max="${budget}" value="${spent}"></meter>` : '—'}${privacy.blockedReason ? html`<div class="warn">${privacy.blockedReason}</div>` : ''}</dd></div>
        <div><dt>Last report</dt><dd id="profile-last-sync">${p.lastSyncAt ? timeAgo(p.lastSyncAt) : '—'}</dd></div>
        <div><dt>Global model</dt><dd id="profile-model">${p.modelVersion === null || p.modelVersion === undefined ? '—' : `version ${p.modelVersion}`}</dd></div>
      </dl>
      <div class="forget-row"><button type="button" id="forget" class="danger">Forget me</button>
      <span class="hint">Erases the profile, pending reports and the database, in every tab. Learning then starts over; <button type="button" class="link" data-consent-open>turn it off</button>.</span></div>`,
  );
  // Widths through the CSSOM: the page's Content-Security-Policy allows no inline style attributes.
  for (const fill of /** @type {NodeListOf<HTMLElement>} */ (panel.querySelectorAll('.fill[data-share]'))) {
    fill.style.width = `${Math.max(2, Number(fill.dataset.share) * 100)}%`;
  }
}
