import type { EventType } from './types';
import { MAX_STRING_LENGTH, validateItem } from './validateItem';

/** Every event type of the contract. */
export const EVENT_TYPES: readonly EventType[] = ['view', 'click', 'add_to_cart', 'purchase', 'skip', 'dwell', 'search'];

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
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    return `type must be one of ${EVENT_TYPES.join(', ')}, got ${JSON.stringify(type) ?? 'undefined'}`;
  }
  if (type === 'search') {
    if (typeof query !== 'string' || query.trim() === '') return 'query must be a non-empty string for a search';
    if (query.length > MAX_STRING_LENGTH) return `query is longer than ${MAX_STRING_LENGTH} characters`;
    if (item !== undefined && !options.skipItem) {
      const problem = validateItem(item);
      if (problem) return problem;
    }
  } else {
    if (item === undefined) return `item is required for a ${type} event`;
    const problem = options.skipItem ? null : validateItem(item);
    if (problem) return problem;
  }
  if (type === 'dwell' && !(typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0)) {
    return 'durationMs must be a finite number >= 0 for a dwell';
  }
  if (durationMs !== undefined && !(typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0)) {
    return 'durationMs must be a finite number >= 0';
  }
  if (list !== undefined && (typeof list !== 'string' || list.length > MAX_STRING_LENGTH)) {
    return `list must be a string of at most ${MAX_STRING_LENGTH} characters`;
  }
  if (ts === undefined) return options.requireTs ? 'ts is required (epoch milliseconds)' : null;
  if (!(Number.isFinite(ts) && (ts as number) >= 0)) return 'ts must be epoch milliseconds (a finite number >= 0)';
  return null;
}
