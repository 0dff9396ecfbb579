/** A PostgreSQL store location: the connection string for pg and the schema the tables live in. */
export interface PostgresLocation {
  connectionString: string;
  /** Unquoted schema name. */
  schema: string;
  /** The schema as a quoted SQL identifier. */
  quotedSchema: string;
  /** Advisory-lock namespace for this schema (FNV-1a of its name), so stores in other schemas never wait on it. */
  lockKey: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Splits `postgres://user@host:port/db?schema=name` into pg's connection string and the schema
 * (default `tastebud`). Tests give every run its own schema this way.
 * @param url - a postgres:// or postgresql:// URL.
 * @returns the location.
 */
export function parsePostgresUrl(url: string): PostgresLocation {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'tastebud';
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`--store: schema must match ${SCHEMA_NAME.source}, got "${schema}"`);
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema, quotedSchema: `"${schema}"`, lockKey: fnv1a(`tastebud:${schema}`) };
}

/** 32-bit FNV-1a as a signed int, the range of PostgreSQL's two-key advisory locks. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
