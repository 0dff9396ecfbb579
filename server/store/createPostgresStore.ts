import type { Pool, PoolClient } from 'pg';
import { importStorePackage } from './importStorePackage';
import { insertPostgresBatch } from './insertPostgresBatch';
import { type PackedWidth, unpackInt32 } from './packInt32';
import { parsePostgresUrl } from './parsePostgresUrl';
import { postgresSchema } from './postgresSchema';
import {
  ROUND_SUMMARY_COLUMNS,
  type RoundSummaryRow,
  roundRecordSet,
  roundRecordValues,
  roundSummaryFromRow,
} from './roundRecordRow';
import type { PublishedRound, SealedRound, Store, StoredModel, StoreStats } from './Store';
import { bytesOf, bytesToFloat32 } from './typedArrayBytes';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** Dimensions of the model; a new store starts with zeros, an existing one must match. */
  dimensions: number;
  /** Clock for the first round's start. */
  now: () => number;
  /** Connections per instance: four concurrent group commits, a round being published, reads. @default 8 */
  poolSize?: number;
  /** Errors of idle pooled connections (they must not crash the process). */
  onError?: (error: Error) => void;
}

/** How long a count of the open round is trusted (plus this instance's own inserts since). */
const COUNT_TTL_MS = 1000;
/** Above this share of `maxReportsPerRound` the round is counted for every batch. */
const NEAR_CAP = 0.9;

/** Second key of the advisory locks: schema creation, and the open round. */
const INIT_LOCK = 1;
const ROUND_LOCK = 2;

/**
 * Opens (creating if needed) the PostgreSQL store, which several server instances may share.
 * - Every insert batch holds the round lock shared; sealing takes it exclusively, so a round is
 *   sealed only once no batch is still writing into it, and every accepted report lands in exactly
 *   one round.
 * - Publishing takes the oldest sealed round with `FOR UPDATE SKIP LOCKED`: exactly one instance
 *   aggregates each round, the others skip it; the new version, the round's status and the deletion
 *   of its reports commit together.
 * @param url - `postgres://…[?schema=name]`.
 * @param options - dimensions, clock, pool size.
 * @returns the store, once the schema and the version-0 model exist.
 */
