/**
 * SQLite schema. Ids are 16-byte blobs (byte order = hex order, so `ORDER BY id` is the canonical report
 * order). `report_ids` outlives the reports themselves: a report's content is deleted once aggregated,
 * its random id is kept a while longer so a late retry is still a duplicate.
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
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS report_ids_round ON report_ids (round);
CREATE TABLE IF NOT EXISTS reports (
  id BLOB PRIMARY KEY,
  round INTEGER NOT NULL,
  base_version INTEGER NOT NULL,
  gamma REAL NOT NULL,
  clip_norm REAL NOT NULL,
  sigma REAL NOT NULL,
  mechanism TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_round ON reports (round, id);
`;
