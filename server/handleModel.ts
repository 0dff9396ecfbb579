import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from './ServerContext';

/**
 * `GET /v1/model`: the current global model, with a strong ETag and 304 for a matching If-None-Match.
 * @param ctx - the server context.
 * @param req - the request.
 * @param res - the response.
 */
export async function handleModel(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const model = await ctx.models.current();
  // no-cache: caches may keep the model but must revalidate, which costs a 304 once a version is known.
  const headers = { ETag: model.etag, 'Cache-Control': 'no-cache' };
  if (matchesEtag(req.headers['if-none-match'], model.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(model.body.length),
  });
  res.end(model.body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
