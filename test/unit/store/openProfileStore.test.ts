import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openProfileStore } from '../../../worker/store/openProfileStore';
import { learnedEngine, observable, restoredEngine } from './learnedEngine';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const refusing = {
  open() {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
} as unknown as IDBFactory;

describe('openProfileStore', () => {
  it('opens IndexedDB when it is there, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { store, storage } = await openProfileStore({ name: 'open-ok' });
    expect(storage).toBe('indexeddb');
    expect(store.kind).toBe('indexeddb');
    expect(warn).not.toHaveBeenCalled();
    store.close();
  });

  it.each([
    ['missing', () => vi.stubGlobal('indexedDB', undefined), {}, /NotSupportedError/],
    ['refusing to open (SecurityError)', () => {}, { indexedDB: refusing }, /SecurityError/],
  ])('falls back to memory with one warning when IndexedDB is %s', async (_, arrange, options, reason) => {
    arrange();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { store, storage } = await openProfileStore({ name: 'fallback', ...options });
    expect(storage).toBe('memory');
    expect(store.kind).toBe('memory');
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^\[tastebud\] IndexedDB unavailable \(.*\); the profile lives in memory for this page only$/,
    );
    expect(warn.mock.calls[0]?.[0]).toMatch(reason);

    const engine = await learnedEngine(store);
    await store.flush();
    expect(observable(await restoredEngine(store))).toEqual(observable(engine));
    await store.destroy();
    expect(await store.load()).toBeNull();
  });

  it('falls back to memory when the open request fails (a newer schema than this code)', async () => {
    (await openDB('from-the-future', 9)).close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { storage } = await openProfileStore({ name: 'from-the-future' });
    expect(storage).toBe('memory');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/\[tastebud\] IndexedDB unavailable \(VersionError/));
  });

  it('still rejects a bad option instead of hiding it behind the fallback', async () => {
    await expect(openProfileStore({ writeDelayMs: Number.NaN })).rejects.toThrow(RangeError);
  });
});
