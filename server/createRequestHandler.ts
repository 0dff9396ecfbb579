import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreflight, applyCors } from './applyCors';
import { handleModel } from './handleModel';
import { handleReport } from './handleReport';
import { handleRounds } from './handleRounds';
import { handleStats } from './handleStats';
import type { ServerContext } from './ServerContext';
import { sendJson } from './sendJson';

/** A request handler that reports whether the path was its own, and tracks requests in flight. */
export interface RequestHandler {
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Resolves when no request is being handled. */
  idle(): Promise<void>;
  /** Shutdown started: responses still to come close their connection, so keep-alive does not hold the process. */
  closeConnectionsAfterResponse(): void;
}

type Route = (ctx: ServerContext, req: IncomingMessage, res: ServerResponse) => Promise<void>;

const ROUTES: Record<string, { method: 'GET' | 'POST'; run: Route }> = {
  '/v1/model': { method: 'GET', run: handleModel },
  '/v1/deltas': { method: 'POST', run: handleReport },
  '/v1/stats': { method: 'GET', run: handleStats },
  '/v1/rounds': { method: 'GET', run: handleRounds },
  '/metrics': { method: 'GET', run: handleMetrics },
};

/**
 * Routes requests under `basePath` to the API. Requests are never logged with their address.
 * @param ctx - the server context.
 * @returns the handler.
 */
export function createRequestHandler(ctx: ServerContext): RequestHandler {
  const { basePath } = ctx.options;
  const active = new Set<ServerResponse>();
  let waiters: Array<() => void> = [];
  const done = (res: ServerResponse): void => {
    active.delete(res);
    if (active.size === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };

  return {
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (basePath !== '' && path !== basePath && !path.startsWith(`${basePath}/`)) return false;
      if (ctx.closing) res.setHeader('Connection', 'close');
      active.add(res);
      res.on('close', () => done(res));
      route(ctx, req, res, path.slice(basePath.length)).catch((error: unknown) => {
        ctx.options.log({ level: 'error', event: 'request-failed', error: String(error) });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.destroy();
      });
      return true;
    },
    idle() {
      return active.size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    closeConnectionsAfterResponse() {
      for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
  };
}

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const entry = ROUTES[path];
  if (!entry) {
    sendJson(res, 404, { error: `path: no such endpoint ${path}` });
    return;
  }
  const allowed = applyCors(req, res, ctx.options.corsOrigins);
  if (!allowed) {
    if (entry.method === 'POST') ctx.metrics.rejected('origin_not_allowed');
    sendJson(res, 403, { error: 'origin: not allowed by this server (--cors-origin)' });
    return;
  }
  if (req.method === 'OPTIONS') {
    answerPreflight(res);
    return;
  }
  if (req.method !== entry.method && !(entry.method === 'GET' && req.method === 'HEAD')) {
    sendJson(
      res,
      405,
      { error: `method: ${req.method ?? ''} not allowed, use ${entry.method}` },
      { Allow: `${entry.method}, OPTIONS` },
    );
    return;
  }
  if (ctx.closing && entry.method === 'POST') {
    sendJson(res, 503, { error: 'server: shutting down, retry later' }, { 'Retry-After': '5' });
    return;
  }
  await entry.run(ctx, req, res);
}

async function handleMetrics(ctx: ServerContext, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = ctx.metrics.render({
    modelVersion: Math.max(0, ctx.models.knownVersion()),
    storeBusySeconds: ctx.store.busySeconds?.(),
  });
  res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
