import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxReportBytes } from '../../server/maxReportBytes';
import { noiseBounds } from '../../server/noiseBounds';
import { encodeInt32, freshId, GAMMA, noisyVector, type ReportFields, reportFields, SIGMA } from './helpers/makeReport';
import { type RunningServer, startServer } from './helpers/startServer';
import { storeKinds, type TestStore } from './helpers/testStores';

const DIMENSIONS = 256;
const bounds = noiseBounds({ dimensions: DIMENSIONS, clipNorm: 1, gamma: GAMMA, sigma: SIGMA });

/** A valid report with some fields replaced (undefined deletes the field). */
function withFields(id: string, overrides: Partial<Record<keyof ReportFields | 'extra', unknown>>): string {
  const fields: Record<string, unknown> = { ...reportFields(noisyVector(DIMENSIONS, 11), { id }) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete fields[key];
    else fields[key] = value;
  }
  return JSON.stringify(fields);
}

function vectorWith(change: (values: Int32Array) => void): string {
  const values = noisyVector(DIMENSIONS, 12);
  change(values);
  return encodeInt32(values);
}

interface BadCase {
  name: string;
  body: (id: string) => string;
  contentType?: string;
  status: number;
  error: string | RegExp;
}

const noise = { mechanism: 'discrete_gaussian', sigma: SIGMA };
const cases: BadCase[] = [
  {
    name: 'wrong content type',
    contentType: 'text/plain',
    body: (id) => withFields(id, {}),
    status: 415,
    error: 'content-type: expected application/json, got text/plain',
  },
  { name: 'empty body', body: () => '', status: 400, error: /^body: not valid JSON/ },
  { name: 'truncated JSON', body: (id) => withFields(id, {}).slice(0, 100), status: 400, error: /^body: not valid JSON/ },
  {
    name: 'NaN literal',
    body: (id) => withFields(id, {}).replace(`"gamma":${GAMMA}`, '"gamma":NaN'),
    status: 400,
    error: /^body: not valid JSON/,
  },
  {
    name: 'NaN serialised as null',
    body: (id) => withFields(id, { gamma: Number.NaN }),
    status: 400,
    error: 'gamma: expected a number, got null',
  },
  {
    name: 'a number too large for a double (JSON 1e999 parses to Infinity)',
    body: (id) => withFields(id, {}).replace(`"gamma":${GAMMA}`, '"gamma":1e999'),
    status: 400,
    error: 'gamma: expected a finite number, got Infinity',
  },
  {
    name: 'no content type',
    contentType: '',
    body: (id) => withFields(id, {}),
    status: 415,
    error: 'content-type: expected application/json, got none',
  },
  { name: 'an array', body: () => '[]', status: 400, error: 'body: expected a JSON object, got an array' },
  { name: 'a number', body: () => '42', status: 400, error: 'body: expected a JSON object, got 42' },
  { name: 'missing data', body: (id) => withFields(id, { data: undefined }), status: 400, error: 'data: missing' },
  { name: 'missing noise', body: (id) => withFields(id, { noise: undefined }), status: 400, error: 'noise: missing' },
  {
    name: 'missing noise.sigma',
    body: (id) => withFields(id, { noise: { mechanism: 'discrete_gaussian' } }),
    status: 400,
    error: 'noise.sigma: missing',
  },
  { name: 'extra field', body: (id) => withFields(id, { extra: 'user-42' }), status: 400, error: 'extra: unknown field' },
  {
    name: 'extra nested field',
    body: (id) => withFields(id, { noise: { ...noise, seed: 7 } }),
    status: 400,
    error: 'noise.seed: unknown field',
  },
  {
    name: 'v as a string',
    body: (id) => withFields(id, { v: '1' }),
    status: 400,
    error: 'v: expected 1 (protocol version), got "1"',
  },
  { name: 'v = 2', body: (id) => withFields(id, { v: 2 }), status: 400, error: 'v: expected 1 (protocol version), got 2' },
  { name: 'id not hex', body: () => withFields('not-hex', {}), status: 400, error: /^id: expected a random 128-bit id/ },
  {
    name: 'id upper case',
    body: (id) => withFields(id.toUpperCase(), {}),
    status: 400,
    error: /^id: expected a random 128-bit id/,
  },
  { name: 'id a number', body: () => withFields('x', { id: 12 }), status: 400, error: 'id: expected a string, got 12' },
  {
    name: 'negative baseVersion',
    body: (id) => withFields(id, { baseVersion: -1 }),
    status: 400,
    error: 'baseVersion: expected an integer ≥ 0, got -1',
  },
  {
    name: 'fractional baseVersion',
    body: (id) => withFields(id, { baseVersion: 0.5 }),
    status: 400,
    error: 'baseVersion: expected an integer, got 0.5',
  },
  {
    name: 'baseVersion from the future',
    body: (id) => withFields(id, { baseVersion: 7 }),
    status: 400,
    error: 'baseVersion: 7 is newer than the current model version 0',
  },
  {
    name: 'wrong dimensions',
    body: (id) => withFields(id, { dimensions: 128 }),
    status: 400,
    error: `dimensions: expected ${DIMENSIONS} (the current model's), got 128`,
  },
  {
    name: 'wrong encoding',
    body: (id) => withFields(id, { encoding: 'float32' }),
    status: 400,
    error: 'encoding: expected "int32", got "float32"',
  },
  {
    name: 'negative gamma',
    body: (id) => withFields(id, { gamma: -1 }),
    status: 400,
    error: 'gamma: expected a number > 0, got -1',
  },
  {
    name: 'gamma not clipNorm / 2^k',
    body: (id) => withFields(id, { gamma: 0.3 }),
    status: 400,
    error: 'gamma: expected clipNorm / 2^k for an integer k in [0, 24], got 0.3',
  },
  {
    name: 'clipNorm over the limit',
    body: (id) => withFields(id, { clipNorm: 4, gamma: 4 / 1024 }),
    status: 400,
    error: "clipNorm: 4 exceeds the server's limit 1",
  },
  {
    name: 'unknown mechanism',
    body: (id) => withFields(id, { noise: { mechanism: 'laplace', sigma: 3 } }),
    status: 400,
    error: 'noise.mechanism: expected "discrete_gaussian" or "none", got "laplace"',
  },
  {
    name: 'unnoised report on a server that refuses them',
    body: (id) => withFields(id, { noise: { mechanism: 'none', sigma: 0 } }),
    status: 400,
    error: 'noise.mechanism: "none" (unnoised reports) is not accepted by this server',
  },
  {
    name: 'zero sigma with discrete_gaussian',
    body: (id) => withFields(id, { noise: { ...noise, sigma: 0 } }),
    status: 400,
    error: 'noise.sigma: expected a number > 0 with mechanism "discrete_gaussian", got 0',
  },
  {
    name: 'sigma inflated to widen the bounds',
    body: (id) => withFields(id, { noise: { ...noise, sigma: 1e9 } }),
    status: 400,
    error: 'noise.sigma: 1000000000 exceeds 20480 (10 × the sensitivity 2·clipNorm/gamma)',
  },
  {
    name: 'noise a string',
    body: (id) => withFields(id, { noise: 'x' }),
    status: 400,
    error: 'noise: expected an object { mechanism, sigma }, got "x"',
  },
  {
    name: 'data a number',
    body: (id) => withFields(id, { data: 5 }),
    status: 400,
    error: 'data: expected a base64 string, got 5',
  },
  {
    name: 'data not base64',
    body: (id) => withFields(id, { data: '!!!!' }),
    status: 400,
    error: 'data: expected base64 (RFC 4648, padded)',
  },
  {
    name: 'base64 of the right length with a character outside the alphabet',
    body: (id) => withFields(id, { data: vectorWith(() => undefined).replace(/^./, '!') }),
    status: 400,
    error: 'data: expected base64 (RFC 4648, padded)',
  },
  {
    name: 'base64 of the wrong length',
    body: (id) => withFields(id, { data: encodeInt32(new Int32Array(DIMENSIONS - 1)) }),
    status: 400,
    error: `data: base64 decodes to ${4 * DIMENSIONS - 4} bytes, expected ${4 * DIMENSIONS} (4 × dimensions)`,
  },
  {
    name: 'a coordinate out of bounds',
    body: (id) => withFields(id, { data: vectorWith((v) => (v[5] = 2 ** 30)) }),
    status: 400,
    error: `data: coordinate 5 is ${2 ** 30}, outside ±${bounds.maxAbs} that honest noise allows`,
  },
  {
    name: 'every coordinate in bounds but the norm out of bounds',
    body: (id) => withFields(id, { data: vectorWith((v) => v.fill(bounds.maxAbs)) }),
    status: 400,
    error: `data: squared norm ${DIMENSIONS * bounds.maxAbs ** 2} exceeds ${Math.floor(bounds.maxNormSquared)} that honest noise allows`,
  },
  {
    name: 'oversize body',
    body: (id) => withFields(id, { extra: 'x'.repeat(maxReportBytes(DIMENSIONS)) }),
    status: 413,
    error: `body: larger than ${maxReportBytes(DIMENSIONS)} bytes (1.5 × the largest valid report)`,
  },
];

