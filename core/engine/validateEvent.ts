import type { EventType } from './types';
import { MAX_STRING_LENGTH, validateItem } from './validateItem';

/** Every event type of the contract. */
export const EVENT_TYPES: readonly EventType[] = ['view', 'click', 'add_to_cart', 'purchase', 'skip', 'dwell', 'search'];

const NON_NEGATIVE = 'a finite number >= 0';

/**
 * Checks that a value is a well-formed `TrackEvent`.
 * @param event - anything from the page or a store.
 * @param options - `requireTs`: the engine needs a timestamp; the browser SDK fills it in.
 *   `skipItem`: the caller validates the item itself (the engine's feature cache does, once per item).
 * @returns `null` when valid, otherwise a message naming the offending field.
 */
export function validateEvent(event: unknown, options: { requireTs?: boolean; skipItem?: boolean } = {}): string | null {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return 'event must be an object';
  const { type, item, query, durationMs, list, ts } = event as Record<string, unknown>;
  if (!EVENT_TYPES.includes(type as EventType)) {
    return `type must be one of ${EVENT_TYPES.join(', ')}, got ${JSON.stringify(type) ?? 'undefined'}`;
  }
  const search = type === 'search';
  if (search && !(typeof query === 'string' && query.trim())) return 'query must be a non-empty string for a search';
  if (typeof query === 'string' && query.length > MAX_STRING_LENGTH)
    return `query is longer than ${MAX_STRING_LENGTH} characters`;
  if (item === undefined) {
    if (!search) return `item is required for a ${type} event`;
  } else if (!options.skipItem) {
    const problem = validateItem(item);
    if (problem) return problem;
  }
  if (type === 'dwell' && durationMs === undefined) return `durationMs must be ${NON_NEGATIVE} for a dwell`;
  if (durationMs !== undefined && !isNonNegative(durationMs)) return `durationMs must be ${NON_NEGATIVE}`;
  if (list !== undefined && (typeof list !== 'string' || list.length > MAX_STRING_LENGTH)) {
    return `list must be a string of at most ${MAX_STRING_LENGTH} characters`;
  }
  if (ts === undefined) return options.requireTs ? 'ts is required (epoch milliseconds)' : null;
  return isNonNegative(ts) ? null : `ts must be epoch milliseconds (${NON_NEGATIVE})`;
}

function isNonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
