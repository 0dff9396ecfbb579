// Fieldnote Supply, the Tastebud demo shop. Plain browser modules, no build step. It talks to Tastebud
// only the way any shop can: the snippet queue and `window.Tastebud.instance` (CONTRACT §3) and the
// data attributes of §4 on its markup.
// @ts-check
import { addToCart, cartLines, emptyCart, onCartChange, removeFromCart } from './cart.js';
import { byPopularity, createCatalog, toItem } from './catalog.js';
import { chooseConsent, storedConsent, whenTastebud } from './consent.js';
import { showExplanation } from './explainPopover.js';
import { renderForYou } from './forYouRail.js';
import { renderProfile } from './profilePanel.js';
import { openReport } from './reportDialog.js';
import { loadReports, recordSync, renderReports } from './reportsPanel.js';
import { parseRoute, renderCategoryNav, renderView } from './views.js';

/** @typedef {import('./catalog.js').Product} Product */

/** The page's element for `selector` (index.html always has it). */
const $ = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (document.querySelector(selector));
const products = createCatalog();

/**
 * Everything the views and panels draw from.
 * @type {import('./Shop').Shop}
 */
const shop = {
  products,
  /** The rail's candidates, bestsellers first. */
  railItems: byPopularity(products).map(toItem),
  byId: new Map(products.map((p) => [p.id, p])),
  /** The SDK instance, once the async script has started it. */
  tb: null,
  consent: storedConsent(),
  profile: null,
  settings: null,
  dimensions: 16_384,
  reports: loadReports(),
};

let viewToken = 0;
async function render() {
  const route = parseRoute(location);
  const token = ++viewToken;
  for (const link of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-nav]'))) {
    link.classList.toggle('active', route.view === 'category' && link.dataset.nav === route.path);
  }
  const view = $('#view');
  await renderView(view, route, shop);
  if (token !== viewToken) return;
  // Only listings have it.
  const sort = /** @type {HTMLSelectElement | null} */ ($('#sort'));
  if (sort) {
    sort.addEventListener('change', () => {
      const url = new URL(location.href);
      url.searchParams.set('sort', sort.value);
      // replaceState: re-sorting is the same page visit, not a navigation.
      history.replaceState(null, '', url);
      render();
    });
  }
}

/** @param {string} href - a path of the shop. */
function navigate(href) {
  history.pushState(null, '', href);
  $('#explain').hidden = true;
  window.scrollTo({ top: 0 });
  render();
}

/** @type {Promise<void> | null} */
let refreshing = null;
let refreshAgain = false;
/** Redraws what depends on the profile, at most one redraw at a time (a burst of clicks is one redraw). */
function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = (async () => {
    if (shop.tb) shop.profile = await shop.tb.profile();
    renderProfile($('#profile'), shop.profile, shop);
    renderReports($('#reports'), shop.reports, shop);
    await renderForYou($('#for-you'), $('#for-you-title'), $('#for-you-note'), shop);
    document.body.dataset.consent = shop.consent;
  })()
    .catch((error) => console.warn('[fieldnote]', error))
    .finally(() => {
      refreshing = null;
      if (refreshAgain) {
        refreshAgain = false;
        refresh();
      }
    });
}

/** @param {boolean} show - whether the consent banner shows. */
function showConsentBanner(show) {
  $('#consent').hidden = !show;
}

/** @param {'granted' | 'denied'} state - the shopper's choice in the banner. */
async function decide(state) {
  showConsentBanner(false);
  shop.consent = state;
  await chooseConsent(state);
  refresh();
  render();
}

function updateCartCount() {
  $('#cart-count').textContent = String(cartLines().reduce((n, l) => n + l.quantity, 0));
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let toastTimer;
/** @param {string} text - a short message, shown for a moment. */
function toast(text) {
  const t = $('#toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    t.hidden = true;
  }, 1800);
}

