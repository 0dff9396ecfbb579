import { describe, expect, it } from 'vitest';
import {
  buildReport,
  clipAndQuantize,
  decodeBase64,
  encodeBase64,
  type LedgerEntry,
  ledgerEpsilon,
  type ReportBody,
  uniformInt,
  wouldExceedBudget,
} from '../../../core/privacy/index';
import { validateReport } from '../../../server/validateReport';
import { seededRandomSource } from './seededRandomSource';

const D = 2 ** 14;
const WEEK = 7 * 86_400_000;
const SERVER_DEFAULTS = {
  dimensions: D,
  currentVersion: 3,
  maxStaleVersions: 10,
  maxClipNorm: 1,
  maxNoiseMultiplier: 10,
  allowUnnoised: false,
};

/** Floats in [−1, 1) from a seeded source (53 random bits). */
function floats(seed: number): () => number {
  const random = seededRandomSource(seed);
  return () => uniformInt(2 ** 53, random) / 2 ** 52 - 1;
}

/** ‖r‖² ≤ b² in exact arithmetic (b a double). */
function withinBound(r: Int32Array, b: number): boolean {
  let s = 0n;
  for (const v of r) s += BigInt(v) * BigInt(v);
  let m = b;
  let e = 0n;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return s << (2n * e) <= BigInt(m) * BigInt(m);
}

function l2(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] as number) ** 2;
  return Math.sqrt(s);
}

describe('clipAndQuantize', () => {
  it('keeps ‖r‖₂ ≤ C/γ and every coordinate within one step of the clipped value, for many vectors (incl. adversarial ones)', () => {
    const next = floats(60);
    const shapes: Array<(n: number) => number[]> = [
      (n) => Array.from({ length: n }, () => next()), // dense
      (n) => Array.from({ length: n }, (_, i) => (i % 17 === 0 ? next() * 50 : 0)), // sparse, clipped
      (n) => Array.from({ length: n }, () => next() * 1e-3), // small, unclipped
      (n) => Array.from({ length: n }, () => next() * 1e300), // huge: the norm must not overflow
      (n) => Array.from({ length: n }, () => next() * 1e-300), // tiny: the norm must not underflow
      (n) => Array.from({ length: n }, (_, i) => (i === 0 ? 1e308 : 1)), // one giant coordinate
      (n) => Array.from({ length: n }, () => 1), // all equal: every coordinate rounds the same way
      (n) => Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (Math.floor(next() * 8 + 8) + 0.5)), // all ties x.5
    ];
    const grids: Array<[number, number]> = [
      [1, 1 / 256],
      [1, 1 / 2 ** 24],
      [0.3, 0.3 / 2 ** 10],
      [0.7, 0.7 / 300.3], // not a power of two: C/γ is not an integer
      [1, 1 / 3],
    ];
    let checked = 0;
    let repaired = 0;
    let [overBound, farFromValue, roundedTooFar, wrongLength] = [0, 0, 0, 0];
    for (let round = 0; round < 12; round++) {
      for (const shape of shapes) {
        for (const [clipNorm, gamma] of grids) {
          const n = 1 + uniformInt(300, seededRandomSource(round * 31 + checked));
          const delta = shape(n);
          const bound = clipNorm / gamma;
          const r = clipAndQuantize(delta, clipNorm, gamma);
          if (r.length !== n) wrongLength++;
          if (!withinBound(r, bound)) overBound++;
          const max = Math.max(...delta.map(Math.abs));
          const norm = max === 0 ? 0 : l2(delta.map((v) => v / max)) * max;
          const scale = norm > clipNorm ? bound / norm : 1 / gamma;
          let nearestSquared = 0;
          for (let i = 0; i < n; i++) {
            const x = Number.isFinite(scale * (delta[i] as number))
              ? scale * (delta[i] as number)
              : ((delta[i] as number) / norm) * bound;
            nearestSquared += Math.round(Math.abs(x)) ** 2;
            if (!(Math.abs((r[i] as number) - x) < 1 + 1e-9)) farFromValue++;
            if (!(Math.abs(r[i] as number) <= Math.abs(x) + 0.5 + 1e-9)) roundedTooFar++;
          }
          if (nearestSquared > bound * bound) repaired++;
          checked++;
        }
      }
    }
    expect(checked).toBe(12 * 8 * 5);
    expect({ overBound, farFromValue, roundedTooFar, wrongLength }).toEqual({
      overBound: 0,
      farFromValue: 0,
      roundedTooFar: 0,
      wrongLength: 0,
    });
    expect(repaired).toBeGreaterThan(50); // nearest rounding alone would have broken the bound this often
  });

  it('rounds to the nearest step when the clip does not bind', () => {
    const r = clipAndQuantize([0.1, -0.2, 0.30078125, 0.001, -0.0019], 1, 1 / 256);
    expect(Array.from(r)).toEqual([26, -51, 77, 0, 0]);
  });

  it('clips to exactly C/γ steps and repairs rounding that would exceed it', () => {
    // Four coordinates at 63.5 steps after clipping: nearest rounding (64 each) would give ‖r‖ = 128 > 127.
    const r = clipAndQuantize([1, 1, 1, 1], 1, 1 / 127);
    expect(withinBound(r, 127)).toBe(true);
    // Nearest rounding gives 64 each (‖r‖² = 16384 > 127² = 16129); three back to 63 give 16003.
    expect(Array.from(r).sort()).toEqual([63, 63, 63, 64]);
  });

  it('maps an all-zero change to all zeros', () => {
    expect(Array.from(clipAndQuantize(new Float64Array(8), 1, 1 / 256))).toEqual(new Array(8).fill(0));
  });

  it('names the argument at fault', () => {
    expect(() => clipAndQuantize([1, Number.NaN], 1, 0.5)).toThrow(/clipAndQuantize: delta\[1\] must be a finite number/);
    expect(() => clipAndQuantize([1, Infinity], 1, 0.5)).toThrow(/delta\[1\]/);
    expect(() => clipAndQuantize([], 1, 0.5)).toThrow(/clipAndQuantize: delta must be a non-empty array/);
    expect(() => clipAndQuantize([1], 0, 0.5)).toThrow(/clipAndQuantize: clipNorm must be a finite number > 0/);
    expect(() => clipAndQuantize([1], 1, -1)).toThrow(/clipAndQuantize: gamma/);
    expect(() => clipAndQuantize([1], 1, 2 ** -30)).toThrow(/clipAndQuantize: clipNorm \/ gamma must be/);
  });
});

