import { MAX_STRING_LENGTH, validateItem } from '../../core/engine/validateItem';
import type { Item } from '../types';

/** Selector of the elements that show an item (CONTRACT §4). */
export const ITEM_SELECTOR = '[data-tb-id],[data-tb-item]';

const NAMES = ['item', 'id', 'category', 'brand', 'price', 'tags'];

// Keyed by element, checked against the raw attribute values: re-reading six attributes costs
// well under a microsecond, and the cache spares the JSON parse, the validation and, above all,
// a repeated report for a malformed card clicked again and again.
const cache = new WeakMap<Element, { _key: string; _item: Item | null }>();

/**
 * Reads the item an element shows, from `data-tb-item` (a JSON `Item`, which wins) or from
 * `data-tb-id` with `data-tb-category`, `data-tb-brand`, `data-tb-price` and `data-tb-tags`
 * (comma-separated; blanks dropped). Empty attributes other than `data-tb-id` count as absent.
 * @param element - a product card or page.
 * @param onProblem - told once per element and attribute values when they do not describe a valid item.
 * @returns the item, or `null` when the element shows none or its attributes are malformed.
 */
export function readItem(element: Element, onProblem?: (message: string) => void): Item | null {
  const values = NAMES.map((name) => element.getAttribute(`data-tb-${name}`));
  const key = values.join('\u0001');
  const cached = cache.get(element);
  if (cached?._key === key) return cached._item;
  const [json, id, category, brand, price, tags] = values;
  let item: unknown;
  let problem: string | null = null;
  if (json) {
    try {
      item = JSON.parse(json);
    } catch {
      problem = 'data-tb-item is not valid JSON';
    }
  } else if (id != null) {
    const read: Item = { id };
    if (category) read.category = category;
    if (brand) read.brand = brand;
    if (price) read.price = Number(price);
    if (tags) read.tags = tags.split(',').flatMap((tag) => tag.trim() || []);
    item = read;
  }
  if (item === undefined && !problem) return null;
  problem ??= validateItem(item);
  if (problem) onProblem?.(`[tastebud] ${json ? 'data-tb-item' : `data-tb-id "${id}"`}: ${problem}`.slice(0, MAX_STRING_LENGTH));
  const result = problem ? null : (item as Item);
  cache.set(element, { _key: key, _item: result });
  return result;
}
