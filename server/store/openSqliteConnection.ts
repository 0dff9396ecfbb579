import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { ADDED_COLUMNS, SQLITE_SCHEMA } from './sqliteSchema';

/** Page cache of the connection. */
const CACHE_KIB = 64 * 1024;
/** WAL size at which a commit checkpoints it into the database. */
const CHECKPOINT_BYTES = 2 * 2 ** 20;

/**
 * Opens the SQLite file with the store's durability and performance settings, and creates or upgrades
 * its schema: WAL journal, every commit fsynced (`synchronous = FULL`), 16 KiB pages, small checkpoints.
 * @param driver - better-sqlite3's `Database`, imported by the caller when a SQLite store is opened.
 * @param path - database file (its folder is created), or `:memory:`.
 * @returns the connection.
 */
export function openSqliteConnection(driver: typeof Database, path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new driver(path);
  // A report is a 64 KiB blob: 16 KiB pages store it in 5 pages instead of 17 (4 KiB default), which
  // halves the CPU and I/O of each commit. Takes effect only on a new database file.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  // FULL fsyncs the WAL on every commit: a 202 then survives a power cut, not only a crash. Group
  // commit is what keeps this affordable.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // The random-order id index stays in memory instead of being read back from the OS for every report.
  db.pragma(`cache_size = -${CACHE_KIB}`);
  // A checkpoint copies the WAL into the database inside the commit that triggers it. At the default
  // 1000 pages (16 MiB at 16 KiB pages) that commit took 20–100 ms, the whole p99 of a report's latency;
  // 2 MiB checkpoints cost the same in total but at most a few milliseconds each.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.max(16, Math.floor(CHECKPOINT_BYTES / pageSize))}`);
  db.pragma(`journal_size_limit = ${4 * CHECKPOINT_BYTES}`);
  db.exec(SQLITE_SCHEMA);
  for (const [table, columns] of Object.entries(ADDED_COLUMNS)) {
    const present = new Set(db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table));
    for (const [column, type] of Object.entries(columns)) {
      if (!present.has(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
  }
  return db;
}
