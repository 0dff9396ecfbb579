import { buildProfileSummary, NOTHING_LEARNED } from '../core/engine/buildProfileSummary';
import { validateEvent } from '../core/engine/validateEvent';
import { unspentPrivacy } from '../core/privacy/PrivacyStatus';
import { privacyWithDefaults } from '../core/privacy/resolvePrivacy';
import type { ServiceNotice } from '../core/protocol/workerProtocol';
import { startCapture } from './capture/startCapture';
import { checkOptions } from './checkInput';
import { connectWorker, type WorkerConnection } from './connectWorker';
import { createEmitter } from './createEmitter';
import { createGuard } from './guards/createGuard';
import type { Consent, Tastebud, TastebudError, TastebudEvents, TastebudOptions, TrackEvent } from './types';

/** How long the page waits for the worker (or its fallback) to answer before giving up loudly. */
const CALL_TIMEOUT_MS = 15_000;

/**
 * Creates the SDK. With consent `'pending'` (the default) nothing is captured, stored or sent and no
 * worker starts; `setConsent('granted')` starts the worker (which learns and stores the profile) and
 * autocapture.
 * @param options - endpoint, consent, autocapture, model, privacy, storage name, worker URL.
 * @returns the instance.
 * @throws TypeError naming the option when an option is malformed.
 */
