// The demo shop's catalogue: a deterministic generator (same products on every machine, in the browser
// and in Node for the simulated crowd and the admin page's feature names). No I/O, no work at import.
// @ts-check
import { seededRandom } from './seededRandom.js';

/**
 * @typedef {object} Product
 * @property {string} id
 * @property {string} name
 * @property {string} category - path, most general first, e.g. `shoes/running`
 * @property {string} brand
 * @property {number} price - in euros
 * @property {string[]} tags
 * @property {number} rating - 3.5 to 5
 * @property {number} reviews
 * @property {string} art - which drawing `productArt` uses
 * @property {number} hue - main colour, 0-359
 * @property {number} accent - second colour, 0-359
 * @property {number} variant - small variations of the drawing
 * @property {string} description
 */

/** Top-level departments, in navigation order. */
export const DEPARTMENTS = [
  { path: 'shoes', label: 'Shoes' },
  { path: 'outdoor', label: 'Outdoor' },
  { path: 'electronics', label: 'Electronics' },
  { path: 'kitchen', label: 'Kitchen' },
  { path: 'apparel', label: 'Apparel' },
];

/**
 * A leaf category and what its products look like.
 * @typedef {object} Leaf
 * @property {string} path - e.g. `shoes/running`
 * @property {string} label - e.g. `Running shoes`
 * @property {string} noun - one product, for the description
 * @property {string} art - which drawing `productArt` uses
 * @property {string[]} brands
 * @property {[low: number, high: number]} price - the range prices are drawn from (log-uniform)
 * @property {string[]} models - model names
 * @property {number[]} [modelArt] - a drawing variant per model, where the model decides it
 * @property {string[]} tags
 */

/**
 * Leaf categories and what their products look like.
 * @type {Leaf[]}
 */
