// `npm run demo:crowd`: simulated shoppers, each with its own taste, run the real engine
// (tastebud/engine) on a week of events in the demo shop, build a privacy report of their shared-part
// change with the real privacy code (tastebud/privacy) and POST it to the demo's sync server — so a
// round closes and the global model learns the crowd's taste. Then a new visitor starts from it.
//
//   npm run demo:crowd -- --shoppers=200 --taste=outdoor/tents --share=0.7 --noise=1 [--url=http://127.0.0.1:8080] [--json]
// @ts-check
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createCatalog, LEAVES } from './public/catalog.js';
import { seededRandom } from './public/seededRandom.js';
import { DEMO_CROWD_DEFAULTS } from './settings.mjs';
import { simulateShopper } from './simulateShopper.mjs';

/** Reports in flight at once. */
const CONCURRENCY = 4;

/** @typedef {{ version: number, dimensions: number, weights: string }} ModelAnswer GET /v1/model (CONTRACT §5). */
/** @typedef {import('tastebud/server').StoreStats} StatsAnswer GET /v1/stats. */
/**
 * What the crowd tells its caller: log lines, progress counts, the result.
 * @typedef {{ event: string, message?: string, sent?: number, total?: number, [key: string]: unknown }} CrowdEvent
 */

/**
 * Runs the crowd against a demo server.
 * @param {{ url: string, shoppers: number, taste: string, share: number, noiseMultiplier: number, clipNorm: number,
 *   seed?: number, noiseSeed?: number, waitMs?: number, say: (event: CrowdEvent) => void }} options - see the usage
 *   line above; `say(event)` receives progress and results; `noiseSeed` (tests only) draws the privacy noise
 *   from a seeded generator so that a test's global model is the same on every run.
 * @returns {Promise<{ accepted: number, rejected: number, duplicates: number, version: number, epsilon: number }>}
 */
export async function runCrowd({
  url,
  shoppers,
  taste,
  share,
  noiseMultiplier,
  clipNorm,
  seed = 1,
  noiseSeed,
  waitMs = 60_000,
  say,
}) {
  const { createEngine } = await import('tastebud/engine');
  const { buildReport, reportEpsilon } = await import('tastebud/privacy');
  const api = `${url.replace(/\/$/, '')}/tastebud`;
  const catalog = createCatalog();
  const leaves = LEAVES.map((leaf) => leaf.path);
  const model = /** @type {ModelAnswer} */ (await getJson(`${api}/v1/model`));
  const weights = new Float32Array(new Uint8Array(Buffer.from(model.weights, 'base64')).buffer);
  say({
    event: 'log',
    message: `global model version ${model.version}: ${shoppers} shoppers, ${Math.round(share * 100)} % of them into ${taste}, noise z = ${noiseMultiplier}, clip C = ${clipNorm}`,
  });

  const counts = { built: 0, sent: 0, accepted: 0, rejected: 0, duplicates: 0, total: shoppers };
  let epsilon = 0;
  /** @type {string | null} */
  let firstError = null;
  /** @type {Set<Promise<void>>} */
  const inFlight = new Set();
  for (let n = 0; n < shoppers; n++) {
    // Who likes what: seeded behaviour, never the privacy noise (that comes from the CSPRNG).
    const draw = seededRandom(seed * 100_003 + n);
    const favourite = draw() < share ? taste : /** @type {string} */ (leaves[Math.floor(draw() * leaves.length)]);
    const engine = await createEngine({ sharedDimensions: model.dimensions });
    engine.setGlobalModel(model.version, weights);
    await engine.ingest(simulateShopper(catalog, favourite, seed * 1_000_003 + n));
    const built = buildReport(
      engine.sharedWeights(),
      { mode: 'local', clipNorm, noiseMultiplier, baseVersion: model.version },
      noiseSeed === undefined ? undefined : seededNoise(noiseSeed * 1_000_033 + n),
    );
    epsilon = reportEpsilon(built.sensitivity, built.body.noise.sigma).epsilon;
    counts.built++;
    const post = postReport(`${api}/v1/deltas`, JSON.stringify(built.body)).then((outcome) => {
      counts.sent++;
      if (outcome.status === 202) counts.accepted++;
      else if (outcome.body?.duplicate) counts.duplicates++;
      else {
        counts.rejected++;
        firstError ??= `${outcome.status} ${outcome.body?.error ?? ''}`;
      }
      if (counts.sent % 50 === 0 || counts.sent === shoppers) say({ event: 'progress', ...counts });
    });
    inFlight.add(post);
    post.finally(() => inFlight.delete(post));
    if (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  say({
    event: 'log',
    message: `sent ${counts.sent} reports: ${counts.accepted} accepted, ${counts.duplicates} duplicates, ${counts.rejected} rejected${firstError ? ` (first: ${firstError})` : ''}; ε ${epsilon.toFixed(2)} per report at δ = 1e-6`,
  });

  // The server closes rounds on its own clock (minReports, roundSeconds): wait until it has published
  // what it can, i.e. a new version and fewer reports waiting than a round needs.
  const minReports = await getJson(`${url.replace(/\/$/, '')}/demo/settings.json`)
    .then((settings) => /** @type {{ server: { minReports: number } }} */ (settings).server.minReports)
    .catch(() => Number.POSITIVE_INFINITY);
  const deadline = Date.now() + waitMs;
  let stats = /** @type {StatsAnswer} */ (await getJson(`${api}/v1/stats`));
  while ((stats.version === model.version || stats.pendingReports >= minReports) && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 1000));
    stats = /** @type {StatsAnswer} */ (await getJson(`${api}/v1/stats`));
  }
  const learned = stats.version > model.version;
  say({
    event: 'log',
    message: learned
      ? `the global model is now version ${stats.version} (was ${model.version}; ${stats.contributorsLastRound} reports in the last round, ${stats.pendingReports} waiting)`
      : `no new version within ${waitMs / 1000} s: ${stats.pendingReports} reports wait in round ${stats.round} (a round needs the server's minReports)`,
  });
  const result = { ...counts, epsilon, version: stats.version, learned };
  say({ event: 'done', ...result });
  return result;
}

