import { CORRUPT_PROFILE } from '../../core/engine/restoreSnapshot';
import type { ProfileSnapshot } from '../../core/engine/Store';
import type { Algorithm } from '../../core/engine/types';
import type { ProfileRecords } from './readProfileRecords';
import { storeError } from './storeError';

const ALGORITHMS: readonly Algorithm[] = ['pa', 'pa1', 'pa2'];
const MAX_DIMENSIONS = 2 ** 30;

/**
 * Checks the stored records and assembles the snapshot (IndexedDB is an edge: data may be old,
 * written by another version, or damaged).
 * @param records - what `readProfileRecords` returned.
 * @returns the snapshot (fresh arrays and Map) and the chunk size it was written with, or `null`
 * when nothing is stored.
 * @throws Error named `CorruptProfileError` naming the first bad record.
 */
export function snapshotFromRecords(records: ProfileRecords): { snapshot: ProfileSnapshot; chunkSize: number } | null {
  const { meta, global, chunkKeys, chunks, nameKeys, names } = records;
  if (meta === undefined && global === undefined && chunks.length === 0 && names.length === 0) return null;
  if (!isObject(meta)) throw corrupt("meta 'profile' record is missing");
  const m = meta as Record<string, unknown>;
  const bad = (field: string, what: string) => corrupt(`meta 'profile' record: ${field} ${what}`);
  if (m.format !== 1) throw bad('format', 'is not 1');
  if (!ALGORITHMS.includes(m.algorithm as Algorithm)) throw bad('algorithm', `is not one of ${ALGORITHMS.join(', ')}`);
  for (const field of ['sharedDimensions', 'dimensions', 'chunkSize']) {
    const value = m[field];
    if (!(Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_DIMENSIONS))
      throw bad(field, 'is not a size');
  }
  if (!(typeof m.scale === 'number' && m.scale > 0 && Number.isFinite(m.scale))) throw bad('scale', 'is not a finite number > 0');
  if (!(Number.isInteger(m.events) && (m.events as number) >= 0)) throw bad('events', 'is not a count');
  if (m.updatedAt !== null && !Number.isFinite(m.updatedAt)) throw bad('updatedAt', 'is not null or a timestamp');
  if (m.applied !== undefined && !isTable(m.applied)) throw bad('applied', 'is not a table of numbers');

  const shared = m.sharedDimensions as number;
  const total = shared + (m.dimensions as number);
  const chunkSize = m.chunkSize as number;
  const count = Math.ceil(total / chunkSize);
  if (chunks.length !== count) throw corrupt(`weights store has ${chunks.length} chunks, expected ${count}`);
  const weights = new Float32Array(total);
  for (let c = 0; c < count; c++) {
    const chunk = chunks[c];
    const length = Math.min(chunkSize, total - c * chunkSize);
    if (chunkKeys[c] !== c || !(chunk instanceof Float32Array) || chunk.length !== length || firstNonFinite(chunk) >= 0)
      throw corrupt(`weights chunk ${c} is not ${length} finite floats under key ${c}`);
    weights.set(chunk, c * chunkSize);
  }

  const nameMap = new Map<number, string>();
  for (let n = 0; n < names.length; n++) {
    const index = nameKeys[n];
    const name = names[n];
    if (!(Number.isInteger(index) && (index as number) >= 0 && (index as number) < total && typeof name === 'string'))
      throw corrupt(`names record ${String(index)} is not a string under a feature index`);
    nameMap.set(index as number, name);
  }

  let globalModel: ProfileSnapshot['global'] = null;
  if (global !== undefined) {
    const g = (isObject(global) ? global : {}) as Record<string, unknown>;
    if (
      !(Number.isInteger(g.version) && (g.version as number) >= 0) ||
      !(g.weights instanceof Float32Array) ||
      g.weights.length !== shared ||
      firstNonFinite(g.weights) >= 0
    )
      throw corrupt("meta 'global' record is not a version and sharedDimensions finite weights");
    globalModel = { version: g.version as number, weights: Float32Array.from(g.weights) };
  }

  const snapshot: ProfileSnapshot = {
    format: 1,
    algorithm: m.algorithm as Algorithm,
    sharedDimensions: shared,
    dimensions: m.dimensions as number,
    weights,
    scale: m.scale,
    events: m.events as number,
    updatedAt: m.updatedAt as number | null,
    names: nameMap,
    global: globalModel,
  };
  if (m.applied !== undefined) snapshot.applied = { ...(m.applied as Record<string, number>) };
  return { snapshot, chunkSize };
}

function corrupt(problem: string): Error {
  return storeError(CORRUPT_PROFILE, `stored profile unusable, starting a fresh one: ${problem}`);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isTable(value: unknown): boolean {
  return isObject(value) && !Array.isArray(value) && Object.values(value).every((v) => Number.isFinite(v));
}

function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}
