// The shop's pages, drawn into #view: the catalogue (home, category, search), a product, the cart.
// @ts-check
import { productArt } from './art.js';
import { itemAttributes, productCard, stars } from './cards.js';
import { cartLines } from './cart.js';
import { categoryLabel, DEPARTMENTS, LEAVES, toItem } from './catalog.js';
import { formatPrice } from './format.js';
import { html, raw, setHtml } from './html.js';

/** @typedef {import('./catalog.js').Product} Product */
/** @typedef {import('./Shop').Shop} Shop */
/**
 * A page of the shop, from the address bar: the view and its subject, the sort and how many are shown.
 * @typedef {{ sort: string, shown: number } & ({ view: 'category', path: string } | { view: 'product', id: string }
 *   | { view: 'search', q: string } | { view: 'home' | 'cart' | 'thanks' })} Route
 */

/** Products shown per "page" of a listing. */
const PAGE = 48;

const SORTS = [
  ['featured', 'Featured'],
  ['foryou', 'For you'],
  ['price-asc', 'Price: low to high'],
  ['price-desc', 'Price: high to low'],
  ['rating', 'Top rated'],
];

/**
 * Reads the route from the address bar.
 * @param {Location} location - the page's location.
 * @returns {Route} the route.
 */
export function parseRoute(location) {
  const params = new URLSearchParams(location.search);
  const common = { sort: params.get('sort') ?? 'featured', shown: Number(params.get('shown')) || PAGE };
  const path = location.pathname;
  if (path.startsWith('/c/')) return { view: 'category', path: decodeURIComponent(path.slice(3)), ...common };
  if (path.startsWith('/p/')) return { view: 'product', id: path.slice(3), ...common };
  if (path === '/search') return { view: 'search', q: params.get('q') ?? '', ...common };
  if (path === '/cart' || path === '/thanks') return { view: /** @type {'cart' | 'thanks'} */ (path.slice(1)), ...common };
  return { view: 'home', ...common };
}

/**
 * Draws the page of a route into the container.
 * @param {HTMLElement} container - #view.
 * @param {Route} route - what to draw.
 * @param {import('./Shop').Shop} shop - catalogue and SDK access (see app.js).
 * @returns {Promise<void>} once drawn (a "For you" sort waits for the ranking).
 */
export async function renderView(container, route, shop) {
  if (route.view === 'product') return renderProduct(container, route, shop);
  if (route.view === 'cart') return setHtml(container, cartView(shop));
  if (route.view === 'thanks') return setHtml(container, thanksView(shop));
  let products = shop.products;
  let title = 'Everything in the shop';
  /** @type {Array<[href: string, label: string]>} */
  let crumbs = [];
  if (route.view === 'category') {
    products = products.filter((p) => p.category === route.path || p.category.startsWith(`${route.path}/`));
    title = categoryLabel(route.path);
    const department = /** @type {string} */ (route.path.split('/')[0]);
    if (department !== route.path) crumbs = [[`/c/${department}`, categoryLabel(department)]];
  } else if (route.view === 'search') {
    products = search(products, route.q);
    title = `Results for “${route.q}”`;
  }
  const sorted = await sortProducts(products, route.sort, shop);
  const shown = sorted.slice(0, route.shown);
  const personal = route.sort === 'foryou';
  const note = personal
    ? shop.consent === 'granted'
      ? 'ranked for you in this browser by tb.rank()'
      : 'For you needs personalisation: accept it in the banner below'
    : '';
  setHtml(
    container,
    html`<div class="listing-head">
        <div>
          <nav class="crumbs"><a href="/" data-route>Home</a>${crumbs.map(([href, label]) => html` › <a href="${href}" data-route>${label}</a>`)}</nav>
          <h1>${title}</h1>
        </div>
        <label class="sort">Sort
          <select id="sort">${SORTS.map(([value, label]) => html`<option value="${value}" ${value === route.sort ? 'selected' : ''}>${label}</option>`)}</select>
        </label>
      </div>
      <p class="listing-note">${shown.length} of ${products.length} products${note ? html` · <span class="${personal ? 'personal' : ''}">${note}</span>` : ''}</p>
      ${products.length === 0 ? html`<p class="empty">Nothing matches. Try “tent”, “coffee” or “waterproof”.</p>` : ''}
      <div class="grid" data-tb-list="catalog">${shown.map(productCard)}</div>
      ${shown.length < sorted.length ? html`<button class="more" type="button" id="more">Show more</button>` : ''}`,
  );
}

/**
 * @param {Product[]} products - a listing.
 * @param {string} sort - one of {@link SORTS}.
 * @param {Shop} shop - SDK access, for "For you".
 * @returns {Promise<Product[]>} the listing in that order.
 */
async function sortProducts(products, sort, shop) {
  if (sort === 'price-asc') return [...products].sort((a, b) => a.price - b.price);
  if (sort === 'price-desc') return [...products].sort((a, b) => b.price - a.price);
  if (sort === 'rating') return [...products].sort((a, b) => b.rating - a.rating || b.reviews - a.reviews);
  if (sort === 'foryou' && shop.tb) {
    const ranked = await shop.tb.rank(products.map(toItem));
    return ranked.map((r) => /** @type {Product} */ (shop.byId.get(r.item.id)));
  }
  return products;
}

/**
 * @param {Product[]} products - the catalogue.
 * @param {string} query - what the shopper typed.
 * @returns {Product[]} the products that contain every word of it.
 */