export async function createTastebud(options: TastebudOptions = {}): Promise<Tastebud> {
  checkOptions(options);
  const { storageName = 'tastebud', model = {}, autocapture = true, debug = false, automation = 'local' } = options;
  const automated = navigator.webdriver === true && automation !== 'person';
  const workerUrl = new URL(options.workerUrl ?? new URL('./tastebud.worker.js', import.meta.url), location.href);
  const sync = options.endpoint
    ? {
        endpoint: new URL(options.endpoint, location.href).href.replace(/\/+$/, ''),
        intervalMs: options.syncIntervalMs ?? 6048e5, // 7 days
        moduleUrl: new URL('tastebud.sync.js', workerUrl).href,
      }
    : undefined;
  const emitter = createEmitter<TastebudEvents>();
  const guard = createGuard({ isAutomated: () => automated && automation === 'ignore' });
  let consent: Consent = options.consent ?? 'pending';
  let connection: Promise<WorkerConnection> | null = null;
  let capture: ReturnType<typeof startCapture> | null = null;
  let queue: TrackEvent[] = [];
  let sendScheduled = false;
  let destroyed = false;
  let invalid = 0; // malformed or oversized cards autocapture skipped
  // Errors raised before anyone listens (a corrupt profile found while starting) wait for the
  // first `on('error')` listener instead of vanishing.
  let unheardErrors: TastebudError[] | null = [];

  const reportError = (error: TastebudError) => {
    if (unheardErrors) {
      console.warn(`[tastebud] ${error.name}: ${error.message}`);
      if (unheardErrors.length < 20) unheardErrors.push(error);
    } else emitter.emit('error', error);
  };
  const reportFailure = (error: unknown) => {
    const e = error as Partial<Error> | undefined;
    reportError({ name: e?.name ?? 'Error', message: e?.message ?? String(error) });
  };
  const onNotice = (notice: ServiceNotice) => {
    if (notice.kind === 'error') reportError({ name: notice.name, message: notice.message });
    else if (notice.kind === 'sync') emitter.emit('sync', notice.result);
    // A profile is read from the worker only for someone who listens: each read queues behind learning.
    else if (notice.kind === 'profile' && emitter.has('profile'))
      instance.profile().then((p) => emitter.emit('profile', p), reportFailure);
  };

  /** The worker, started on first need once consent is granted. */
  function connect(): Promise<WorkerConnection> {
    connection ??= connectWorker(workerUrl, onNotice, (c) =>
      timed(
        c.api.init({ storageName, model, privacy: options.privacy ?? {}, writeDelayMs: 0, sync, automated }),
        'the worker did not start',
      ),
    );
    return connection;
  }

  function timed<T>(promise: Promise<T>, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(Object.assign(new Error(`[tastebud] ${what} within ${CALL_TIMEOUT_MS} ms`), { name: 'TimeoutError' })),
        CALL_TIMEOUT_MS,
      );
      promise.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  /** Calls the worker if consent allows one, else answers as an empty profile would. */
  async function call<T>(method: (c: WorkerConnection) => Promise<T>, withoutProfile: () => T): Promise<T> {
    if (consent !== 'granted' || destroyed) return withoutProfile();
    return timed(connect().then(method), 'the profile did not answer');
  }

  /** Sends the queued events as one message: a burst of events is one message to the worker. */
  function send(): void {
    sendScheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    connect()
      .then((c) => c.api.track(batch))
      .catch(reportFailure);
  }

  function accept(event: TrackEvent, trusted = false): void {
    if (consent !== 'granted' || destroyed || !guard.admit(event, trusted)) {
      if (debug) console.debug('[tastebud] dropped', event);
      return;
    }
    queue.push(event.ts === undefined ? { ...event, ts: Date.now() } : event);
    if (!sendScheduled) {
      sendScheduled = true;
      queueMicrotask(send);
    }
  }

  const flushQuietly = () => void instance.flush().catch(reportFailure);
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flushQuietly();
  };
  addEventListener('pagehide', flushQuietly);
  document.addEventListener('visibilitychange', onVisibility);

  // Consent withdrawn in one tab stops every tab of the shop.
  const consentChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`tastebud:${storageName}:consent`) : null;
  consentChannel?.addEventListener('message', (event: MessageEvent) => {
    if (event.data === 'denied') void withdraw().catch(reportFailure);
  });

  function grant(): void {
    consent = 'granted';
    if (autocapture && !capture) {
      capture = startCapture({
        emit: (event) => accept(event),
        onProblem: (message) => {
          invalid++;
          if (debug) console.debug(message); // capture prefixes its messages with [tastebud]
        },
      });
    }
    void connect().catch(reportFailure);
  }

  /** Stops capturing and erases the profile, the queue and the database. */
  async function withdraw(): Promise<void> {
    consent = 'denied';
    capture?.stop();
    capture = null;
    queue = [];
    const running = connection;
    connection = null;
    if (running) {
      const c = await running;
      await c.api.forget().catch(reportFailure);
      await c.api.close().catch(() => {});
      c.terminate();
    } else await deleteDatabase(storageName);
  }

  const instance: Tastebud = {
    track(event) {
      const problem = validateEvent(event);
      if (problem) throw new TypeError(`[tastebud] track(): ${problem}`);
      accept(event, true);
    },
    // Items are validated where they are featurised, in the worker; its TypeError names the field.
    rank: (items) =>
      call(
        (c) => c.api.rank(items),
        () => items.map((item) => ({ item, score: 0 })),
      ),
    recommend: (items, k) =>
      call(
        (c) => c.api.recommend(items, k),
        () => items.slice(0, k),
      ),
    explain: (item) =>
      call(
        (c) => c.api.explain(item),
        () => [],
      ),
    profile: () =>
      call(
        (c) => c.api.profile(),
        () =>
          buildProfileSummary(
            NOTHING_LEARNED,
            { privacy: unspentPrivacy(privacyWithDefaults(options.privacy)), lastSyncAt: null },
            'memory',
          ),
      ),
    async setConsent(state) {
      if (state !== 'granted' && state !== 'denied')
        throw new TypeError(`[tastebud] setConsent(): state must be 'granted' or 'denied', got ${String(state)}`);
      if (state === 'granted') return grant();
      consentChannel?.postMessage('denied');
      await withdraw();
    },
    async forget(options) {
      queue = [];
      await call(
        (c) => c.api.forget(options),
        () => deleteDatabase(storageName),
      );
    },
    async flush() {
      send();
      await call(
        (c) => c.api.flush(),
        () => undefined,
      );
    },
    // The worker tells on('sync') about each attempt; it answers 'no endpoint' itself.
    sync: () =>
      call(
        (c) => c.api.sync(),
        () => ({ sent: false, reason: 'no consent' }),
      ),
    on(name, listener) {
      const off = emitter.on(name, listener);
      if (name === 'error' && unheardErrors) {
        const heard = unheardErrors;
        unheardErrors = null;
        for (const error of heard) emitter.emit('error', error);
      }
      return off;
    },
    stats: () => ({ ...guard.stats(), invalid }),
    async destroy() {
      if (destroyed) return;
      capture?.stop();
      await instance.flush().catch(reportFailure);
      destroyed = true;
      removeEventListener('pagehide', flushQuietly);
      document.removeEventListener('visibilitychange', onVisibility);
      consentChannel?.close();
      const running = connection;
      connection = null;
      if (running) {
        const c = await running.catch(() => null);
        await c?.api.close().catch(() => {});
        c?.terminate();
      }
      emitter.clear();
    },
  };

  if (consent === 'granted') grant();
  else if (consent === 'denied') await deleteDatabase(storageName); // a denial also erases what an earlier visit stored
  return instance;
}

/** Deletes the profile database without a worker (consent denied before one started). */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve();
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
