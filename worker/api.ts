// The worker's API: what the page calls, in a Web Worker (worker/index.ts) or, where a CSP forbids
// workers, in the page itself (worker/page.ts). Its type is core/protocol/workerProtocol.ts's WorkerApi.
import type { WorkerApi } from '../core/protocol/workerProtocol';
import { browserEnvironment } from './browserEnvironment';
import { createProfileService, type ProfileService } from './createProfileService';

let service: ProfileService | null = null;

function started(): ProfileService {
  if (!service) throw Object.assign(new Error('the worker was not initialised'), { name: 'NotInitialisedError' });
  return service;
}

export const api = {
  async init(config, notify) {
    service ??= await createProfileService(browserEnvironment(), config, (notice) => {
      notify(notice);
    });
  },
  track(events) {
    started().track(events);
  },
  flush: () => started().flush(),
  rank: (items) => started().read({ method: 'rank', args: [items] }),
  recommend: (items, k) => started().read({ method: 'recommend', args: [items, k] }),
  explain: (item) => started().read({ method: 'explain', args: [item] }),
  profile: () => started().read({ method: 'profile', args: [] }),
  forget: () => started().forget(),
  sync: () => started().read({ method: 'sync', args: [] }),
  close() {
    service?.close();
    service = null;
  },
} satisfies WorkerApi;

export type { WorkerApi };
