import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../core/engine/createEngine';
import { resolvePrivacy } from '../../../core/privacy/resolvePrivacy';
import { createOwner } from '../../../worker/createOwner';
import { shopEvents } from './learnedEngine';
import { closeTestStores, openTestStore, uniqueName } from './openTestStore';

// Issue 14.1: a batch the owner received is journaled at once; if the page goes away before the
// profile write, the next owner learns it, exactly once.

const config = (storageName: string) => ({ storageName, model: {}, privacy: resolvePrivacy(undefined), writeDelayMs: 60_000 });

afterEach(closeTestStores);

describe('the journal of received batches', () => {
  it('lets the next owner learn what the last one received but never wrote, exactly once', async () => {
    const name = uniqueName('journal');
    const first = await createOwner(
      config(name),
      async () => ({ store: await openTestStore({ name, writeDelayMs: 60_000 }), storage: 'indexeddb' }),
      () => {},
    );
    const written = shopEvents(0, 3); // 3 shop events and a search
    const unwritten = shopEvents(3, 4);
    await first.ingest(written, 'page-a', 1);
    await first.flush(); // written with the profile: its journal record goes with the write
    await first.ingest(unwritten, 'page-a', written.length + 1); // received and journaled, then the page goes away
    first.close(); // no write: the 60 s write delay never came

    const next = await createOwner(
      config(name),
      async () => ({ store: await openTestStore({ name }), storage: 'indexeddb' }),
      () => {},
    );
    await next.flush();
    const profile = await next.read({ method: 'profile', args: [] });
    const expected = await createEngine();
    await expected.ingest([...written, ...unwritten]);
    expect(profile.events).toBe(expected.profile().events);
    expect(profile.interests).toEqual(expected.profile().interests);

    // The journal was emptied by the write that covered it: a third owner learns nothing twice.
    next.close();
    const third = await createOwner(
      config(name),
      async () => ({ store: await openTestStore({ name }), storage: 'indexeddb' }),
      () => {},
    );
    await third.flush();
    expect((await third.read({ method: 'profile', args: [] })).events).toBe(expected.profile().events);
    third.close();
  });

  it('skips a journaled batch the profile already learned (the page went away after the write)', async () => {
    const name = uniqueName('journal-dup');
    const store = await openTestStore({ name, writeDelayMs: 60_000 });
    const first = await createOwner(
      config(name),
      async () => ({ store, storage: 'indexeddb' }),
      () => {},
    );
    await first.ingest(shopEvents(0, 5), 'page-b', 1);
    await first.flush();
    // A journal record the covering write did not delete (as if a second owner raced): replayed, skipped.
    store.journal({ from: 'page-b', first: 1, events: shopEvents(0, 5) });
    await expect.poll(async () => (await store.readJournal()).length).toBe(1);
    first.close();
    const next = await createOwner(
      config(name),
      async () => ({ store: await openTestStore({ name }), storage: 'indexeddb' }),
      () => {},
    );
    expect((await next.read({ method: 'profile', args: [] })).events).toBe(shopEvents(0, 5).length);
    next.close();
  });
});
