import { describe, expect, it } from 'vitest';
import {
  calibrateAnalyticGaussian,
  DEFAULT_ORDERS,
  epsilonFromRdp,
  gaussianDelta,
  gaussianEpsilon,
  logNormalCdf,
  normalCdf,
  rdpGaussian,
  rdpSampledGaussian,
  reportEpsilon,
} from '../../../core/privacy/index';

/** The reference's α = 3.14159 and z = 2.71828 (written as ratios: the linter reads the decimals as π and e). */
const ALPHA_REF = 314_159 / 100_000;
const Z_REF = 271_828 / 100_000;

/** |actual − expected| ≤ rtol·|expected|. */
function expectRelative(actual: number, expected: number, rtol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rtol * Math.abs(expected));
}

describe('DEFAULT_ORDERS', () => {
  it('is {1.1, …, 10.9} ∪ {12, …, 63} ∪ {128, 256, 512}, frozen', () => {
    expect(DEFAULT_ORDERS).toHaveLength(99 + 52 + 3);
    expect(DEFAULT_ORDERS.slice(0, 3)).toEqual([1.1, 1.2, 1.3]);
    expect(DEFAULT_ORDERS).toContain(10.9);
    expect(DEFAULT_ORDERS).not.toContain(11);
    expect(DEFAULT_ORDERS.slice(99, 101)).toEqual([12, 13]);
    expect(DEFAULT_ORDERS.slice(-4)).toEqual([63, 128, 256, 512]);
    expect(Object.isFrozen(DEFAULT_ORDERS)).toBe(true);
  });
});

describe('reference values (PRIVACY.md, from public libraries’ tests)', () => {
  it('Gaussian RDP at α = 3.14159, z = 2.71828 is α/(2z²) = 0.2125842722', () => {
    expect(rdpGaussian(1, Z_REF, [ALPHA_REF])[0]).toBeCloseTo(0.2125842722, 10);
    expect(rdpSampledGaussian(1, Z_REF, 1, [ALPHA_REF])[0]).toBeCloseTo(0.2125842722, 10);
  });

  it('sampled Gaussian RDP, q = 0.1, z = 2, T = 10, α = 5 is 0.07737', () => {
    expect(rdpSampledGaussian(0.1, 2, 10, [5])[0]).toBeCloseTo(0.07737, 5);
  });

  it('sampled Gaussian RDP, q = 0.01, z = 2.5, T = 50 at α = 5, 50, 100 (rtol 1e-4)', () => {
    const rdp = rdpSampledGaussian(0.01, 2.5, 50, [5, 50, 100]);
    for (const [i, expected] of [2.18075656e-3, 2.38460375e-2, 1.67416308e2].entries()) {
      expectRelative(rdp[i] as number, expected, 1e-4);
    }
  });

  it('constant RDP 1.1 at α = 2..32, δ = 1e-5 gives ε = 1.32783806176 at α = 32', () => {
    const orders = Array.from({ length: 31 }, (_, i) => i + 2);
    const { epsilon, order } = epsilonFromRdp(
      orders,
      orders.map(() => 1.1),
      1e-5,
    );
    expect(epsilon).toBeCloseTo(1.32783806176, 11);
    expect(order).toBe(32);
  });

  it('q = 0.04, z = 1.5, T = 2250, δ = 1e-5 over DEFAULT_ORDERS gives ε = 7.32911117143 (a fractional order)', () => {
    const { epsilon, order } = epsilonFromRdp(DEFAULT_ORDERS, rdpSampledGaussian(0.04, 1.5, 2250, DEFAULT_ORDERS), 1e-5);
    expect(epsilon).toBeCloseTo(7.32911117143, 10);
    expect(Number.isInteger(order)).toBe(false);
  });

  it('exact Gaussian δ(ε) at (σ 10, ε 0.1, Δ 1), (σ 10, ε ln 3, Δ 5), (σ 0.5, ε 0, Δ 1)', () => {
    expectRelative(gaussianDelta(10, 0.1, 1), 0.00875176814581, 1e-12);
    expectRelative(gaussianDelta(10, Math.log(3), 5), 0.004159742234000802, 1e-12);
    expectRelative(gaussianDelta(0.5, 0, 1), 0.6826894921370859, 1e-14);
  });

  it('the defaults: C = 1, z = 5 cost ε ≈ 0.83 exact / 0.90 by RDP per report, ≈ 7.95 for 52 weekly reports (δ = 1e-6)', () => {
    expect(gaussianEpsilon(5, 1e-6, 1)).toBeCloseTo(0.83, 2);
    expect(reportEpsilon(512, 2560).epsilon).toBeCloseTo(0.9, 2);
    expect(reportEpsilon(512, 2560, { reports: 52 }).epsilon).toBeCloseTo(7.95, 2);
  });
});