describe('encodeBase64 and decodeBase64', () => {
  it('round-trip every length and agree with Node’s encoder', () => {
    const random = seededRandomSource(70);
    for (let n = 0; n < 70; n++) {
      const bytes = new Uint8Array(n);
      random.fill(bytes);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(decodeBase64(text))).toEqual(Array.from(bytes));
    }
  });

  it('handle megabytes (no argument-count or btoa limits)', () => {
    const bytes = new Uint8Array(3_000_001);
    seededRandomSource(71).fill(bytes);
    const text = encodeBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(decodeBase64(text)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuse malformed text, naming the problem', () => {
    expect(() => decodeBase64('abc')).toThrow(/not a multiple of 4/);
    expect(() => decodeBase64('ab!d')).toThrow(/invalid character "!" at 2/);
    expect(() => decodeBase64('ab=d')).toThrow(/invalid character/);
    expect(() => decodeBase64('AB==')).toThrow(/nonzero bits/);
    expect(Array.from(decodeBase64('AA=='))).toEqual([0]);
  });
});

describe('buildReport', () => {
  const options = { baseVersion: 3 };

  it('returns exactly the CONTRACT §5 fields with the defaults (PRIVACY_DEFAULTS): C = 0.05, γ = C/256, σ = 2560, Δ_int = 512', () => {
    const built = buildReport(new Float64Array(D), options, seededRandomSource(80));
    const { body } = built;
    expect(Object.keys(body).sort()).toEqual([
      'baseVersion',
      'clipNorm',
      'data',
      'dimensions',
      'encoding',
      'gamma',
      'id',
      'noise',
      'v',
    ]);
    expect(body).toMatchObject({
      v: 1,
      baseVersion: 3,
      dimensions: D,
      encoding: 'int32',
      gamma: 0.05 / 256,
      clipNorm: 0.05,
      noise: { mechanism: 'discrete_gaussian', sigma: 2560 },
    });
    expect(body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(built.sensitivity).toBe(512);
    const decoded = decodeBase64(body.data);
    expect(Array.from(new Int32Array(decoded.buffer))).toEqual(Array.from(built.data));
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('sends a sparse change as a dense report of the same size as an idle one', () => {
    const idle = buildReport(new Float64Array(D), options, seededRandomSource(81));
    const sparse = new Float64Array(D);
    sparse[5] = 0.4;
    sparse[9000] = -0.7;
    const active = buildReport(sparse, options, seededRandomSource(82));
    expect(active.body.data.length).toBe(idle.body.data.length);
    expect(JSON.stringify(active.body).length).toBe(JSON.stringify(idle.body).length);
    for (const report of [idle, active]) {
      const nonzero = report.data.reduce((count, v) => count + (v !== 0 ? 1 : 0), 0);
      expect(nonzero).toBeGreaterThan(0.99 * D); // P(N_Z(0, 2560²) = 0) ≈ 1.6e-4
      const sd = l2(report.data) / Math.sqrt(D);
      expect(Math.abs(sd / 2560 - 1)).toBeLessThan(0.04);
    }
  });

  it('adds no noise in central and off modes, only the clipped, quantized change', () => {
    const delta = Array.from({ length: 64 }, (_, i) => Math.sin(i));
    for (const mode of ['central', 'off'] as const) {
      const built = buildReport(delta, { mode, baseVersion: 0 }, seededRandomSource(83));
      expect(built.body.noise).toEqual({ mechanism: 'none', sigma: 0 });
      expect(Array.from(built.data)).toEqual(Array.from(clipAndQuantize(delta, 1, 1 / 256)));
    }
  });

  it('is reproducible with a seeded source and fresh with the CSPRNG', () => {
    const delta = Array.from({ length: 256 }, (_, i) => Math.cos(i) / 10);
    expect(buildReport(delta, options, seededRandomSource(84)).body).toEqual(
      buildReport(delta, options, seededRandomSource(84)).body,
    );
    const a = buildReport(delta, options);
    const b = buildReport(delta, options);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.data).not.toBe(b.body.data);
  });

  it('builds reports the sync server accepts (validateReport with its default limits)', () => {
    const adversarial = new Float64Array(D);
    adversarial[0] = 1e6; // all the clip norm on one coordinate: r_0 = 256 + noise
    const inputs = [new Float64Array(D), adversarial, Float64Array.from({ length: D }, (_, i) => Math.sin(i * 0.37))];
    inputs.forEach((delta, i) => {
      for (const z of [1, 5, 10]) {
        const { body } = buildReport(delta, { baseVersion: 3, noiseMultiplier: z }, seededRandomSource(90 + i * 3 + z));
        const result = validateReport(JSON.parse(JSON.stringify(body)), SERVER_DEFAULTS);
        expect(result.ok ? 'ok' : result.error).toBe('ok');
      }
    });
    const { body } = buildReport(adversarial, { baseVersion: 3, mode: 'central' }, seededRandomSource(99));
    expect(validateReport(body, { ...SERVER_DEFAULTS, allowUnnoised: true }).ok).toBe(true);
    const refused = validateReport(body, SERVER_DEFAULTS);
    expect(refused.ok ? '' : refused.field).toBe('noise.mechanism');
  });

  it('builds a default report of 2^14 coordinates quickly', () => {
    const delta = new Float64Array(D);
    buildReport(delta, options, seededRandomSource(100)); // warm-up
    const start = performance.now();
    buildReport(delta, options, seededRandomSource(101));
    expect(performance.now() - start).toBeLessThan(400); // target ≤ 100 ms; measured ≈ 10 ms
  });

  it('names the option at fault', () => {
    const delta = [0.1];
    expect(() => buildReport(delta, { baseVersion: -1 })).toThrow(/buildReport: options.baseVersion must be an integer ≥ 0/);
    expect(() => buildReport(delta, { baseVersion: 0, clipNorm: 0 })).toThrow(/options.clipNorm/);
    expect(() => buildReport(delta, { baseVersion: 0, noiseMultiplier: -5 })).toThrow(/options.noiseMultiplier/);
    expect(() => buildReport(delta, { baseVersion: 0, quantizationBits: 25 })).toThrow(
      /options.quantizationBits must be an integer ≥ 0 and ≤ 24/,
    );
    expect(() => buildReport(delta, { baseVersion: 0, mode: 'loud' as 'local' })).toThrow(
      /options.mode must be 'local', 'central' or 'off'/,
    );
    expect(() => buildReport(delta, { baseVersion: 0, quantizationBits: 24, noiseMultiplier: 5 })).toThrow(/too large for int32/);
    expect(() => buildReport([Number.NaN], { baseVersion: 0 })).toThrow(/delta\[0\]/);
  });
});

describe('the ledger', () => {
  const now = Date.UTC(2025, 0, 1);
  const weekly = (count: number): LedgerEntry[] =>
    Array.from({ length: count }, (_, i) => ({ at: now - i * WEEK, sensitivity: 512, sigma: 2560 }));

  it('spends ε ≈ 7.95 on 52 weekly default reports in a year, 0 on none', () => {
    expect(ledgerEpsilon([], { now }).epsilon).toBe(0);
    expect(ledgerEpsilon(weekly(1), { now }).epsilon).toBeCloseTo(0.9, 2);
    expect(ledgerEpsilon(weekly(52), { now }).epsilon).toBeCloseTo(7.95, 2);
  });

  it('forgets reports older than the window, and counts future-dated ones', () => {
    const old = weekly(60); // weeks 52–59 are outside 365 days
    expect(ledgerEpsilon(old, { now }).epsilon).toBeCloseTo(ledgerEpsilon(weekly(53), { now }).epsilon, 12);
    const future = [{ at: now + WEEK, sensitivity: 512, sigma: 2560 }];
    expect(ledgerEpsilon(future, { now }).epsilon).toBeGreaterThan(0);
    expect(ledgerEpsilon(old, { now, windowDays: 7 }).epsilon).toBeCloseTo(ledgerEpsilon(weekly(1), { now }).epsilon, 12);
  });

  it('reports Infinity when a report had no noise', () => {
    expect(ledgerEpsilon([{ at: now, sensitivity: 512, sigma: 0 }], { now }).epsilon).toBe(Infinity);
  });

  it('refuses the report that would push a year past the default budget of 8', () => {
    const year = weekly(52);
    const next: LedgerEntry = { at: now + 1, sensitivity: 512, sigma: 2560 };
    expect(wouldExceedBudget(year.slice(1), next, 8)).toBe(false);
    expect(wouldExceedBudget(year, next, 8)).toBe(true);
    expect(wouldExceedBudget(year, { ...next, sigma: 5120 }, 8)).toBe(false);
  });

  it('names the entry and the option at fault', () => {
    expect(() => ledgerEpsilon([{ at: now, sensitivity: -1, sigma: 1 }], { now })).toThrow(
      /ledgerEpsilon: entries\[0\].sensitivity/,
    );
    expect(() => ledgerEpsilon([], { now: Number.NaN })).toThrow(/ledgerEpsilon: options.now/);
    expect(() => ledgerEpsilon([], { now, delta: 2 })).toThrow(/options.delta/);
    expect(() => wouldExceedBudget([], { at: now, sensitivity: 1, sigma: 1 }, -1)).toThrow(/wouldExceedBudget: budget/);
  });
});

// The body type is the wire format: a compile-time check that it stays assignable to plain JSON.
const _wire: (body: ReportBody) => Record<string, unknown> = (body) => ({ ...body });
void _wire;
