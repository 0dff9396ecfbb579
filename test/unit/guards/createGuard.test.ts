import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGuard } from '../../../src/guards/createGuard';
import type { TrackEvent } from '../../../src/types';

const click = (id: string, list?: string): TrackEvent =>
  list ? { type: 'click', item: { id }, list } : { type: 'click', item: { id } };

function guarded(options: Parameters<typeof createGuard>[0] = {}) {
  let now = 1_750_000_000_000;
  const guard = createGuard({ clock: () => now, isAutomated: () => false, ...options });
  return {
    guard,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createGuard', () => {
  it('admits a normal stream of a shopper', () => {
    const { guard, advance } = guarded();
    const stream: TrackEvent[] = [
      { type: 'search', query: 'trail shoes' },
      { type: 'view', item: { id: 'a' }, list: 'catalog' },
      { type: 'view', item: { id: 'b' }, list: 'catalog' },
      click('a', 'catalog'),
      { type: 'add_to_cart', item: { id: 'a' } },
      { type: 'dwell', item: { id: 'a' }, durationMs: 4000 },
      { type: 'skip', item: { id: 'b' }, list: 'catalog' },
      { type: 'purchase', item: { id: 'a' } },
    ];
    for (const event of stream) {
      expect(guard.admit(event)).toBe(true);
      advance(700);
    }
    expect(guard.stats()).toEqual({ admitted: 8, burst: 0, duplicate: 0, automation: 0 });
  });

  it('drops actions beyond 20 in any second and counts them', () => {
    const { guard, advance } = guarded();
    const admitted = Array.from({ length: 30 }, (_, i) => {
      advance(10);
      return guard.admit(click(`sku-${i}`));
    });
    expect(admitted.filter(Boolean)).toHaveLength(20);
    expect(admitted.slice(20).some(Boolean)).toBe(false);
    expect(guard.stats()).toMatchObject({ admitted: 20, burst: 10 });
    advance(709); // clicks came at t = 10, 20, … 300; the first admitted one is 999 ms old
    expect(guard.admit(click('late'))).toBe(false);
    advance(1);
    expect(guard.admit(click('later'))).toBe(true);
    expect(guard.admit(click('too-soon'))).toBe(false);
  });

  it('slides the window: a steady 10 actions a second is never limited', () => {
    const { guard, advance } = guarded();
    let dropped = 0;
    for (let i = 0; i < 200; i++) {
      if (!guard.admit(click(`sku-${i}`))) dropped++;
      advance(100);
    }
    expect(dropped).toBe(0);
  });

  it('does not limit views, skips and dwells, which the SDK derives in batches', () => {
    const { guard } = guarded();
    for (let i = 0; i < 60; i++) {
      expect(guard.admit({ type: 'view', item: { id: `v${i}` }, list: 'catalog' })).toBe(true);
      expect(guard.admit({ type: 'skip', item: { id: `v${i}` }, list: 'catalog' })).toBe(true);
    }
    expect(guard.admit(click('a'))).toBe(true);
    expect(guard.stats()).toEqual({ admitted: 121, burst: 0, duplicate: 0, automation: 0 });
  });

  it('drops an exact repeat within the window, and admits it after', () => {
    const { guard, advance } = guarded();
    expect(guard.admit(click('a', 'catalog'))).toBe(true);
    advance(300);
    expect(guard.admit(click('a', 'catalog'))).toBe(false); // a double click
    expect(guard.admit(click('a', 'for-you'))).toBe(true); // another list
    expect(guard.admit({ type: 'add_to_cart', item: { id: 'a' }, list: 'catalog' })).toBe(true); // another type
    expect(guard.admit({ type: 'search', query: 'tent' })).toBe(true);
    expect(guard.admit({ type: 'search', query: 'tents' })).toBe(true);
    expect(guard.admit({ type: 'search', query: 'tent' })).toBe(false);
    advance(1700); // 2 s after the first click
    expect(guard.admit(click('a', 'catalog'))).toBe(true);
    expect(guard.stats()).toEqual({ admitted: 6, burst: 0, duplicate: 2, automation: 0 });
  });

  it('does not let a dropped repeat extend the window', () => {
    const { guard, advance } = guarded({ duplicateWindowMs: 1000 });
    guard.admit(click('a'));
    advance(900);
    expect(guard.admit(click('a'))).toBe(false);
    advance(100);
    expect(guard.admit(click('a'))).toBe(true);
  });

  it('forgets old keys, so memory stays bounded by the window', () => {
    const { guard, advance } = guarded({ duplicateWindowMs: 100 });
    for (let i = 0; i < 10_000; i++) {
      guard.admit({ type: 'view', item: { id: `v${i}` } });
      advance(10);
    }
    // Only the keys of the last 100 ms can still be duplicates: an event from 200 ms ago is new again.
    expect(guard.admit({ type: 'view', item: { id: 'v9980' } })).toBe(true);
    expect(guard.admit({ type: 'view', item: { id: 'v9999' } })).toBe(false);
  });

  it('drops everything from an automated browser and counts it', () => {
    let automated = true;
    const { guard } = guarded({ isAutomated: () => automated });
    expect(guard.admit(click('a'))).toBe(false);
    expect(guard.admit({ type: 'search', query: 'x' })).toBe(false);
    automated = false;
    expect(guard.admit(click('a'))).toBe(true);
    expect(guard.stats()).toEqual({ admitted: 1, burst: 0, duplicate: 0, automation: 2 });
  });

  it('treats navigator.webdriver as automation by default', () => {
    vi.stubGlobal('navigator', { webdriver: true });
    expect(createGuard().admit(click('a'))).toBe(false);
    vi.stubGlobal('navigator', { webdriver: false });
    expect(createGuard().admit(click('a'))).toBe(true);
  });

  it('returns a copy of its counters', () => {
    const { guard } = guarded();
    const before = guard.stats();
    guard.admit(click('a'));
    expect(before.admitted).toBe(0);
    expect(guard.stats().admitted).toBe(1);
  });
});

describe('createGuard: trusted calls', () => {
  it("admits the shop's own bursts and repeats, but not automation", () => {
    let automated = false;
    const guard = createGuard({ clock: () => 1000, isAutomated: () => automated });
    const buy = { type: 'purchase' as const, item: { id: 'same' } };
    for (let n = 0; n < 30; n++) expect(guard.admit(buy, true)).toBe(true);
    automated = true;
    expect(guard.admit(buy, true)).toBe(false);
    expect(guard.stats()).toEqual({ admitted: 30, burst: 0, duplicate: 0, automation: 1 });
  });
});
