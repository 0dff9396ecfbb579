import { unspentPrivacy } from '../privacy/PrivacyStatus';
import { PRIVACY_DEFAULTS } from '../privacy/privacyDefaults';
import { buildProfileSummary, type ReportingSummary } from './buildProfileSummary';
import { type CachedFeatures, createFeatureCache } from './createFeatureCache';
import { createLearner, type Learner } from './createLearner';
import { createMemoryStore } from './createMemoryStore';
import { createEvidenceTable, DEFAULT_STRENGTHS, type EventStrengths } from './eventEvidence';
import { DEFAULT_FEATURE_WEIGHTS, type FeatureWeights, featurizeQuery, type ItemFeatures, signOf } from './featurize';
import { NAME_SEPARATOR, recordNames } from './recordNames';
import { restoreSnapshot } from './restoreSnapshot';
import type { ProfileSnapshot, Store } from './Store';
import type { Algorithm, Contribution, Item, ProfileSummary, RankedItem, TrackEvent } from './types';
import { validateEvent } from './validateEvent';

/** Options of {@link createEngine}. Defaults were chosen with `npm run bench:quality` (docs/quality.md). */
export interface EngineOptions {
  /** Size of the local part (ids, tags, attributes; never reported). Power of two. @default 65536 */
  dimensions?: number;
  /** Size of the shared, federated part (categories, brands, prices). Power of two. @default 16384 */
  sharedDimensions?: number;
  /** @default 'pa1' */
  algorithm?: Algorithm;
  /** PA aggressiveness; each event's strength scales it. Small C makes repeated evidence add up. @default 0.01 */
  C?: number;
  /** The user's weights halve every this many days of event time (`Infinity`: never). @default 90 */
  halfLifeDays?: number;
  /** Where the profile lives. @default an in-memory store */
  store?: Store;
  /** Per-event-type strengths. @default CONTRACT §2: click 1, add_to_cart 2, purchase 3, skip 0.5 */
  strengths?: Partial<EventStrengths>;
  /** Relative weight of each feature group. @default id 10, every other group 1 */
  featureWeights?: Partial<FeatureWeights>;
  /**
   * What the shop's own order is worth in `rank`, in units of one full-strength step (C; 1 for plain
   * PA): the first of n items gets this bonus, the last none, linearly. Where the profile has no
   * opinion the shop's list stands; evidence lifts items above it. 0 ranks by score alone. @default 1
   */
  orderWeight?: number;
  /** How many features `profile().interests` lists. @default 10 */
  interestCount?: number;
  /** Told when a stored profile could not be used and a fresh one was started. */
  onError?: (error: Error) => void;
}

/** Options of `ingest`. */
export interface IngestOptions {
  /**
   * The caller already validated every event and item where they entered (the worker: the page checks
   * `track()` and the data attributes), so the engine does not check them again. @default false
   */
  validated?: boolean;
}

/** What `ingest` did with a batch. */
export interface IngestResult {
  /** Valid events (learned from, or valid but teaching nothing, like `view`). */
  accepted: number;
  /** Events that changed or confirmed the profile (`profile().events` counts these). */
  learned: number;
  /** Invalid events, by their index in the batch, with a message naming the field. */
  rejected: Array<{ index: number; reason: string }>;
}

/** The learning core: a per-user PA model over hashed item features, plus a frozen global part. */
export interface Engine {
  /** Validates and learns a batch in order; a bad event never costs its neighbours. */
  ingest(events: readonly TrackEvent[], options?: IngestOptions): Promise<IngestResult>;
  /** (w_global + w_user)·x for one item. */
  score(item: Item): number;
  /**
   * Items best first. The score includes a small bonus for the input order (`orderWeight`), so pass
   * items in the shop's own order (bestsellers, merchandising); ties keep that order.
   */
  rank(items: readonly Item[]): RankedItem[];
  /** The `k` best items. */
  recommend(items: readonly Item[], k: number): Item[];
  /** Each named feature's share of the score, largest magnitude first; they sum to `score(item)`. */
  explain(item: Item): Contribution[];
  /** The profile in words; its privacy part is that of a profile that reported nothing (the worker adds its ledger's). */
  profile(): ProfileSummary;
  /** Replaces the global (shared-part) model; the user's own weights are kept. */
  setGlobalModel(version: number, weights: Float32Array): void;
  /** The user's true shared-part weights (a copy): what a privacy report is a delta of. */
  sharedWeights(): Float32Array;
  /** The live profile, as the store receives it. */
  snapshot(): ProfileSnapshot;
  /** Forgets everything learned and clears the store. */
  reset(): Promise<void>;
  readonly store: Store;
}

