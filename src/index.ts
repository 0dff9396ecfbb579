export { createTastebud } from './createTastebud';
export type {
  Algorithm,
  CaptureStats,
  Consent,
  Contribution,
  EventType,
  Item,
  ModelOptions,
  PrivacyOptions,
  ProfileSummary,
  RankedItem,
  SyncResult,
  Tastebud,
  TastebudError,
  TastebudEvents,
  TastebudOptions,
  TrackEvent,
} from './types';
