// Markup from template literals: interpolated values are escaped unless wrapped in `raw()`.
// @ts-check

const RAW = Symbol('raw');

/**
 * Marks trusted markup (our own SVG, markup built with `html`) so `html` keeps it as is.
 * @param {string} markup - trusted markup.
 * @returns {{ [RAW]: string }} the wrapped markup.
 */
export function raw(markup) {
  return { [RAW]: markup };
}

/**
 * Builds markup, escaping every interpolated value (arrays are joined; `raw()` values kept).
 * @param {TemplateStringsArray} strings - the literal parts.
 * @param {...unknown} values - interpolated values.
 * @returns {{ [RAW]: string, toString(): string }} markup, usable inside another `html` or with `toString()`.
 */
export function html(strings, ...values) {
  let out = /** @type {string} */ (strings[0]);
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return { [RAW]: out, toString: () => out };
}

/**
 * @param {unknown} value - one interpolated value.
 * @returns {string} its markup.
 */
function render(value) {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && RAW in value) return /** @type {{ [RAW]: string }} */ (value)[RAW];
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Replaces an element's content with markup.
 * @param {Element} element - where.
 * @param {{ [RAW]: string }} markup - built with `html`.
 */
export function setHtml(element, markup) {
  element.innerHTML = markup[RAW];
}
