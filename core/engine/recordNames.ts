import type { ItemFeatures } from './featurize';

/** Joins the names of features that collided on one index. */
export const NAME_SEPARATOR = ' | ';

/** At most this many names are kept per index, so a hot collision cannot grow without bound. */
const MAX_NAMES_PER_INDEX = 4;

/**
 * Adds the feature names of a learned vector to the profile's index → name dictionary.
 * @param names - the dictionary (mutated).
 * @param features - the learned item's or query's features.
 */
export function recordNames(names: Map<number, string>, features: ItemFeatures): void {
  for (let n = 0; n < features.names.length; n++) {
    const index = features.nameIndices[n] as number;
    const name = features.names[n] as string;
    const known = names.get(index);
    if (known === undefined) names.set(index, name);
    else if (known !== name) {
      const all = known.split(NAME_SEPARATOR);
      if (!all.includes(name) && all.length < MAX_NAMES_PER_INDEX) names.set(index, known + NAME_SEPARATOR + name);
    }
  }
}
