import type { AggregatorKind } from '../aggregate';
import type { RoundRecord, RoundSummary } from './Store';

/** A published round as both stores select it (`ROUND_SUMMARY_COLUMNS`). */
export interface RoundSummaryRow {
  round: number;
  version: number;
  reports: number;
  closedAt: number;
  aggregator: string | null;
  noiseSigma: number | null;
  sensitivity: number | null;
  epsilon: number | null;
  epsilonTotal: number | null;
}

/** The select list of a {@link RoundSummaryRow} over `rounds` (SQLite and PostgreSQL alike). */
export const ROUND_SUMMARY_COLUMNS = `round, version, reports, sealed_at AS "closedAt", aggregator,
  noise_sigma AS "noiseSigma", sensitivity, epsilon, epsilon_total AS "epsilonTotal"`;

/**
 * A stored round row as `GET /v1/rounds` reports it.
 * @param row - the row.
 * @returns the summary; `noise` only for a round the server noised.
 */
export function roundSummaryFromRow(row: RoundSummaryRow): RoundSummary {
  const { noiseSigma, sensitivity, epsilon, epsilonTotal } = row;
  return {
    round: row.round,
    version: row.version,
    reports: row.reports,
    closedAt: Number(row.closedAt),
    aggregator: row.aggregator as AggregatorKind | null,
    noise:
      noiseSigma === null || sensitivity === null || epsilon === null || epsilonTotal === null
        ? null
        : { sigma: noiseSigma, sensitivity, epsilon, epsilonTotal },
  };
}

/**
 * The values stored with a published round, in the order of `ROUND_RECORD_SET`.
 * @param record - the round's record.
 * @returns aggregator, σ, sensitivity, ε, total ε (null for a round without server noise).
 */
export function roundRecordValues(record: RoundRecord): [string, number | null, number | null, number | null, number | null] {
  const { noise } = record;
  return [
    record.aggregator,
    noise?.sigma ?? null,
    noise?.sensitivity ?? null,
    noise?.epsilon ?? null,
    noise?.epsilonTotal ?? null,
  ];
}

/** The SET list matching {@link roundRecordValues}, with placeholders produced by `placeholder(i)` (i from 0). */
export function roundRecordSet(placeholder: (i: number) => string): string {
  return ['aggregator', 'noise_sigma', 'sensitivity', 'epsilon', 'epsilon_total']
    .map((column, i) => `${column} = ${placeholder(i)}`)
    .join(', ');
}
