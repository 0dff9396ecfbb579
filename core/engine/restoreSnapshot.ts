import type { ProfileSnapshot } from './Store';
import type { Algorithm } from './types';

/** The name of errors about a stored profile the engine cannot use. */
export const CORRUPT_PROFILE = 'CorruptProfileError';

/**
 * Checks a stored snapshot before the engine trusts it (a store is an edge: data may be old,
 * from another configuration, or damaged).
 * @param snapshot - what the store returned.
 * @param expected - the engine's configuration.
 * @throws Error named `CorruptProfileError` saying what does not fit.
 */
export function restoreSnapshot(
  snapshot: ProfileSnapshot,
  expected: { algorithm: Algorithm; dimensions: number; sharedDimensions: number },
): void {
  const problem = snapshotProblem(snapshot, expected);
  if (problem) {
    const error = new Error(`stored profile unusable, starting a fresh one: ${problem}`);
    error.name = CORRUPT_PROFILE;
    throw error;
  }
}

function snapshotProblem(s: ProfileSnapshot, expected: { dimensions: number; sharedDimensions: number }): string | null {
  if (typeof s !== 'object' || s === null) return 'not an object';
  if (s.format !== 1) return `format ${String(s.format)} is not 1`;
  if (s.dimensions !== expected.dimensions || s.sharedDimensions !== expected.sharedDimensions) {
    return `dimensions ${s.sharedDimensions}+${s.dimensions} differ from the configured ${expected.sharedDimensions}+${expected.dimensions}`;
  }
  if (!(s.weights instanceof Float32Array) || s.weights.length !== expected.sharedDimensions + expected.dimensions) {
    return 'weights is not a Float32Array of the configured length';
  }
  if (!(s.scale > 0 && Number.isFinite(s.scale))) return 'scale is not a finite number > 0';
  for (let i = 0; i < s.weights.length; i++) if (!Number.isFinite(s.weights[i])) return `weights[${i}] is not finite`;
  if (!Number.isInteger(s.events) || s.events < 0) return 'events is not a count';
  if (s.updatedAt !== null && !Number.isFinite(s.updatedAt)) return 'updatedAt is not a timestamp';
  if (!(s.names instanceof Map)) return 'names is not a Map';
  if (s.global !== null) {
    if (!Number.isInteger(s.global.version)) return 'global.version is not an integer';
    if (!(s.global.weights instanceof Float32Array) || s.global.weights.length !== expected.sharedDimensions) {
      return 'global.weights is not a Float32Array of length sharedDimensions';
    }
  }
  return null;
}
