import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Sets the CORS headers for an allowed origin. Same-origin requests (Origin matches Host) and requests
 * without an Origin (servers, curl) need none. Credentials are never allowed: reports carry no cookies.
 * @param req - the request.
 * @param res - the response to decorate.
 * @param origins - allowed origins, or ['*'].
 * @returns false when a browser on another origin not in the list sent the request.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origins.length > 0) res.setHeader('Vary', 'Origin');
  if (origin === undefined) return true;
  const allowed = origins.includes('*') || origins.includes(origin);
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', origins.includes('*') ? '*' : origin);
    res.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After');
    return true;
  }
  return isSameOrigin(origin, req.headers.host);
}

/**
 * Answers a CORS preflight for an allowed origin.
 * @param res - the response.
 */
export function answerPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
