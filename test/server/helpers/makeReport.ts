import { randomBytes } from 'node:crypto';
import { seededRandom } from '../../helpers/seededRandom';

/** A deterministic PRNG for test vectors (never for privacy code). */
export const mulberry32 = seededRandom;

/** Parameters of an honest report: C = 1, γ = C/2^10, z = 5 (σ_int = z · 2C/γ). */
export const CLIP_NORM = 1;
export const GAMMA = 1 / 1024;
export const SIGMA = 5 * 2 * 1024;

export interface ReportFields {
  v: unknown;
  id: unknown;
  baseVersion: unknown;
  dimensions: unknown;
  encoding: unknown;
  gamma: unknown;
  clipNorm: unknown;
  noise: unknown;
  data: unknown;
}

/** A fresh random 128-bit id, as the SDK makes one. */
export function freshId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * An honest-looking report: a small signal plus rounded Gaussian noise of scale `sigma` (a stand-in
 * for the discrete Gaussian; same tails for the bounds).
 */
export function noisyVector(dimensions: number, seed: number, sigma = SIGMA): Int32Array {
  const random = mulberry32(seed);
  const values = new Int32Array(dimensions);
  for (let i = 0; i < dimensions; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const theta = 2 * Math.PI * random();
    values[i] = Math.round(sigma * r * Math.cos(theta));
    if (i + 1 < dimensions) values[i + 1] = Math.round(sigma * r * Math.sin(theta));
  }
  // The signal: a clipped delta on a few coordinates (‖Δ‖ ≤ C/γ = 1024).
  values[seed % dimensions] = (values[seed % dimensions] ?? 0) + 600;
  values[(seed * 7) % dimensions] = (values[(seed * 7) % dimensions] ?? 0) - 500;
  return values;
}

/** Base64 of the little-endian bytes of an Int32Array. */
export function encodeInt32(values: Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** The fields of a valid report over `data`. */
export function reportFields(data: Int32Array, overrides: Partial<ReportFields> = {}): ReportFields {
  return {
    v: 1,
    id: freshId(),
    baseVersion: 0,
    dimensions: data.length,
    encoding: 'int32',
    gamma: GAMMA,
    clipNorm: CLIP_NORM,
    noise: { mechanism: 'discrete_gaussian', sigma: SIGMA },
    data: encodeInt32(data),
    ...overrides,
  };
}
