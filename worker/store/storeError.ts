/**
 * An `Error` whose kind is in `name` (errors cross the worker boundary as plain objects, where
 * `instanceof` of a subclass would not survive).
 * @param name - the kind, e.g. `'CorruptProfileError'` or `'QuotaExceededError'`.
 * @param message - what happened, naming the record or operation.
 * @param cause - the underlying error, if any.
 * @returns the error.
 */
export function storeError(name: string, message: string, cause?: unknown): Error {
  const error = cause === undefined ? new Error(message) : new Error(message, { cause });
  error.name = name;
  return error;
}
