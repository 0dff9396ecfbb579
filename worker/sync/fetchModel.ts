import { decodeBase64 } from '../../core/privacy/index';
import { acceptedModelEtag } from './modelEtag';

/** A global model as `GET /v1/model` serves it, decoded. */
export interface FetchedModel {
  version: number;
  weights: Float32Array;
  /** The answer's ETag when it has the form its version defines (./modelEtag.ts), else null: nothing else is kept. */
  etag: string | null;
}

/**
 * `GET {endpoint}/v1/model`, revalidated with `If-None-Match`. No cookies, no referrer, and the
 * browser's HTTP cache is bypassed (`no-store`) so that it neither keeps nor echoes an ETag of the
 * server's choosing: the only validator sent is the one the caller passes.
 * @param endpoint - the sync server's base URL.
 * @param etag - the ETag of the model the profile holds, or null for a full download.
 * @param dimensions - the shared part's size; a model of another size is refused.
 * @param fetcher - `fetch`.
 * @returns the model, or null when the held one is current (304).
 * @throws Error naming the field when the answer is not a model of `dimensions` floats.
 */
export async function fetchModel(
  endpoint: string,
  etag: string | null,
  dimensions: number,
  fetcher: typeof fetch,
): Promise<FetchedModel | null> {
  const response = await fetcher(`${endpoint}/v1/model`, {
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
    headers: etag ? { 'If-None-Match': etag } : {},
  });
  if (response.status === 304) return null;
  if (!response.ok) throw new Error(`GET /v1/model answered ${response.status}`);
  const body = (await response.json()) as { version?: unknown; dimensions?: unknown; weights?: unknown };
  const { version, weights } = body;
  if (!Number.isInteger(version) || (version as number) < 0) throw new Error('GET /v1/model: version is not an integer >= 0');
  if (body.dimensions !== dimensions)
    throw new Error(`GET /v1/model: dimensions is ${String(body.dimensions)}, the profile's shared part has ${dimensions}`);
  if (typeof weights !== 'string') throw new Error('GET /v1/model: weights is not a base64 string');
  const bytes = decodeBase64(weights);
  if (bytes.length !== 4 * dimensions)
    throw new Error(`GET /v1/model: weights decode to ${bytes.length} bytes, not ${4 * dimensions}`);
  // Little-endian on the wire; every browser this runs in is little-endian, as the server checks for itself.
  const floats = new Float32Array(bytes.buffer);
  for (let i = 0; i < floats.length; i++) {
    if (!Number.isFinite(floats[i])) throw new Error(`GET /v1/model: weights[${i}] is not finite`);
  }
  return {
    version: version as number,
    weights: floats,
    etag: acceptedModelEtag(response.headers.get('ETag'), version as number),
  };
}
