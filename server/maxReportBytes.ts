/** Room for every field but `data` in the largest valid report (keys, a 32-character id, long numbers). */
const FIELDS_BYTES = 512;

/**
 * Body size cap of `POST /v1/deltas`: 1.5 × the largest valid report, so honest clients never hit it
 * and a flood of oversize bodies costs little to refuse.
 * @param dimensions - the model's dimensions.
 * @returns the cap in bytes.
 */
export function maxReportBytes(dimensions: number): number {
  const base64Length = 4 * Math.ceil((4 * dimensions) / 3);
  return Math.ceil(1.5 * (base64Length + FIELDS_BYTES));
}
