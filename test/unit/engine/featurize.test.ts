import { describe, expect, it } from 'vitest';
import { createFeatureCache } from '../../../core/engine/createFeatureCache';
import {
  categoryPrefixes,
  DEFAULT_FEATURE_WEIGHTS,
  featurize,
  featurizeQuery,
  priceBucket,
  queryTokens,
  signOf,
} from '../../../core/engine/featurize';
import { murmur3 } from '../../../core/engine/murmur3';
import type { Item } from '../../../core/engine/types';
import { ITEM_LIMITS, validateItem } from '../../../core/engine/validateItem';

const space = { sharedDimensions: 2 ** 14, localDimensions: 2 ** 16 };
const shoe: Item = {
  id: 'sku-1',
  category: 'shoes/running',
  brand: 'Acme',
  price: 89,
  tags: ['trail', 'Trail', 'waterproof'],
  attrs: { color: 'red' },
};

describe('featurize', () => {
  it('names every feature group of an item', () => {
    expect(featurize(shoe, space).names).toEqual([
      'id=sku-1',
      'category=shoes',
      'category=shoes/running',
      'brand=Acme',
      'price=64-90.5',
      'tag=trail',
      'tag=waterproof',
      'attr:color=red',
    ]);
  });

  it('puts coarse features in the shared part and per-item features in the local part', () => {
    const f = featurize(shoe, space);
    f.names.forEach((name, n) => {
      const index = f.nameIndices[n] as number;
      const shared = /^(category|brand|price)=/.test(name);
      const h = murmur3(name, 0);
      if (shared) expect(index).toBe(h & (space.sharedDimensions - 1));
      else expect(index).toBe(space.sharedDimensions + (h & (space.localDimensions - 1)));
      expect(Math.sign(f.nameValues[n] as number)).toBe(signOf(name));
    });
  });

  it('returns ascending unique indices and an L2 norm of 1', () => {
    const f = featurize(shoe, space);
    for (let k = 1; k < f.indices.length; k++) expect(f.indices[k]).toBeGreaterThan(f.indices[k - 1] as number);
    const norm = Math.hypot(...f.values);
    expect(norm).toBeCloseTo(1, 12);
  });

  it('sums features that collide on one index', () => {
    const tiny = { sharedDimensions: 2, localDimensions: 2 };
    const f = featurize({ id: 'x', category: 'a/b/c/d', brand: 'z', price: 3 }, tiny);
    expect(f.indices.length).toBeLessThanOrEqual(4);
    // per-name values add up to the merged vector
    const merged = new Map<number, number>();
    f.names.forEach((_, n) => {
      const i = f.nameIndices[n] as number;
      merged.set(i, (merged.get(i) ?? 0) + (f.nameValues[n] as number));
    });
    f.indices.forEach((i, k) => {
      expect(merged.get(i)).toBeCloseTo(f.values[k] as number, 12);
    });
  });

  it('weights feature groups before normalising', () => {
    const f = featurize({ id: 'a', brand: 'b' }, space, { ...DEFAULT_FEATURE_WEIGHTS, id: 3, brand: 1 });
    const id = Math.abs(f.nameValues[f.names.indexOf('id=a')] as number);
    const brand = Math.abs(f.nameValues[f.names.indexOf('brand=b')] as number);
    expect(id / brand).toBeCloseTo(3, 12);
  });

  it('buckets prices in half octaves named by their range', () => {
    expect(priceBucket(1)).toBe('1-1.41');
    expect(priceBucket(12)).toBe('11.3-16');
    expect(priceBucket(16)).toBe('16-22.6');
    expect(priceBucket(0.5)).toBe('0.5-0.707');
    expect(priceBucket(15.99)).toBe(priceBucket(11.4));
  });

  it('splits category paths into prefixes', () => {
    expect(categoryPrefixes('shoes/ running//trail/')).toEqual(['shoes', 'shoes/running', 'shoes/running/trail']);
  });

  it('turns a search query into tag features', () => {
    expect(queryTokens('Trail  running SHOES, size 42 a')).toEqual(['trail', 'running', 'shoes', 'size', '42']);
    expect(featurizeQuery('trail shoes', space).names).toEqual(['tag=trail', 'tag=shoes']);
  });
});

