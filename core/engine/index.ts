export type { LearnedSummary, ReportingSummary } from './buildProfileSummary';
export { buildProfileSummary, NOTHING_LEARNED } from './buildProfileSummary';
export type { Engine, EngineOptions, IngestOptions, IngestResult } from './createEngine';
export { createEngine } from './createEngine';
export type { CachedFeatures, FeatureCache } from './createFeatureCache';
export { createFeatureCache } from './createFeatureCache';
export type { Learner, LearnerOptions } from './createLearner';
export { createLearner } from './createLearner';
export { createMemoryStore } from './createMemoryStore';
export type { EventStrengths, Evidence } from './eventEvidence';
export { DEFAULT_STRENGTHS, DWELL_FULL_MS, DWELL_THRESHOLD_MS, eventEvidence } from './eventEvidence';
export type { FeatureSpace, FeatureWeights, ItemFeatures } from './featurize';
export {
  categoryPrefixes,
  DEFAULT_FEATURE_WEIGHTS,
  FEATURE_HASH_SEED,
  featurize,
  featurizeQuery,
  priceBucket,
  queryTokens,
  signOf,
} from './featurize';
export { murmur3 } from './murmur3';
export { CORRUPT_PROFILE } from './restoreSnapshot';
export type { ProfileSnapshot, Store } from './Store';
export type * from './types';
export { EVENT_TYPES, validateEvent } from './validateEvent';
export { validateItem } from './validateItem';
