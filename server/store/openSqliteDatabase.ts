import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ValidReport } from '../validateReport';
import type { InsertOutcome, RetentionPolicy, SealPolicy, StoredModel, StoreStats } from './Store';
import { SQLITE_SCHEMA } from './sqliteSchema';
import { bytesOf, bytesToFloat32, bytesToInt32 } from './typedArrayBytes';

/** Options of {@link openSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  /** Dimensions of the model; a new store starts with zeros, an existing one must match. */
  dimensions: number;
  /** Start time (ms) of the first round and the version-0 model, for a new store. */
  createdAt: number;
}

/** The oldest sealed round, ready to aggregate. */
export interface ClaimedRound {
  round: number;
  reports: number;
  gammas: Float64Array;
  model: StoredModel;
}

/** The synchronous SQLite store; it runs inside the store's worker thread. */
export interface SqliteDatabase {
  insertReports(reports: readonly ValidReport[], maxReportsPerRound: number): InsertOutcome[];
  stats(): StoreStats;
  currentVersion(): number;
  loadModel(): StoredModel;
  sealRoundIfDue(policy: SealPolicy): number | null;
  claimSealedRound(): ClaimedRound | null;
  readSlice(round: number, offset: number, length: number): Int32Array[];
  publishRound(round: number, version: number, weights: Float32Array, retention: RetentionPolicy): void;
  close(): void;
}

interface OpenRound {
  round: number;
  openedAt: number;
}

/**
 * Opens (creating if needed) the SQLite database: WAL journal, every commit fsynced, 16 KiB pages.
 * Each method is one transaction; the worker runs them one at a time.
 * @param path - database file (its folder is created), or `:memory:`.
 * @param options - dimensions and creation time.
 * @returns the database.
 */
export function openSqliteDatabase(path: string, options: SqliteDatabaseOptions): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // A report is a 64 KiB blob: 16 KiB pages store it in 5 pages instead of 17 (4 KiB default), which
  // halves the CPU and I/O of each commit. Takes effect only on a new database file.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  // FULL fsyncs the WAL on every commit: a 202 then survives a power cut, not only a crash. Group
  // commit is what keeps this affordable.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SQLITE_SCHEMA);

  const latestModel = db.prepare<[], { version: number; dimensions: number; weights: Buffer }>(
    'SELECT version, dimensions, weights FROM models ORDER BY version DESC LIMIT 1',
  );
  const latestVersion = db.prepare<[], number | null>('SELECT max(version) FROM models').pluck();
  const openRound = db.prepare<[], OpenRound>("SELECT round, opened_at AS openedAt FROM rounds WHERE status = 'open'");
  const countRound = db.prepare<[number], number>('SELECT count(*) FROM reports WHERE round = ?').pluck();
  const idExists = db.prepare<[Uint8Array], number>('SELECT 1 FROM report_ids WHERE id = ?').pluck();
  const insertId = db.prepare<[Uint8Array, number]>('INSERT INTO report_ids (id, round) VALUES (?, ?)');
  const insertReport = db.prepare<[Uint8Array, number, number, number, number, number, string, Uint8Array]>(
    'INSERT INTO reports (id, round, base_version, gamma, clip_norm, sigma, mechanism, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
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

  const insertBatch = db.transaction((reports: readonly ValidReport[], maxReportsPerRound: number): InsertOutcome[] => {
    const open = requireOpenRound(openRound.get());
    let count = countRound.get(open.round) ?? 0;
    return reports.map((report): InsertOutcome => {
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
        new Uint8Array(report.data.buffer, report.data.byteOffset, report.data.byteLength),
      );
      count++;
      return { status: 'accepted', round: open.round };
    });
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

  const publish = db.transaction((round: number, version: number, weights: Float32Array, retention: RetentionPolicy) => {
    db.prepare('INSERT INTO models (version, dimensions, weights, round, created_at) VALUES (?, ?, ?, ?, ?)').run(
      version,
      weights.length,
      bytesOf(weights),
      round,
      retention.now,
    );
    db.prepare("UPDATE rounds SET status = 'published', version = ? WHERE round = ?").run(version, round);
    db.prepare('DELETE FROM reports WHERE round = ?').run(round);
    db.prepare(
      "DELETE FROM report_ids WHERE round IN (SELECT round FROM rounds WHERE status = 'published' AND sealed_at < ?)",
    ).run(retention.now - retention.idRetentionMs);
    db.prepare('DELETE FROM models WHERE version <= ?').run(version - retention.modelHistory);
  });

  const loadModel = (): StoredModel => {
    const row = latestModel.get();
    if (!row) throw new Error('store has no model');
    return { version: row.version, dimensions: row.dimensions, weights: bytesToFloat32(row.weights) };
  };
  const slice = db
    .prepare<[number, number, number], Buffer>('SELECT substr(data, ?, ?) FROM reports WHERE round = ? ORDER BY id')
    .pluck();

  return {
    insertReports: (reports, maxReportsPerRound) => insertBatch.immediate(reports, maxReportsPerRound),
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
      const gammas = Float64Array.from(
        db.prepare<[number], number>('SELECT gamma FROM reports WHERE round = ? ORDER BY id').pluck().all(sealed.round),
      );
      if (gammas.length !== sealed.reports) {
        throw new Error(`round ${sealed.round} was sealed with ${sealed.reports} reports but ${gammas.length} are stored`);
      }
      return { round: sealed.round, reports: sealed.reports, gammas, model: loadModel() };
    },
    readSlice: (round, offset, length) => slice.all(offset * 4 + 1, length * 4, round).map(bytesToInt32),
    publishRound: (round, version, weights, retention) => publish.immediate(round, version, weights, retention),
    close: () => db.close(),
  };
}

function requireOpenRound(open: OpenRound | undefined): OpenRound {
  if (!open) throw new Error('store has no open round');
  return open;
}
