import type { Remote } from 'comlink';
import { PAGE_API_GLOBAL, type ServiceNotice, type WorkerApi } from '../core/protocol/workerProtocol';
import { wrapWorker } from './rpc/wrapWorker';

/** The profile service as the page talks to it: in a Web Worker, or (CSP fallback) in the page. */
export interface WorkerConnection {
  api: Remote<WorkerApi>;
  /** Where the engine runs. `'page'` only when the Content-Security-Policy forbids workers. */
  mode: 'worker' | 'page';
  terminate(): void;
}

/** How long a worker may take to load and say it is alive before the page gives up on it. */
const READY_TIMEOUT_MS = 8_000;

/**
 * Starts the worker script. Same-origin: a classic worker. Cross-origin (a CDN): a same-origin Blob
 * "trampoline" that `importScripts` the real script, because `new Worker()` refuses other origins.
 * If no worker can run (a CSP `worker-src` that forbids it, or a broken script), the same API is
 * loaded into the page (tastebud.page.js) and runs there, with a warning: slower for the page, but the SDK keeps working.
 * @param url - the worker script (absolute).
 * @param onNotice - told each notice the service sends the page.
 * @param start - the handshake: resolves once the service answered (it is timed out by the caller).
 */
export async function connectWorker(
  url: URL,
  onNotice: (notice: ServiceNotice) => void,
  start: (connection: WorkerConnection) => Promise<void>,
): Promise<WorkerConnection> {
  try {
    const connection = await spawn(url, onNotice);
    await start(connection).catch((error: unknown) => {
      connection.terminate();
      throw error;
    });
    return connection;
  } catch (error) {
    console.warn(`[tastebud] no Web Worker could start (${error}); the profile runs on the page's main thread`);
    const connection = await loadIntoPage(new URL('tastebud.page.js', url), onNotice);
    await start(connection);
    return connection;
  }
}

/** Starts the worker and waits until it fails or proves alive; CSP blocks surface asynchronously. */
function spawn(url: URL, onNotice: (notice: ServiceNotice) => void): Promise<WorkerConnection> {
  return new Promise((resolve, reject) => {
    const sameOrigin = url.origin === location.origin;
    const scriptUrl = sameOrigin
      ? url
      : URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(url.href)})`], { type: 'text/javascript' }));
    let worker: Worker;
    try {
      worker = new Worker(scriptUrl);
    } catch (error) {
      reject(error); // a CSP that forbids workers throws here in some browsers
      return;
    }
    const listening = new AbortController();
    const cleanup = () => {
      clearTimeout(timer);
      listening.abort();
      if (!sameOrigin) URL.revokeObjectURL(scriptUrl as string);
    };
    const fail = (reason: string) => {
      cleanup();
      worker.terminate();
      reject(startError(reason));
    };
    const on = <E extends Event>(target: EventTarget, type: string, listener: (event: E) => void) =>
      target.addEventListener(type, listener as EventListener, { signal: listening.signal });
    on<ErrorEvent>(worker, 'error', (event) => fail(event.message || 'the worker script failed to load'));
    // Some browsers report a CSP-blocked worker only as a violation of the page's policy.
    on<SecurityPolicyViolationEvent>(document, 'securitypolicyviolation', ({ effectiveDirective }) => {
      if (effectiveDirective === 'worker-src' || effectiveDirective === 'script-src')
        fail(`blocked by Content-Security-Policy ${effectiveDirective}`);
    });
    on<MessageEvent>(worker, 'message', ({ data }) => {
      if (data !== 'tastebud:ready') return;
      cleanup();
      resolve({ api: wrapWorker<WorkerApi>(worker, onNotice), mode: 'worker', terminate: () => worker.terminate() });
    });
    const timer = setTimeout(() => fail(`the worker did not start within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
  });
}

/**
 * The fallback: the worker's API as a page script (tastebud.page.js, an IIFE that sets a global port),
 * loaded with `import()` like any script the page's CSP allows, and talked to through a MessageChannel.
 */
async function loadIntoPage(url: URL, onNotice: (notice: ServiceNotice) => void): Promise<WorkerConnection> {
  await import(/* @vite-ignore */ url.href).catch(() => {
    throw startError(`could not load ${url.href}`);
  });
  const port = (globalThis as Record<string, unknown>)[PAGE_API_GLOBAL] as MessagePort | undefined;
  if (!port) throw startError('the worker script did not start in the page');
  return { api: wrapWorker<WorkerApi>(port, onNotice), mode: 'page', terminate: () => port.close() };
}

function startError(message: string): Error {
  return Object.assign(new Error(message), { name: 'WorkerStartError' });
}
