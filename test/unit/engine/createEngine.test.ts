import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../core/engine/createEngine';
import { createMemoryStore } from '../../../core/engine/createMemoryStore';
import { featurize } from '../../../core/engine/featurize';
import type { Item, TrackEvent } from '../../../core/engine/types';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

const road: Item = { id: 'road-1', category: 'shoes/running/road', brand: 'Fleet', price: 120, tags: ['cushioned'] };
const trail: Item = { id: 'trail-1', category: 'shoes/running/trail', brand: 'Ridge', price: 140, tags: ['grip'] };
const tent: Item = { id: 'tent-1', category: 'outdoor/tents', brand: 'Camp', price: 300, tags: ['waterproof'] };
const kettle: Item = { id: 'kettle-1', category: 'kitchen/coffee', brand: 'Brew', price: 40, tags: ['gooseneck'] };
const catalog = [tent, kettle, road, trail];

function click(item: Item, ts: number, type: TrackEvent['type'] = 'click'): TrackEvent {
  return { type, item, ts };
}

describe('createEngine', () => {
  it('ranks the category the shopper clicked first', async () => {
    const engine = await createEngine({ orderWeight: 0 });
    await engine.ingest([click(road, T0), click({ ...road, id: 'road-2' }, T0 + 1000)]);
    const ranked = engine.rank(catalog).map((r) => r.item.id);
    expect(ranked[0]).toBe('road-1');
    expect(ranked[1]).toBe('trail-1'); // shares shoes/running, not road
    expect(engine.recommend(catalog, 2)).toEqual([road, trail]);
  });

  it('reports rejected events by index and reason and keeps their neighbours', async () => {
    const engine = await createEngine();
    const batch: TrackEvent[] = [
      click(road, T0),
      { type: 'clik', item: road, ts: T0 } as unknown as TrackEvent,
      { type: 'click', item: { id: 'x', price: -1 }, ts: T0 },
      { type: 'click', item: road } as TrackEvent,
      { type: 'click', item: { category: 'a' }, ts: T0 } as unknown as TrackEvent,
      click(trail, T0 + 1),
    ];
    const result = await engine.ingest(batch);
    expect(result.accepted).toBe(2);
    expect(result.learned).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(result.rejected[0]?.reason).toMatch(/^type must be one of/);
    expect(result.rejected[1]?.reason).toMatch(/item\.price/);
    expect(result.rejected[2]?.reason).toMatch(/ts is required/);
    expect(result.rejected[3]?.reason).toMatch(/item\.id/);
    expect(engine.profile().events).toBe(2);
  });

  it('checks events once: a caller that validated them (the worker) skips the engine checks', async () => {
    // An event the engine would refuse (no ts) is learned when the caller says it checked it already.
    const unchecked = { type: 'click', item: road } as TrackEvent;
    const strict = await createEngine();
    expect((await strict.ingest([unchecked])).rejected).toEqual([{ index: 0, reason: 'ts is required (epoch milliseconds)' }]);
    const trusting = await createEngine();
    expect(await trusting.ingest([{ ...unchecked, ts: T0 }], { validated: true })).toEqual({
      accepted: 1,
      learned: 1,
      rejected: [],
    });
    expect(trusting.profile().events).toBe(1);
    const odd = { id: 'odd', price: -1 } as Item; // validateItem refuses it; a validated batch is not re-checked
    expect((await strict.ingest([click(odd, T0)])).rejected[0]?.reason).toMatch(/item\.price must be/);
    expect((await trusting.ingest([click(odd, T0 + 1)], { validated: true })).rejected).toEqual([]);
  });

  it('rejects a batch that is not an array with a TypeError', async () => {
    const engine = await createEngine();
    await expect(engine.ingest({} as unknown as TrackEvent[])).rejects.toThrow(TypeError);
  });

  it('learns nothing from a view or a glance, something from a long dwell', async () => {
    const engine = await createEngine();
    const r = await engine.ingest([click(road, T0, 'view'), { type: 'dwell', item: road, durationMs: 2000, ts: T0 }]);
    expect(r).toEqual({ accepted: 2, learned: 0, rejected: [] });
    expect(engine.score(road)).toBe(0);
    await engine.ingest([{ type: 'dwell', item: road, durationMs: 45_000, ts: T0 }]);
    expect(engine.score(road)).toBeGreaterThan(0);
    expect(engine.profile().events).toBe(1);
  });

  it('pushes a skipped item down', async () => {
    const engine = await createEngine({ orderWeight: 0 });
    await engine.ingest([click(tent, T0, 'skip')]);
    expect(engine.score(tent)).toBeLessThan(0);
    expect(engine.rank(catalog).at(-1)?.item.id).toBe('tent-1');
  });

  it("keeps the shop's order where the profile has no opinion, and lets evidence override it", async () => {
    const engine = await createEngine({ C: 0.01 }); // orderWeight 1: the first item gets a bonus of C
    expect(engine.rank(catalog).map((r) => r.item.id)).toEqual(['tent-1', 'kettle-1', 'road-1', 'trail-1']);
    expect(engine.rank(catalog)[0]?.score).toBeCloseTo(0.01, 12);
    await engine.ingest([click(trail, T0, 'purchase')]); // strength 3: three times the order's worth
    expect(engine.rank(catalog)[0]?.item.id).toBe('trail-1');
    const plain = await createEngine({ C: 0.01, orderWeight: 0 });
    expect(plain.rank(catalog).every((r) => r.score === 0)).toBe(true);
    await expect(createEngine({ orderWeight: -1 })).rejects.toThrow(/orderWeight/);
  });

  it('lets stronger evidence move the profile further (strength scales C)', async () => {
    const clickEngine = await createEngine({ C: 0.05 });
    const buyEngine = await createEngine({ C: 0.05 });
    await clickEngine.ingest([click(road, T0)]);
    await buyEngine.ingest([click(road, T0, 'purchase')]);
    expect(buyEngine.score(road)).toBeCloseTo(3 * clickEngine.score(road), 5);
  });

  it('turns a search into positive tag evidence', async () => {
    const engine = await createEngine();
    await engine.ingest([{ type: 'search', query: 'waterproof tent', ts: T0 }]);
    expect(engine.rank(catalog)[0]?.item.id).toBe('tent-1');
    expect(engine.profile().interests.map((i) => i.feature)).toContain('tag=waterproof');
  });

  it('halves the weights after one half-life of event time', async () => {
    const engine = await createEngine({ halfLifeDays: 10 });
    await engine.ingest([click(road, T0)]);
    const before = engine.score(road);
    await engine.ingest([click(kettle, T0 + 10 * DAY)]);
    expect(engine.score(road)).toBeCloseTo(before / 2, 6);
    await engine.ingest([click(kettle, T0 + 5 * DAY)]); // late event: never decays backwards
    expect(engine.score(road)).toBeCloseTo(before / 2, 6);
  });

  it('follows a shopper whose interests change', async () => {
    const engine = await createEngine();
    const shoes = Array.from({ length: 10 }, (_, n) => click({ ...road, id: `road-${n}` }, T0 + n * 1000));
    await engine.ingest(shoes);
    const kitchen = Array.from({ length: 10 }, (_, n) => click({ ...kettle, id: `kettle-${n}` }, T0 + 120 * DAY + n * 1000));
    await engine.ingest(kitchen);
    expect(engine.rank(catalog)[0]?.item.category).toBe('kitchen/coffee');
  });

  it('explains a score with named contributions that sum to it', async () => {
    const engine = await createEngine();
    await engine.ingest([click(road, T0), click(trail, T0 + 1), click(tent, T0 + 2, 'skip')]);
    engine.setGlobalModel(3, new Float32Array(2 ** 14).fill(0.01));
    for (const item of catalog) {
      const parts = engine.explain(item);
      const sum = parts.reduce((s, p) => s + p.contribution, 0);
      expect(sum).toBeCloseTo(engine.score(item), 6);
      for (let k = 1; k < parts.length; k++) {
        expect(Math.abs(parts[k - 1]?.contribution ?? 0)).toBeGreaterThanOrEqual(Math.abs(parts[k]?.contribution ?? 0));
      }
    }
    expect(engine.explain(trail).map((p) => p.feature)).toContain('category=shoes/running');
  });

  it('lists interests by name, strongest first', async () => {
    const engine = await createEngine();
    await engine.ingest([click(road, T0, 'purchase'), click(trail, T0 + 1)]);
    const { interests } = engine.profile();
    expect(interests.map((i) => i.feature)).toContain('category=shoes/running');
    for (let k = 1; k < interests.length; k++) expect(interests[k - 1]?.weight).toBeGreaterThanOrEqual(interests[k]?.weight ?? 0);
    expect(interests.every((i) => i.weight > 0)).toBe(true);
  });

  it('starts from a global model and keeps the user weights when a new one arrives', async () => {
    const engine = await createEngine();
    // A global model with a taste for the kitchen category.
    const global = new Float32Array(2 ** 14);
    const f = featurize(kettle, { sharedDimensions: 2 ** 14, localDimensions: 2 ** 16 });
    const n = f.names.indexOf('category=kitchen');
    global[f.nameIndices[n] as number] = 5 * Math.sign(f.nameValues[n] as number);
    engine.setGlobalModel(1, global);
    expect(engine.rank(catalog)[0]?.item.id).toBe('kettle-1');
    expect(engine.profile().modelVersion).toBe(1);
    await engine.ingest([click(road, T0)]);
    const userRoad = engine.score(road);
    engine.setGlobalModel(2, new Float32Array(2 ** 14));
    expect(engine.score(road)).toBeCloseTo(userRoad, 6); // road has no kitchen feature: unchanged
    expect(engine.profile().modelVersion).toBe(2);
    expect(() => engine.setGlobalModel(3, new Float32Array(10))).toThrow(/length 16384/);
    expect(() => engine.setGlobalModel(3, new Float32Array(2 ** 14).fill(Number.NaN))).toThrow(/weights\[0\] is not finite/);
  });

  it('learns the user part only against the global score (PA margin counts the global model)', async () => {
    const engine = await createEngine({ algorithm: 'pa' });
    await engine.ingest([click(road, T0)]);
    expect(engine.score(road)).toBeCloseTo(1, 5); // plain PA: margin exactly 1 after the update
    await engine.ingest([click(road, T0)]);
    expect(engine.score(road)).toBeCloseTo(1, 5); // already at margin: passive
  });

  it('restores a profile from its store', async () => {
    const store = createMemoryStore();
    const first = await createEngine({ store });
    await first.ingest([click(road, T0), click(trail, T0 + 1)]);
    first.setGlobalModel(4, new Float32Array(2 ** 14).fill(0.001));
    await first.ingest([click(trail, T0 + 2)]);
    const second = await createEngine({ store });
    expect(second.profile()).toEqual(first.profile());
    expect(second.score(trail)).toBe(first.score(trail));
  });

  it('starts fresh and says why when the stored profile does not fit', async () => {
    const store = createMemoryStore();
    const small = await createEngine({ store, dimensions: 2 ** 10 });
    await small.ingest([click(road, T0)]);
    const errors: Error[] = [];
    const engine = await createEngine({ store, onError: (e) => errors.push(e) });
    expect(errors[0]?.name).toBe('CorruptProfileError');
    expect(errors[0]?.message).toMatch(/dimensions/);
    expect(engine.profile().events).toBe(0);
  });

  it('forgets everything on reset', async () => {
    const store = createMemoryStore();
    const engine = await createEngine({ store });
    await engine.ingest([click(road, T0)]);
    await engine.reset();
    expect(engine.score(road)).toBe(0);
    expect(engine.profile()).toMatchObject({ events: 0, updatedAt: null, interests: [] });
    expect(await store.load()).toBeNull();
  });

  it('validates its options', async () => {
    await expect(createEngine({ dimensions: 1000 })).rejects.toThrow(/dimensions must be a power of two/);
    await expect(createEngine({ halfLifeDays: 0 })).rejects.toThrow(/halfLifeDays/);
    await expect(createEngine({ strengths: { click: -1 } })).rejects.toThrow(/strengths\.click/);
    await expect(createEngine({ algorithm: 'sgd' as 'pa' })).rejects.toThrow(/algorithm/);
  });
});

describe('createEngine input errors', () => {
  it('names a malformed item in rank() by its position', async () => {
    const engine = await createEngine();
    expect(() => engine.rank([road, { id: 'x', price: -2 }])).toThrow(/^items\[1\]\.price must be a finite number > 0/);
    expect(() => engine.rank('nope' as unknown as Item[])).toThrow(TypeError);
  });
});