export const LEAVES = [
  {
    path: 'shoes/running',
    label: 'Running shoes',
    noun: 'road running shoe',
    art: 'runner',
    brands: ['Pacelab', 'Stridewell', 'Koru'],
    price: [79, 189],
    models: ['Tempo', 'Glide', 'Cadence', 'Aero', 'Pulse', 'Drift', 'Vector', 'Velo'],
    tags: ['road', 'cushioned', 'lightweight', 'racing', 'stability', 'neutral', 'carbon plate', 'breathable'],
  },
  {
    path: 'shoes/trail',
    label: 'Trail shoes',
    noun: 'trail shoe',
    art: 'trail',
    brands: ['Ridgeline', 'Talus', 'Koru'],
    price: [89, 199],
    models: ['Scree', 'Switchback', 'Cairn', 'Grit', 'Ascent', 'Fell'],
    tags: ['trail', 'grippy', 'waterproof', 'rock plate', 'lightweight', 'cushioned', 'mud'],
  },
  {
    path: 'shoes/hiking',
    label: 'Hiking boots',
    noun: 'hiking boot',
    art: 'boot',
    brands: ['Talus', 'Northfold', 'Cairnworks'],
    price: [119, 279],
    models: ['Summit', 'Traverse', 'Highland', 'Bivouac', 'Moraine'],
    tags: ['waterproof', 'leather', 'ankle support', 'vibram', 'all-season', 'resoleable'],
  },
  {
    path: 'outdoor/tents',
    label: 'Tents',
    noun: 'tent',
    art: 'tent',
    brands: ['Northfold', 'Cairnworks', 'Emberlite'],
    price: [149, 649],
    models: ['Basecamp', 'Hideaway', 'Skyline', 'Lodgepole', 'Nomad', 'Meadow'],
    tags: ['2-person', '3-person', '4-person', 'ultralight', 'freestanding', '3-season', '4-season', 'backpacking'],
  },
  {
    path: 'outdoor/sleeping-bags',
    label: 'Sleeping bags',
    noun: 'sleeping bag',
    art: 'sleepingbag',
    brands: ['Emberlite', 'Northfold'],
    price: [89, 389],
    models: ['Ember', 'Cocoon', 'Nightfall', 'Hearth'],
    tags: ['down', 'synthetic', 'comfort -5°c', 'comfort 0°c', 'comfort +5°c', 'mummy', 'compact'],
  },
  {
    path: 'outdoor/backpacks',
    label: 'Backpacks',
    noun: 'backpack',
    art: 'backpack',
    brands: ['Cairnworks', 'Ridgeline', 'Northfold'],
    price: [59, 259],
    models: ['Daytrip', 'Rover', 'Atlas', 'Fastpack', 'Sherpa'],
    tags: ['20 l', '35 l', '50 l', '65 l', 'hydration', 'rain cover', 'ventilated'],
  },
  {
    path: 'electronics/audio',
    label: 'Audio',
    noun: 'pair of headphones',
    art: 'headphones',
    brands: ['Sonora', 'Halcyon', 'Fidelis'],
    price: [39, 399],
    models: ['Aria', 'Echo', 'Studio', 'Nimbus', 'Serenade'],
    tags: ['wireless', 'noise cancelling', 'over-ear', 'on-ear', 'hi-res', 'foldable'],
  },
  {
    path: 'electronics/cameras',
    label: 'Cameras',
    noun: 'camera',
    art: 'camera',
    brands: ['Lumen', 'Optiq'],
    price: [249, 1499],
    models: ['Vista', 'Prism', 'Aperture', 'Field', 'Street'],
    tags: ['mirrorless', 'compact', '4k video', 'weather sealed', 'full frame', 'aps-c'],
  },
  {
    path: 'electronics/wearables',
    label: 'Wearables',
    noun: 'watch',
    art: 'watch',
    brands: ['Pacelab', 'Halcyon', 'Optiq'],
    price: [79, 549],
    models: ['Stride', 'Orbit', 'Pulse', 'Horizon'],
    tags: ['gps', 'heart rate', 'sleep tracking', 'solar', 'altimeter', 'music'],
  },
  {
    path: 'kitchen/coffee',
    label: 'Coffee',
    noun: 'coffee maker',
    art: 'coffee',
    brands: ['Brewcraft', 'Moka & Co', 'Crema Works'],
    price: [19, 749],
    models: ['Pour-over Kettle', 'Burr Grinder', 'Espresso One', 'French Press', 'Dripper', 'Cold Brew Jar'],
    /** Which drawing each model gets: kettle, grinder, espresso machine, press. */
    modelArt: [0, 1, 2, 3, 0, 3],
    tags: ['espresso', 'filter', 'manual', 'electric', 'stainless', 'ceramic', 'barista'],
  },
  {
    path: 'kitchen/cookware',
    label: 'Cookware',
    noun: 'pan',
    art: 'pan',
    brands: ['Hearthstone', 'Ferrum'],
    price: [29, 289],
    models: ['Skillet', 'Sauté Pan', 'Wok', 'Dutch Oven', 'Saucepan'],
    tags: ['cast iron', 'carbon steel', 'non-stick', 'induction', 'oven safe', 'enamelled'],
  },
  {
    path: 'kitchen/knives',
    label: 'Knives',
    noun: 'knife',
    art: 'knife',
    brands: ['Ferrum', 'Kaito'],
    price: [25, 329],
    models: ["Chef's Knife", 'Santoku', 'Paring Knife', 'Bread Knife', 'Nakiri'],
    tags: ['damascus', 'stainless', 'carbon steel', 'hand-forged', 'dishwasher safe'],
  },
  {
    path: 'apparel/jackets',
    label: 'Jackets',
    noun: 'jacket',
    art: 'jacket',
    brands: ['Northfold', 'Ridgeline', 'Stratus'],
    price: [89, 449],
    models: ['Storm Shell', 'Puffer', 'Windbreaker', 'Fleece', 'Insulator'],
    tags: ['waterproof', 'down', 'packable', 'breathable', 'hooded', 'recycled'],
  },
  {
    path: 'apparel/base-layers',
    label: 'Base layers',
    noun: 'base layer',
    art: 'shirt',
    brands: ['Stratus', 'Koru'],
    price: [29, 119],
    models: ['Merino Crew', 'Zip Neck', 'Tech Tee', 'Long Sleeve'],
    tags: ['merino', 'quick-dry', 'odour resistant', 'thermal', 'seamless'],
  },
  {
    path: 'apparel/socks',
    label: 'Socks',
    noun: 'pair of socks',
    art: 'socks',
    brands: ['Stridewell', 'Stratus'],
    price: [12, 39],
    models: ['Trail Sock', 'Run Sock', 'Hiker', 'Liner'],
    tags: ['merino', 'cushioned', 'no-show', 'crew', 'compression'],
  },
];

