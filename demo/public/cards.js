// @ts-check
import { productArt } from './art.js';
import { categoryLabel } from './catalog.js';
import { formatPrice } from './format.js';
import { html, raw } from './html.js';

/**
 * The data attributes of CONTRACT §4 that make an element show a product to the SDK's autocapture.
 * @param {import('./catalog.js').Product} p - the product.
 * @returns {ReturnType<typeof html>} attribute markup.
 */
export function itemAttributes(p) {
  return html`data-tb-id="${p.id}" data-tb-category="${p.category}" data-tb-brand="${p.brand}" data-tb-price="${p.price}" data-tb-tags="${p.tags.join(',')}"`;
}

/**
 * A product card: the item element (a click on it is a `click`, its Add button an `add_to_cart`) and,
 * outside it so that asking does not count as interest, a "Why?" button for `explain()`.
 * @param {import('./catalog.js').Product} p - the product.
 * @returns {ReturnType<typeof html>} the card's markup.
 */
export function productCard(p) {
  return html`<article class="card">
    <div class="card-item" ${itemAttributes(p)}>
      <a class="card-link" href="/p/${p.id}" data-route>
        <div class="art">${raw(productArt(p))}</div>
        <div class="card-text">
          <div class="card-brand">${p.brand} · ${categoryLabel(p.category)}</div>
          <h3 class="card-name">${p.name}</h3>
          <div class="card-rating">${stars(p.rating)} <span>${p.reviews}</span></div>
        </div>
      </a>
      <div class="card-foot">
        <span class="price">${formatPrice(p.price)}</span>
        <button class="add" type="button" data-tb-event="add_to_cart" data-add="${p.id}">Add</button>
      </div>
    </div>
    <button class="why" type="button" data-explain="${p.id}" title="Why is this here? (explain)">Why?</button>
  </article>`;
}

/**
 * @param {number} rating - 0 to 5.
 * @returns {ReturnType<typeof html>} five stars, the rating's share filled.
 */
export function stars(rating) {
  const full = Math.round(rating);
  return html`<span class="stars" aria-label="${rating} of 5">${'★'.repeat(full)}<span class="off">${'★'.repeat(5 - full)}</span></span>`;
}
