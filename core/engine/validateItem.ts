import type { Item } from './types';

/** Longest accepted string in an item or event (ids, names, tags, attribute values, queries). */
export const MAX_STRING_LENGTH = 1000;

/**
 * Bounds on one item, so that what a page can send costs the worker a bounded, small amount of work
 * and storage: strings of at most {@link MAX_STRING_LENGTH} characters, at most `tags` tags, at most
 * `attrs` attributes whose keys have at most `keyLength` characters.
 */
export const ITEM_LIMITS = { tags: 64, attrs: 64, keyLength: 100 } as const;

/**
 * Checks that a value is a well-formed {@link Item} within {@link ITEM_LIMITS}. Counts are checked
 * before their elements, so an oversized item is refused at once.
 * @param item - anything from the page, a store or the network.
 * @param path - how the caller names the value in messages. @default 'item'
 * @returns `null` when valid, otherwise a message naming the offending field.
 */
export function validateItem(item: unknown, path = 'item'): string | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${path} must be an object`;
  const { id, category, brand, price, tags, attrs } = item as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0) return `${path}.id must be a non-empty string`;
  const problem =
    tooLong(id, `${path}.id`) ?? optionalString(category, `${path}.category`) ?? optionalString(brand, `${path}.brand`);
  if (problem) return problem;
  if (price !== undefined && !(typeof price === 'number' && Number.isFinite(price) && price > 0)) {
    return `${path}.price must be a finite number > 0, got ${String(price)}`;
  }
  if (tags !== undefined) {
    if (!Array.isArray(tags)) return `${path}.tags must be an array of strings`;
    if (tags.length > ITEM_LIMITS.tags) return `${path}.tags has ${tags.length} tags, more than ${ITEM_LIMITS.tags}`;
    for (let i = 0; i < tags.length; i++) {
      const tagProblem = optionalString(tags[i] ?? 0, `${path}.tags[${i}]`);
      if (tagProblem) return tagProblem;
    }
  }
  if (attrs !== undefined) {
    if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) return `${path}.attrs must be an object`;
    const keys = Object.keys(attrs);
    if (keys.length > ITEM_LIMITS.attrs) return `${path}.attrs has ${keys.length} attributes, more than ${ITEM_LIMITS.attrs}`;
    for (const key of keys) {
      const value: unknown = (attrs as Record<string, unknown>)[key];
      const field = `${path}.attrs.${key.slice(0, ITEM_LIMITS.keyLength)}`;
      if (key.length > ITEM_LIMITS.keyLength) return `${field}… has a key longer than ${ITEM_LIMITS.keyLength} characters`;
      if (typeof value === 'string') {
        const valueProblem = tooLong(value, field);
        if (valueProblem) return valueProblem;
      } else if (!(typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))))
        return `${field} must be a string, a finite number or a boolean`;
    }
  }
  return null;
}

function optionalString(value: unknown, field: string): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? tooLong(value, field) : `${field} must be a string`;
}

function tooLong(value: string, field: string): string | null {
  return value.length > MAX_STRING_LENGTH ? `${field} is longer than ${MAX_STRING_LENGTH} characters` : null;
}

/** True when two valid items would produce the same features (the feature cache's hit test). */
export function sameItem(a: Item, b: Item): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.category !== b.category || a.brand !== b.brand || a.price !== b.price) return false;
  if (a.tags !== b.tags) {
    if (!a.tags || !b.tags || a.tags.length !== b.tags.length) return false;
    for (let i = 0; i < a.tags.length; i++) if (a.tags[i] !== b.tags[i]) return false;
  }
  if (a.attrs !== b.attrs) {
    if (!a.attrs || !b.attrs) return false;
    const keys = Object.keys(a.attrs);
    if (keys.length !== Object.keys(b.attrs).length) return false;
    for (const key of keys) if (a.attrs[key] !== b.attrs[key]) return false;
  }
  return true;
}
