// The Web Worker entry (dist/tastebud.worker.js): hosts the engine and the profile store behind comlink.
import { expose, transfer } from 'comlink';
import { browserEnvironment } from './browserEnvironment';
import { createProfileService, type ProfileService } from './createProfileService';
import type { Contribution, Item, ProfileSummary, RankedItem, TrackEvent } from './engine/types';
import { PAGE_API_GLOBAL, type ServiceConfig, type ServiceNotice } from './protocol';

let service: ProfileService | null = null;

function started(): ProfileService {
  if (!service) throw Object.assign(new Error('the worker was not initialised'), { name: 'NotInitialisedError' });
  return service;
}

const api = {
  /** Starts the profile service; `notify` is a comlink proxy back to the page. */
  async init(config: ServiceConfig, notify: (notice: ServiceNotice) => void): Promise<void> {
    service ??= await createProfileService(browserEnvironment(), config, (notice) => {
      notify(notice);
    });
  },
  /** A batch of events the page validated. */
  track(events: TrackEvent[]): void {
    started().track(events);
  },
  flush: (): Promise<void> => started().flush(),
  rank: (items: Item[]): Promise<RankedItem[]> => started().read('rank', [items]),
  recommend: (items: Item[], k: number): Promise<Item[]> => started().read('recommend', [items, k]),
  explain: (item: Item): Promise<Contribution[]> => started().read('explain', [item]),
  profile: (): Promise<ProfileSummary> => started().read('profile', []),
  /** The shared-part weights, transferred (not copied) to the page. */
  async sharedWeights(): Promise<Float32Array> {
    const weights = await started().read('sharedWeights', []);
    return transfer(weights, [weights.buffer]);
  },
  forget: (): Promise<void> => started().forget(),
  close(): void {
    service?.close();
    service = null;
  },
};

const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function';
if (inWorker) {
  expose(api);
  postMessage('tastebud:ready'); // lets the page tell a started worker from one a CSP blocked
} else {
  // Loaded into a page as the CSP fallback: the same API over a MessageChannel, and events learned
  // in idle time so the shopper's interactions come first.
  const { port1, port2 } = new MessageChannel();
  const track = api.track;
  let pending: TrackEvent[][] = [];
  const drain = () => {
    const batches = pending;
    pending = [];
    for (const batch of batches) track(batch);
  };
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => void }).requestIdleCallback;
  api.track = (events) => {
    if (pending.push(events) === 1) (idle ?? ((cb: () => void) => setTimeout(cb, 0)))(drain, { timeout: 1000 });
  };
  // Any other call first learns what is waiting, so a flush or a read sees every tracked event.
  for (const name of ['flush', 'rank', 'recommend', 'explain', 'profile', 'sharedWeights', 'forget'] as const) {
    const call = api[name] as (...args: never[]) => unknown;
    (api as Record<string, unknown>)[name] = (...args: never[]) => {
      drain();
      return call(...args);
    };
  }
  expose(api, port1);
  (globalThis as Record<string, unknown>)[PAGE_API_GLOBAL] = port2;
}

/** The worker boundary, as a type: the page uses `wrap<WorkerApi>()`. */
export type WorkerApi = typeof api;
