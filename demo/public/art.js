// Product pictures drawn as SVG from the product's own data: a shape per kind of product, colours and
// small variations per product. No image files, no requests.
// @ts-check

/** @typedef {import('./catalog.js').Product} Product */
/** Colours of a drawing: `m` main, `a` accent, `d` dark, and `v` the variant. @typedef {{ m: string, a: string, d: string, v: number }} Colours */

const hsl = (/** @type {number} */ hue, /** @type {number} */ s, /** @type {number} */ l) => `hsl(${hue} ${s}% ${l}%)`;

/**
 * What sets one running shoe apart from the next: the stripes, a heel panel, a toe cap.
 * @type {Array<(accent: string, dark: string) => string>}
 */
const RUNNER_DETAILS = [
  (a) => `<path d="M62 94 Q104 66 140 88" fill="none" stroke="${a}" stroke-width="7" stroke-linecap="round"/>`,
  (a) =>
    [0, 12, 24]
      .map((x) => `<path d="M${84 + x} 96 L${100 + x} 70" stroke="${a}" stroke-width="5" stroke-linecap="round"/>`)
      .join(''),
  (a, d) =>
    `<path d="M32 100 Q34 72 58 63 L66 98 Z" fill="${a}" stroke="${d}" stroke-width="2"/><path d="M74 92 L150 92" stroke="${a}" stroke-width="3"/>`,
  (a, d) =>
    `<path d="M128 81 Q156 84 171 92 Q180 96 177 100 L134 100 Z" fill="${a}" stroke="${d}" stroke-width="2"/><path d="M70 88 Q96 74 122 84" fill="none" stroke="${a}" stroke-width="4"/>`,
];

/**
 * One drawing per `product.art`, in a 200 × 150 box; `m` main colour, `a` accent, `d` dark, `v` variant.
 * @type {Record<string, (colours: Colours) => string | undefined>}
 */
