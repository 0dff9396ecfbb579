import { describe, expect, it } from 'vitest';
import { HONEST_REJECTION_PROBABILITY, noiseBounds } from '../../server/noiseBounds';
import { validateReport } from '../../server/validateReport';
import { CLIP_NORM, GAMMA, noisyVector, reportFields, SIGMA } from './helpers/makeReport';

const limits = {
  dimensions: 2 ** 14,
  currentVersion: 0,
  maxStaleVersions: 3,
  maxClipNorm: 1,
  maxNoiseMultiplier: 10,
  allowUnnoised: true,
};

describe('noiseBounds', () => {
  it('allows C/γ + t·σ per coordinate with t = √(2 ln(2d/p))', () => {
    const sigma = 10_000;
    for (const [d, t] of [
      [2 ** 14, 8.721],
      [2 ** 16, 8.8787],
    ] as const) {
      const { maxAbs } = noiseBounds({ dimensions: d, clipNorm: 1, gamma: 1 / 1024, sigma });
      expect(maxAbs).toBe(Math.floor(1024 + Math.sqrt(2 * Math.log((2 * d) / HONEST_REJECTION_PROBABILITY)) * sigma));
      expect((maxAbs - 1024) / sigma).toBeCloseTo(t, 2);
    }
  });

  it('allows (C/γ + σ·√(d + 2√(dx) + 2x))² for the squared norm', () => {
    const x = Math.log(1e12);
    const { maxNormSquared } = noiseBounds({ dimensions: 16, clipNorm: 1, gamma: 0.5, sigma: 3 });
    expect(maxNormSquared).toBeCloseTo((2 + 3 * Math.sqrt(16 + 2 * Math.sqrt(16 * x) + 2 * x)) ** 2, 9);
  });

  it('allows only the clipped signal when there is no noise', () => {
    expect(noiseBounds({ dimensions: 8, clipNorm: 1, gamma: 1 / 8, sigma: 0 })).toEqual({ maxAbs: 8, maxNormSquared: 64 });
  });

  it('accepts honest reports at d = 2^14 (σ = 5 · 2C/γ)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const result = validateReport(reportFields(noisyVector(2 ** 14, seed)), limits);
      expect(result.ok).toBe(true);
    }
  });

  it('rejects a report whose noise is three times what it claims', () => {
    const loud = noisyVector(2 ** 14, 3, 3 * SIGMA);
    const result = validateReport(reportFields(loud, { gamma: GAMMA, clipNorm: CLIP_NORM }), limits);
    expect(result).toMatchObject({ ok: false, field: 'data' });
  });
});
