// The "Why?" affordance: tb.explain(item) — the features that lifted (or lowered) a product — in words.
// @ts-check
import { toItem } from './catalog.js';
import { describeFeature } from './featureLabel.js';
import { html, setHtml } from './html.js';

/**
 * Shows, beside the button, what lifted the product in the shopper's ranking.
 * @param {HTMLElement} popover - #explain.
 * @param {HTMLElement} button - the card's "Why?" button.
 * @param {import('./catalog.js').Product} product - the product it explains.
 * @param {import('./Shop').Shop} shop - SDK access and consent (see app.js).
 */
export async function showExplanation(popover, button, product, shop) {
  const contributions = shop.tb && shop.consent === 'granted' ? await shop.tb.explain(toItem(product)) : [];
  const shown = contributions.filter((c) => c.contribution !== 0).slice(0, 6);
  const max = Math.max(1e-12, ...shown.map((c) => Math.abs(c.contribution)));
  const total = contributions.reduce((sum, c) => sum + c.contribution, 0);
  setHtml(
    popover,
    html`<h3>Why “${product.name}”?</h3>
      ${
        shown.length === 0
          ? html`<p class="small">${shop.consent === 'granted' ? 'Nothing you did and nothing the crowd taught says anything about it yet: it sits where the shop put it.' : 'Personalisation is off: products keep the shop’s own order.'}</p>`
          : html`<ol class="bars explain">${shown.map((c) => {
              const d = describeFeature(c.feature, shop.byId);
              return html`<li><span class="bar-label">${c.contribution > 0 ? '▲' : '▼'} ${d.label} <small>${d.kind}</small></span>
                <span class="bar"><span class="fill ${c.contribution < 0 ? 'negative' : ''}" data-share="${Math.abs(c.contribution) / max}"></span></span></li>`;
            })}</ol>
            <p class="small muted">Score ${total.toExponential(2)}, from your profile plus the global model; computed in your browser by <code>explain()</code>.</p>`
      }`,
  );
  for (const fill of /** @type {NodeListOf<HTMLElement>} */ (popover.querySelectorAll('.fill[data-share]')))
    fill.style.width = `${Math.max(3, Number(fill.dataset.share) * 100)}%`;
  const box = button.getBoundingClientRect();
  popover.hidden = false;
  const left = Math.min(
    window.scrollX + box.left,
    window.scrollX + document.documentElement.clientWidth - popover.offsetWidth - 12,
  );
  popover.style.left = `${Math.max(8, left)}px`;
  popover.style.top = `${window.scrollY + box.bottom + 6}px`;
}