const SHAPES = {
  runner: ({ m, a, d, v }) => `
    <path d="M28 106 Q28 118 42 118 L166 118 Q181 118 179 104 L177 98 L30 98 Z" fill="${v === 2 ? a : '#f4f1ea'}" stroke="${d}" stroke-width="2"/>
    <path d="M32 100 Q34 70 60 62 L92 55 Q106 52 112 64 L124 80 Q152 83 170 91 Q180 96 177 100 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    ${/** @type {(accent: string, dark: string) => string} */ (RUNNER_DETAILS[v])(a, d)}
    <path d="M92 62 L100 72 M100 58 L108 68 M108 60 L114 70" stroke="#fff" stroke-width="3" stroke-linecap="round"/>
    <path d="M34 98 L44 78" stroke="${d}" stroke-width="2" opacity=".35"/>`,
  trail: ({ m, a, d, v }) => `
    <path d="M28 104 Q28 116 42 116 L166 116 Q181 116 179 102 L177 96 L30 96 Z" fill="${d}"/>
    ${[40, 58, 76, 94, 112, 130, 148, 164].map((x) => `<rect x="${x}" y="114" width="10" height="6" rx="2" fill="${d}"/>`).join('')}
    <path d="M32 98 Q34 66 60 58 L92 51 Q106 48 112 60 L126 76 Q154 80 170 89 Q180 94 177 98 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M40 96 L170 96" stroke="${a}" stroke-width="6"/>
    <path d="M${70 + v * 3} 70 L132 84" stroke="${a}" stroke-width="5" stroke-linecap="round"/>
    <path d="M94 58 L102 68 M102 55 L110 65 M110 57 L116 67" stroke="#fff" stroke-width="3" stroke-linecap="round"/>`,
  boot: ({ m, a, d, v }) => `
    <path d="M40 104 Q40 120 54 120 L164 120 Q178 120 176 106 L174 100 L42 100 Z" fill="${d}"/>
    <path d="M46 100 L46 46 Q46 36 58 36 L92 36 Q102 36 102 48 L104 72 Q142 76 166 88 Q178 94 174 100 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M46 ${54 + v * 2} L102 ${54 + v * 2}" stroke="${a}" stroke-width="6"/>
    ${[48, 58, 68, 78].map((y) => `<path d="M86 ${y} L104 ${y + 2}" stroke="#fff" stroke-width="3" stroke-linecap="round"/>`).join('')}
    <path d="M110 82 Q140 84 160 94" fill="none" stroke="${a}" stroke-width="4"/>`,
  tent: ({ m, a, d, v }) =>
    v % 2 === 0
      ? `
    <path d="M24 120 Q100 4 176 120 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M100 34 Q70 70 60 120 M100 34 Q130 70 140 120" fill="none" stroke="${d}" stroke-width="2" opacity=".45"/>
    <path d="M100 120 L82 120 Q86 80 100 62 Q114 80 118 120 Z" fill="${a}"/>
    <path d="M24 120 L8 130 M176 120 L192 130" stroke="${d}" stroke-width="1.5"/>`
      : `
    <path d="M20 120 L100 26 L180 120 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M100 26 L100 120" stroke="${d}" stroke-width="2" opacity=".4"/>
    <path d="M100 120 L80 120 L100 70 L120 120 Z" fill="${a}"/>
    <path d="M20 120 L6 130 M180 120 L194 130 M100 26 L100 14" stroke="${d}" stroke-width="2"/>`,
  sleepingbag: ({ m, a, d }) => `
    <path d="M30 96 Q30 60 64 58 L160 62 Q182 64 182 86 Q182 110 160 112 L64 116 Q30 116 30 96 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M30 92 Q30 62 60 60 Q72 74 66 114 Q36 114 30 92 Z" fill="${a}" stroke="${d}" stroke-width="2"/>
    <path d="M70 86 L176 86" stroke="${d}" stroke-width="2" stroke-dasharray="4 4"/>
    ${[92, 116, 140].map((x) => `<path d="M${x} 62 L${x + 2} 114" stroke="${d}" stroke-width="1.5" opacity=".35"/>`).join('')}`,
  backpack: ({ m, a, d, v }) => `
    <rect x="62" y="30" width="76" height="96" rx="22" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M62 56 Q100 ${34 - v * 2} 138 56 L138 48 Q100 20 62 48 Z" fill="${a}" stroke="${d}" stroke-width="2"/>
    <rect x="74" y="78" width="52" height="36" rx="10" fill="${a}" stroke="${d}" stroke-width="2"/>
    <path d="M80 88 L120 88" stroke="${d}" stroke-width="2"/>
    <path d="M88 30 Q100 14 112 30" fill="none" stroke="${d}" stroke-width="4"/>
    <path d="M62 70 L52 74 L52 110 L62 114 M138 70 L148 74 L148 110 L138 114" fill="none" stroke="${d}" stroke-width="3"/>`,
  headphones: ({ m, a, d, v }) => `
    <path d="M52 92 Q52 30 100 30 Q148 30 148 92" fill="none" stroke="${d}" stroke-width="9" stroke-linecap="round"/>
    <path d="M52 92 Q52 36 100 36 Q148 36 148 92" fill="none" stroke="${m}" stroke-width="4"/>
    <rect x="${36 - v}" y="78" width="32" height="46" rx="14" fill="${m}" stroke="${d}" stroke-width="2"/>
    <rect x="${132 + v}" y="78" width="32" height="46" rx="14" fill="${m}" stroke="${d}" stroke-width="2"/>
    <rect x="${56 - v}" y="84" width="10" height="34" rx="5" fill="${a}"/>
    <rect x="${134 + v}" y="84" width="10" height="34" rx="5" fill="${a}"/>`,
  camera: ({ m, a, d, v }) => `
    <rect x="34" y="50" width="132" height="76" rx="12" fill="${d}"/>
    <rect x="34" y="66" width="132" height="44" fill="${m}"/>
    <path d="M62 50 L70 38 L102 38 L110 50 Z" fill="${d}"/>
    <circle cx="${104 + v * 2}" cy="88" r="30" fill="${d}" stroke="#ddd" stroke-width="3"/>
    <circle cx="${104 + v * 2}" cy="88" r="19" fill="${a}" opacity=".85"/>
    <circle cx="${98 + v * 2}" cy="82" r="6" fill="#fff" opacity=".6"/>
    <rect x="140" y="56" width="16" height="8" rx="2" fill="${a}"/>`,
  watch: ({ m, a, d, v }) => `
    <rect x="82" y="12" width="36" height="126" rx="12" fill="${m}"/>
    ${[24, 34, 118, 128].map((y) => `<rect x="96" y="${y}" width="8" height="4" rx="2" fill="${d}" opacity=".4"/>`).join('')}
    <circle cx="100" cy="75" r="${36 - v}" fill="${d}" stroke="#ccc" stroke-width="3"/>
    <circle cx="100" cy="75" r="${28 - v}" fill="${a}" opacity=".25"/>
    <path d="M100 75 L100 56 M100 75 L114 82" stroke="#fff" stroke-width="3" stroke-linecap="round"/>
    <path d="M70 75 A30 30 0 0 1 100 45" fill="none" stroke="${a}" stroke-width="4"/>
    <rect x="137" y="68" width="6" height="14" rx="2" fill="#bbb"/>`,
  coffee: ({ m, a, d, v }) =>
    [
      `<path d="M62 124 L70 66 L130 66 L138 124 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
       <path d="M130 74 Q170 54 162 30" fill="none" stroke="${d}" stroke-width="6" stroke-linecap="round"/>
       <path d="M70 66 Q100 48 130 66" fill="${a}" stroke="${d}" stroke-width="2"/>
       <rect x="94" y="44" width="12" height="10" rx="3" fill="${d}"/>
       <path d="M62 86 Q40 96 64 112" fill="none" stroke="${d}" stroke-width="6"/>`,
      `<rect x="74" y="62" width="52" height="64" rx="6" fill="${m}" stroke="${d}" stroke-width="2"/>
       <path d="M70 62 L80 24 L120 24 L130 62 Z" fill="${a}" opacity=".8" stroke="${d}" stroke-width="2"/>
       <rect x="84" y="92" width="32" height="26" rx="3" fill="${d}" opacity=".8"/>
       <circle cx="100" cy="76" r="6" fill="${d}"/>`,
      `<rect x="50" y="34" width="100" height="92" rx="10" fill="${m}" stroke="${d}" stroke-width="2"/>
       <rect x="62" y="46" width="76" height="18" rx="4" fill="${d}"/>
       <rect x="84" y="72" width="32" height="10" rx="3" fill="${a}"/>
       <path d="M86 100 L114 100 L110 122 L90 122 Z" fill="#fff" stroke="${d}" stroke-width="2"/>
       <circle cx="130" cy="55" r="4" fill="${a}"/>`,
      `<rect x="72" y="44" width="56" height="80" rx="6" fill="${a}" opacity=".35" stroke="${d}" stroke-width="2"/>
       <rect x="72" y="84" width="56" height="40" rx="4" fill="${m}" opacity=".9"/>
       <path d="M100 20 L100 70 M84 70 L116 70" stroke="${d}" stroke-width="4" stroke-linecap="round"/>
       <rect x="70" y="38" width="60" height="8" rx="3" fill="${d}"/>
       <path d="M128 60 Q150 64 146 92 Q144 104 128 104" fill="none" stroke="${d}" stroke-width="6"/>`,
    ][v],
  pan: ({ m, a, d, v }) => `
    <ellipse cx="86" cy="86" rx="${54 + v * 2}" ry="40" fill="${d}"/>
    <ellipse cx="86" cy="82" rx="${48 + v * 2}" ry="34" fill="${m}"/>
    <ellipse cx="80" cy="76" rx="22" ry="12" fill="#fff" opacity=".15"/>
    <path d="M138 80 L190 66" stroke="${d}" stroke-width="12" stroke-linecap="round"/>
    <path d="M150 77 L186 67" stroke="${a}" stroke-width="5" stroke-linecap="round"/>`,
  knife: ({ m, a, d, v }) => `
    <path d="M20 ${84 - v} Q70 ${50 - v * 3} 128 70 L128 92 L30 92 Q20 92 20 ${84 - v} Z" fill="#dfe3e8" stroke="${d}" stroke-width="2"/>
    <path d="M30 88 Q80 ${70 - v * 2} 126 84" fill="none" stroke="${a}" stroke-width="2" opacity=".7"/>
    <rect x="128" y="68" width="8" height="26" rx="2" fill="${d}"/>
    <rect x="136" y="70" width="52" height="22" rx="9" fill="${m}" stroke="${d}" stroke-width="2"/>
    <circle cx="152" cy="81" r="3" fill="#eee"/><circle cx="172" cy="81" r="3" fill="#eee"/>`,
  jacket: ({ m, a, d, v }) => `
    <path d="M76 26 L62 32 L30 56 L22 118 L46 122 L54 80 L56 128 L144 128 L146 80 L154 122 L178 118 L170 56 L138 32 L124 26 Q100 ${44 + v * 2} 76 26 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M100 38 L100 128" stroke="${d}" stroke-width="3"/>
    <path d="M76 26 Q100 10 124 26" fill="${a}" stroke="${d}" stroke-width="2"/>
    <path d="M62 96 L82 96 M118 96 L138 96" stroke="${a}" stroke-width="4" stroke-linecap="round"/>
    ${v > 1 ? `<path d="M56 70 L144 70" stroke="${d}" stroke-width="1.5" opacity=".35"/><path d="M56 104 L144 104" stroke="${d}" stroke-width="1.5" opacity=".35"/>` : ''}`,
  shirt: ({ m, a, d, v }) => `
    <path d="M78 26 L40 42 L24 74 L46 84 L56 64 L56 128 L144 128 L144 64 L154 84 L176 74 L160 42 L122 26 Q100 42 78 26 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M78 26 Q100 44 122 26" fill="none" stroke="${a}" stroke-width="5"/>
    ${v % 2 ? `<path d="M100 34 L100 62" stroke="${a}" stroke-width="4"/>` : `<path d="M56 ${84 + v * 6} L144 ${84 + v * 6}" stroke="${a}" stroke-width="6" opacity=".7"/>`}`,
  socks: ({ m, a, d, v }) => `
    <path d="M58 20 L90 20 L90 92 Q90 118 64 124 L44 126 Q30 126 30 112 Q30 100 44 98 L58 94 Z" fill="${m}" stroke="${d}" stroke-width="2"/>
    <path d="M110 28 L142 28 L142 98 Q142 122 118 128 L98 130 Q84 130 84 118 Q84 106 98 104 L110 100 Z" fill="${a}" stroke="${d}" stroke-width="2"/>
    <rect x="58" y="20" width="32" height="12" fill="${d}" opacity=".3"/><rect x="110" y="28" width="32" height="12" fill="${d}" opacity=".3"/>
    <path d="M58 ${52 + v * 4} L90 ${52 + v * 4} M110 ${60 + v * 4} L142 ${60 + v * 4}" stroke="#fff" stroke-width="4" opacity=".8"/>`,
};

/**
 * The product's picture as SVG markup (presentation attributes only: the page's CSP has no inline styles).
 * @param {Product} product - a catalogue product.
 * @returns {string} an `<svg>` element's markup.
 */
export function productArt(product) {
  const { hue, accent, variant } = product;
  const colours = { m: hsl(hue, 52, 52), a: hsl(accent, 62, 58), d: hsl(hue, 30, 22), v: variant };
  const shape = /** @type {(colours: Colours) => string | undefined} */ (SHAPES[product.art] ?? SHAPES.backpack);
  return `<svg viewBox="0 0 200 150" role="img" aria-label="${escapeAttr(product.name)}" xmlns="http://www.w3.org/2000/svg">
    <rect width="200" height="150" fill="${hsl(hue, 38, 93)}"/>
    <circle cx="${150 - variant * 20}" cy="34" r="${34 + variant * 4}" fill="${hsl(accent, 45, 88)}"/>
    <ellipse cx="100" cy="132" rx="78" ry="7" fill="${hsl(hue, 20, 70)}" opacity=".45"/>
    ${shape(colours)}
  </svg>`;
}

/**
 * @param {string} text - any text.
 * @returns {string} the text, safe inside a double-quoted attribute.
 */
function escapeAttr(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
