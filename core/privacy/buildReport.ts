import type { ReportBody } from '../wire/ReportBody';
import { checkNumber, describeValue } from './checkArgument';
import { clipAndQuantize } from './clipAndQuantize';
import { encodeBase64 } from './encodeBase64';
import { PRIVACY_DEFAULTS, type PrivacyMode } from './privacyDefaults';
import type { RandomSource } from './RandomSource';
import { wordsOf } from './randomWords';
import { MAX_VECTOR_SIGMA, sampleDiscreteGaussianVector } from './sampleDiscreteGaussianVector';

/** Options of {@link buildReport}; every default is {@link PRIVACY_DEFAULTS}. */
export interface ReportOptions {
  /** 'local': discrete Gaussian noise on every coordinate; 'central' and 'off': none. @default 'local' */
  mode?: PrivacyMode;
  /** C: the L2 clip norm of the weight change (the server accepts at most its `maxClipNorm`). @default 0.05 */
  clipNorm?: number;
  /** z: σ_int = z·Δ_int, noise in units of the L2 sensitivity. @default 5 */
  noiseMultiplier?: number;
  /** k: the grid step is γ = C/2^k, an integer in [0, 24]. @default 8 */
  quantizationBits?: number;
  /** Version of the global model the change is relative to. */
  baseVersion: number;
}

/** A built report: the JSON body and what stays on the device. */
export interface BuiltReport {
  body: ReportBody;
  /** The vector as sent (the decoded `body.data`). */
  data: Int32Array;
  /** Δ_int = 2C/γ: the L2 sensitivity of the vector in integer units (replace-one adjacency). */
  sensitivity: number;
}

/** The defaults of {@link ReportOptions}: {@link PRIVACY_DEFAULTS}, under the name earlier releases exported. */
export const REPORT_DEFAULTS = PRIVACY_DEFAULTS;

/** Noise may reach this many σ before a coordinate could leave int32 (probability ≤ 2e^−200 each). */
const INT32_TAIL_SIGMAS = 20;
const INT32_MAX = 2_147_483_647;
const MODES: readonly PrivacyMode[] = ['local', 'central', 'off'];

/**
 * Builds one privacy report (PRIVACY.md Tier 1) from the change of the shared model part: clip to C
 * and quantize onto γ = C/2^k ({@link clipAndQuantize}), then in 'local' mode add independent discrete
 * Gaussian noise N_Z(0, σ_int²), σ_int = z·2C/γ, to every coordinate — so the report is dense and of
 * the same size whether the user did much, little or nothing. Pure: no clock, no I/O.
 * @param delta - the weight change of the shared part (length = the model's dimensions).
 * @param options - mode, C, z, k and the base model version.
 * @param random - the entropy source of the id and the noise. @default the platform CSPRNG ({@link cryptoRandom})
 * @returns the body to POST, the vector, and its sensitivity Δ_int (for the ledger).
 */
export function buildReport(delta: ArrayLike<number>, options: ReportOptions, random?: RandomSource): BuiltReport {
  if (options === null || typeof options !== 'object')
    throw new TypeError(`buildReport: options must be an object, got ${describeValue(options)}`);
  const {
    mode = REPORT_DEFAULTS.mode,
    clipNorm = REPORT_DEFAULTS.clipNorm,
    noiseMultiplier = REPORT_DEFAULTS.noiseMultiplier,
    quantizationBits = REPORT_DEFAULTS.quantizationBits,
    baseVersion,
  } = options;
  if (!MODES.includes(mode))
    throw new RangeError(`buildReport: options.mode must be 'local', 'central' or 'off', got ${describeValue(mode)}`);
  checkNumber('buildReport', 'options.clipNorm', clipNorm, { above: 0 });
  checkNumber('buildReport', 'options.noiseMultiplier', noiseMultiplier, { above: 0 });
  checkNumber('buildReport', 'options.quantizationBits', quantizationBits, { min: 0, max: 24, integer: true });
  checkNumber('buildReport', 'options.baseVersion', baseVersion, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
  const steps = 2 ** quantizationBits;
  // γ = C/2^k exactly (a power-of-two division), so the server recovers C/γ = 2^k exactly.
  const gamma = clipNorm / steps;
  const sensitivity = 2 * steps;
  const noised = mode === 'local';
  const sigma = noised ? noiseMultiplier * sensitivity : 0;
  if (noised && (steps + INT32_TAIL_SIGMAS * sigma > INT32_MAX || sigma > MAX_VECTOR_SIGMA)) {
    throw new RangeError(
      `buildReport: options.noiseMultiplier ${noiseMultiplier} with options.quantizationBits ${quantizationBits} gives σ = ${sigma}, too large for int32 coordinates; lower either`,
    );
  }
  const words = wordsOf(random);
  const id = randomHex(16, words);
  const data = clipAndQuantize(delta, clipNorm, gamma);
  if (noised) {
    const noise = sampleDiscreteGaussianVector(data.length, sigma, random);
    for (let i = 0; i < data.length; i++) {
      // Clamping is post-processing (no privacy cost); it needs a draw beyond 20σ, so it never happens.
      data[i] = Math.max(-INT32_MAX, Math.min(INT32_MAX, (data[i] as number) + (noise[i] as number)));
    }
  }
  return {
    body: {
      v: 1,
      id,
      baseVersion,
      dimensions: data.length,
      encoding: 'int32',
      gamma,
      clipNorm,
      noise: { mechanism: noised ? 'discrete_gaussian' : 'none', sigma },
      data: encodeBase64(littleEndianBytes(data)),
    },
    data,
    sensitivity,
  };
}

function randomHex(bytes: number, words: { word(): number }): string {
  let hex = '';
  for (let i = 0; i < bytes / 4; i++) hex += words.word().toString(16).padStart(8, '0');
  return hex;
}

function littleEndianBytes(values: Int32Array): Uint8Array {
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] === 1)
    return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setInt32(4 * i, values[i] as number, true);
  return bytes;
}
