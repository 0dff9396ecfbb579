import { afterEach, describe, expect, it, vi } from 'vitest';
import { cryptoRandom, type RandomSource, uniformBigInt, uniformInt } from '../../../core/privacy/index';
import { Z_CRITICAL } from './exactDistributions';
import { seededRandomSource } from './seededRandomSource';

/** A source that replays fixed 32-bit words (little-endian), then zeros. */
function wordSource(words: number[]): RandomSource {
  const bytes: number[] = words.flatMap((w) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24]);
  let at = 0;
  return {
    fill(out: Uint8Array): void {
      for (let i = 0; i < out.length; i++) out[i] = bytes[at++] ?? 0;
    },
  };
}

describe('cryptoRandom', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks crypto.getRandomValues for at most 65,536 bytes a call and serves small requests from its pool', () => {
    const sizes: number[] = [];
    vi.stubGlobal('crypto', {
      getRandomValues(array: Uint8Array) {
        if (array.length > 65_536) throw new Error('QuotaExceededError');
        sizes.push(array.length);
        for (let i = 0; i < array.length; i++) array[i] = (i * 7 + sizes.length) & 0xff;
        return array;
      },
    });
    const random = cryptoRandom();
    for (let i = 0; i < 1000; i++) random.fill(new Uint8Array(16));
    expect(sizes).toEqual([65_536]);
    const big = new Uint8Array(200_001);
    random.fill(big);
    expect(Math.max(...sizes)).toBe(65_536);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(16_000 + 200_001);
  });

  it('never hands out the same bytes twice', () => {
    const random = cryptoRandom();
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const bytes = new Uint8Array(16);
      random.fill(bytes);
      seen.add(Buffer.from(bytes).toString('hex'));
    }
    expect(seen.size).toBe(5000);
  });

  it('fills large arrays with bytes that look uniform', () => {
    const bytes = new Uint8Array(1 << 20);
    cryptoRandom().fill(bytes);
    const counts = new Float64Array(256);
    for (const b of bytes) counts[b] = (counts[b] as number) + 1;
    const expected = bytes.length / 256;
    const chi = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(400); // df = 255; p < 1e-6 beyond about 398
  });

  it('explains itself on a platform without crypto.getRandomValues', () => {
    vi.stubGlobal('crypto', undefined);
    expect(() => cryptoRandom()).toThrow(/getRandomValues is not available/);
  });
});

describe('uniformInt', () => {
  it('rejects the words above the largest multiple of n (no modulo bias)', () => {
    // n = 3: 2^32 mod 3 = 1, so 0xffffffff is rejected and the next word decides.
    expect(uniformInt(3, wordSource([0xffffffff, 5]))).toBe(2);
    expect(uniformInt(3, wordSource([0xfffffffe]))).toBe(0xfffffffe % 3);
    // n = 2^31 + 1: only words below 2^31 + 1 are accepted (the limit is one multiple).
    expect(uniformInt(2 ** 31 + 1, wordSource([0x80000001, 0x80000000]))).toBe(0x80000000);
  });

  it('draws every value of a small range equally often (χ²)', () => {
    const random = seededRandomSource(11);
    for (const n of [2, 3, 7, 10]) {
      const counts = new Float64Array(n);
      const draws = 60_000;
      for (let i = 0; i < draws; i++) {
        const k = uniformInt(n, random);
        counts[k] = (counts[k] as number) + 1;
      }
      const expected = draws / n;
      const chi = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      expect(chi).toBeLessThan(40); // df ≤ 9: p < 1e-5
    }
  });

  it('covers ranges up to 2^53 with the right mean', () => {
    const random = seededRandomSource(12);
    for (const n of [2 ** 32, 2 ** 32 + 1, 2 ** 40 + 7, 2 ** 53]) {
      let sum = 0;
      let outside = 0;
      const draws = 20_000;
      for (let i = 0; i < draws; i++) {
        const k = uniformInt(n, random);
        if (!(Number.isInteger(k) && k >= 0 && k < n)) outside++;
        sum += k / n;
      }
      expect(outside).toBe(0);
      const z = (sum / draws - (n - 1) / (2 * n)) / Math.sqrt(1 / 12 / draws);
      expect(Math.abs(z)).toBeLessThan(Z_CRITICAL);
    }
  });

  it('names the argument when it is not an integer in [1, 2^53]', () => {
    for (const bad of [0, -1, 1.5, 2 ** 53 + 2, Number.NaN])
      expect(() => uniformInt(bad)).toThrow(/uniformInt: n must be an integer/);
  });
});

describe('uniformBigInt', () => {
  it('draws below any bound, uniformly in the high and low bits', () => {
    const random = seededRandomSource(13);
    const n = 2n ** 100n + 12345n;
    const draws = 20_000;
    let high = 0;
    let odd = 0;
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const k = uniformBigInt(n, random);
      if (!(k >= 0n && k < n)) outside++;
      if (k >= n / 2n) high++;
      if (k & 1n) odd++;
    }
    expect(outside).toBe(0);
    for (const count of [high, odd]) expect(Math.abs((count - draws / 2) / Math.sqrt(draws / 4))).toBeLessThan(Z_CRITICAL);
  });

  it('agrees with uniformInt below 2^53 and handles n = 1n', () => {
    expect(uniformBigInt(1n, seededRandomSource(1))).toBe(0n);
    expect(uniformBigInt(1000n, seededRandomSource(5))).toBe(BigInt(uniformInt(1000, seededRandomSource(5))));
  });

  it('names the argument when it is not a bigint ≥ 1n', () => {
    expect(() => uniformBigInt(0n)).toThrow(/uniformBigInt: n must be a bigint ≥ 1n/);
    expect(() => uniformBigInt(5 as unknown as bigint)).toThrow(/uniformBigInt: n/);
  });
});

describe('seeded sources', () => {
  it('make every draw reproducible', () => {
    const run = (seed: number) => Array.from({ length: 50 }, (_, i) => uniformInt(1000 + i, seededRandomSource(seed)));
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('are rejected with a clear error when they are not sources', () => {
    expect(() => uniformInt(5, {} as RandomSource)).toThrow(/random must be a RandomSource/);
  });
});