/** Products per leaf category: 15 × 16 = 240 products. */
const PER_LEAF = 16;
const SEED = 20_240_607;

/**
 * Generates the catalogue: every call returns equal products in the same ("featured") order.
 * @returns {Product[]} 240 products across {@link LEAVES}, shuffled into the shop's featured order.
 */
export function createCatalog() {
  const random = seededRandom(SEED);
  const index = (/** @type {unknown[]} */ list) => Math.floor(random() * list.length);
  /** @type {Product[]} */
  const products = [];
  let serial = 1001;
  for (const leaf of LEAVES) {
    /** @type {Set<string>} */
    const names = new Set();
    for (let n = 0; n < PER_LEAF; n++) {
      const brand = /** @type {string} */ (leaf.brands[n % leaf.brands.length]);
      const model = index(leaf.models);
      let name = `${brand} ${leaf.models[model]}`;
      for (let version = 2; names.has(name); version++) name = `${name.replace(/ \d+$/, '')} ${version}`;
      names.add(name);
      const [low, high] = leaf.price;
      const raw = low * (high / low) ** random();
      const price = raw < 50 ? Math.round(raw) - 0.05 : Math.round(raw / 10) * 10 - 1;
      const tags = shuffle([...leaf.tags], random).slice(0, 2 + Math.floor(random() * 2));
      const rating = Math.round((3.5 + random() * 1.5) * 10) / 10;
      const reviews = Math.floor(4 + random() ** 2 * 900);
      const hue = Math.floor(random() * 360);
      const accent = Math.floor(random() * 360);
      const drawn = Math.floor(random() * 4);
      products.push({
        id: `sku-${serial++}`,
        name,
        category: leaf.path,
        brand,
        price,
        tags,
        rating,
        reviews,
        art: leaf.art,
        hue,
        accent,
        variant: leaf.modelArt?.[model] ?? drawn,
        description: `A ${tags.join(', ')} ${leaf.noun} from ${brand}.`,
      });
    }
  }
  return shuffle(products, random);
}

/**
 * The part of a product the SDK learns from (CONTRACT §2): the same fields the card's data attributes carry.
 * @param {Product} product - a catalogue product.
 * @returns {{ id: string, category: string, brand: string, price: number, tags: string[] }} the item.
 */
export function toItem(product) {
  return { id: product.id, category: product.category, brand: product.brand, price: product.price, tags: product.tags };
}

/**
 * The shop's bestseller order (reviews × rating): what "Popular right now" shows, and the order the
 * "For you" rail hands to `recommend()`, so the shop's own order stands where the profile has no opinion.
 * @param {Product[]} products - any products.
 * @returns {Product[]} a new array, most popular first.
 */
export function byPopularity(products) {
  return [...products].sort((a, b) => b.reviews * b.rating - a.reviews * a.rating);
}

/**
 * The label of a category path: a leaf's or a department's.
 * @param {string} path - e.g. `shoes/running` or `shoes`.
 * @returns {string} e.g. `Running shoes`.
 */
export function categoryLabel(path) {
  return (LEAVES.find((leaf) => leaf.path === path) ?? DEPARTMENTS.find((d) => d.path === path))?.label ?? path;
}

/**
 * Shuffles in place (Fisher–Yates).
 * @template T
 * @param {T[]} list - the array to shuffle.
 * @param {() => number} random - uniform in [0, 1).
 * @returns {T[]} the same array.
 */
function shuffle(list, random) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = /** @type {[T, T]} */ ([list[j], list[i]]);
  }
  return list;
}
