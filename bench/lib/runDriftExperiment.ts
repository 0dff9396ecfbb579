import { createEngine, type EngineOptions, type Item, type TrackEvent } from 'tastebud/engine';
import { seededRandom } from '../../test/helpers/seededRandom';
import { summarize } from './benchStats';
import { shuffled } from './syntheticShop';

const DAY_MS = 86_400_000;
const START_TS = Date.UTC(2011, 0, 3);

/** The drift protocol's sizes. */
export interface DriftOptions {
  /** Category pairs (old interest A, new interest B), drawn with a seed from the frequent product types. */
  pairs: number;
  /** Purchases from A first, one a day. */
  before: number;
  /** Purchases from B after the switch, one a day, at most. */
  maxAfter: number;
  /** Unseen items of each category in the ranked list. */
  heldOut: number;
  seed: number;
}

/** Events after the switch until the profile followed; null: not within `maxAfter`. */
interface PairResult {
  from: string;
  to: string;
  interests: number | null;
  rank: number | null;
}

/**
 * A shopper whose purchases switch from one product type to another: `before` purchases of items of A,
 * then purchases of items of B, one a day. After each purchase of B: has the profile followed? By its
 * interests (the weight of `category=B` above `category=A`), and by its ranking (more than half of the top half
 * of a list of unseen A and B items, alternating in the shop's order with A first, are B).
 * @param catalog - the Online Retail items (their derived category's first segment is the product type).
 * @param configs - engine settings to compare, by name.
 */
export async function runDriftExperiment(
  catalog: ReadonlyMap<string, Item>,
  configs: ReadonlyArray<readonly [string, EngineOptions]>,
  options: DriftOptions,
) {
  const byType = new Map<string, Item[]>();
  for (const item of catalog.values()) {
    const type = item.category?.split('/')[0];
    if (!type) continue;
    const list = byType.get(type) ?? [];
    list.push(item);
    byType.set(type, list);
  }
  const needed = Math.max(options.before, options.maxAfter) + options.heldOut;
  const types = [...byType.entries()]
    .filter(([, items]) => items.length >= needed)
    .map(([type]) => type)
    .sort();
  const random = seededRandom(options.seed);
  const ordered = types.flatMap((a) => types.filter((b) => b !== a).map((b): [string, string] => [a, b]));
  const pairs = shuffled(ordered, random).slice(0, options.pairs);

  // The same purchases and lists for every configuration.
  const scenarios = pairs.map(([a, b]) => ({
    a,
    b,
    itemsA: shuffled(byType.get(a) as Item[], random),
    itemsB: shuffled(byType.get(b) as Item[], random),
  }));
  const results: Record<string, { perPair: PairResult[] }> = {};
  for (const [name, config] of configs) {
    const perPair: PairResult[] = [];
    for (const { a, b, itemsA, itemsB } of scenarios) perPair.push(await followOnePair(config, a, b, itemsA, itemsB, options));
    results[name] = { perPair };
  }
  const summaryOf = (values: Array<number | null>) => {
    const followed = values.filter((v): v is number => v !== null);
    return {
      ...(followed.length ? summarize(followed) : { runs: [], median: null, min: null, max: null }),
      notFollowed: values.length - followed.length,
    };
  };
  return {
    description:
      `${pairs.length} pairs of product types (A → B) of the Online Retail catalogue (types with ≥ ${needed} items, seeded); ` +
      `a fresh profile buys ${options.before} items of A, one a day, then items of B, one a day (up to ${options.maxAfter}). ` +
      'interests: purchases of B until the weight of category=B exceeds that of category=A; rank: until more than half of ' +
      `the top ${options.heldOut} of ${2 * options.heldOut} unseen items (A and B alternating in the shop's order, A first) are B`,
    pairs: pairs.map(([from, to]) => `${from} → ${to}`),
    configs: Object.fromEntries(
      Object.entries(results).map(([name, r]) => [
        name,
        {
          interests: summaryOf(r.perPair.map((p) => p.interests)),
          rank: summaryOf(r.perPair.map((p) => p.rank)),
          perPair: r.perPair,
        },
      ]),
    ),
  };
}

async function followOnePair(
  config: EngineOptions,
  a: string,
  b: string,
  itemsA: Item[],
  itemsB: Item[],
  options: DriftOptions,
): Promise<PairResult> {
  const engine = await createEngine({ ...config, interestCount: 100_000 });
  let ts = START_TS;
  const buy = async (item: Item) => {
    const event: TrackEvent = { type: 'purchase', item, ts };
    ts += DAY_MS;
    const { rejected } = await engine.ingest([event]);
    if (rejected.length) throw new Error(`drift: ${rejected[0]?.reason}`);
  };
  for (const item of itemsA.slice(0, options.before)) await buy(item);
  const unseenA = itemsA.slice(options.before, options.before + options.heldOut);
  const unseenB = itemsB.slice(options.maxAfter, options.maxAfter + options.heldOut);
  const list = unseenA.flatMap((item, i) => [item, unseenB[i] as Item]);
  const isB = new Set(unseenB.map((item) => item.id));
  const weight = (feature: string) => engine.profile().interests.find((i) => i.feature === feature)?.weight ?? 0;
  const result: PairResult = { from: a, to: b, interests: null, rank: null };
  for (let n = 1; n <= options.maxAfter && (result.interests === null || result.rank === null); n++) {
    await buy(itemsB[n - 1] as Item);
    if (result.interests === null && weight(`category=${b}`) > weight(`category=${a}`)) result.interests = n;
    const top = engine.rank(list).slice(0, options.heldOut);
    if (result.rank === null && top.filter((r) => isB.has(r.item.id)).length * 2 > options.heldOut) result.rank = n;
  }
  return result;
}