/**
 * @param {string} url - a JSON resource.
 * @returns {Promise<unknown>} its body.
 */
async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/**
 * POSTs a report, retrying a few times while the server says later (429, 503).
 * @param {string} url - the deltas endpoint.
 * @param {string} body - the report as JSON.
 * @returns {Promise<{ status: number, body: { duplicate?: boolean, error?: string } | null }>} the answer.
 */
async function postReport(url, body) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const answer = /** @type {{ duplicate?: boolean, error?: string } | null} */ (await response.json().catch(() => null));
    if ((response.status === 429 || response.status === 503) && attempt < 5) {
      await new Promise((done) => setTimeout(done, 1000 * Number(response.headers.get('retry-after') ?? 1)));
      continue;
    }
    return { status: response.status, body: answer };
  }
}

/**
 * A seeded stand-in for the CSPRNG (tests only: a demo run's noise always comes from the CSPRNG).
 * @param {number} seed - 32-bit seed.
 * @returns {{ fill(bytes: Uint8Array): void }} a RandomSource (tastebud/privacy).
 */
function seededNoise(seed) {
  const draw = seededRandom(seed);
  return {
    fill(bytes) {
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(draw() * 256);
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 8080}` },
      shoppers: { type: 'string', default: String(DEMO_CROWD_DEFAULTS.shoppers) },
      taste: { type: 'string', default: DEMO_CROWD_DEFAULTS.taste },
      share: { type: 'string', default: String(DEMO_CROWD_DEFAULTS.share) },
      noise: { type: 'string', default: String(DEMO_CROWD_DEFAULTS.noiseMultiplier) },
      clip: { type: 'string', default: String(DEMO_CROWD_DEFAULTS.clipNorm) },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      'noise-seed': { type: 'string' },
      wait: { type: 'string', default: '60' },
      json: { type: 'boolean', default: false },
    },
  });
  /** @type {(event: CrowdEvent) => void} */
  const say = values.json
    ? (event) => console.log(JSON.stringify(event))
    : (event) => {
        if (event.event === 'log') console.log(event.message);
        else if (event.event === 'progress') console.log(`  ${event.sent}/${event.total} reports sent`);
      };
  const result = await runCrowd({
    url: values.url,
    shoppers: Number(values.shoppers),
    taste: values.taste,
    share: Number(values.share),
    noiseMultiplier: Number(values.noise),
    clipNorm: Number(values.clip),
    seed: Number(values.seed),
    ...(values['noise-seed'] === undefined ? {} : { noiseSeed: Number(values['noise-seed']) }),
    waitMs: Number(values.wait) * 1000,
    say,
  });
  process.exitCode = result.rejected > 0 || result.accepted === 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`demo:crowd: ${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`);
    console.error('Is the demo running? Start it with `npm start` (or pass --url).');
    process.exit(1);
  });
}