describe('the RDP accountant against the exact Gaussian', () => {
  it('never reports less than the exact ε, on a grid of z, T and δ', () => {
    let checked = 0;
    for (const z of [0.5, 1, 2, 5, 10, 30]) {
      for (const reports of [1, 10, 52, 100, 1000]) {
        for (const delta of [1e-5, 1e-6, 1e-9]) {
          const rdp = reportEpsilon(1, z, { reports, delta }).epsilon;
          const exact = gaussianEpsilon(z, delta, Math.sqrt(reports));
          expect(rdp).toBeGreaterThanOrEqual(exact);
          // …and is not uselessly loose either.
          expect(rdp).toBeLessThan(1.5 * exact + 0.05);
          checked++;
        }
      }
    }
    expect(checked).toBe(90);
  });

  it('gives the same curve for the plain Gaussian and the sampled one with q = 1', () => {
    const a = rdpGaussian(2, 7, DEFAULT_ORDERS);
    const b = rdpSampledGaussian(1, 3.5, 1, DEFAULT_ORDERS);
    for (const [i, value] of a.entries()) expectRelative(value, b[i] as number, 1e-14);
  });

  it('treats no sampling, no steps and no noise as the extremes', () => {
    expect(rdpSampledGaussian(0, 1, 10, [2, 2.5])).toEqual([0, 0]);
    expect(rdpSampledGaussian(0.5, 1, 0, [2, 2.5])).toEqual([0, 0]);
    expect(rdpSampledGaussian(0.5, 0, 10, [2, 2.5])).toEqual([Infinity, Infinity]);
    expect(rdpGaussian(1, 0, [2])).toEqual([Infinity]);
    expect(epsilonFromRdp([2, 3], [Infinity, Infinity], 1e-6)).toEqual({ epsilon: Infinity, order: Number.NaN });
  });

  it('grows with the sampling rate and shrinks with the noise (integer and fractional orders)', () => {
    const orders = [1.5, 2, 3.7, 8, 32];
    const low = rdpSampledGaussian(0.01, 1, 1, orders);
    const high = rdpSampledGaussian(0.1, 1, 1, orders);
    const noisier = rdpSampledGaussian(0.1, 2, 1, orders);
    orders.forEach((_, i) => {
      expect(high[i]).toBeGreaterThan(low[i] as number);
      expect(noisier[i]).toBeLessThan(high[i] as number);
    });
  });
});

describe('gaussianEpsilon and calibrateAnalyticGaussian', () => {
  it('invert gaussianDelta', () => {
    for (const [sigma, delta, sensitivity] of [
      [5, 1e-6, 1],
      [1, 1e-5, 1],
      [20, 1e-9, 3],
    ] as const) {
      const epsilon = gaussianEpsilon(sigma, delta, sensitivity);
      expect(gaussianDelta(sigma, epsilon, sensitivity)).toBeLessThanOrEqual(delta);
      expect(gaussianDelta(sigma, epsilon * (1 - 1e-9), sensitivity)).toBeGreaterThan(delta);
    }
  });

  it('calibrates the smallest σ, below the classical √(2 ln(1.25/δ))·Δ/ε', () => {
    for (const [epsilon, delta, sensitivity] of [
      [1, 1e-5, 1],
      [0.5, 1e-6, 2],
      [0.1, 1e-9, 1],
    ] as const) {
      const sigma = calibrateAnalyticGaussian(epsilon, delta, sensitivity);
      expect(gaussianDelta(sigma, epsilon, sensitivity)).toBeLessThanOrEqual(delta);
      expect(gaussianDelta(sigma * (1 - 1e-9), epsilon, sensitivity)).toBeGreaterThan(delta);
      expect(sigma).toBeLessThan((Math.sqrt(2 * Math.log(1.25 / delta)) * sensitivity) / epsilon);
    }
    // Balle & Wang's example: ε = 1, δ = 1e-5, Δ = 1 needs σ ≈ 3.73 (classical: 4.84).
    expect(calibrateAnalyticGaussian(1, 1e-5, 1)).toBeCloseTo(3.7306, 4);
  });
});

describe('normalCdf and logNormalCdf', () => {
  it('agree with high-precision values of Φ in the centre and both tails', () => {
    expectRelative(normalCdf(0), 0.5, 0);
    expectRelative(normalCdf(-1), 0.15865525393145705, 1e-15); // mpmath, 40 digits
    expectRelative(normalCdf(1), 0.8413447460685429, 1e-15);
    expectRelative(normalCdf(-0.5), 0.3085375387259869, 1e-15);
    expectRelative(normalCdf(-3), 0.0013498980316300946, 1e-15);
    expectRelative(normalCdf(-10), 7.619853024160525e-24, 2e-15);
    expectRelative(normalCdf(-37), 5.725571222524577e-300, 1e-13);
    expectRelative(logNormalCdf(-40), -804.6084420137538, 1e-15);
    expectRelative(logNormalCdf(-1e5), -5000000012.431864, 1e-15);
    expectRelative(logNormalCdf(10), -7.619853024160525e-24, 1e-14);
  });
});

describe('argument errors', () => {
  it('name the function and the argument', () => {
    expect(() => rdpGaussian(-1, 1, [2])).toThrow(/rdpGaussian: sensitivity must be/);
    expect(() => rdpGaussian(1, 1, [1])).toThrow(/rdpGaussian: orders\[0\] must be a finite number > 1/);
    expect(() => rdpSampledGaussian(1.5, 1, 1, [2])).toThrow(/rdpSampledGaussian: q must be/);
    expect(() => rdpSampledGaussian(0.5, 1, 1.5, [2])).toThrow(/rdpSampledGaussian: steps must be an integer/);
    expect(() => epsilonFromRdp([2], [1, 2], 1e-6)).toThrow(/epsilonFromRdp: rdp must be an array as long as orders/);
    expect(() => epsilonFromRdp([2], [-1], 1e-6)).toThrow(/epsilonFromRdp: rdp\[0\]/);
    expect(() => epsilonFromRdp([2], [1], 0)).toThrow(/epsilonFromRdp: delta must be/);
    expect(() => gaussianDelta(1, -1, 1)).toThrow(/gaussianDelta: epsilon/);
    expect(() => calibrateAnalyticGaussian(1, 2, 1)).toThrow(/calibrateAnalyticGaussian: delta/);
  });
});
