import type { Remote } from 'comlink';
import type { ServiceNotice } from '../../core/protocol/workerProtocol';

/** What a worker or a MessagePort offers: enough to post and listen. */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
}

type Wire = { type: 'RAW'; value: unknown } | { type: 'HANDLER'; name: string; value: unknown };

/**
 * The page's side of the worker boundary: calls methods of an object the worker exposed with
 * comlink's `expose`, speaking comlink's message protocol (APPLY requests, RAW and `throw`
 * answers). comlink's own `wrap` is general (properties, construction, nested proxies) and costs
 * 1.6 KB min+gzip of the script tag's 6 KB budget; the page needs method calls, which this does in a
 * fraction of that. The worker keeps comlink's `expose`; its notices come as plain messages.
 * @param endpoint - the Worker, or a MessagePort in the page fallback.
 * @param onNotice - told each `{ notice }` message the worker posts.
 * @returns a proxy whose every method returns a promise of the worker's answer.
 */
export function wrapWorker<T>(endpoint: Endpoint, onNotice: (notice: ServiceNotice) => void): Remote<T> {
  const pending = new Map<string, [(value: unknown) => void, (error: Error) => void]>();
  let nextId = 0;
  endpoint.addEventListener('message', ({ data }) => {
    if (data?.notice) onNotice(data.notice);
    const waiting = data && pending.get(data.id);
    if (!waiting) return;
    pending.delete(data.id);
    const wire = data as Wire;
    if (wire.type === 'HANDLER' && wire.name === 'throw') {
      const thrown = wire.value as { isError: boolean; value: { name: string; message: string } };
      waiting[1](
        thrown.isError
          ? Object.assign(new Error(thrown.value.message), { name: thrown.value.name })
          : (thrown.value as unknown as Error),
      );
    } else waiting[0](wire.value);
  });
  endpoint.start?.();
  return new Proxy({} as Remote<T>, {
    get: (_, name) => (name === 'then' ? undefined : (...args: unknown[]) => call(String(name), args)),
  });

  function call(name: string, args: unknown[]): Promise<unknown> {
    const id = `${++nextId}`;
    const argumentList = args.map((value): Wire => ({ type: 'RAW', value }));
    return new Promise((resolve, reject) => {
      pending.set(id, [resolve, reject]);
      endpoint.postMessage({ id, type: 'APPLY', path: [name], argumentList });
    });
  }
}
