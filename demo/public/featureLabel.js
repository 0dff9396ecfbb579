// @ts-check
import { categoryLabel } from './catalog.js';

/**
 * @typedef {object} FeatureLabel
 * @property {string} label - what a shopper would call it, e.g. `Running shoes`
 * @property {string} kind - category, brand, price, tag, product or attribute
 * @property {boolean} shared - in the federated part (noised reports may carry it) or local (never leaves)
 */

/**
 * Describes one of the engine's feature names (`category=shoes/running`, `id=sku-1001`, …) in words.
 * @param {string} feature - the name from `profile()` or `explain()`.
 * @param {Map<string, { name: string }>} productsById - to name `id=` features.
 * @returns {FeatureLabel} the description.
 */
export function describeFeature(feature, productsById) {
  const cut = feature.indexOf('=');
  const key = feature.slice(0, cut);
  const value = feature.slice(cut + 1);
  switch (key) {
    case 'category':
      return { label: categoryLabel(value), kind: 'category', shared: true };
    case 'brand':
      return { label: value, kind: 'brand', shared: true };
    case 'price': {
      const [low = Number.NaN, high = Number.NaN] = value.split('-').map(Number);
      return { label: `€${Math.round(low)}–${Math.round(high)}`, kind: 'price', shared: true };
    }
    case 'tag':
      return { label: value, kind: 'tag', shared: false };
    case 'id':
      return { label: productsById.get(value)?.name ?? value, kind: 'product', shared: false };
    default:
      return { label: feature.replace(/^attr:/, ''), kind: 'attribute', shared: false };
  }
}
