import { proxy } from 'comlink';
import { validateEvent } from '../worker/engine/validateEvent';
import { validateItem } from '../worker/engine/validateItem';
import type { ServiceNotice } from '../worker/protocol';
import { createEmitter } from './createEmitter';
import { startWorker } from './startWorker';
import type { Item, Tastebud, TastebudError, TastebudEvents, TastebudOptions, TrackEvent } from './types';

/** How long the page waits for the worker to start before giving up loudly. */
const START_TIMEOUT_MS = 10_000;

/**
 * Creates the SDK: starts the worker that learns and stores the profile, and returns the API.
 * @param options - model, storage name, worker URL.
 * @returns the started instance.
 */
export async function createTastebud(options: TastebudOptions = {}): Promise<Tastebud> {
  const { storageName = 'tastebud', model = {} } = options;
  const workerUrl = options.workerUrl ?? new URL('./tastebud.worker.js', import.meta.url);
  const emitter = createEmitter<TastebudEvents>();
  const worker = startWorker(workerUrl);
  const { api } = worker;
  let queue: TrackEvent[] = [];
  let sendScheduled = false;
  let destroyed = false;

  // Errors raised before anyone listens (a corrupt profile found while starting) wait for the
  // first `on('error')` listener instead of vanishing.
  let unheardErrors: TastebudError[] | null = [];
  const reportError = (error: TastebudError) => {
    if (unheardErrors) {
      console.warn(`[tastebud] ${error.name}: ${error.message}`);
      if (unheardErrors.length < 20) unheardErrors.push(error);
    } else emitter.emit('error', error);
  };
  const onNotice = (notice: ServiceNotice) => {
    if (notice.kind === 'error') reportError({ name: notice.name, message: notice.message });
    else if (notice.kind === 'profile') api.profile().then((p) => emitter.emit('profile', p), reportFailure);
  };
  function reportFailure(error: unknown): void {
    const e = error as Error;
    reportError({ name: e?.name ?? 'Error', message: e?.message ?? String(error) });
  }

  await withTimeout(api.init({ storageName, model, writeDelayMs: 500 }, proxy(onNotice)), START_TIMEOUT_MS, () =>
    worker.terminate(),
  );
  requestPersistence();

  /** Sends the queued events as one message (events arrive in the worker in batches). */
  function send(): void {
    sendScheduled = false;
    if (queue.length === 0 || destroyed) return;
    const batch = queue;
    queue = [];
    api.track(batch).catch(reportFailure);
  }

  const flushOnHide = () => {
    if (document.visibilityState === 'hidden') void instance.flush().catch(reportFailure);
  };
  const flushOnPageHide = () => void instance.flush().catch(reportFailure);
  addEventListener('pagehide', flushOnPageHide);
  document.addEventListener('visibilitychange', flushOnHide);

  const instance: Tastebud = {
    track(event) {
      const problem = validateEvent(event);
      if (problem) throw new TypeError(`[tastebud] track(): ${problem}`);
      queue.push(event.ts === undefined ? { ...event, ts: Date.now() } : event);
      if (!sendScheduled) {
        sendScheduled = true;
        queueMicrotask(send);
      }
    },
    rank: (items) => api.rank(checkItems(items, 'rank')),
    recommend(items, k) {
      if (!Number.isInteger(k) || k < 0)
        throw new TypeError(`[tastebud] recommend(): k must be an integer >= 0, got ${String(k)}`);
      return api.recommend(checkItems(items, 'recommend'), k);
    },
    explain(item) {
      const problem = validateItem(item);
      if (problem) throw new TypeError(`[tastebud] explain(): ${problem}`);
      return api.explain(item);
    },
    profile: () => api.profile(),
    async forget() {
      queue = [];
      await api.forget();
    },
    async flush() {
      send();
      await api.flush();
    },
    on(name, listener) {
      const off = emitter.on(name, listener);
      if (name === 'error' && unheardErrors) {
        const heard = unheardErrors;
        unheardErrors = null;
        for (const error of heard) emitter.emit('error', error);
      }
      return off;
    },
    async destroy() {
      if (destroyed) return;
      await instance.flush().catch(reportFailure);
      destroyed = true;
      removeEventListener('pagehide', flushOnPageHide);
      document.removeEventListener('visibilitychange', flushOnHide);
      await api.close().catch(() => {});
      worker.terminate();
      emitter.clear();
    },
  };
  return instance;
}

/**
 * Asks the browser to keep the profile under storage pressure (Chromium grants it to sites the
 * shopper engages with; Firefox may ask). Only the page can ask: `persist()` is not in workers.
 */
function requestPersistence(): void {
  navigator.storage?.persist?.().catch(() => {
    /* refused or unsupported: the profile is kept best-effort, like any site data */
  });
}

function checkItems(items: Item[], method: string): Item[] {
  if (!Array.isArray(items)) throw new TypeError(`[tastebud] ${method}(): items must be an array`);
  for (let i = 0; i < items.length; i++) {
    const problem = validateItem(items[i], `items[${i}]`);
    if (problem) throw new TypeError(`[tastebud] ${method}(): ${problem}`);
  }
  return items;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(Object.assign(new Error(`[tastebud] the worker did not start within ${ms} ms`), { name: 'WorkerStartError' }));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
