export { createTastebud } from './createTastebud';
export type {
  Algorithm,
  Contribution,
  EventType,
  Item,
  ModelOptions,
  ProfileSummary,
  RankedItem,
  Tastebud,
  TastebudError,
  TastebudEvents,
  TastebudOptions,
  TrackEvent,
} from './types';
