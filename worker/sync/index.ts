// The sync chunk (dist/tastebud.sync.js): loaded by the worker only when an endpoint is configured,
// so a shop without sync pays nothing for it, and the worker every page loads stays small.

import { startSync } from './startSync';
import { SYNC_MODULE_GLOBAL } from './syncModuleGlobal';

/** What the chunk provides; the worker reads it from `SYNC_MODULE_GLOBAL` (./syncModuleGlobal.ts). */
export interface SyncModule {
  startSync: typeof startSync;
}

(globalThis as Record<string, unknown>)[SYNC_MODULE_GLOBAL] = { startSync } satisfies SyncModule;
