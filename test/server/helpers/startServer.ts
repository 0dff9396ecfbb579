import { createServer, type ServerOptions, type TastebudServer } from '../../../server/index';

/** An in-process server listening on a free port. */
export interface RunningServer {
  server: TastebudServer;
  url: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

/** Log entries are collected instead of printed. */
export const quietLog: NonNullable<ServerOptions['log']> = () => undefined;

/**
 * Starts a server on 127.0.0.1 with a free port.
 * @param options - server options (log defaults to quiet, rate limit off unless given).
 * @returns the server and fetch helpers.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = await createServer({ log: quietLog, rateLimit: false, ...options });
  const { url } = await server.listen(0, '127.0.0.1');
  return {
    server,
    url,
    post: (body, headers = {}) =>
      fetch(`${url}/v1/deltas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, headers = {}) => fetch(`${url}${path}`, { headers }),
  };
}
