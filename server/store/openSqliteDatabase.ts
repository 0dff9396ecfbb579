import type Database from 'better-sqlite3';
import type { ValidReport } from '../validateReport';
import { openSqliteConnection } from './openSqliteConnection';
import { type PackedWidth, unpackInt32 } from './packInt32';
import {
  ROUND_SUMMARY_COLUMNS,
  type RoundSummaryRow,
  roundRecordSet,
  roundRecordValues,
  roundSummaryFromRow,
} from './roundRecordRow';
import type {
  InsertOutcome,
  RetentionPolicy,
  RoundRecord,
  RoundSummary,
  SealedRound,
  SealPolicy,
  StoredModel,
  StoreStats,
} from './Store';
import { bytesOf, bytesToFloat32 } from './typedArrayBytes';

/** Options of {@link openSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  /** Dimensions of the model; a new store starts with zeros, an existing one must match. */
  dimensions: number;
  /** Start time (ms) of the first round and the version-0 model, for a new store. */
  createdAt: number;
}

/** The oldest sealed round, ready to aggregate. */
export type ClaimedRound = Omit<SealedRound, 'readSlice'>;

/** The synchronous SQLite store; it runs inside the store's worker thread. */
export interface SqliteDatabase {
  insertReports(reports: readonly ValidReport[], maxReportsPerRound: number): InsertOutcome[];
  stats(): StoreStats;
  currentVersion(): number;
  loadModel(): StoredModel;
  sealRoundIfDue(policy: SealPolicy): number | null;
  claimSealedRound(): ClaimedRound | null;
  readSlice(round: number, offset: number, length: number): Int32Array[];
  publishRound(round: number, version: number, weights: Float32Array, retention: RetentionPolicy, record: RoundRecord): void;
  listRounds(limit: number): RoundSummary[];
  close(): void;
}

interface OpenRound {
  round: number;
  openedAt: number;
}

/**
 * Opens (creating if needed) the SQLite store (connection settings in openSqliteConnection.ts). Each
 * method is one transaction; the worker runs them one at a time. One file, since every statement of the
 * store shares the connection, its prepared statements and the open round's count.
 * @param driver - better-sqlite3's `Database`.
 * @param path - database file (its folder is created), or `:memory:`.
 * @param options - dimensions and creation time.
 * @returns the database.
 */
