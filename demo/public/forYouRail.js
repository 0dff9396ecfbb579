// The "For you" rail (#for-you, data-tb-list="for-you"): tb.recommend() over the whole catalogue,
// drawn again whenever the profile changes. The list element stays; only its cards are replaced, so the
// SDK keeps counting what was shown in this page visit.
// @ts-check
import { productCard } from './cards.js';
import { html, setHtml } from './html.js';

/** @typedef {import('./catalog.js').Product} Product */

/** Cards in the rail. */
export const RAIL_SIZE = 8;

/**
 * Draws the rail.
 * @param {HTMLElement} rail - #for-you.
 * @param {HTMLElement} heading - the rail's title.
 * @param {HTMLElement} note - the line under the title.
 * @param {import('./Shop').Shop} shop - catalogue, SDK, consent and the latest profile (see app.js).
 * @returns {Promise<void>} once drawn.
 */
export async function renderForYou(rail, heading, note, shop) {
  const { tb } = shop;
  const personal = tb && shop.consent === 'granted';
  const picks = personal ? await tb.recommend(shop.railItems, RAIL_SIZE) : shop.railItems.slice(0, RAIL_SIZE);
  heading.textContent = personal ? 'For you' : 'Popular right now';
  const profile = shop.profile;
  setHtml(
    note,
    personal
      ? html`Ranked in your browser by <code>recommend()</code> from ${profile?.events ?? 0} events${profile?.modelVersion ? html` and global model version ${profile.modelVersion}` : ''}. Hit “Why?” on a card.`
      : shop.consent === 'denied'
        ? html`Personalisation is off: the shop’s own picks, the same for everyone.`
        : html`The shop’s own picks. Accept personalisation and this rail learns from you, on this device.`,
  );
  // The rail's items are the catalogue's own, so every id is a product.
  setHtml(rail, html`${picks.map((item) => productCard(/** @type {Product} */ (shop.byId.get(item.id))))}`);
}
