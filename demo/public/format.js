// How the shop writes prices, times, sizes and small numbers.
// @ts-check

const euros = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

/** @param {number} price - euros. @returns {string} e.g. `€129.00` */
export const formatPrice = (price) => euros.format(price);

/** @param {number} bytes - a size. @returns {string} e.g. `87.4 KB` */
export const formatBytes = (bytes) => (bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} KB`);

/** @param {number} at - epoch ms. @returns {string} e.g. `14:03:12` */
export const formatTime = (at) => new Date(at).toLocaleTimeString('en-GB');

/**
 * @param {number | null} at - epoch ms, or null.
 * @param {number} [now] - epoch ms.
 * @returns {string} e.g. `2 min ago`, or `never`.
 */
export function timeAgo(at, now = Date.now()) {
  if (at === null || at === undefined) return 'never';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return formatTime(at);
}

/** @param {number} x - a number. @param {number} [digits] - significant digits. @returns {string} */
export const formatNumber = (x, digits = 3) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : '∞');
