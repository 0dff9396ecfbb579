// @ts-check
import { toItem } from './public/catalog.js';
import { seededRandom } from './public/seededRandom.js';

const DAY_MS = 86_400_000;

/**
 * A week of one simulated shopper in the demo shop, as the SDK would capture it: three visits, each
 * glancing at the home page (a click now and then, most products seen and skipped) and browsing
 * the favourite category (clicks, some add-to-carts, a purchase or two, a few seen and skipped).
 * @param {import('./public/catalog.js').Product[]} catalog - the demo catalogue.
 * @param {string} taste - the favourite leaf category, e.g. `outdoor/tents`.
 * @param {number} seed - behaviour only (which products, which events); never the privacy noise.
 * @param {number} [now] - epoch ms of the week's end.
 * @returns {Array<import('tastebud/engine').TrackEvent>} the events, with `ts`, oldest first.
 */
export function simulateShopper(catalog, taste, seed, now = Date.now()) {
  const random = seededRandom(seed);
  const favourites = catalog.filter((p) => p.category === taste);
  /** @type {Array<import('tastebud/engine').TrackEvent>} */
  const events = [];
  let ts = now - 7 * DAY_MS;
  for (let visit = 0; visit < 3; visit++) {
    for (let n = 0; n < 12; n++) {
      const product = /** @type {import('./public/catalog.js').Product} */ (catalog[Math.floor(random() * catalog.length)]);
      const r = random();
      // Scrolled past without looking (no event), looked at and not clicked (skip), or clicked.
      /** @type {'click' | 'skip' | null} */
      const type = r < 0.05 ? 'click' : r < 0.65 ? 'skip' : null;
      if (type) events.push({ type, item: toItem(product), list: 'home', ts: ts++ });
    }
    for (const product of favourites) {
      const r = random();
      /** @type {import('tastebud/engine').EventType | null} */
      const type = r < 0.35 ? 'click' : r < 0.5 ? 'add_to_cart' : r < 0.55 ? 'purchase' : r < 0.75 ? 'skip' : null;
      if (type) events.push({ type, item: toItem(product), list: 'catalog', ts: ts++ });
    }
    ts += 2 * DAY_MS;
  }
  return events;
}