describe('createFeatureCache', () => {
  it('hashes an item once and serves equal items from the cache', () => {
    const cache = createFeatureCache(space, DEFAULT_FEATURE_WEIGHTS);
    const first = cache.get(shoe);
    const again = cache.get({ ...shoe, tags: [...(shoe.tags ?? [])], attrs: { color: 'red' } });
    expect(again).toBe(first);
    expect(cache.size).toBe(1);
  });

  it('re-hashes an item whose fields changed', () => {
    const cache = createFeatureCache(space, DEFAULT_FEATURE_WEIGHTS);
    const first = cache.get(shoe);
    const cheaper = cache.get({ ...shoe, price: 10 });
    expect(cheaper).not.toBe(first);
    expect(cheaper.names).toContain('price=8-11.3');
  });

  it('is not fooled by the caller mutating an item it cached', () => {
    const cache = createFeatureCache(space, DEFAULT_FEATURE_WEIGHTS);
    const item: Item = { id: 'm', tags: ['a'] };
    cache.get(item);
    item.tags?.push('b');
    expect(cache.get(item).names).toContain('tag=b');
  });

  it('evicts the oldest entry beyond its capacity', () => {
    const cache = createFeatureCache(space, DEFAULT_FEATURE_WEIGHTS, 2);
    cache.get({ id: 'a' });
    cache.get({ id: 'b' });
    cache.get({ id: 'c' });
    expect(cache.size).toBe(2);
  });

  it('rejects a malformed item with a TypeError naming the field', () => {
    const cache = createFeatureCache(space, DEFAULT_FEATURE_WEIGHTS);
    expect(() => cache.get({ id: 'x', price: -3 })).toThrow(/item\.price must be a finite number > 0/);
    expect(() => cache.get({ id: '' })).toThrow(TypeError);
    expect(() => cache.get({ id: 'x', tags: ['ok', 3 as unknown as string] })).toThrow(/item\.tags\[1\]/);
  });
});

describe('item limits (validateItem)', () => {
  const many = (n: number, value: (i: number) => string | number = (i) => i) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value(i)]));

  it('refuses a 5 MB attribute value, naming the attribute', () => {
    expect(validateItem({ id: 'x', attrs: { story: 'a'.repeat(5_000_000) } })).toBe(
      'item.attrs.story is longer than 1000 characters',
    );
  });

  it('refuses more attributes or tags than the limits, before looking at each one', () => {
    expect(validateItem({ id: 'x', attrs: many(50_000) })).toBe(
      `item.attrs has 50000 attributes, more than ${ITEM_LIMITS.attrs}`,
    );
    expect(validateItem({ id: 'x', attrs: many(ITEM_LIMITS.attrs) })).toBeNull();
    const tags = Array.from({ length: ITEM_LIMITS.tags + 1 }, (_, i) => `t${i}`);
    expect(validateItem({ id: 'x', tags })).toBe(`item.tags has ${tags.length} tags, more than ${ITEM_LIMITS.tags}`);
    expect(validateItem({ id: 'x', tags: tags.slice(1) })).toBeNull();
  });

  it('refuses an attribute key longer than the limit, naming its start', () => {
    const key = 'k'.repeat(ITEM_LIMITS.keyLength + 1);
    expect(validateItem({ id: 'x', attrs: { [key]: 1 } })).toBe(
      `item.attrs.${key.slice(0, ITEM_LIMITS.keyLength)}… has a key longer than ${ITEM_LIMITS.keyLength} characters`,
    );
  });

  it('featurises the largest valid item into one feature per distinct name, ascending', () => {
    const item: Item = {
      id: 'big',
      tags: Array.from({ length: ITEM_LIMITS.tags }, (_, i) => `tag${i % 32}`), // 32 distinct
      attrs: many(ITEM_LIMITS.attrs, (i) => `v${i}`),
    };
    const f = featurize(item, space);
    expect(f.names.length).toBe(1 + 32 + ITEM_LIMITS.attrs);
    for (let k = 1; k < f.indices.length; k++) expect(f.indices[k]).toBeGreaterThan(f.indices[k - 1] as number);
  });
});
