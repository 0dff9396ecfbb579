import type { IDBPDatabase } from 'idb';
import type { ProfileSnapshot } from '../../core/engine/Store';
import { CHUNK_SIZE, type GlobalRecord, PROFILE_STORES, type ProfileDb } from './profileDbSchema';
import { profileMetaRecord } from './profileMetaRecord';

/** What the database holds after the last successful write: the base the next write diffs against. */
export interface ProfileShadow {
  weights: Float32Array;
  names: Map<number, string>;
  global: GlobalRecord | null;
}

/**
 * Writes a snapshot in one readwrite transaction: the meta record always, and only the weight
 * chunks, names and global model that differ from `shadow`. Without a shadow (first write, or the
 * database may have changed behind our back) it replaces everything.
 * Every value is copied while the transaction is being filled, so the engine may keep learning
 * into its live arrays during the commit; a crash leaves the previous or the new state, never a mix.
 * @param db - the open profile database.
 * @param snapshot - the live profile.
 * @param shadow - what the last successful write left in the database, or `null` if unknown.
 * @param durability - `'strict'` to have the commit reach the disk before it resolves.
 * @param journalCovered - per sender, the highest event number the snapshot has learned: the journal
 *   records up to it are deleted in the same transaction.
 * @returns the shadow for the next write, once the transaction has committed (`shadow` updated in
 * place when given). Rejects with the transaction's error (e.g. `QuotaExceededError`).
 */
export async function writeProfile(
  db: IDBPDatabase<ProfileDb>,
  snapshot: ProfileSnapshot,
  shadow: ProfileShadow | null,
  durability: IDBTransactionDurability = 'default',
  journalCovered: ReadonlyArray<readonly [from: string, upTo: number]> = [],
): Promise<ProfileShadow> {
  const tx = db.transaction(PROFILE_STORES, 'readwrite', { durability });
  const meta = tx.objectStore('meta');
  const weightStore = tx.objectStore('weights');
  const nameStore = tx.objectStore('names');
  const base = shadow && shadow.weights.length === snapshot.weights.length ? shadow : null;
  const ops: Promise<unknown>[] = [];
  const chunks: Array<[start: number, copy: Float32Array]> = [];
  const namePuts: Array<[index: number, name: string]> = [];
  const nameDeletes: number[] = [];
  let global: GlobalRecord | null | undefined; // undefined: unchanged
  try {
    if (!base) ops.push(weightStore.clear(), nameStore.clear());
    const w = snapshot.weights;
    for (let start = 0, c = 0; start < w.length; start += CHUNK_SIZE, c++) {
      const end = Math.min(start + CHUNK_SIZE, w.length);
      if (base && !differs(w, base.weights, start, end)) continue;
      const copy = w.slice(start, end); // slice, not subarray: a view would clone the whole buffer
      ops.push(weightStore.put(copy, c));
      chunks.push([start, copy]);
    }
    for (const [index, name] of snapshot.names) {
      if (base?.names.get(index) === name) continue;
      ops.push(nameStore.put(name, index));
      namePuts.push([index, name]);
    }
    if (base) {
      for (const index of base.names.keys()) {
        if (snapshot.names.has(index)) continue;
        ops.push(nameStore.delete(index));
        nameDeletes.push(index);
      }
    }
    ops.push(meta.put(profileMetaRecord(snapshot), 'profile'));
    // The journaled batches this write covers go with it, atomically: learned once, kept once.
    for (const [from, upTo] of journalCovered)
      ops.push(tx.objectStore('journal').delete(IDBKeyRange.bound([from, -Infinity], [from, upTo])));
    if (!base || globalChanged(snapshot.global, base.global)) {
      global = snapshot.global ? { version: snapshot.global.version, weights: snapshot.global.weights.slice() } : null;
      ops.push(global ? meta.put(global, 'global') : meta.delete('global'));
    }
  } catch (error) {
    // A put that throws (DataCloneError, a closing connection) must not let the rest commit.
    abortQuietly(tx);
    throw error;
  } finally {
    void Promise.allSettled(ops); // tx.done carries the outcome; this marks each request handled
  }
  await tx.done;

  const next: ProfileShadow = base ?? { weights: new Float32Array(snapshot.weights.length), names: new Map(), global: null };
  for (const [start, copy] of chunks) next.weights.set(copy, start);
  for (const [index, name] of namePuts) next.names.set(index, name);
  for (const index of nameDeletes) next.names.delete(index);
  if (global !== undefined) next.global = global;
  return next;
}

function differs(a: Float32Array, b: Float32Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (a[i] !== b[i]) return true;
  return false;
}

function globalChanged(now: ProfileSnapshot['global'], written: GlobalRecord | null): boolean {
  if (!now || !written) return now !== written;
  return (
    now.version !== written.version ||
    differs(now.weights, written.weights, 0, Math.max(now.weights.length, written.weights.length))
  );
}

function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => {});
  try {
    tx.abort();
  } catch {
    // already aborting (a failed request): nothing of this transaction commits either way
  }
}
