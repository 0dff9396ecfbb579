// The worker's API: what the page calls, in a Web Worker (worker/index.ts) or, where a CSP forbids
// workers, in the page itself (worker/page.ts). Its type is core/protocol/workerProtocol.ts's WorkerApi.
import type { NoticeMessage, WorkerApi } from '../core/protocol/workerProtocol';
import { browserEnvironment } from './browserEnvironment';
import { createProfileService, type ProfileService } from './createProfileService';

/**
 * Creates the worker's API.
 * @param post - sends a {@link NoticeMessage} to the page (the worker's `postMessage`, or the fallback's port).
 * @returns the API, for comlink's `expose`.
 */
export function createApi(post: (message: NoticeMessage) => void) {
  let service: ProfileService | null = null;
  const started = (): ProfileService => {
    if (!service) throw Object.assign(new Error('the worker was not initialised'), { name: 'NotInitialisedError' });
    return service;
  };
  return {
    async init(config) {
      service ??= await createProfileService(browserEnvironment(), config, (notice) => post({ notice }));
    },
    track(events) {
      started().track(events);
    },
    flush: () => started().flush(),
    rank: (items) => started().read({ method: 'rank', args: [items] }),
    recommend: (items, k) => started().read({ method: 'recommend', args: [items, k] }),
    explain: (item) => started().read({ method: 'explain', args: [item] }),
    profile: () => started().read({ method: 'profile', args: [] }),
    forget: (options) => started().forget(options),
    sync: () => started().read({ method: 'sync', args: [] }),
    close() {
      service?.close();
      service = null;
    },
  } satisfies WorkerApi;
}

export type { WorkerApi };
