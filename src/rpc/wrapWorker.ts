import type { Remote } from 'comlink';

/** What a worker or a MessagePort offers: enough to post and listen. */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
}

type Wire = { type: 'RAW'; value: unknown } | { type: 'HANDLER'; name: string; value: unknown };

const PROXIED = new WeakSet<object>();

/**
 * Marks a callback to be passed by reference (the worker calls it back), like comlink's `proxy`.
 * @param callback - a function the worker may call; its result is not awaited by the worker.
 */
export function callback<F extends (...args: never[]) => unknown>(fn: F): F {
  PROXIED.add(fn);
  return fn;
}

/**
 * The page's side of the worker boundary: calls methods of an object the worker exposed with
 * comlink's `expose`, speaking comlink's message protocol (APPLY requests, RAW and `throw`
 * answers, `proxy` callbacks). comlink's own `wrap` is general (properties, construction, nested
 * proxies) and costs 1.6 KB min+gzip of the script tag's 6 KB budget; the page needs method calls
 * and one callback, which this does in a fraction of that. The worker keeps comlink's `expose`.
 * @param endpoint - the Worker, or a MessagePort in the page fallback.
 * @returns a proxy whose every method returns a promise of the worker's answer.
 */
export function wrapWorker<T>(endpoint: Endpoint): Remote<T> {
  const pending = new Map<string, [(value: unknown) => void, (error: Error) => void]>();
  let nextId = 0;
  endpoint.addEventListener('message', ({ data }) => {
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
    const transfer: Transferable[] = [];
    const argumentList = args.map((value): Wire => {
      if (typeof value !== 'function' || !PROXIED.has(value)) return { type: 'RAW', value };
      const { port1, port2 } = new MessageChannel();
      port1.addEventListener('message', ({ data }) => {
        if (data?.type === 'RELEASE') port1.close();
        if (data?.type !== 'APPLY') return;
        (value as (...a: unknown[]) => unknown)(...(data.argumentList as Wire[]).map((w) => w.value));
        port1.postMessage({ id: data.id, type: 'RAW', value: undefined });
      });
      port1.start();
      transfer.push(port2);
      return { type: 'HANDLER', name: 'proxy', value: port2 };
    });
    return new Promise((resolve, reject) => {
      pending.set(id, [resolve, reject]);
      endpoint.postMessage({ id, type: 'APPLY', path: [name], argumentList }, transfer);
    });
  }
}