document.addEventListener('click', (event) => {
  const target = /** @type {HTMLElement} */ (event.target);
  const closest = (/** @type {string} */ selector) => /** @type {HTMLElement | null} */ (target.closest(selector));
  // The data attributes below are on every element their selector matches.
  const explainButton = closest('[data-explain]');
  if (explainButton) {
    event.preventDefault();
    const product = /** @type {Product} */ (shop.byId.get(/** @type {string} */ (explainButton.dataset.explain)));
    showExplanation($('#explain'), explainButton, product, shop);
    return;
  }
  if (!target.closest('#explain')) $('#explain').hidden = true;
  const link = closest('a[data-route]');
  if (link && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
    event.preventDefault();
    navigate(/** @type {string} */ (link.getAttribute('href')));
    return;
  }
  const add = closest('[data-add]');
  if (add) {
    const id = /** @type {string} */ (add.dataset.add);
    addToCart(id);
    toast(`Added “${shop.byId.get(id)?.name}” to your cart`);
    return;
  }
  const remove = closest('[data-remove]');
  if (remove) {
    removeFromCart(/** @type {string} */ (remove.dataset.remove));
    render();
    return;
  }
  if (target.closest('#place-order')) return void placeOrder();
  if (target.closest('#more')) {
    const url = new URL(location.href);
    url.searchParams.set('shown', String(parseRoute(location).shown + 48));
    history.replaceState(null, '', url);
    return void render();
  }
  if (target.closest('#consent-accept')) return void decide('granted');
  if (target.closest('#consent-decline')) return void decide('denied');
  if (target.closest('[data-consent-open]')) return showConsentBanner(true);
  if (target.closest('#forget')) return void forget();
  if (target.closest('#sync-now')) return void syncNow();
  const open = closest('[data-open-report]');
  if (open) {
    const record = /** @type {import('./reportsPanel.js').ReportRecord} */ (shop.reports[Number(open.dataset.openReport)]);
    openReport(/** @type {HTMLDialogElement} */ ($('#report-dialog')), record, shop);
  }
});

async function placeOrder() {
  const lines = cartLines();
  for (const line of lines) {
    const product = shop.byId.get(line.id);
    // A purchase is tracked by the shop itself: the checkout knows what was bought.
    if (product && shop.tb) for (let n = 0; n < line.quantity; n++) shop.tb.track({ type: 'purchase', item: toItem(product) });
  }
  emptyCart();
  navigate('/thanks');
}

async function forget() {
  if (!shop.tb) return;
  await shop.tb.forget();
  toast('Forgotten: the profile and its database are gone');
  refresh();
}

async function syncNow() {
  if (!shop.tb) return;
  const button = /** @type {HTMLButtonElement | null} */ ($('#sync-now'));
  if (button) button.disabled = true;
  // The result also arrives through on('sync'), which records it.
  await shop.tb.sync().catch((error) => toast(String(error.message ?? error)));
  if (button) button.disabled = false;
}

$('form[data-tb-search]').addEventListener('submit', (event) => {
  event.preventDefault(); // the SDK has already seen the submit (autocapture `search`)
  const q = new FormData(/** @type {HTMLFormElement} */ (event.currentTarget)).get('q')?.toString().trim();
  if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
});
window.addEventListener('popstate', () => render());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') $('#explain').hidden = true;
});
onCartChange(updateCartCount);

renderCategoryNav($('#categories'), products);
updateCartCount();
showConsentBanner(shop.consent === 'pending');
refresh();
render();

fetch('/demo/settings.json')
  .then((r) => r.json())
  .then((settings) => {
    shop.settings = settings;
    shop.dimensions = settings.server.dimensions;
    const { server, sdk, production } = settings;
    $('#demo-settings').textContent =
      `Demo settings — a report every ${sdk.syncIntervalMs / 1000} s (default: weekly), clip norm ${sdk.clipNorm} (default ${production.clipNorm}); ` +
      `a round closes at ≥ ${server.minReports} reports after ≥ ${server.roundSeconds} s (production: ${production.minReports}, ${production.roundSeconds / 3600} h), learning rate ${server.learningRate} (${production.learningRate}).`;
    renderReports($('#reports'), shop.reports, shop);
  })
  .catch(() => {});

whenTastebud().then((tb) => {
  shop.tb = tb;
  tb.on('profile', () => refresh());
  tb.on('sync', async (result) => {
    const interests = shop.consent === 'granted' ? (await tb.profile()).interests : [];
    shop.reports = recordSync(result, interests);
    refresh();
  });
  tb.on('error', (error) => console.warn('[fieldnote] tastebud:', error.name, error.message));
  refresh();
  render();
}, console.warn);
