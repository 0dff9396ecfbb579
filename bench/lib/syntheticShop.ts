import type { EventType, Item, TrackEvent } from 'tastebud/engine';

const ROOTS = ['apparel', 'shoes', 'electronics', 'home', 'beauty', 'sports', 'toys', 'books'];
const CHILDREN_PER_ROOT = 5;
const LEAVES_PER_CHILD = 4;
const BRANDS = 50;
const TAGS = 300;

/** Event types with their share of the stream. */
const EVENT_MIX: ReadonlyArray<readonly [EventType, number]> = [
  ['click', 0.6],
  ['skip', 0.25],
  ['add_to_cart', 0.1],
  ['purchase', 0.05],
];

/**
 * A synthetic catalogue: category paths of 2-3 levels from a small tree (8 × 5 × 4), ~50 brands,
 * log-uniform prices, 2-4 distinct tags from a vocabulary of 300.
 * @param size - number of items.
 * @param random - a [0, 1) generator.
 * @param idPrefix - ids are `${idPrefix}-${n}`.
 */
export function createCatalog(size: number, random: () => number, idPrefix = 'sku'): Item[] {
  const pick = (n: number) => Math.floor(random() * n);
  const items: Item[] = [];
  for (let n = 0; n < size; n++) {
    const root = ROOTS[pick(ROOTS.length)] as string;
    const child = `${root}-${pick(CHILDREN_PER_ROOT)}`;
    const category = random() < 0.5 ? `${root}/${child}` : `${root}/${child}/${child}-${pick(LEAVES_PER_CHILD)}`;
    const tags = new Set<string>();
    const tagCount = 2 + pick(3);
    while (tags.size < tagCount) tags.add(`tag-${pick(TAGS)}`);
    items.push({
      id: `${idPrefix}-${n}`,
      category,
      brand: `brand-${pick(BRANDS)}`,
      price: Math.round(3 * 500 ** random() * 100) / 100,
      tags: [...tags],
    });
  }
  return items;
}

/**
 * A Zipf-like sampler of catalogue positions: position r is drawn with weight 1 / (r + 1)^s.
 * @param size - number of positions.
 * @param exponent - s. @default 1
 * @returns a function mapping a [0, 1) draw to a position.
 */
export function zipfSampler(size: number, exponent = 1): (u: number) => number {
  const cdf = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) {
    total += 1 / (r + 1) ** exponent;
    cdf[r] = total;
  }
  return (u) => {
    const target = u * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Produces event batches as autocapture would: fresh event and item objects, increasing `ts`. */
export interface EventStream {
  /** The next `size` events. */
  batch(size: number): TrackEvent[];
  /** How many events were produced. */
  readonly produced: number;
}

/**
 * An event stream over a catalogue with Zipf-ish popularity.
 * @param catalog - the items (their order is their popularity rank).
 * @param random - a [0, 1) generator.
 * @param startTs - timestamp of the first event (epoch ms).
 */
export function createEventStream(catalog: readonly Item[], random: () => number, startTs = 1_750_000_000_000): EventStream {
  const sample = zipfSampler(catalog.length);
  let ts = startTs;
  let produced = 0;
  const typeOf = (u: number): EventType => {
    let acc = 0;
    for (const [type, share] of EVENT_MIX) {
      acc += share;
      if (u < acc) return type;
    }
    return 'click';
  };
  return {
    batch(size) {
      const events: TrackEvent[] = new Array(size);
      for (let k = 0; k < size; k++) {
        const item = catalog[sample(random())] as Item;
        ts += 1 + Math.floor(random() * 5000);
        events[k] = { type: typeOf(random()), item: copyItem(item), ts };
      }
      produced += size;
      return events;
    },
    get produced() {
      return produced;
    },
  };
}

/**
 * A fresh copy of an item (new object and tags array; the strings are shared).
 * @param item - the catalogue item.
 */
export function copyItem(item: Item): Item {
  const copy: Item = { ...item };
  if (item.tags) copy.tags = [...item.tags];
  return copy;
}

/**
 * Fisher-Yates shuffle into a new array.
 * @param values - the input.
 * @param random - a [0, 1) generator.
 */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
