import { murmur3 } from './murmur3';
import type { Item } from './types';

/** Sizes of the two parts of the feature space; both powers of two. */
export interface FeatureSpace {
  /** The federated part: category prefixes, brand, price bucket. Indices `[0, sharedDimensions)`. */
  sharedDimensions: number;
  /** The part that never leaves the device: id, tags, attributes. Indices after the shared part. */
  localDimensions: number;
}

/** Relative weight of each feature group before L2 normalisation. */
export interface FeatureWeights {
  id: number;
  category: number;
  brand: number;
  price: number;
  tag: number;
  attr: number;
}

/**
 * The item's own id carries most of its vector: on the Online Retail replay (docs/quality.md) an id
 * weight of 10 against 1 for the coarse groups is what lets the profile beat "buy again", while the
 * coarse groups still rank items the shopper has not touched.
 */
export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { id: 10, category: 1, brand: 1, price: 1, tag: 1, attr: 1 };

/** A hashed, signed, L2-normalised sparse vector and the named features it came from. */
export interface ItemFeatures {
  // Plain arrays, not typed arrays: V8 allocates many small typed arrays slowly, and a catalogue
  // means thousands of these.
  /** Ascending, unique indices into the combined space (shared part first). */
  indices: number[];
  values: number[];
  /** Readable feature names, e.g. `category=shoes/running`; several may share an index. */
  names: string[];
  /** Where each name landed, and its signed normalised value (sums to `values` per index). */
  nameIndices: number[];
  nameValues: number[];
}

/** Seed of the feature hash. Part of the profile format: changing it invalidates profiles. */
export const FEATURE_HASH_SEED = 0;

/**
 * Turns an item into its feature vector: `id=`, every `category=` path prefix, `brand=`, a log
 * price bucket `price=`, `tag=` (lower-cased) and `attr:k=v`, each hashed with MurmurHash3 into its
 * part of the space with a sign from the hash's top bit, then L2-normalised.
 * @param item - a valid item (see `validateItem`).
 * @param space - the sizes of the shared and local parts.
 * @param weights - group weights. @default DEFAULT_FEATURE_WEIGHTS
 */
export function featurize(item: Item, space: FeatureSpace, weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): ItemFeatures {
  const named: NamedFeature[] = [];
  const seen = new Set<string>();
  const local = space.sharedDimensions;
  add(named, seen, `id=${item.id}`, weights.id, space.localDimensions, local);
  if (item.category) {
    for (const prefix of categoryPrefixes(item.category)) {
      add(named, seen, `category=${prefix}`, weights.category, space.sharedDimensions, 0);
    }
  }
  if (item.brand) add(named, seen, `brand=${item.brand.trim()}`, weights.brand, space.sharedDimensions, 0);
  if (item.price !== undefined) add(named, seen, `price=${priceBucket(item.price)}`, weights.price, space.sharedDimensions, 0);
  for (const tag of item.tags ?? []) {
    const clean = tag.trim().toLowerCase();
    if (clean) add(named, seen, `tag=${clean}`, weights.tag, space.localDimensions, local);
  }
  if (item.attrs) {
    for (const [key, value] of Object.entries(item.attrs)) {
      add(named, seen, `attr:${key}=${String(value)}`, weights.attr, space.localDimensions, local);
    }
  }
  return assemble(named);
}

/**
 * The features of a search query: each token becomes `tag=<token>` evidence.
 * @param query - the search text.
 * @param space - the sizes of the shared and local parts.
 */
export function featurizeQuery(query: string, space: FeatureSpace): ItemFeatures {
  const named: NamedFeature[] = [];
  const seen = new Set<string>();
  for (const token of queryTokens(query)) add(named, seen, `tag=${token}`, 1, space.localDimensions, space.sharedDimensions);
  return assemble(named);
}

/** Lower-cased letter/digit runs of at least two characters, at most 16 of them. */
export function queryTokens(query: string): string[] {
  const tokens = query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  return [...new Set(tokens)].slice(0, 16);
}

/** `"a/b/c"` → `["a", "a/b", "a/b/c"]`, empty segments dropped. */
export function categoryPrefixes(category: string): string[] {
  const parts = category
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Half-octave price bucket, named by its range: 12 → `"11.3-16"` (bucket [2^3.5, 2^4)).
 * Log buckets keep "cheap vs expensive" comparable across a catalogue spanning decades of prices.
 */
export function priceBucket(price: number): string {
  const bucket = Math.floor(2 * Math.log2(price));
  let name = bucketNames.get(bucket);
  if (name === undefined) {
    name = `${round3(2 ** (bucket / 2))}-${round3(2 ** ((bucket + 1) / 2))}`;
    bucketNames.set(bucket, name);
  }
  return name;
}

/** Bucket names are few (about 20 per factor 1000 of price); formatting them is not free. */
const bucketNames = new Map<number, string>();

function round3(x: number): string {
  return String(Number(x.toPrecision(3)));
}

interface NamedFeature {
  name: string;
  index: number;
  value: number;
}

/** The sign a feature name hashes to (+1 or -1). */
export function signOf(name: string): number {
  return murmur3(name, FEATURE_HASH_SEED) & 0x80000000 ? -1 : 1;
}

/** Adds one named feature; a repeated name (a tag given twice) counts once (`seen`: linear, not a scan). */
function add(
  into: NamedFeature[],
  seen: Set<string>,
  name: string,
  weight: number,
  partDimensions: number,
  offset: number,
): void {
  if (weight === 0 || seen.has(name)) return;
  seen.add(name);
  const h = murmur3(name, FEATURE_HASH_SEED);
  // Sign from the top bit, index from the low bits: independent for parts up to 2^31.
  into.push({ name, index: offset + (h & (partDimensions - 1)), value: (h & 0x80000000 ? -1 : 1) * weight });
}

function assemble(named: NamedFeature[]): ItemFeatures {
  const indices: number[] = [];
  const values: number[] = [];
  // One sort, then colliding indices summed: O(n log n) in the item's size (an insertion into a
  // sorted list was quadratic: 11.6 s for an item of 50,000 attributes).
  for (const f of [...named].sort((a, b) => a.index - b.index)) {
    const last = indices.length - 1;
    if (indices[last] === f.index) values[last] = (values[last] as number) + f.value;
    else {
      indices.push(f.index);
      values.push(f.value);
    }
  }
  let norm = 0;
  for (const v of values) norm += v * v;
  // Two features of opposite sign colliding may cancel; an all-zero vector then stays zero.
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < values.length; k++) values[k] = (values[k] as number) * scale;
  const names: string[] = [];
  const nameIndices: number[] = [];
  const nameValues: number[] = [];
  for (const f of named) {
    names.push(f.name);
    nameIndices.push(f.index);
    nameValues.push(f.value * scale);
  }
  return { indices, values, names, nameIndices, nameValues };
}
