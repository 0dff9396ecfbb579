export { accountCentralRound } from './accountCentralRound';
export type { AggregateInput, AggregateOptions, AggregatorKind } from './aggregate';
export { aggregate } from './aggregate';
export { applyAggregate } from './applyAggregate';
export { createServer } from './createServer';
export { maxReportBytes } from './maxReportBytes';
export type { NoiseBounds, NoiseParameters } from './noiseBounds';
export { HONEST_REJECTION_PROBABILITY, noiseBounds } from './noiseBounds';
export type {
  ComputedRound,
  InsertOutcome,
  PublishedRound,
  RetentionPolicy,
  RoundNoise,
  RoundRecord,
  RoundSummary,
  SealedRound,
  SealPolicy,
  Store,
  StoredModel,
  StoreStats,
} from './store/Store';
export { ACCOUNTANT_DELTA } from './store/Store';
export type { ListenAddress, LogEntry, ResolvedServerOptions, ServerOptions, TastebudServer } from './types';
export type { ValidReport } from './validateReport';
