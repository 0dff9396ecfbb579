import type { SqliteDatabase } from './openSqliteDatabase';

/** A call from the main thread to the SQLite worker. */
export type SqliteRequest = {
  [K in keyof SqliteDatabase]: { id: number; method: K; args: Parameters<SqliteDatabase[K]> };
}[keyof SqliteDatabase];

/** The worker's answer to request `id` (id 0: the database opened, or why not); `ms`: time the call took there. */
export type SqliteReply =
  | { id: number; ok: true; result: unknown; ms: number }
  | { id: number; ok: false; error: { name: string; message: string }; ms: number };
