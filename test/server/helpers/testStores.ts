import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type PackedWidth, unpackInt32 } from '../../../server/store/packInt32';
import { dropSchema, postgresAvailable, postgresStoreUrl, queryPostgres, uniqueSchema } from './postgres';

/** What a store holds, as the tests compare it before and after. */
export interface StoreSnapshot {
  /** Hex ids of stored reports, sorted. */
  reports: string[];
  /** Hex ids kept for idempotency, sorted. */
  ids: string[];
  rounds: number;
  models: number;
}

/** One report as stored, for content checks. */
export interface StoredReportRow {
  id: string;
  round: number;
  /** Bytes per stored value (store/packInt32.ts). */
  width: number;
  /** The vector unpacked to little-endian int32, as it was sent. */
  data: Buffer;
}

interface RawReportRow {
  id: Buffer;
  round: number;
  width: PackedWidth;
  data: Buffer;
}

function unpackRow(row: RawReportRow): StoredReportRow {
  const values = unpackInt32(row.data, row.width);
  return {
    id: hex(row.id),
    round: row.round,
    width: row.width,
    data: Buffer.from(values.buffer, values.byteOffset, values.byteLength),
  };
}

/** A fresh store location of one kind, with direct read access for assertions. */
export interface TestStore {
  kind: 'sqlite' | 'postgres';
  /** The `--store` value. */
  spec: string;
  snapshot(): Promise<StoreSnapshot>;
  reports(): Promise<StoredReportRow[]>;
  cleanup(): Promise<void>;
}

const SNAPSHOT_SQL = {
  reports: 'SELECT id FROM reports ORDER BY id',
  ids: 'SELECT id FROM report_ids ORDER BY id',
  rounds: 'SELECT count(*) AS n FROM rounds',
  models: 'SELECT count(*) AS n FROM models',
};

/** A SQLite store in a fresh temporary folder. */
export function sqliteTestStore(): TestStore {
  const dir = mkdtempSync(join(tmpdir(), 'tastebud-server-'));
  const path = join(dir, 'tastebud.db');
  const read = <T>(body: (db: Database.Database) => T): T => {
    const db = new Database(path, { readonly: true });
    try {
      return body(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    spec: `sqlite:${path}`,
    async snapshot() {
      return read((db) => ({
        reports: db.prepare<[], Buffer>(SNAPSHOT_SQL.reports).pluck().all().map(hex),
        ids: db.prepare<[], Buffer>(SNAPSHOT_SQL.ids).pluck().all().map(hex),
        rounds: db.prepare<[], number>(SNAPSHOT_SQL.rounds).pluck().get() ?? 0,
        models: db.prepare<[], number>(SNAPSHOT_SQL.models).pluck().get() ?? 0,
      }));
    },
    async reports() {
      return read((db) =>
        db.prepare<[], RawReportRow>('SELECT id, round, width, data FROM reports ORDER BY id').all().map(unpackRow),
      );
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL store in a fresh schema of the test database. */
export function postgresTestStore(label: string): TestStore {
  const schema = uniqueSchema(label);
  const q = (sql: string) => sql.replace(/FROM (\w+)/, `FROM "${schema}".$1`);
  return {
    kind: 'postgres',
    spec: postgresStoreUrl(schema),
    async snapshot() {
      return {
        reports: (await queryPostgres<{ id: Buffer }>(q(SNAPSHOT_SQL.reports))).map((r) => hex(r.id)),
        ids: (await queryPostgres<{ id: Buffer }>(q(SNAPSHOT_SQL.ids))).map((r) => hex(r.id)),
        rounds: Number((await queryPostgres<{ n: string }>(q(SNAPSHOT_SQL.rounds)))[0]?.n),
        models: Number((await queryPostgres<{ n: string }>(q(SNAPSHOT_SQL.models)))[0]?.n),
      };
    },
    async reports() {
      const rows = await queryPostgres<RawReportRow>(`SELECT id, round, width, data FROM "${schema}".reports ORDER BY id`);
      return rows.map(unpackRow);
    },
    cleanup: () => dropSchema(schema),
  };
}

/** The store kinds every store-level test runs against; PostgreSQL only when reachable (always in CI). */
export async function storeKinds(): Promise<Array<{ kind: 'sqlite' | 'postgres'; make: (label: string) => TestStore }>> {
  const kinds: Array<{ kind: 'sqlite' | 'postgres'; make: (label: string) => TestStore }> = [
    { kind: 'sqlite', make: () => sqliteTestStore() },
  ];
  if (await postgresAvailable()) kinds.push({ kind: 'postgres', make: postgresTestStore });
  return kinds;
}

function hex(bytes: Buffer): string {
  return bytes.toString('hex');
}
