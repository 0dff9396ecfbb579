import { storeError } from './storeError';

/** Names browsers give a write that does not fit (Firefox used its own before `QuotaExceededError`). */
const QUOTA_NAMES = ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'];

/**
 * The error reported when a profile write failed: `QuotaExceededError` for a full disk, whatever
 * IndexedDB said otherwise (`VersionError`, `UnknownError`, …), with the cause attached.
 * @param cause - what the transaction rejected with (`tx.error`, or a request's error).
 * @param retryMs - when the store tries again.
 * @returns a plain `Error` carrying the kind in `name`.
 */
export function writeFailure(cause: unknown, retryMs: number): Error {
  const name = cause instanceof Error || cause instanceof DOMException ? cause.name : 'UnknownError';
  const retry = `kept in memory, retrying in ${retryMs / 1000} s`;
  if (QUOTA_NAMES.includes(name)) {
    return storeError('QuotaExceededError', `storage is full, the profile was not saved (${retry})`, cause);
  }
  return storeError(name, `saving the profile failed: ${String(cause)} (${retry})`, cause);
}
