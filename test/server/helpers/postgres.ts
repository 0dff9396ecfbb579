import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The machine's PostgreSQL (CI runs it too). */
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether the PostgreSQL tests can run. Unreachable is a failure in CI and a printed skip elsewhere.
 * @returns true when a connection works.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL at ${POSTGRES_URL} is unreachable in CI: ${String(error)}`);
    console.log(`[test/server] skipping PostgreSQL tests: ${POSTGRES_URL} unreachable (${String(error)})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema name no other test run uses. */
export function uniqueSchema(label: string): string {
  return `tb_test_${label}_${randomBytes(4).toString('hex')}`;
}

/** The store URL of a schema. */
export function postgresStoreUrl(schema: string): string {
  return `${POSTGRES_URL}?schema=${schema}`;
}

/** Runs one query on a short-lived connection. */
export async function queryPostgres<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await queryPostgres(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
