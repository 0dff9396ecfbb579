// @ts-check
import { LEAVES } from './public/catalog.js';
import { DEMO_CROWD_DEFAULTS, DEMO_SDK_OPTIONS, DEMO_SERVER_OPTIONS } from './settings.mjs';

/** Production defaults of tastebud/server that the demo changes, for the admin page's comparison. */
const PRODUCTION = { minReports: 1000, roundSeconds: 3600, learningRate: 1, syncIntervalMs: 7 * 86_400_000, clipNorm: 1 };

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {[status: number, body: unknown]} Answer */
/** @typedef {{ shoppers: number, noiseMultiplier: number, taste: string, share: number }} CrowdOptions */

/**
 * The demo server's own small API: its settings (footer, admin page), the names of the global
 * model's coordinates, rounds seen by this process, and the simulated crowd's button.
 * @param {{ features: () => Array<{ name: string, index: number, sign: number }>, rounds: object[],
 *   crowd: ReturnType<typeof import('./createCrowdRunner.mjs').createCrowdRunner> }} deps - what it serves.
 * @returns {{ handle(req: IncomingMessage, res: import('node:http').ServerResponse): boolean }}
 */
export function createAdminApi({ features, rounds, crowd }) {
  /** @type {Record<string, (req: IncomingMessage) => Answer | Promise<Answer>>} */
  const routes = {
    'GET /demo/settings.json': () => [
      200,
      { server: DEMO_SERVER_OPTIONS, sdk: DEMO_SDK_OPTIONS, crowd: DEMO_CROWD_DEFAULTS, production: PRODUCTION },
    ],
    'GET /admin/api/features': () => [200, features()],
    'GET /admin/api/rounds': () => [200, rounds.slice(-50).reverse()],
    'GET /admin/api/crowd': () => [200, crowd.status()],
    'POST /admin/api/crowd': async (req) => {
      const options = checkCrowdOptions(await readJson(req));
      if (typeof options === 'string') return [400, { error: options }];
      return crowd.start(options) ? [202, crowd.status()] : [409, { error: 'a crowd is already running' }];
    },
  };
  return {
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://shop').pathname;
      const route = routes[`${req.method} ${path}`];
      if (!route) return false;
      Promise.resolve(route(req))
        .catch(/** @returns {Answer} */ (error) => [400, { error: String(error.message ?? error) }])
        .then(([status, body]) => {
          res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
          res.end(JSON.stringify(body));
        });
      return true;
    },
  };
}

/**
 * @param {unknown} body - the posted JSON.
 * @returns {CrowdOptions | string} the options, or what is wrong with them.
 */
function checkCrowdOptions(body) {
  /** @type {Record<string, unknown>} */
  const options = { ...DEMO_CROWD_DEFAULTS, ...(typeof body === 'object' ? body : {}) };
  const { shoppers, noiseMultiplier, taste, share } = options;
  if (!(Number.isInteger(shoppers) && Number(shoppers) >= 1 && Number(shoppers) <= 10_000))
    return 'shoppers: an integer from 1 to 10000';
  // Number(x) > 0 compares exactly as x > 0 does: it is what the relational operators convert to.
  if (!(Number(noiseMultiplier) > 0 && Number(noiseMultiplier) <= 10)) return 'noiseMultiplier: a number in (0, 10]';
  if (!LEAVES.some((leaf) => leaf.path === taste)) return `taste: one of ${LEAVES.map((leaf) => leaf.path).join(', ')}`;
  if (!(Number(share) >= 0 && Number(share) <= 1)) return 'share: a number in [0, 1]';
  return /** @type {CrowdOptions} */ ({ shoppers, noiseMultiplier, taste, share });
}

/**
 * @param {IncomingMessage} req - a request with a JSON body.
 * @returns {Promise<unknown>} the body parsed (`{}` when empty).
 */
function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (/** @type {string} */ chunk) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('body: too large'));
    });
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch {
        reject(new Error('body: not JSON'));
      }
    });
    req.on('error', reject);
  });
}
