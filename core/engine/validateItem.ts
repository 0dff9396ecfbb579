import type { Item } from './types';

/** Longest accepted string in an item (ids, names, tags); longer ones are input errors. */
export const MAX_STRING_LENGTH = 1000;

/**
 * Checks that a value is a well-formed {@link Item}.
 * @param item - anything from the page, a store or the network.
 * @param path - how the caller names the value in messages. @default 'item'
 * @returns `null` when valid, otherwise a message naming the offending field.
 */
export function validateItem(item: unknown, path = 'item'): string | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${path} must be an object`;
  const { id, category, brand, price, tags, attrs } = item as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0) return `${path}.id must be a non-empty string`;
  if (id.length > MAX_STRING_LENGTH) return `${path}.id is longer than ${MAX_STRING_LENGTH} characters`;
  for (const [name, value] of [
    ['category', category],
    ['brand', brand],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'string') return `${path}.${name} must be a string`;
    if (value.length > MAX_STRING_LENGTH) return `${path}.${name} is longer than ${MAX_STRING_LENGTH} characters`;
  }
  if (price !== undefined && !(typeof price === 'number' && Number.isFinite(price) && price > 0)) {
    return `${path}.price must be a finite number > 0, got ${String(price)}`;
  }
  if (tags !== undefined) {
    if (!Array.isArray(tags)) return `${path}.tags must be an array of strings`;
    for (let i = 0; i < tags.length; i++) {
      const tag: unknown = tags[i];
      if (typeof tag !== 'string') return `${path}.tags[${i}] must be a string`;
      if (tag.length > MAX_STRING_LENGTH) return `${path}.tags[${i}] is longer than ${MAX_STRING_LENGTH} characters`;
    }
  }
  if (attrs !== undefined) {
    if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) return `${path}.attrs must be an object`;
    for (const [key, value] of Object.entries(attrs)) {
      const ok = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
      if (!ok) return `${path}.attrs.${key} must be a string, a finite number or a boolean`;
    }
  }
  return null;
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
