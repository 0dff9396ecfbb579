import * as v from 'valibot';
import { noiseBounds } from './noiseBounds';
import { formatIssue, type ReportBody, ReportSchema } from './reportSchema';
import { type PackedWidth, packedWidth, packInt32 } from './store/packInt32';

/** The server's side of the checks: what the current model and the abuse limits allow. */
export interface ReportLimits {
  /** Dimensions of the current global model; a report must have exactly these. */
  dimensions: number;
  /** Version of the current global model. */
  currentVersion: number;
  /** How many versions behind the current one a report's base may be. */
  maxStaleVersions: number;
  /** Largest clip norm C a report may claim. */
  maxClipNorm: number;
  /** Largest noise multiplier z = σ / (2C/γ) a report may claim (a huge σ would widen the bounds). */
  maxNoiseMultiplier: number;
  /** Whether reports without noise (mechanism 'none': SDK `privacy: false`, or central mode) are accepted. */
  allowUnnoised: boolean;
  /**
   * Central mode: the clip norm every report must have, the C the server's noise is calibrated to (it
   * also makes the reports' grids C/2^k nest, so their sum is an exact integer).
   */
  requiredClipNorm?: number;
}

/** A report that passed every check: typed, decoded, ready to store. */
export interface ValidReport {
  /** The idempotency id, 32 lowercase hex characters. */
  id: string;
  /** The id as 16 bytes (its storage form; byte order = hex order). */
  idBytes: Buffer;
  baseVersion: number;
  gamma: number;
  clipNorm: number;
  sigma: number;
  mechanism: ReportBody['noise']['mechanism'];
  /** Bytes per value of `packed`: the fewest that hold every value of the vector. */
  width: PackedWidth;
  /** The decoded vector (little-endian int32 on the wire) in its stored form (store/packInt32.ts); owns its buffer. */
  packed: Uint8Array;
}

/** The outcome of {@link validateReport}: a report, or the field at fault and a message naming it. */
export type ValidationResult = { ok: true; report: ValidReport } | { ok: false; field: string; error: string };

/** Largest k in γ = C/2^k: keeps C/γ + noise well inside int32. */
const MAX_GRID_BITS = 24;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Checks a parsed `POST /v1/deltas` body against the schema, the current model and the bounds that
 * honest noise allows; nothing about a rejected report is kept.
 * @param body - the parsed JSON body.
 * @param limits - dimensions, versions and abuse limits.
 * @returns the decoded report, or the first problem as `{ field, error }`.
 */
export function validateReport(body: unknown, limits: ReportLimits): ValidationResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('body', `expected a JSON object, got ${Array.isArray(body) ? 'an array' : String(body)}`);
  }
  const parsed = v.safeParse(ReportSchema, body, { abortEarly: true });
  if (!parsed.success) {
    const first = parsed.issues[0];
    return { ok: false, ...formatIssue(first) };
  }
  const report = parsed.output;
  const { dimensions } = limits;
  if (report.dimensions !== dimensions) {
    return fail('dimensions', `expected ${dimensions} (the current model's), got ${report.dimensions}`);
  }
  const stale = checkBaseVersion(report.baseVersion, limits);
  if (stale) return fail('baseVersion', stale);
  const params = checkParameters(report, limits);
  if (params) return params;
  return decodeData(report, limits);
}

function fail(field: string, message: string): ValidationResult {
  return { ok: false, field, error: `${field}: ${message}` };
}

function checkBaseVersion(baseVersion: number, limits: ReportLimits): string | null {
  const { currentVersion, maxStaleVersions } = limits;
  if (baseVersion > currentVersion) return `${baseVersion} is newer than the current model version ${currentVersion}`;
  const oldest = Math.max(0, currentVersion - maxStaleVersions);
  if (baseVersion < oldest) {
    return `${baseVersion} is too old: the current version is ${currentVersion} and reports may be at most ${maxStaleVersions} versions behind`;
  }
  return null;
}

