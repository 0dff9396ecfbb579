/**
 * SQLite schema. Ids are 16-byte blobs (byte order = hex order, the canonical report order). `report_ids`
 * outlives the reports themselves: a report's content is deleted once aggregated, its random id is kept a
 * while longer so a late retry is still a duplicate.
 *
 * Write cost: every index in random (id) order costs about one 16 KiB page write per report and commit,
 * while an index in insertion order only grows at its end. So the one random-order index is the unique
 * index on `report_ids.id` (idempotency needs it); both tables are rowid tables, their `round` indexes
 * follow insertion order, and `reports` has no index on its id (`report_ids` already makes ids unique):
 * aggregation sorts a round by id itself. Stores created before this layout (id as primary key of
 * `reports`, `WITHOUT ROWID` ids, `(round, id)` indexes under the same names) work with the same statements.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS models (
  version INTEGER PRIMARY KEY,
  dimensions INTEGER NOT NULL,
  weights BLOB NOT NULL,
  round INTEGER,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rounds (
  round INTEGER PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('open', 'sealed', 'published')),
  opened_at INTEGER NOT NULL,
  sealed_at INTEGER,
  reports INTEGER,
  version INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS rounds_one_open ON rounds (status) WHERE status = 'open';
CREATE TABLE IF NOT EXISTS report_ids (
  id BLOB PRIMARY KEY,
  round INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS report_ids_round ON report_ids (round);
CREATE TABLE IF NOT EXISTS reports (
  id BLOB NOT NULL,
  round INTEGER NOT NULL,
  base_version INTEGER NOT NULL,
  gamma REAL NOT NULL,
  clip_norm REAL NOT NULL,
  sigma REAL NOT NULL,
  mechanism TEXT NOT NULL,
  width INTEGER NOT NULL DEFAULT 4,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_round ON reports (round);
`;

/**
 * Columns added since the first layout, per table, added when missing so that stores created before
 * them gain them at start-up: a report's stored width (store/packInt32.ts; older reports are plain int32),
 * and a published round's record (aggregator, central noise and accountant).
 */
export const ADDED_COLUMNS: Readonly<Record<'reports' | 'rounds', Readonly<Record<string, string>>>> = {
  reports: { width: 'INTEGER NOT NULL DEFAULT 4' },
  rounds: {
    aggregator: 'TEXT',
    noise_sigma: 'REAL',
    sensitivity: 'REAL',
    epsilon: 'REAL',
    epsilon_total: 'REAL',
  },
};
