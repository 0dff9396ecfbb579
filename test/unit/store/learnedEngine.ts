import { createEngine, type Engine } from '../../../core/engine/createEngine';
import type { Store } from '../../../core/engine/Store';
import type { Item, TrackEvent } from '../../../core/engine/types';

/** A small shop: every item touches shared (category, brand, price) and local (id, tags) features. */
export const CATALOG: Item[] = [
  { id: 'road-1', category: 'shoes/running/road', brand: 'Fleet', price: 120, tags: ['cushioned'] },
  { id: 'trail-1', category: 'shoes/running/trail', brand: 'Ridge', price: 140, tags: ['grip'] },
  { id: 'tent-1', category: 'outdoor/tents', brand: 'Camp', price: 300, tags: ['waterproof'] },
  { id: 'kettle-1', category: 'kitchen/coffee', brand: 'Brew', price: 40, tags: ['gooseneck'] },
  { id: 'mug-1', category: 'kitchen/coffee', brand: 'Brew', price: 12, attrs: { color: 'blue' } },
];

const T0 = Date.UTC(2026, 0, 1);
const TYPES: TrackEvent['type'][] = ['click', 'add_to_cart', 'skip', 'purchase'];

/**
 * Events over the catalog, deterministic in `from`: the `n`th event is at `T0 + n` hours.
 * @param from - index of the first event.
 * @param count - how many.
 */
export function shopEvents(from: number, count: number): TrackEvent[] {
  const events: TrackEvent[] = [];
  for (let n = from; n < from + count; n++) {
    events.push({
      type: TYPES[n % TYPES.length] as TrackEvent['type'],
      item: CATALOG[(n * 3) % CATALOG.length] as Item,
      ts: T0 + n * 3_600_000,
    });
  }
  events.push({ type: 'search', query: `trail shoes ${from}`, ts: T0 + (from + count) * 3_600_000 });
  return events;
}

/**
 * An engine over `store` that has learned `count` events and holds a global model (version 7).
 * @param store - where the profile lives.
 * @param count - events to learn.
 */
export async function learnedEngine(store: Store, count = 12): Promise<Engine> {
  const engine = await createEngine({ store, interestCount: ALL });
  const global = new Float32Array(2 ** 14);
  for (let i = 0; i < global.length; i += 97) global[i] = (i % 7) / 100 - 0.03;
  engine.setGlobalModel(7, global);
  await engine.ingest(shopEvents(0, count));
  return engine;
}

/**
 * `profile().interests` lists every feature, so that ties (ordered by when a name was first seen,
 * which a store keyed by index does not keep) cannot change which ones are listed.
 */
export const ALL = 10_000;

/**
 * A new engine restored from `store`, configured like {@link learnedEngine}'s.
 * @param store - the store to load from.
 * @param onError - told when the stored profile is unusable.
 */
export function restoredEngine(store: Store, onError?: (error: Error) => void): Promise<Engine> {
  return createEngine({ store, interestCount: ALL, ...(onError && { onError }) });
}

/** What two engines must agree on when one was restored from the other's store. */
export function observable(engine: Engine) {
  const { storage: _, ...profile } = engine.profile(); // where it lives may differ: memory → IndexedDB
  return {
    profile: { ...profile, interests: sortedInterests(engine) },
    scores: CATALOG.map((item) => engine.score(item)),
    weights: sparse(engine.snapshot().weights),
  };
}

function sortedInterests(engine: Engine) {
  return engine.profile().interests.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1));
}

/**
 * The non-zero entries of a weight vector with its length: as exact as the array, and compared
 * in microseconds where `toEqual` on 80 000 floats takes half a second.
 * @param weights - a weight vector, or nothing.
 */
export function sparse(weights: Float32Array | undefined) {
  if (!weights) return weights;
  const entries: Array<[number, number]> = [];
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 0) entries.push([i, weights[i] as number]);
  return { length: weights.length, entries };
}