function search(products, query) {
  const tokens = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (tokens.length === 0) return [];
  return products.filter((p) => {
    const text = `${p.name} ${p.brand} ${p.category} ${categoryLabel(p.category)} ${p.tags.join(' ')}`.toLowerCase();
    return tokens.every((token) => text.includes(token.replace(/s$/, '')));
  });
}

/**
 * @param {HTMLElement} container - #view.
 * @param {{ id: string }} route - the product's route.
 * @param {Shop} shop - catalogue and SDK access.
 * @returns {Promise<void>} once drawn.
 */
async function renderProduct(container, route, shop) {
  const p = shop.byId.get(route.id);
  if (!p)
    return setHtml(container, html`<h1>Not found</h1><p>No product ${route.id}. <a href="/" data-route>Back to the shop</a></p>`);
  const department = /** @type {string} */ (p.category.split('/')[0]);
  const siblings = shop.products.filter((q) => q.category === p.category && q.id !== p.id);
  const similar = shop.tb
    ? (await shop.tb.rank(siblings.map(toItem))).map((r) => /** @type {Product} */ (shop.byId.get(r.item.id)))
    : siblings;
  setHtml(
    container,
    html`<nav class="crumbs"><a href="/" data-route>Home</a> › <a href="/c/${department}" data-route>${categoryLabel(department)}</a> › <a href="/c/${p.category}" data-route>${categoryLabel(p.category)}</a></nav>
      <div class="product" ${itemAttributes(p)}>
        <div class="product-art">${raw(productArt(p))}</div>
        <div class="product-info">
          <div class="card-brand">${p.brand}</div>
          <h1>${p.name}</h1>
          <div class="card-rating">${stars(p.rating)} <span>${p.reviews} reviews</span></div>
          <div class="product-price">${formatPrice(p.price)}</div>
          <p>${p.description}</p>
          <ul class="tags">${p.tags.map((tag) => html`<li>${tag}</li>`)}</ul>
          <button class="buy" type="button" data-tb-event="add_to_cart" data-add="${p.id}">Add to cart</button>
          <p class="hint">Staying on this page for 10 s or more is learned as interest (a <code>dwell</code>) when you leave it.</p>
        </div>
      </div>
      <section class="similar">
        <h2>More ${categoryLabel(p.category).toLowerCase()}${shop.consent === 'granted' ? ', ranked for you' : ''}</h2>
        <div class="grid" data-tb-list="similar">${similar.slice(0, 8).map(productCard)}</div>
      </section>`,
  );
}

/**
 * @param {Shop} shop - the catalogue.
 * @returns {ReturnType<typeof html>} the cart page.
 */
function cartView(shop) {
  const lines = cartLines().filter((l) => shop.byId.has(l.id));
  // Only lines whose product exists are left.
  const productOf = (/** @type {{ id: string }} */ l) => /** @type {Product} */ (shop.byId.get(l.id));
  const total = lines.reduce((sum, l) => sum + productOf(l).price * l.quantity, 0);
  if (lines.length === 0)
    return html`<h1>Your cart</h1><p class="empty">Your cart is empty. <a href="/" data-route>Keep shopping</a></p>`;
  return html`<h1>Your cart</h1>
    <ul class="cart-lines">${lines.map((l) => {
      const p = productOf(l);
      return html`<li class="cart-line">
        <div class="thumb">${raw(productArt(p))}</div>
        <div><a href="/p/${p.id}" data-route>${p.name}</a><div class="muted">${categoryLabel(p.category)} · qty ${l.quantity}</div></div>
        <div class="price">${formatPrice(p.price * l.quantity)}</div>
        <button type="button" class="link" data-remove="${p.id}">Remove</button>
      </li>`;
    })}</ul>
    <div class="cart-total"><span>Total</span><b>${formatPrice(total)}</b></div>
    <button type="button" class="buy" id="place-order">Place order</button>
    <p class="hint">Placing the order tracks one <code>purchase</code> per product with <code>tb.track()</code>: learned on this device, never sent.</p>`;
}

/**
 * @param {Shop} shop - consent.
 * @returns {ReturnType<typeof html>} the page after an order.
 */
function thanksView(shop) {
  return html`<h1>Thank you!</h1>
    <p>Your order is on its way (well, it would be: this is a demo shop).</p>
    <p class="hint">${shop.consent === 'granted' ? 'Your purchases were learned by your browser. Watch the “For you” rail above.' : 'Personalisation is off: nothing was learned.'}</p>
    <p><a href="/" data-route>Back to the shop</a></p>`;
}

/**
 * The category tree for the sidebar.
 * @param {HTMLElement} nav - #categories.
 * @param {import('./catalog.js').Product[]} products - the catalogue, for counts.
 */
export function renderCategoryNav(nav, products) {
  const count = (/** @type {string} */ path) =>
    products.filter((p) => p.category === path || p.category.startsWith(`${path}/`)).length;
  setHtml(
    nav,
    html`<h2>Departments</h2><ul class="depts">${DEPARTMENTS.map(
      (
        d,
      ) => html`<li class="dept"><a class="dept-link" href="/c/${d.path}" data-route data-nav="${d.path}">${d.label} <small>${count(d.path)}</small></a>
        <ul class="leaves">${LEAVES.filter((leaf) => leaf.path.startsWith(`${d.path}/`)).map(
          (leaf) =>
            html`<li><a class="leaf-link" href="/c/${leaf.path}" data-route data-nav="${leaf.path}">${leaf.label}</a></li>`,
        )}</ul></li>`,
    )}</ul>`,
  );
}
