// @ts-check
import { createCatalog, toItem } from './public/catalog.js';

/**
 * Names the coordinates of the shared (global) model that the demo catalogue uses: every category
 * prefix, brand and price bucket, hashed by the engine's own featurizer. The model itself is only
 * numbers; this is how the admin page can say which features it learned.
 * @param {typeof import('tastebud/engine')} engine - the built `tastebud/engine`.
 * @param {number} sharedDimensions - the global model's size.
 * @returns {Array<{ name: string, index: number, sign: number }>} one entry per feature name.
 */
export function sharedFeatureNames(engine, sharedDimensions) {
  const space = { sharedDimensions, localDimensions: 2 };
  /** @type {Map<string, { name: string, index: number, sign: number }>} */
  const byName = new Map();
  for (const product of createCatalog()) {
    const features = engine.featurize(toItem(product), space);
    features.names.forEach((name, k) => {
      // One index and value per name: the featurizer fills the three arrays together.
      const index = /** @type {number} */ (features.nameIndices[k]);
      if (index < sharedDimensions && !byName.has(name)) {
        byName.set(name, { name, index, sign: Math.sign(/** @type {number} */ (features.nameValues[k])) });
      }
    });
  }
  return [...byName.values()];
}
