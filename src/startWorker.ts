import { type Remote, wrap } from 'comlink';
import type { WorkerApi } from '../worker/index';

/** A started worker and its typed comlink proxy. */
export interface StartedWorker {
  api: Remote<WorkerApi>;
  terminate(): void;
}

/**
 * Starts the worker script as a classic worker (the bundle is self-contained IIFE, so it also runs
 * where module workers are unavailable).
 * @param url - the worker script.
 */
export function startWorker(url: string | URL): StartedWorker {
  const worker = new Worker(url);
  return {
    api: wrap<WorkerApi>(worker),
    terminate: () => worker.terminate(),
  };
}
