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
 * @returns the body, or why there is none.
 */
export function readBody(req: IncomingMessage, limit: number, drainLimit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > drainLimit) {
        req.pause();
        settle({ ok: false, reason: 'too_large', drained: false });
      }
    });
    req.on('end', () => {
      settle(size <= limit ? { ok: true, body: Buffer.concat(chunks, size) } : { ok: false, reason: 'too_large', drained: true });
    });
    req.on('aborted', () => settle({ ok: false, reason: 'aborted' }));
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));
    req.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