function checkParameters(report: ReportBody, limits: ReportLimits): ValidationResult | null {
  const { clipNorm, gamma, noise } = report;
  if (limits.requiredClipNorm !== undefined && clipNorm !== limits.requiredClipNorm) {
    return fail(
      'clipNorm',
      `expected ${limits.requiredClipNorm} (central mode: the server's noise is calibrated to it), got ${clipNorm}`,
    );
  }
  if (clipNorm > limits.maxClipNorm) return fail('clipNorm', `${clipNorm} exceeds the server's limit ${limits.maxClipNorm}`);
  // γ = C/2^k exactly (the client divides by a power of two), so C/γ is a power of two and a report
  // cannot inflate its weight change with a large γ.
  const steps = clipNorm / gamma;
  const k = Math.round(Math.log2(steps));
  if (!(k >= 0 && k <= MAX_GRID_BITS && steps === 2 ** k)) {
    return fail('gamma', `expected clipNorm / 2^k for an integer k in [0, ${MAX_GRID_BITS}], got ${gamma}`);
  }
  if (noise.mechanism === 'none') {
    if (!limits.allowUnnoised) return fail('noise.mechanism', '"none" (unnoised reports) is not accepted by this server');
    if (noise.sigma !== 0) return fail('noise.sigma', `expected 0 with mechanism "none", got ${noise.sigma}`);
    return null;
  }
  if (noise.sigma === 0) return fail('noise.sigma', 'expected a number > 0 with mechanism "discrete_gaussian", got 0');
  const maxSigma = limits.maxNoiseMultiplier * 2 * steps;
  if (noise.sigma > maxSigma) {
    return fail(
      'noise.sigma',
      `${noise.sigma} exceeds ${maxSigma} (${limits.maxNoiseMultiplier} × the sensitivity 2·clipNorm/gamma)`,
    );
  }
  return null;
}

function decodeData(report: ReportBody, limits: ReportLimits): ValidationResult {
  const { data } = report;
  const expectedBytes = 4 * limits.dimensions;
  const notBase64 = fail('data', 'expected base64 (RFC 4648, padded)');
  if (data.length !== 4 * Math.ceil(expectedBytes / 3)) {
    if (data.length % 4 !== 0 || !BASE64.test(data)) return notBase64;
    const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
    return fail('data', `base64 decodes to ${(data.length / 4) * 3 - padding} bytes, expected ${expectedBytes} (4 × dimensions)`);
  }
  // Not zero-filled (a zeroed 64 KiB buffer costs a third of the checks): every byte is written below,
  // or the report is refused. Not pooled either, so it can be transferred to the SQLite thread.
  const bytes = Buffer.allocUnsafeSlow(expectedBytes);
  const values = new Int32Array(bytes.buffer, bytes.byteOffset, limits.dimensions);
  // Int32Array is host-endian; createServer refuses to start on a big-endian host, so this reads LE.
  // Node's decoder skips characters outside the alphabet, so the decoded bytes must re-encode to the
  // very same text (ten times cheaper than a regular expression over 87 kB).
  if (bytes.write(data, 'base64') !== expectedBytes || bytes.toString('base64') !== data) return notBase64;
  const bounds = noiseBounds({
    dimensions: limits.dimensions,
    clipNorm: report.clipNorm,
    gamma: report.gamma,
    sigma: report.noise.sigma,
  });
  let normSquared = 0;
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value > bounds.maxAbs || value < -bounds.maxAbs) {
      return fail('data', `coordinate ${i} is ${value}, outside ±${bounds.maxAbs} that honest noise allows`);
    }
    normSquared += value * value;
    if (value < min) min = value;
    else if (value > max) max = value;
  }
  if (normSquared > bounds.maxNormSquared) {
    return fail('data', `squared norm ${normSquared} exceeds ${Math.floor(bounds.maxNormSquared)} that honest noise allows`);
  }
  // Not from Buffer's shared pool: posting a pooled slice to the SQLite worker would copy the whole pool.
  const width = packedWidth(min, max);
  const idBytes = Buffer.alloc(16);
  idBytes.write(report.id, 'hex');
  return {
    ok: true,
    report: {
      id: report.id,
      idBytes,
      baseVersion: report.baseVersion,
      gamma: report.gamma,
      clipNorm: report.clipNorm,
      sigma: report.noise.sigma,
      mechanism: report.noise.mechanism,
      width,
      packed: packInt32(values, width),
    },
  };
}
