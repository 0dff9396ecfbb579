import { request } from 'node:http';

/** A POST of which only the headers and half the body were sent: a report in flight. */
export interface HalfSentReport {
  /** Resolves with the answer once it comes (after `finish`), rejects when the connection dies. */
  answer: Promise<{ status: number; body: string }>;
  /** Sends the rest of the body. */
  finish(): void;
}

/**
 * Starts `POST {url}/v1/deltas` with a Content-Length for the whole body and sends half of it.
 * @param url - the server's base URL.
 * @param body - the whole JSON body.
 * @param headers - extra request headers.
 * @returns the request in flight.
 */
export function halfSentReport(url: string, body: string, headers: Record<string, string> = {}): HalfSentReport {
  const bytes = Buffer.from(body);
  const req = request(`${url}/v1/deltas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, bytes.length >> 1));
  return { answer, finish: () => req.end(bytes.subarray(bytes.length >> 1)) };
}
