/** The noise mechanisms a report can name (CONTRACT §5). */
export const MECHANISMS = ['discrete_gaussian', 'none'] as const;

/**
 * The body of `POST /v1/deltas` (CONTRACT §5), as the SDK builds it and the server accepts it: the
 * server's valibot schema is checked against this type at compile time (server/reportSchema.ts).
 */
export interface ReportBody {
  v: 1;
  /** A fresh random 128-bit id, 32 lowercase hex characters (idempotency, not identity). */
  id: string;
  baseVersion: number;
  dimensions: number;
  encoding: 'int32';
  /** γ: value × γ = weight change. */
  gamma: number;
  clipNorm: number;
  /** σ in integer units (0 with 'none'). */
  noise: { mechanism: (typeof MECHANISMS)[number]; sigma: number };
  /** Base64 of the little-endian Int32Array. */
  data: string;
}
