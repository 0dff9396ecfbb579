import type { Remote } from 'comlink';
import { PAGE_API_GLOBAL, type WorkerApi } from '../core/protocol/workerProtocol';
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
 * @param start - the handshake: resolves once the service answered (it is timed out by the caller).
 */
export async function connectWorker(url: URL, start: (connection: WorkerConnection) => Promise<void>): Promise<WorkerConnection> {
  try {
    const connection = await spawn(url);
    await start(connection).catch((error: unknown) => {
      connection.terminate();
      throw error;
    });
    return connection;
  } catch (error) {
    console.warn(`[tastebud] no Web Worker could start (${describeError(error)}); the profile runs on the page's main thread`);
    const connection = await loadIntoPage(new URL('tastebud.page.js', url));
    await start(connection);
    return connection;
  }
}

/** Starts the worker and waits until it fails or proves alive; CSP blocks surface asynchronously. */
function spawn(url: URL): Promise<WorkerConnection> {
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
    const fail = (reason: string) => {
      cleanup();
      worker.terminate();
      reject(startError(reason));
    };
    const onError = (event: Event) => fail((event as ErrorEvent).message || 'the worker script failed to load');
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.effectiveDirective === 'worker-src' || event.effectiveDirective === 'script-src')
        fail(`blocked by Content-Security-Policy ${event.effectiveDirective}`);
    };
    const onReady = (event: MessageEvent) => {
      if (event.data !== 'tastebud:ready') return;
      cleanup();
      resolve({ api: wrapWorker<WorkerApi>(worker), mode: 'worker', terminate: () => worker.terminate() });
    };
    const cleanup = () => {
      clearTimeout(timer);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('message', onReady);
      document.removeEventListener('securitypolicyviolation', onViolation);
      if (!sameOrigin) URL.revokeObjectURL(scriptUrl as string);
    };
    const timer = setTimeout(() => fail(`the worker did not start within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    worker.addEventListener('error', onError);
    worker.addEventListener('message', onReady);
    document.addEventListener('securitypolicyviolation', onViolation);
  });
}

/** The fallback: the worker's API as a classic page script (tastebud.page.js), talked to through a MessageChannel. */
function loadIntoPage(url: URL): Promise<WorkerConnection> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url.href;
    script.async = true;
    script.onload = () => {
      const port = (globalThis as Record<string, unknown>)[PAGE_API_GLOBAL] as MessagePort | undefined;
      if (!port) return reject(startError('the worker script did not start in the page'));
      resolve({ api: wrapWorker<WorkerApi>(port), mode: 'page', terminate: () => port.close() });
    };
    script.onerror = () => reject(startError(`could not load ${url.href}`));
    document.head.append(script);
  });
}

function startError(message: string): Error {
  return Object.assign(new Error(message), { name: 'WorkerStartError' });
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
