// A sync client's surroundings for a test under fake timers: fake server, clock, results and errors.
import { afterEach, beforeEach, vi } from 'vitest';
import type { Engine } from '../../../core/engine/createEngine';
import { resolvePrivacy } from '../../../core/privacy/resolvePrivacy';
import type { SyncResult } from '../../../core/protocol/workerProtocol';
import { createMemorySyncStore } from '../../../worker/sync/createMemorySyncStore';
import type { SyncDeps } from '../../../worker/sync/createSyncClient';
import { seededRandomSource } from '../privacy/seededRandomSource';
import { DAY, ENDPOINT, fakeServer } from './fakeSyncServer';

/** Call under `vi.useFakeTimers()` (which fakes `Date` too): the client's clock is the fake one. */
export function syncHarness() {
  vi.setSystemTime(1_800_000_000_000);
  const harness = {
    server: fakeServer(),
    results: [] as SyncResult[],
    errors: [] as Error[],
    deps(engine: Engine, overrides: Partial<SyncDeps> = {}): SyncDeps {
      return {
        config: { endpoint: ENDPOINT, intervalMs: DAY, moduleUrl: '' },
        privacy: resolvePrivacy({}),
        store: createMemorySyncStore(),
        withEngine: async (task) => task(engine),
        notify: (r) => harness.results.push(r),
        onError: (e) => harness.errors.push(e),
        fetch: harness.server.fetch,
        now: () => Date.now(),
        random: seededRandomSource(7),
        online: async () => {},
        retry: { baseDelayMs: 1_000, maxDelayMs: 60_000 },
        ...overrides,
      };
    },
    async advance(ms: number): Promise<void> {
      await vi.advanceTimersByTimeAsync(ms);
    },
    /** Decodes a report's data as sent. */
    postedData(index: number): Int32Array {
      const body = JSON.parse(harness.server.posts()[index]?.init.body as string) as { data: string };
      return new Int32Array(new Uint8Array(Buffer.from(body.data, 'base64')).buffer);
    },
  };
  return harness;
}

/**
 * Registers fake timers and a fresh {@link syncHarness} around each test of the calling `describe`.
 * @returns a function giving the current test's harness.
 */
export function useSyncHarness(): () => ReturnType<typeof syncHarness> {
  let current: ReturnType<typeof syncHarness> | null = null;
  beforeEach(() => {
    vi.useFakeTimers();
    current = syncHarness();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return () => {
    if (!current) throw new Error('useSyncHarness: no test is running');
    return current;
  };
}
