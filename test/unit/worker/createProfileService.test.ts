import { afterEach, describe, expect, it } from 'vitest';
import type { TrackEvent } from '../../../core/engine/types';
import type { ServiceConfig, ServiceNotice } from '../../../core/protocol/workerProtocol';
import { createProfileService, type ProfileService } from '../../../worker/createProfileService';
import { type FakeDatabase, fakeLocks, fakeTab, replayAlone, slowDisk } from './fakeTabs';

const T0 = Date.UTC(2026, 5, 1);
const categories = ['shoes/running', 'shoes/trail', 'outdoor/tents', 'kitchen/coffee', 'electronics/audio'];
const event = (tab: string, n: number): TrackEvent => ({
  type: n % 7 === 0 ? 'add_to_cart' : 'click',
  item: { id: `${tab}-${n % 13}`, category: categories[n % categories.length] as string, price: 10 + n, brand: `b${n % 4}` },
  ts: T0 + n * 1000,
});

let services: ProfileService[] = [];
let dbName = 0;
afterEach(() => {
  for (const s of services) s.close();
  services = [];
});

async function openTabs(count: number, loseAcksIn = -1, slowTab = -1) {
  const locks = fakeLocks();
  const disk = slowDisk(); // slowTab's storage opens when the test says
  const db: FakeDatabase = { snapshot: null, writes: 0 };
  const config: ServiceConfig = { storageName: `t${++dbName}`, model: {}, privacy: {}, writeDelayMs: 500 };
  const notices: ServiceNotice[][] = [];
  for (let t = 0; t < count; t++) {
    const seen: ServiceNotice[] = [];
    notices.push(seen);
    services.push(
      await createProfileService(
        fakeTab(locks, db, `tab${t}`, t === loseAcksIn, t === slowTab ? disk.opens : undefined),
        config,
        (n) => seen.push(n),
      ),
    );
  }
  return { db, config, locks, notices, disk, tabs: [...services] };
}

describe('createProfileService: several tabs, one profile', () => {
  it('lets the first tab own the profile and the others follow', async () => {
    const { tabs } = await openTabs(2);
    expect(tabs[0]?.role).toBe('owner');
    expect(tabs[1]?.role).toBe('follower');
    expect((await tabs[1]?.read({ method: 'profile', args: [] }))?.storage).toBe('indexeddb');
    tabs[1]?.track([event('b', 1)]);
    await tabs[1]?.flush();
    expect((await tabs[0]?.read({ method: 'profile', args: [] }))?.events).toBe(1);
  });

  it('learns interleaved events of two tabs exactly as one tab would, in the merged order', async () => {
    const { tabs, db } = await openTabs(2);
    const [a, b] = tabs as [ProfileService, ProfileService];
    const merged: TrackEvent[] = [];
    for (let n = 0; n < 100; n++) {
      const ea = event('a', n);
      a.track([ea]);
      merged.push(ea);
      await a.flush();
      const eb = event('b', n);
      b.track([eb]);
      merged.push(eb);
      await b.flush();
    }
    const fromA = await a.read({ method: 'profile', args: [] });
    const fromB = await b.read({ method: 'profile', args: [] });
    expect(fromA.events).toBe(200);
    expect(fromB).toEqual(fromA);
    const alone = await replayAlone(merged);
    const items = merged.map((e) => e.item as NonNullable<TrackEvent['item']>);
    const ranked = await b.read({ method: 'rank', args: [items] });
    expect(ranked.map((r) => r.score)).toEqual(alone.rank(items).map((r) => r.score));
    expect(db.snapshot?.events).toBe(200);
  });

  it('hands over to the next tab when the owner closes mid-stream, losing nothing accepted', async () => {
    const { tabs, db } = await openTabs(2);
    const [a, b] = tabs as [ProfileService, ProfileService];
    for (let n = 0; n < 30; n++) a.track([event('a', n)]);
    await a.flush();
    for (let n = 0; n < 100; n++) {
      b.track([event('b', n)]);
      // Up to b's 41st event, every tenth waits until the owner has learned and persisted all so far.
      if (n % 10 === 0 && n < 50) await expect.poll(() => db.snapshot?.events, { timeout: 5000 }).toBe(31 + n);
      if (n === 50) a.close(); // the owner's tab goes away without a goodbye; b's events 41–50 are unanswered
      // 51–70 were sent while b was taking over; the rest go to b as the owner.
      if (n === 70) await expect.poll(() => b.role, { timeout: 5000 }).toBe('owner');
    }
    await b.flush();
    expect((await b.read({ method: 'profile', args: [] })).events).toBe(130);
    expect(db.snapshot?.events).toBe(130);
  });

  it('skips events the old owner already persisted when their acknowledgement was lost (exactly once)', async () => {
    const { tabs, db } = await openTabs(2, 1);
    const [a, b] = tabs as [ProfileService, ProfileService];
    for (let n = 0; n < 40; n++) b.track([event('b', n)]);
    await expect.poll(() => db.snapshot?.events).toBe(40); // persisted, but b never heard the ack
    for (let n = 40; n < 60; n++) b.track([event('b', n)]);
    a.close();
    await b.flush();
    expect((await b.read({ method: 'profile', args: [] })).events).toBe(60);
    expect(db.snapshot?.events).toBe(60);
  });

  it('resends unacknowledged events to a new owner that is another tab', { timeout: 5000 }, async () => {
    const { tabs, db, disk } = await openTabs(3, -1, 1);
    const [a, b, c] = tabs as [ProfileService, ProfileService, ProfileService];
    for (let n = 0; n < 10; n++) a.track([event('a', n)]);
    await a.flush();
    a.close();
    await disk.asked; // b is taking over: it waits for its storage
    // Sent while b is still taking over: nobody learns them until c sends them again.
    for (let n = 0; n < 25; n++) c.track([event('c', n)]);
    disk.open();
    await c.flush();
    expect((await b.read({ method: 'profile', args: [] })).events).toBe(35);
    expect(db.snapshot?.events).toBe(35);
  });

  it('forgets in every tab when a follower asks', async () => {
    const { tabs, db, notices } = await openTabs(2);
    const [a, b] = tabs as [ProfileService, ProfileService];
    a.track([event('a', 1)]);
    b.track([event('b', 2)]);
    await b.flush();
    await a.flush();
    await b.forget();
    expect(db.snapshot).toBeNull();
    expect((await a.read({ method: 'profile', args: [] })).events).toBe(0);
    expect((await b.read({ method: 'profile', args: [] })).events).toBe(0);
    await expect.poll(() => notices[0]?.filter((n) => n.kind === 'profile').length).toBeGreaterThan(0);
    // The next event starts a new profile.
    b.track([event('b', 3)]);
    await b.flush();
    expect(db.snapshot?.events).toBe(1);
  });
});
