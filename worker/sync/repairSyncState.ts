import type { LedgerRecord, PendingReport, SyncSchedule, SyncState } from './types';

/** What {@link repairSyncState} found and what it made of it. */
export interface RepairedSyncState {
  state: SyncState;
  /** One phrase per problem, naming the record; empty when everything could be read. */
  problems: string[];
}

/**
 * Checks sync's stored records (they come from IndexedDB: the edge) and repairs what cannot be used,
 * without touching the profile. A ledger line that cannot be read is kept as an `unreadable` line: its
 * cost is unknown, so it counts as the whole yearly budget for 365 days from its date (from `now` when
 * its date cannot be read either) — a corrupt ledger never lowers the ε spent. A pending report that
 * cannot be read is dropped (its ledger line stays: it may have left the device; the baseline never
 * moved for it, so the next report carries its change). A schedule that cannot be read starts afresh;
 * a baseline of the wrong size or with non-finite values is reset (the next change is measured from
 * zero, clipped like any other).
 * @param state - the state as loaded.
 * @param sharedDimensions - the size of the profile's shared part.
 * @param now - epoch ms.
 * @returns the usable state and the problems found.
 */
export function repairSyncState(state: SyncState, sharedDimensions: number, now: number): RepairedSyncState {
  const problems: string[] = [];
  const ledger = state.ledger.map((line, i) => {
    if (isLedgerRecord(line, now)) return line;
    problems.push(`privacy ledger line ${i + 1} is unreadable (counted as the whole yearly budget)`);
    return unreadableLine(line, i, now);
  });
  let pending: PendingReport | null = state.pending;
  if (pending !== null && !isPending(pending)) {
    problems.push('the pending report is unreadable (dropped; its change goes with the next report)');
    pending = null;
  } else if (pending?.baseline && !isBaseline(pending.baseline, sharedDimensions)) {
    problems.push('the pending report has a baseline of the wrong size (dropped)');
    pending = null;
  }
  let schedule: SyncSchedule | null = state.schedule;
  if (schedule !== null && !isSchedule(schedule)) {
    problems.push('the sync schedule is unreadable (started afresh)');
    schedule = null;
  } else if (schedule?.baseline && !isBaseline(schedule.baseline, sharedDimensions)) {
    problems.push(
      `the sync baseline has ${schedule.baseline.length} values or non-finite ones, not ${sharedDimensions} finite values (reset)`,
    );
    schedule = { ...schedule, baseline: null };
  }
  return { state: { schedule, ledger, pending }, problems };
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isLedgerRecord(value: unknown, now: number): value is LedgerRecord {
  const line = value as Partial<LedgerRecord> | null;
  if (typeof line !== 'object' || line === null) return false;
  if (line.unreadable === true) return finite(line.at) && line.sensitivity === 0 && line.sigma === 0;
  return (
    typeof line.id === 'string' &&
    finite(line.at) &&
    line.at <= now &&
    finite(line.sensitivity) &&
    line.sensitivity > 0 &&
    finite(line.sigma) &&
    line.sigma >= 0
  );
}

/** The worst case for a line whose cost cannot be read: dated as late as it can be, charged as the whole budget. */
function unreadableLine(value: unknown, index: number, now: number): LedgerRecord {
  const line = (typeof value === 'object' && value !== null ? value : {}) as Partial<LedgerRecord>;
  const at = finite(line.at) && line.at <= now ? line.at : now;
  const id = typeof line.id === 'string' ? line.id : `unreadable-${index}`;
  return { id, at, sensitivity: 0, sigma: 0, unreadable: true };
}

function isPending(value: unknown): value is PendingReport {
  const p = value as Partial<PendingReport> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.id === 'string' &&
    typeof p.body === 'string' &&
    typeof p.report === 'object' &&
    p.report !== null &&
    (p.baseline === undefined || p.baseline instanceof Float32Array)
  );
}

function isSchedule(value: unknown): value is SyncSchedule {
  const s = value as Partial<SyncSchedule> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    finite(s.nextDueAt) &&
    (s.lastSyncAt === null || finite(s.lastSyncAt)) &&
    (s.baseline === null || s.baseline instanceof Float32Array)
  );
}

function isBaseline(baseline: Float32Array, dimensions: number): boolean {
  return baseline.length === dimensions && baseline.every(Number.isFinite);
}
