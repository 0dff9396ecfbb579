/**
 * PostgreSQL schema, qualified with the store's schema name. Same shape as the SQLite one; report data
 * is stored EXTERNAL (uncompressed TOAST): noisy integers do not compress, and uncompressed values let
 * aggregation read one block of coordinates with substring() instead of whole reports.
 * @param schema - a validated, quoted schema identifier.
 * @returns the DDL, safe to run again.
 */
export function postgresSchema(schema: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.models (
  version integer PRIMARY KEY,
  dimensions integer NOT NULL,
  weights bytea NOT NULL,
  round integer,
  created_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.rounds (
  round integer PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('open', 'sealed', 'published')),
  opened_at bigint NOT NULL,
  sealed_at bigint,
  reports integer,
  version integer
);
CREATE UNIQUE INDEX IF NOT EXISTS rounds_one_open ON ${schema}.rounds (status) WHERE status = 'open';
ALTER TABLE ${schema}.rounds
  ADD COLUMN IF NOT EXISTS aggregator text,
  ADD COLUMN IF NOT EXISTS noise_sigma double precision,
  ADD COLUMN IF NOT EXISTS sensitivity double precision,
  ADD COLUMN IF NOT EXISTS epsilon double precision,
  ADD COLUMN IF NOT EXISTS epsilon_total double precision;
CREATE TABLE IF NOT EXISTS ${schema}.report_ids (
  id bytea PRIMARY KEY,
  round integer NOT NULL
);
CREATE INDEX IF NOT EXISTS report_ids_round ON ${schema}.report_ids (round);
CREATE TABLE IF NOT EXISTS ${schema}.reports (
  id bytea PRIMARY KEY,
  round integer NOT NULL,
  base_version integer NOT NULL,
  gamma double precision NOT NULL,
  clip_norm double precision NOT NULL,
  sigma double precision NOT NULL,
  mechanism text NOT NULL,
  width smallint NOT NULL DEFAULT 4,
  data bytea NOT NULL
);
ALTER TABLE ${schema}.reports ADD COLUMN IF NOT EXISTS width smallint NOT NULL DEFAULT 4;
ALTER TABLE ${schema}.reports ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE INDEX IF NOT EXISTS reports_round ON ${schema}.reports (round, id);
`;
}
