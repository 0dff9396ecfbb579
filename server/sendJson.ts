import type { ServerResponse } from 'node:http';

/**
 * Sends a JSON response that no cache keeps.
 * @param res - the response.
 * @param status - HTTP status.
 * @param body - serialised with JSON.stringify.
 * @param headers - extra headers (Retry-After, Connection…).
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
