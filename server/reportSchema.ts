import * as v from 'valibot';
import { MECHANISMS, type ReportBody } from '../core/wire/ReportBody';

/** Every field path a report may have; anything else is an unknown field. */
export const REPORT_FIELDS = [
  'v',
  'id',
  'baseVersion',
  'dimensions',
  'encoding',
  'gamma',
  'clipNorm',
  'noise',
  'noise.mechanism',
  'noise.sigma',
  'data',
] as const;

/** A message for a type or value issue: what was expected and what came. */
const expected =
  (what: string) =>
  (issue: v.BaseIssue<unknown>): string =>
    `expected ${what}, got ${issue.received}`;

const integerAtLeast = (min: number) =>
  v.pipe(v.number(expected('a number')), v.integer(expected('an integer')), v.minValue(min, expected(`an integer ≥ ${min}`)));

const positiveFinite = v.pipe(
  v.number(expected('a number')),
  v.finite(expected('a finite number')),
  v.gtValue(0, expected('a number > 0')),
);

/**
 * Exact shape of a `POST /v1/deltas` body (CONTRACT §5): every field required, no other field, each of
 * the right type. Semantic checks that need the server's state (dimensions, versions, noise bounds)
 * follow in validateReport.
 */
export const ReportSchema = v.strictObject(
  {
    v: v.literal(1, expected('1 (protocol version)')),
    id: v.pipe(
      v.string(expected('a string')),
      v.regex(/^[0-9a-f]{32}$/, 'expected a random 128-bit id as 32 lowercase hex characters'),
    ),
    baseVersion: integerAtLeast(0),
    dimensions: integerAtLeast(1),
    encoding: v.literal('int32', expected('"int32"')),
    gamma: positiveFinite,
    clipNorm: positiveFinite,
    noise: v.strictObject(
      {
        mechanism: v.picklist(MECHANISMS, expected('"discrete_gaussian" or "none"')),
        sigma: v.pipe(
          v.number(expected('a number')),
          v.finite(expected('a finite number')),
          v.minValue(0, expected('a number ≥ 0')),
        ),
      },
      expected('an object { mechanism, sigma }'),
    ),
    data: v.string(expected('a base64 string')),
  },
  expected('a JSON object'),
);

/** True when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The schema accepts exactly the wire type the SDK builds: this line stops compiling when they drift. */
export const SCHEMA_MATCHES_WIRE: Same<v.InferOutput<typeof ReportSchema>, ReportBody> = true;

export type { ReportBody };

/**
 * Turns the first valibot issue into `field: what is wrong`.
 * @param issue - an issue of {@link ReportSchema}.
 * @returns the field path (`body` for the whole body) and the message.
 */
export function formatIssue(issue: v.BaseIssue<unknown>): { field: string; error: string } {
  const field = v.getDotPath(issue) ?? 'body';
  if (issue.type === 'strict_object' && issue.expected === 'never') return { field, error: `${field}: unknown field` };
  if (issue.type === 'strict_object' && issue.received === 'undefined' && field !== 'body') {
    return { field, error: `${field}: missing` };
  }
  return { field, error: `${field}: ${issue.message}` };
}
