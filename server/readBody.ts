import type { IncomingMessage } from 'node:http';

/** The outcome of {@link readBody}. */
export type BodyResult =
  | { ok: true; body: Buffer }
  /** Over the cap. `drained`: the rest was read and dropped, so the connection can stay open. */
  | { ok: false; reason: 'too_large'; drained: boolean }
  | { ok: false; reason: 'aborted' };

/**
 * Reads a request body up to `limit` bytes. Beyond it nothing more is kept; the rest is read and
 * dropped up to `drainLimit` (so the client reliably receives the 413 instead of a reset), and past
 * that the caller answers at once and closes the connection.
 * @param req - the request.
 * @param limit - largest body accepted.
 * @param drainLimit - largest body read to the end before refusing it.
 * @param declared - the Content-Length, if any: a body of that size is read straight into one buffer.
 * @returns the body, or why there is none.
 */
export function readBody(req: IncomingMessage, limit: number, drainLimit: number, declared = Number.NaN): Promise<BodyResult> {
  return new Promise((resolve) => {
    // With a Content-Length (node's parser enforces it) the chunks go straight into their place.
    const target = Number.isInteger(declared) && declared > 0 && declared <= limit ? Buffer.allocUnsafeSlow(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let filled = 0;
    req.on('data', (chunk: Buffer) => {
      if (size + chunk.length <= limit) {
        if (target && chunks.length === 0 && filled + chunk.length <= target.length) filled += chunk.copy(target, filled);
        else chunks.push(chunk);
      }
      size += chunk.length;
      if (size > drainLimit) {
        req.pause();
        settle({ ok: false, reason: 'too_large', drained: false });
      }
    });
    req.on('end', () => {
      if (size > limit) settle({ ok: false, reason: 'too_large', drained: true });
      else if (target && chunks.length === 0) settle({ ok: true, body: target.subarray(0, filled) });
      else settle({ ok: true, body: Buffer.concat(target ? [target.subarray(0, filled), ...chunks] : chunks, size) });
    });
    req.on('aborted', () => settle({ ok: false, reason: 'aborted' }));
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));
    req.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