for (const { kind, make } of await storeKinds()) {
  describe(`bad input (${kind} store)`, () => {
    const store: TestStore = make('bad_input');
    let server: RunningServer | undefined;
    const running = (): RunningServer => {
      if (!server) throw new Error('server did not start');
      return server;
    };

    beforeAll(async () => {
      server = await startServer({ store: store.spec, dimensions: DIMENSIONS });
    });
    afterAll(async () => {
      await server?.server.close();
      await store.cleanup();
    });

    it.each(cases)('$name → $status, store unchanged', async ({ body, contentType, status, error }) => {
      const id = freshId();
      const before = await store.snapshot();
      const response = await running().post(body(id), { 'content-type': contentType ?? 'application/json' });
      const answer = (await response.json()) as { error: string };
      expect(response.status).toBe(status);
      if (typeof error === 'string') expect(answer.error).toBe(error);
      else expect(answer.error).toMatch(error);
      expect(await store.snapshot()).toEqual(before);
      // Nothing of the refused report was kept: its id is still free.
      const retry = await running().post(withFields(id, {}));
      expect(retry.status).toBe(202);
    });

    it('answers a replayed id with 200 duplicate and counts it once', async () => {
      const id = freshId();
      expect((await running().post(withFields(id, {}))).status).toBe(202);
      const before = await store.snapshot();
      const replay = await running().post(withFields(id, {}));
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ accepted: false, duplicate: true });
      expect(await store.snapshot()).toEqual(before);
      expect(before.reports.filter((stored) => stored === id)).toHaveLength(1);
    });
  });
}
