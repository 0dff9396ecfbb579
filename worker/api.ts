// The worker's API: what the page calls, in a Web Worker (worker/index.ts) or, where a CSP forbids
// workers, in the page itself (worker/page.ts).
import { transfer } from 'comlink';
import type { Contribution, Item, ProfileSummary, RankedItem, TrackEvent } from '../core/engine/types';
import { browserEnvironment } from './browserEnvironment';
import { createProfileService, type ProfileService } from './createProfileService';
import type { ServiceConfig, ServiceNotice } from './protocol';
import type { SyncResult } from './sync/types';

let service: ProfileService | null = null;

function started(): ProfileService {
  if (!service) throw Object.assign(new Error('the worker was not initialised'), { name: 'NotInitialisedError' });
  return service;
}

export const api = {
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
  /** Reports now (in the tab that owns the profile), respecting the schedule's budget. */
  sync: (): Promise<SyncResult> => started().read('sync', []),
  close(): void {
    service?.close();
    service = null;
  },
};

/** The worker boundary, as a type: the page uses `wrapWorker<WorkerApi>()`. */
export type WorkerApi = typeof api;
