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

/**
 * Where a report's time goes on the server: `receive` (reading the body off the socket), `parse`
 * (JSON.parse), `validate` (schema, base64, bounds), `queue` (waiting for the commit before its own),
 * `commit` (its batch's transaction, round trip to the store included).
 */
export type ReportPhase = 'receive' | 'parse' | 'validate' | 'queue' | 'commit';

const PHASES: readonly ReportPhase[] = ['receive', 'parse', 'validate', 'queue', 'commit'];

/** Upper bounds (seconds) of the commit latency histogram. */
const COMMIT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Values read at render time rather than counted. */
export interface MetricGauges {
  modelVersion: number;
  /** Seconds the store spent executing calls (SQLite: its thread's busy time), if it measures that. */
  storeBusySeconds?: number | undefined;
}

/** The process's counters, rendered in Prometheus text format at `/metrics`. */
export interface Metrics {
  accepted(): void;
  duplicate(): void;
  /** @param field - for `invalid`, one of a fixed set of field names (bounded label values). */
  rejected(reason: RejectReason, field?: string): void;
  roundClosed(): void;
  /**
   * One group commit.
   * @param seconds - its duration.
   * @param size - reports in it.
   * @param queuedSeconds - the time its reports waited for it to start, summed.
   */
  commit(seconds: number, size: number, queuedSeconds: number): void;
  /** Time one report spent in `receive`, `parse` or `validate`. */
  phase(phase: 'receive' | 'parse' | 'validate', seconds: number): void;
  /** Prometheus text exposition format 0.0.4. */
  render(gauges: MetricGauges): string;
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
  const phaseSeconds = new Map<ReportPhase, number>(PHASES.map((p) => [p, 0]));
  const phaseCount = new Map<ReportPhase, number>(PHASES.map((p) => [p, 0]));
  const addPhase = (phase: ReportPhase, seconds: number, count: number): void => {
    phaseSeconds.set(phase, (phaseSeconds.get(phase) ?? 0) + seconds);
    phaseCount.set(phase, (phaseCount.get(phase) ?? 0) + count);
  };

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
    commit(seconds, size, queuedSeconds) {
      commits++;
      commitSeconds += seconds;
      committedReports += size;
      addPhase('queue', queuedSeconds, size);
      addPhase('commit', seconds * size, size);
      COMMIT_BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) buckets[i] = (buckets[i] ?? 0) + 1;
      });
    },
    phase(phase, seconds) {
      addPhase(phase, seconds, 1);
    },
    render({ modelVersion, storeBusySeconds }) {
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
        '# HELP tastebud_report_phase_seconds Time reports spent in each phase on the server: receive (body), parse (JSON), validate (schema, base64, bounds), queue (waiting for the commit before), commit (their batch).',
        '# TYPE tastebud_report_phase_seconds summary',
        ...PHASES.flatMap((p) => [
          `tastebud_report_phase_seconds_sum{phase="${p}"} ${phaseSeconds.get(p)}`,
          `tastebud_report_phase_seconds_count{phase="${p}"} ${phaseCount.get(p)}`,
        ]),
        ...(storeBusySeconds === undefined
          ? []
          : [
              '# HELP tastebud_store_busy_seconds_total Time the store spent executing calls (the SQLite thread busy).',
              '# TYPE tastebud_store_busy_seconds_total counter',
              `tastebud_store_busy_seconds_total ${storeBusySeconds}`,
            ]),
        '# HELP tastebud_model_version Version of the global model this instance serves.',
        '# TYPE tastebud_model_version gauge',
        `tastebud_model_version ${modelVersion}`,
      ];
      return `${lines.join('\n')}\n`;
    },
  };
}
