// "What leaves the device": every sync attempt this session (#reports), kept in sessionStorage, each
// sent report openable as the exact vector that left (see reportDialog.js).
// @ts-check
import { formatBytes, formatNumber, formatTime } from './format.js';
import { html, setHtml } from './html.js';

const KEY = 'fieldnote-reports';
/** Attempts listed; only the newest few keep their 64 KB vector. */
const KEEP = 12;
const KEEP_VECTORS = 5;

/**
 * @typedef {object} ReportRecord
 * @property {number} at - when the attempt ended
 * @property {boolean} sent
 * @property {string | undefined} [reason] - why nothing was sent
 * @property {Omit<import('../../src/index').SentReport, 'data'>} [report] - the SDK's report without `data`
 * @property {string} [data] - base64 of the Int32Array as sent
 * @property {Array<{ feature: string, weight: number }>} [interests] - the profile when it was sent
 */

/** @returns {ReportRecord[]} this session's attempts, newest first. */
export function loadReports() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
  } catch {
    return [];
  }
}

/**
 * Records one `on('sync')` result.
 * @param {import('../../src/index').SyncResult} result - from the SDK.
 * @param {Array<{ feature: string, weight: number }>} interests - the profile it came from.
 * @returns {ReportRecord[]} the updated list.
 */
export function recordSync(result, interests) {
  /** @type {ReportRecord} */
  const record = { at: Date.now(), sent: result.sent, reason: result.reason };
  if (result.report) {
    const { data, ...report } = result.report;
    record.report = report;
    record.data = toBase64(data);
    record.interests = interests;
  }
  const list = [record, ...loadReports()].slice(0, KEEP);
  list.forEach((r, i) => {
    if (i >= KEEP_VECTORS) delete r.data;
  });
  try {
    sessionStorage.setItem(KEY, JSON.stringify(list));
  } catch {} // full: the panel still shows this session's list from memory next time it is drawn
  return list;
}

/**
 * Draws the panel.
 * @param {HTMLElement} panel - #reports.
 * @param {ReportRecord[]} list - newest first.
 * @param {import('./Shop').Shop} shop - consent and settings (see app.js).
 */
export function renderReports(panel, list, shop) {
  const every = shop.settings ? `${shop.settings.sdk.syncIntervalMs / 1000} s` : 'minute';
  setHtml(
    panel,
    html`<header class="panel-head"><h2>What leaves the device</h2></header>
      <p class="panel-lead">Only reports like these: a vector of ${shop.dimensions.toLocaleString('en')} noisy integers, one every ${every} here (weekly by default). No ids, no events, no cookies; the same size whatever you did.</p>
      <button type="button" id="sync-now" ${shop.consent === 'granted' ? '' : 'disabled'}>Send a report now</button>
      ${
        list.length === 0
          ? html`<p class="empty small">No report this session.</p>`
          : html`<ol id="report-list" class="reports">${list.map((r, i) =>
              r.sent && r.report
                ? html`<li class="report">
                    <div><b>${formatTime(r.at)}</b> · ${formatBytes(r.report.bytes)}${r.report.round !== null && r.report.round !== undefined ? html` · round ${r.report.round}` : ''}</div>
                    <div class="muted">${r.report.mechanism === 'none' ? 'no noise' : html`σ ${formatNumber(r.report.sigma * r.report.gamma, 2)} per coordinate`} · ε ${formatNumber(r.report.epsilon, 2)}</div>
                    ${r.data ? html`<button type="button" class="link" data-open-report="${i}">Open the vector</button>` : ''}
                  </li>`
                : html`<li class="report not-sent"><b>${formatTime(r.at)}</b> · not sent: ${r.reason ?? 'unknown'}</li>`,
            )}</ol>`
      }`,
  );
}

/**
 * @param {Int32Array} data - a report's vector.
 * @returns {string} its bytes in base64.
 */
function toBase64(data) {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * @param {string} base64 - as stored by {@link recordSync}.
 * @returns {Int32Array} the vector as sent.
 */
export function fromBase64(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Int32Array(bytes.buffer);
}