const DAY_MS = 86_400_000;
/** A profile that has sent no report, at the default privacy settings. */
const NOTHING_REPORTED: ReportingSummary = { privacy: unspentPrivacy(PRIVACY_DEFAULTS), lastSyncAt: null };

/**
 * Creates an engine and restores its profile from the store.
 * @param options - model size, algorithm, decay, store (see {@link EngineOptions}).
 * @returns the engine, ready to ingest.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const {
    dimensions = 2 ** 16,
    sharedDimensions = 2 ** 14,
    algorithm = 'pa1',
    C = 0.01,
    halfLifeDays = 90,
    store = createMemoryStore(),
    interestCount = 10,
    orderWeight = 1,
  } = options;
  if (!(orderWeight >= 0 && Number.isFinite(orderWeight)))
    throw new RangeError(`orderWeight must be a finite number >= 0, got ${String(orderWeight)}`);
  const orderBonus = orderWeight * (algorithm === 'pa' ? 1 : C);
  checkPowerOfTwo('dimensions', dimensions);
  checkPowerOfTwo('sharedDimensions', sharedDimensions);
  if (!(halfLifeDays > 0)) throw new RangeError(`halfLifeDays must be > 0 (Infinity for no decay), got ${String(halfLifeDays)}`);
  const strengths: EventStrengths = { ...DEFAULT_STRENGTHS, ...options.strengths };
  for (const [type, s] of Object.entries(strengths)) {
    if (!(s >= 0 && Number.isFinite(s))) throw new RangeError(`strengths.${type} must be a finite number >= 0`);
  }
  const weights: FeatureWeights = { ...DEFAULT_FEATURE_WEIGHTS, ...options.featureWeights };
  const space = { sharedDimensions, localDimensions: dimensions };
  const cache = createFeatureCache(space, weights);
  const evidenceOf = createEvidenceTable(strengths);
  const learner = createLearner({
    dimensions: sharedDimensions + dimensions,
    algorithm,
    C,
    fitIntercept: false,
    precision: 'float32',
  });
  const internals = learner as Learner & { _w: Float32Array; _scale: number };
  const halfLifeMs = halfLifeDays * DAY_MS;

  let state = fresh();
  let global: Float32Array | null = null;
  const stored = await store.load();
  if (stored) {
    try {
      restoreSnapshot(stored, { algorithm, dimensions, sharedDimensions });
      internals._w.set(stored.weights);
      internals._scale = stored.scale;
      state = {
        events: stored.events,
        updatedAt: stored.updatedAt,
        names: stored.names,
        version: stored.global?.version ?? null,
      };
      global = stored.global ? Float32Array.from(stored.global.weights) : null;
    } catch (error) {
      options.onError?.(error as Error);
    }
  }

  function fresh() {
    return { events: 0, updatedAt: null as number | null, names: new Map<number, string>(), version: null as number | null };
  }

  function globalScore(f: ItemFeatures): number {
    if (!global) return 0;
    let s = 0;
    for (let k = 0; k < f.indices.length; k++) {
      const i = f.indices[k] as number;
      if (i >= sharedDimensions) break; // indices ascend and the shared part comes first
      s += (global[i] as number) * (f.values[k] as number);
    }
    return s;
  }

  function learn(event: TrackEvent, validated: boolean): boolean {
    const evidence = evidenceOf(event);
    if (!evidence || evidence.strength === 0) return false;
    // The item is validated by the cache, on a miss only (a hit equals an item already validated).
    const features: CachedFeatures =
      event.type === 'search' && !event.item
        ? { ...featurizeQuery(event.query ?? '', space), named: false }
        : cache.get(event.item as Item, validated);
    const ts = event.ts as number;
    if (state.updatedAt !== null && ts > state.updatedAt && halfLifeMs !== Number.POSITIVE_INFINITY) {
      learner.decay(2 ** (-(ts - state.updatedAt) / halfLifeMs));
    }
    learner.update(features.indices, features.values, evidence.y, evidence.strength, globalScore(features));
    if (!features.named) {
      recordNames(state.names, features);
      features.named = true;
    }
    if (state.updatedAt === null || ts > state.updatedAt) state.updatedAt = ts;
    state.events++;
    return true;
  }

  function score(item: Item): number {
    const f = cache.get(item);
    return learner.score(f.indices, f.values) + globalScore(f);
  }

  function snapshot(): ProfileSnapshot {
    return {
      format: 1,
      algorithm,
      sharedDimensions,
      dimensions,
      weights: internals._w,
      scale: internals._scale,
      events: state.events,
      updatedAt: state.updatedAt,
      names: state.names,
      global: global && state.version !== null ? { version: state.version, weights: global } : null,
    };
  }

  function rank(items: readonly Item[]): RankedItem[] {
    if (!Array.isArray(items)) throw new TypeError('items must be an array of Item');
    const n = items.length;
    const ranked = items.map((item, position) => {
      try {
        return { item, score: score(item) + (orderBonus * (n - position)) / n };
      } catch (error) {
        // Name the offending item by its position: "items[3].price must be …".
        throw new TypeError((error as Error).message.replace(/^item\b/, `items[${position}]`));
      }
    });
    return ranked.sort((a, b) => b.score - a.score); // Array.prototype.sort is stable
  }

  return {
    store,
    async ingest(events, { validated = false } = {}) {
      if (!Array.isArray(events)) throw new TypeError('events must be an array of TrackEvent');
      const result: IngestResult = { accepted: 0, learned: 0, rejected: [] };
      for (let index = 0; index < events.length; index++) {
        const event = events[index] as TrackEvent;
        const problem = validated ? null : validateEvent(event, { requireTs: true, skipItem: true });
        if (problem) {
          result.rejected.push({ index, reason: problem });
          continue;
        }
        try {
          if (learn(event, validated)) result.learned++;
          result.accepted++;
        } catch (error) {
          // Features are checked on a cache miss only; the message names the field.
          result.rejected.push({ index, reason: (error as Error).message });
        }
      }
      if (result.learned > 0) await store.save(snapshot());
      return result;
    },
    score,
    rank,
    recommend(items, k) {
      if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be an integer >= 0, got ${String(k)}`);
      return rank(items)
        .slice(0, k)
        .map((r) => r.item);
    },
    explain(item) {
      const f = cache.get(item);
      const out: Contribution[] = [];
      for (let n = 0; n < f.names.length; n++) {
        const i = f.nameIndices[n] as number;
        const w = learnerWeight(i) + (global && i < sharedDimensions ? (global[i] as number) : 0);
        out.push({ feature: f.names[n] as string, contribution: w * (f.nameValues[n] as number) });
      }
      return out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    },
    profile() {
      const interests: Array<{ feature: string; weight: number }> = [];
      for (const [i, joined] of state.names) {
        // Names that collided on one index each report the weight with their own sign.
        for (const name of joined.split(NAME_SEPARATOR)) {
          const weight = learnerWeight(i) * signOf(name);
          if (weight > 0) interests.push({ feature: name, weight });
        }
      }
      interests.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1)); // ties by name: stable across reloads
      const learned = {
        events: state.events,
        updatedAt: state.updatedAt,
        interests: interests.slice(0, interestCount),
        modelVersion: state.version,
      };
      return buildProfileSummary(learned, NOTHING_REPORTED, store.kind);
    },
    setGlobalModel(version, weights) {
      if (!Number.isInteger(version) || version < 0)
        throw new RangeError(`version must be an integer >= 0, got ${String(version)}`);
      if (!(weights instanceof Float32Array) || weights.length !== sharedDimensions) {
        throw new RangeError(`weights must be a Float32Array of length ${sharedDimensions} (sharedDimensions)`);
      }
      for (let i = 0; i < weights.length; i++) {
        if (!Number.isFinite(weights[i])) throw new RangeError(`weights[${i}] is not finite`);
      }
      global = Float32Array.from(weights);
      state.version = version;
    },
    sharedWeights() {
      return Float32Array.from(internals._w.subarray(0, sharedDimensions), (w) => w * internals._scale);
    },
    snapshot,
    async reset() {
      internals._w.fill(0);
      internals._scale = 1;
      state = fresh();
      cache.clear();
      await store.clear();
    },
  };

  function learnerWeight(i: number): number {
    return (internals._w[i] as number) * internals._scale;
  }
}

function checkPowerOfTwo(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 2 || value > 2 ** 30 || (value & (value - 1)) !== 0) {
    throw new RangeError(`${name} must be a power of two in [2, 2^30], got ${String(value)}`);
  }
}
