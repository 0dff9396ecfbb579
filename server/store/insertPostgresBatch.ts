import type { PoolClient } from 'pg';
import type { ValidReport } from '../validateReport';
import type { InsertOutcome } from './Store';

/**
 * Inserts one batch into the open round. Ids go first, sorted, with ON CONFLICT DO NOTHING: a
 * concurrent insert of the same id by another instance waits for that transaction and then counts
 * as a duplicate, and the common order rules out deadlocks between batches. Runs inside the caller's
 * transaction, which holds the round lock shared.
 * @param client - a connection inside a transaction.
 * @param s - the quoted schema.
 * @param open - the open round and how many reports it holds.
 * @param reports - the batch; a repeated id within it is a duplicate of its first occurrence.
 * @param maxReportsPerRound - fresh reports beyond the round's room come back `full`.
 * @returns one outcome per report, in order.
 */
export async function insertPostgresBatch(
  client: PoolClient,
  s: string,
  open: { round: number; openedAt: number; count: number },
  reports: readonly ValidReport[],
  maxReportsPerRound: number,
): Promise<InsertOutcome[]> {
  const firstById = new Map<string, ValidReport>();
  for (const report of reports) if (!firstById.has(report.id)) firstById.set(report.id, report);
  const candidates = [...firstById.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const inserted = await client.query<{ id: Buffer }>(
    `INSERT INTO ${s}.report_ids (id, round) SELECT unnest($1::bytea[]), $2::int ON CONFLICT DO NOTHING RETURNING id`,
    [candidates.map((r) => r.idBytes), open.round],
  );
  const fresh = new Set(inserted.rows.map((row) => row.id.toString('hex')));
  const room = Math.max(0, maxReportsPerRound - open.count);
  const accepted = candidates.filter((r) => fresh.has(r.id)).slice(0, room);
  const overflow = candidates.filter((r) => fresh.has(r.id)).slice(room);
  if (overflow.length > 0) {
    await client.query(`DELETE FROM ${s}.report_ids WHERE id = ANY($1::bytea[])`, [overflow.map((r) => r.idBytes)]);
  }
  if (accepted.length > 0) {
    const values: unknown[] = [];
    const rows = accepted.map((r, i) => {
      const { packed } = r;
      const data = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
      values.push(r.idBytes, open.round, r.baseVersion, r.gamma, r.clipNorm, r.sigma, r.mechanism, r.width, data);
      const p = i * 9;
      return `(${Array.from({ length: 9 }, (_, k) => `$${p + k + 1}`).join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${s}.reports (id, round, base_version, gamma, clip_norm, sigma, mechanism, width, data) VALUES ${rows.join(', ')}`,
      values,
    );
  }
  const acceptedIds = new Set(accepted.map((r) => r.id));
  const overflowIds = new Set(overflow.map((r) => r.id));
  return reports.map((report): InsertOutcome => {
    if (firstById.get(report.id) === report && acceptedIds.has(report.id)) return { status: 'accepted', round: open.round };
    if (firstById.get(report.id) === report && overflowIds.has(report.id)) {
      return { status: 'full', round: open.round, openedAt: open.openedAt };
    }
    return { status: 'duplicate' };
  });
}