export function openSqliteDatabase(driver: typeof Database, path: string, options: SqliteDatabaseOptions): SqliteDatabase {
  const db = openSqliteConnection(driver, path);

  const latestModel = db.prepare<[], { version: number; dimensions: number; weights: Buffer }>(
    'SELECT version, dimensions, weights FROM models ORDER BY version DESC LIMIT 1',
  );
  const latestVersion = db.prepare<[], number | null>('SELECT max(version) FROM models').pluck();
  const openRound = db.prepare<[], OpenRound>("SELECT round, opened_at AS openedAt FROM rounds WHERE status = 'open'");
  const countRound = db.prepare<[number], number>('SELECT count(*) FROM reports WHERE round = ?').pluck();
  const idExists = db.prepare<[Uint8Array], number>('SELECT 1 FROM report_ids WHERE id = ?').pluck();
  const insertId = db.prepare<[Uint8Array, number]>('INSERT INTO report_ids (id, round) VALUES (?, ?)');
  const insertReport = db.prepare<[Uint8Array, number, number, number, number, number, string, number, Uint8Array]>(
    'INSERT INTO reports (id, round, base_version, gamma, clip_norm, sigma, mechanism, width, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );

  db.transaction(() => {
    if (latestVersion.get() === null) {
      db.prepare('INSERT INTO models (version, dimensions, weights, round, created_at) VALUES (0, ?, ?, NULL, ?)').run(
        options.dimensions,
        bytesOf(new Float32Array(options.dimensions)),
        options.createdAt,
      );
    }
    if (openRound.get() === undefined && db.prepare("SELECT 1 FROM rounds WHERE status = 'sealed'").get() === undefined) {
      const last = db.prepare<[], number | null>('SELECT max(round) FROM rounds').pluck().get() ?? 0;
      db.prepare("INSERT INTO rounds (round, status, opened_at) VALUES (?, 'open', ?)").run(last + 1, options.createdAt);
    }
  }).immediate();
  const stored = latestModel.get();
  if (stored && stored.dimensions !== options.dimensions) {
    db.close();
    throw new RangeError(
      `store ${path} holds a ${stored.dimensions}-dimension model, the server is configured for ${options.dimensions}`,
    );
  }

  // Reports in the open round. This thread is the database's only writer (one process per file), so the
  // count is kept here instead of counting the round's index for every batch; it is set only after a
  // commit, so a rolled-back batch leaves it right.
  let counted: { round: number; count: number } | undefined;
  const insertBatch = db.transaction((reports: readonly ValidReport[], maxReportsPerRound: number) => {
    const open = requireOpenRound(openRound.get());
    let count = counted?.round === open.round ? counted.count : (countRound.get(open.round) ?? 0);
    const outcomes = reports.map((report): InsertOutcome => {
      if (idExists.get(report.idBytes) !== undefined) return { status: 'duplicate' };
      if (count >= maxReportsPerRound) return { status: 'full', round: open.round, openedAt: open.openedAt };
      insertId.run(report.idBytes, open.round);
      insertReport.run(
        report.idBytes,
        open.round,
        report.baseVersion,
        report.gamma,
        report.clipNorm,
        report.sigma,
        report.mechanism,
        report.width,
        report.packed,
      );
      count++;
      return { status: 'accepted', round: open.round };
    });
    return { outcomes, counted: { round: open.round, count } };
  });

  const seal = db.transaction((policy: SealPolicy): number | null => {
    const open = requireOpenRound(openRound.get());
    const count = countRound.get(open.round) ?? 0;
    if (count < policy.minReports || policy.now - open.openedAt < policy.roundSeconds * 1000) return null;
    db.prepare("UPDATE rounds SET status = 'sealed', sealed_at = ?, reports = ? WHERE round = ?").run(
      policy.now,
      count,
      open.round,
    );
    db.prepare("INSERT INTO rounds (round, status, opened_at) VALUES (?, 'open', ?)").run(open.round + 1, policy.now);
    return open.round;
  });

  const publish = db.transaction(
    (round: number, version: number, weights: Float32Array, retention: RetentionPolicy, record: RoundRecord) => {
      db.prepare('INSERT INTO models (version, dimensions, weights, round, created_at) VALUES (?, ?, ?, ?, ?)').run(
        version,
        weights.length,
        bytesOf(weights),
        round,
        retention.now,
      );
      db.prepare(`UPDATE rounds SET status = 'published', version = ?, ${roundRecordSet(() => '?')} WHERE round = ?`).run(
        version,
        ...roundRecordValues(record),
        round,
      );
      db.prepare('DELETE FROM reports WHERE round = ?').run(round);
      db.prepare(
        "DELETE FROM report_ids WHERE round IN (SELECT round FROM rounds WHERE status = 'published' AND sealed_at < ?)",
      ).run(retention.now - retention.idRetentionMs);
      db.prepare('DELETE FROM models WHERE version <= ?').run(version - retention.modelHistory);
    },
  );

  const loadModel = (): StoredModel => {
    const row = latestModel.get();
    if (!row) throw new Error('store has no model');
    return { version: row.version, dimensions: row.dimensions, weights: bytesToFloat32(row.weights) };
  };
  // A round's reports in insertion order; aggregation wants them in id order, which `idOrder` maps to.
  const roundIds = db.prepare<[number], { id: Buffer; gamma: number }>(
    'SELECT id, gamma FROM reports WHERE round = ? ORDER BY rowid',
  );
  const slice = db.prepare<[number, number, number], { width: PackedWidth; slice: Buffer }>(
    'SELECT width, substr(data, ? * width + 1, ? * width) AS slice FROM reports WHERE round = ? ORDER BY rowid',
  );
  let claimed: { round: number; order: number[] } | undefined;
  const idOrder = (round: number): number[] => {
    if (claimed?.round !== round) claimed = { round, order: sortById(roundIds.all(round)) };
    return claimed.order;
  };

  return {
    insertReports(reports, maxReportsPerRound) {
      const result = insertBatch.immediate(reports, maxReportsPerRound);
      counted = result.counted;
      return result.outcomes;
    },
    stats() {
      const row = db
        .prepare<[], StoreStats>(
          `SELECT (SELECT max(version) FROM models) AS version,
                  (SELECT round FROM rounds WHERE status = 'open') AS round,
                  (SELECT count(*) FROM reports) AS pendingReports,
                  coalesce((SELECT reports FROM rounds WHERE status = 'published' ORDER BY round DESC LIMIT 1), 0)
                    AS contributorsLastRound`,
        )
        .get();
      if (!row) throw new Error('store has no state');
      return row;
    },
    currentVersion: () => latestVersion.get() ?? 0,
    loadModel,
    sealRoundIfDue: (policy) => seal.immediate(policy),
    claimSealedRound() {
      const sealed = db
        .prepare<[], { round: number; reports: number }>(
          "SELECT round, reports FROM rounds WHERE status = 'sealed' ORDER BY round LIMIT 1",
        )
        .get();
      if (!sealed) return null;
      const rows = roundIds.all(sealed.round);
      if (rows.length !== sealed.reports) {
        throw new Error(`round ${sealed.round} was sealed with ${sealed.reports} reports but ${rows.length} are stored`);
      }
      const order = sortById(rows);
      claimed = { round: sealed.round, order };
      const gammas = Float64Array.from(order, (i) => (rows[i] as { gamma: number }).gamma);
      const noiseHistory = db
        .prepare<[], { sigma: number; sensitivity: number }>(
          "SELECT noise_sigma AS sigma, sensitivity FROM rounds WHERE status = 'published' AND noise_sigma IS NOT NULL ORDER BY round",
        )
        .all();
      return { round: sealed.round, reports: sealed.reports, gammas, model: loadModel(), noiseHistory };
    },
    readSlice(round, offset, length) {
      const rows = slice.all(offset, length, round);
      return idOrder(round).map((i) => {
        const row = rows[i] as { width: PackedWidth; slice: Buffer };
        return unpackInt32(row.slice, row.width);
      });
    },
    publishRound: (round, version, weights, retention, record) => publish.immediate(round, version, weights, retention, record),
    listRounds: (limit) =>
      db
        .prepare<[number], RoundSummaryRow>(
          `SELECT ${ROUND_SUMMARY_COLUMNS} FROM rounds WHERE status = 'published' ORDER BY round DESC LIMIT ?`,
        )
        .all(limit)
        .map(roundSummaryFromRow),
    close: () => db.close(),
  };
}

/** Indices of `rows` in ascending id order (bytewise, which is hex order). */
function sortById(rows: ReadonlyArray<{ id: Uint8Array }>): number[] {
  return rows
    .map((_, i) => i)
    .sort((a, b) => Buffer.compare((rows[a] as { id: Uint8Array }).id, (rows[b] as { id: Uint8Array }).id));
}

function requireOpenRound(open: OpenRound | undefined): OpenRound {
  if (!open) throw new Error('store has no open round');
  return open;
}
