import { type FeatureSpace, type FeatureWeights, featurize, type ItemFeatures } from './featurize';
import type { Item } from './types';
import { sameItem, validateItem } from './validateItem';

/** A cached item: its features, and whether the engine has recorded their names yet. */
export interface CachedFeatures extends ItemFeatures {
  named: boolean;
}

/** Remembers each item's features by id, so ranking the same catalogue again does not re-hash. */
export interface FeatureCache {
  /**
   * The features of `item`, hashed only when the id is new or the item changed.
   * @param validated - the caller checked the item already (it is not checked again on a miss).
   * @throws TypeError naming the field when the item is malformed.
   */
  get(item: Item, validated?: boolean): CachedFeatures;
  readonly size: number;
  clear(): void;
}

interface Entry {
  item: Item;
  features: CachedFeatures;
}

/**
 * Creates a bounded feature cache (least recently hashed entries go first).
 * @param space - the feature space sizes.
 * @param weights - feature group weights.
 * @param capacity - entries kept. @default 20000
 */
export function createFeatureCache(space: FeatureSpace, weights: FeatureWeights, capacity = 20_000): FeatureCache {
  const entries = new Map<string, Entry>();
  return {
    get(item, validated = false) {
      const id = (item as Partial<Item> | null)?.id;
      const hit = typeof id === 'string' ? entries.get(id) : undefined;
      if (hit && sameItem(hit.item, item)) return hit.features;
      const problem = validated ? null : validateItem(item);
      if (problem) throw new TypeError(problem);
      const features: CachedFeatures = { ...featurize(item, space, weights), named: false };
      if (hit) entries.delete(item.id);
      else if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
      // The item is copied so a caller mutating its object later cannot desynchronise the cache.
      entries.set(item.id, { item: copyItem(item), features });
      return features;
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
  };
}

function copyItem(item: Item): Item {
  const copy: Item = { ...item };
  if (item.tags) copy.tags = [...item.tags];
  if (item.attrs) copy.attrs = { ...item.attrs };
  return copy;
}
