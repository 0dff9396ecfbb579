import type { SyncModule } from './sync/index';
import { SYNC_MODULE_GLOBAL } from './sync/syncModuleGlobal';

/**
 * Loads the sync chunk (`tastebud.sync.js`) once: `importScripts` in a worker, `import()` where the
 * worker script runs in the page (the CSP fallback). Rejects if the chunk does not load.
 * @param url - the chunk's absolute URL.
 * @returns what the chunk provides.
 */
export async function loadSyncModule(url: string): Promise<SyncModule> {
  const scope = globalThis as Record<string, unknown> & { importScripts?: (url: string) => void };
  if (!scope[SYNC_MODULE_GLOBAL]) scope.importScripts ? scope.importScripts(url) : await import(url);
  return scope[SYNC_MODULE_GLOBAL] as SyncModule;
}
