/** Why a report was refused; `invalid` carries the field. */
export type RejectReason =
  | 'invalid'
  | 'invalid_json'
  | 'unsupported_content_type'
  | 'body_too_large'
  | 'rate_limited'
  | 'round_full'
  | 'store_unavailable'
  | 'origin_not_allowed';

/** Upper bounds (seconds) of the commit latency histogram. */
const COMMIT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The process's counters, rendered in Prometheus text format at `/metrics`. */
export interface Metrics {
  accepted(): void;
  duplicate(): void;
  /** @param field - for `invalid`, one of a fixed set of field names (bounded label values). */
  rejected(reason: RejectReason, field?: string): void;
  roundClosed(): void;
  commit(seconds: number, size: number): void;
  /** Prometheus text exposition format 0.0.4. */
  render(gauges: { modelVersion: number }): string;
}

/**
 * Creates the metrics of one server process (each instance exposes its own; Prometheus sums them).
 * @returns counters at zero.
 */
export function createMetrics(): Metrics {
  let accepted = 0;
  let duplicates = 0;
  let roundsClosed = 0;
  const rejected = new Map<string, number>();
  const buckets = new Array<number>(COMMIT_BUCKETS.length).fill(0);
  let commits = 0;
  let commitSeconds = 0;
  let committedReports = 0;

  return {
    accepted: () => {
      accepted++;
    },
    duplicate: () => {
      duplicates++;
    },
    rejected(reason, field) {
      const key = reason === 'invalid' ? `reason="invalid",field="${field ?? 'body'}"` : `reason="${reason}"`;
      rejected.set(key, (rejected.get(key) ?? 0) + 1);
    },
    roundClosed: () => {
      roundsClosed++;
    },
    commit(seconds, size) {
      commits++;
      commitSeconds += seconds;
      committedReports += size;
      COMMIT_BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) buckets[i] = (buckets[i] ?? 0) + 1;
      });
    },
    render({ modelVersion }) {
      const lines = [
        '# HELP tastebud_reports_accepted_total Reports stored (answered 202).',
        '# TYPE tastebud_reports_accepted_total counter',
        `tastebud_reports_accepted_total ${accepted}`,
        '# HELP tastebud_reports_duplicate_total Reports with an id already stored (answered 200, counted once).',
        '# TYPE tastebud_reports_duplicate_total counter',
        `tastebud_reports_duplicate_total ${duplicates}`,
        '# HELP tastebud_reports_rejected_total Reports refused, by reason (and field for invalid ones).',
        '# TYPE tastebud_reports_rejected_total counter',
        ...[...rejected].map(([labels, n]) => `tastebud_reports_rejected_total{${labels}} ${n}`),
        '# HELP tastebud_rounds_closed_total Rounds aggregated into a new model version by this instance.',
        '# TYPE tastebud_rounds_closed_total counter',
        `tastebud_rounds_closed_total ${roundsClosed}`,
        '# HELP tastebud_commit_duration_seconds Duration of one group commit (a batch of reports).',
        '# TYPE tastebud_commit_duration_seconds histogram',
        ...COMMIT_BUCKETS.map((bound, i) => `tastebud_commit_duration_seconds_bucket{le="${bound}"} ${buckets[i]}`),
        `tastebud_commit_duration_seconds_bucket{le="+Inf"} ${commits}`,
        `tastebud_commit_duration_seconds_sum ${commitSeconds}`,
        `tastebud_commit_duration_seconds_count ${commits}`,
        '# HELP tastebud_commit_batch_reports_total Reports written by group commits (divide by the count for the batch size).',
        '# TYPE tastebud_commit_batch_reports_total counter',
        `tastebud_commit_batch_reports_total ${committedReports}`,
        '# HELP tastebud_model_version Version of the global model this instance serves.',
        '# TYPE tastebud_model_version gauge',
        `tastebud_model_version ${modelVersion}`,
      ];
      return `${lines.join('\n')}\n`;
    },
  };
}