export async function createPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
  const { connectionString, quotedSchema: s, lockKey } = parsePostgresUrl(url);
  // Loaded here, not at import: a SQLite-only install has no pg (an optional peer).
  const { default: pg } = await importStorePackage({ name: 'pg', store: 'postgres' }, () => import('pg'));
  // 202 only after a commit that survives a power cut, whatever the database's default says.
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 8, options: '-c synchronous_commit=on' });
  pool.on('error', (error) => options.onError?.(error));
  try {
    await transaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [lockKey, INIT_LOCK]);
      await client.query(postgresSchema(s));
      const now = options.now();
      await client.query(
        `INSERT INTO ${s}.models (version, dimensions, weights, round, created_at) VALUES (0, $1, $2, NULL, $3) ON CONFLICT DO NOTHING`,
        [options.dimensions, bytesOf(new Float32Array(options.dimensions)), now],
      );
      await client.query(
        `INSERT INTO ${s}.rounds (round, status, opened_at)
         SELECT coalesce(max(round), 0) + 1, 'open', $1::bigint FROM ${s}.rounds
         HAVING count(*) FILTER (WHERE status IN ('open', 'sealed')) = 0`,
        [now],
      );
      const { rows } = await client.query<{ dimensions: number }>(
        `SELECT dimensions FROM ${s}.models ORDER BY version DESC LIMIT 1`,
      );
      const dimensions = rows[0]?.dimensions;
      if (dimensions !== options.dimensions) {
        throw new RangeError(`store holds a ${dimensions}-dimension model, the server is configured for ${options.dimensions}`);
      }
    });
  } catch (error) {
    await pool.end();
    throw error;
  }

  const openRoundSql = `SELECT r.round, r.opened_at::float8 AS "openedAt",
      (SELECT count(*) FROM ${s}.reports WHERE round = r.round)::int AS count
    FROM ${s}.rounds r WHERE r.status = 'open'`;
  const openRoundOnlySql = `SELECT round, opened_at::float8 AS "openedAt" FROM ${s}.rounds WHERE status = 'open'`;
  const countSql = `SELECT count(*)::int AS count FROM ${s}.reports WHERE round = $1`;
  type OpenRound = { round: number; openedAt: number; count: number };
  // The open round's count as this instance last counted it, plus what it inserted since. Counting a
  // round of 20,000 reports costs PostgreSQL a few milliseconds, more than the rest of a batch, so the
  // count is taken again only when it is older than COUNT_TTL_MS or the round is near its cap.
  let counted: { round: number; count: number; at: number } | undefined;

  const loadModel = async (client: Pool | PoolClient): Promise<StoredModel> => {
    const { rows } = await client.query<{ version: number; dimensions: number; weights: Buffer }>(
      `SELECT version, dimensions, weights FROM ${s}.models ORDER BY version DESC LIMIT 1`,
    );
    const row = rows[0];
    if (!row) throw new Error('store has no model');
    return { version: row.version, dimensions: row.dimensions, weights: bytesToFloat32(row.weights) };
  };

  return {
    kind: 'postgres',
    async insertReports(reports, maxReportsPerRound) {
      const { round, outcomes } = await transaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [lockKey, ROUND_LOCK]);
        // Read after the lock: if a seal just committed, this statement already sees the new round.
        const open = (await client.query<Omit<OpenRound, 'count'>>(openRoundOnlySql)).rows[0];
        if (!open) throw new Error('store has no open round');
        const fresh =
          counted?.round === open.round &&
          performance.now() - counted.at < COUNT_TTL_MS &&
          counted.count < NEAR_CAP * maxReportsPerRound;
        if (!fresh) {
          const count = (await client.query<{ count: number }>(countSql, [open.round])).rows[0]?.count ?? 0;
          counted = { round: open.round, count, at: performance.now() };
        }
        const count = (counted as { count: number }).count;
        return {
          round: open.round,
          outcomes: await insertPostgresBatch(client, s, { ...open, count }, reports, maxReportsPerRound),
        };
      });
      if (counted?.round === round) counted.count += outcomes.filter((o) => o.status === 'accepted').length;
      return outcomes;
    },
    async stats() {
      const { rows } = await pool.query<StoreStats>(
        `SELECT (SELECT max(version) FROM ${s}.models) AS version,
                (SELECT round FROM ${s}.rounds WHERE status = 'open') AS round,
                (SELECT count(*) FROM ${s}.reports)::int AS "pendingReports",
                coalesce((SELECT reports FROM ${s}.rounds WHERE status = 'published' ORDER BY round DESC LIMIT 1), 0)
                  AS "contributorsLastRound"`,
      );
      const row = rows[0];
      if (!row) throw new Error('store has no state');
      return row;
    },
    async currentVersion() {
      const { rows } = await pool.query<{ version: number }>(`SELECT max(version) AS version FROM ${s}.models`);
      return rows[0]?.version ?? 0;
    },
    loadModel: () => loadModel(pool),
    async sealRoundIfDue(policy) {
      const isDue = (open: OpenRound | undefined): open is OpenRound =>
        open !== undefined && open.count >= policy.minReports && policy.now - open.openedAt >= policy.roundSeconds * 1000;
      // Cheap look first: the exclusive lock below makes every insert wait, so take it only when due.
      if (!isDue((await pool.query<OpenRound>(openRoundSql)).rows[0])) return null;
      return transaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [lockKey, ROUND_LOCK]);
        const open = (await client.query<OpenRound>(openRoundSql)).rows[0];
        if (!isDue(open)) return null;
        await client.query(`UPDATE ${s}.rounds SET status = 'sealed', sealed_at = $1, reports = $2 WHERE round = $3`, [
          policy.now,
          open.count,
          open.round,
        ]);
        await client.query(`INSERT INTO ${s}.rounds (round, status, opened_at) VALUES ($1, 'open', $2)`, [
          open.round + 1,
          policy.now,
        ]);
        return open.round;
      });
    },
    publishSealedRound(compute, retention) {
      return transaction(pool, async (client): Promise<PublishedRound | null> => {
        const claimed = await client.query<{ round: number; reports: number }>(
          `SELECT round, reports FROM ${s}.rounds WHERE status = 'sealed' ORDER BY round LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        const sealed = claimed.rows[0];
        if (!sealed) return null;
        // SKIP LOCKED may hand us a later round while another instance still publishes an earlier one;
        // versions must follow round order, so only the oldest sealed round is ours to publish.
        const oldest = await client.query<{ round: number }>(
          `SELECT min(round) AS round FROM ${s}.rounds WHERE status = 'sealed'`,
        );
        if (oldest.rows[0]?.round !== sealed.round) return null;
        const { round } = sealed;
        const gammaRows = await client.query<{ gamma: number }>(`SELECT gamma FROM ${s}.reports WHERE round = $1 ORDER BY id`, [
          round,
        ]);
        if (gammaRows.rows.length !== sealed.reports) {
          throw new Error(`round ${round} was sealed with ${sealed.reports} reports but ${gammaRows.rows.length} are stored`);
        }
        const model = await loadModel(client);
        const history = await client.query<{ sigma: number; sensitivity: number }>(
          `SELECT noise_sigma AS sigma, sensitivity FROM ${s}.rounds
           WHERE status = 'published' AND noise_sigma IS NOT NULL ORDER BY round`,
        );
        const input: SealedRound = {
          round,
          reports: sealed.reports,
          gammas: Float64Array.from(gammaRows.rows, (row) => row.gamma),
          model,
          noiseHistory: history.rows,
          readSlice: async (offset, length) => {
            const { rows } = await client.query<{ width: PackedWidth; slice: Buffer }>(
              `SELECT width, substring(data FROM $2::int * width + 1 FOR $3::int * width) AS slice
               FROM ${s}.reports WHERE round = $1 ORDER BY id`,
              [round, offset, length],
            );
            return rows.map((row) => unpackInt32(row.slice, row.width));
          },
        };
        const { weights, record } = await compute(input);
        const version = model.version + 1;
        await client.query(
          `INSERT INTO ${s}.models (version, dimensions, weights, round, created_at) VALUES ($1, $2, $3, $4, $5)`,
          [version, weights.length, bytesOf(weights), round, retention.now],
        );
        await client.query(
          `UPDATE ${s}.rounds SET status = 'published', version = $1, ${roundRecordSet((i) => `$${i + 3}`)} WHERE round = $2`,
          [version, round, ...roundRecordValues(record)],
        );
        await client.query(`DELETE FROM ${s}.reports WHERE round = $1`, [round]);
        await client.query(
          `DELETE FROM ${s}.report_ids WHERE round IN (SELECT round FROM ${s}.rounds WHERE status = 'published' AND sealed_at < $1)`,
          [retention.now - retention.idRetentionMs],
        );
        await client.query(`DELETE FROM ${s}.models WHERE version <= $1`, [version - retention.modelHistory]);
        return { round, version, reports: sealed.reports };
      });
    },
    async listRounds(limit) {
      const { rows } = await pool.query<RoundSummaryRow>(
        `SELECT ${ROUND_SUMMARY_COLUMNS} FROM ${s}.rounds WHERE status = 'published' ORDER BY round DESC LIMIT $1`,
        [limit],
      );
      return rows.map(roundSummaryFromRow);
    },
    close: () => pool.end(),
  };
}

/** Runs `body` in a transaction on a pooled connection; rolls back on any error. */
async function transaction<T>(pool: Pool, body: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
