import type { TastebudOptions } from './types';

/** Throws a TypeError naming the first malformed option. */
export function checkOptions(options: TastebudOptions): void {
  const { consent, endpoint, storageName, workerUrl, syncIntervalMs } = options;
  const problem =
    consent !== undefined && !['granted', 'denied', 'pending'].includes(consent)
      ? `consent must be 'granted', 'denied' or 'pending'`
      : endpoint !== undefined && !(typeof endpoint === 'string' && endpoint)
        ? 'endpoint must be a non-empty string'
        : storageName !== undefined && !(typeof storageName === 'string' && storageName)
          ? 'storageName must be a non-empty string'
          : workerUrl !== undefined && typeof workerUrl !== 'string' && !(workerUrl instanceof URL)
            ? 'workerUrl must be a string or a URL'
            : syncIntervalMs !== undefined && !(syncIntervalMs > 0)
              ? 'syncIntervalMs must be a number > 0'
              : null;
  if (problem) throw new TypeError(`[tastebud] createTastebud(): ${problem}`);
}
