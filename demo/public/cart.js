// The shop's cart, kept in localStorage like any shop's (it is not part of the profile).
// @ts-check

const KEY = 'fieldnote-cart';
/** @typedef {{ id: string, quantity: number }} CartLine */
/** @type {Set<(lines: CartLine[]) => void>} */
const listeners = new Set();

/** @returns {Array<{ id: string, quantity: number }>} the cart's lines. */
export function cartLines() {
  try {
    const lines = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(lines) ? lines : [];
  } catch {
    return [];
  }
}

/** @param {CartLine[]} lines - the whole cart, stored and told to the listeners. */
function save(lines) {
  localStorage.setItem(KEY, JSON.stringify(lines));
  for (const listener of listeners) listener(lines);
}

/** @param {string} id - a product id. */
export function addToCart(id) {
  const lines = cartLines();
  const line = lines.find((l) => l.id === id);
  if (line) line.quantity++;
  else lines.push({ id, quantity: 1 });
  save(lines);
}

/** @param {string} id - a product id. */
export function removeFromCart(id) {
  save(cartLines().filter((l) => l.id !== id));
}

/** Empties the cart (the order was placed). */
export function emptyCart() {
  save([]);
}

/**
 * @param {(lines: Array<{ id: string, quantity: number }>) => void} listener - told after every change.
 * @returns {() => void} the unsubscribe.
 */
export function onCartChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
