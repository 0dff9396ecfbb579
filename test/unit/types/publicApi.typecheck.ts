// Type tests of the public API. This file is compiled, never run: `npm run typecheck` checks it with
// test/tsconfig.json, where a wrong type is a compile error and so is a `@ts-expect-error` line that
// no longer errs (misuse the types started to accept). It is not a vitest file (no `.test.ts`), so it
// adds no runtime "passes" that could not fail.
import { expectTypeOf } from 'vitest';
import type { createEngine as CreateEngine, Engine } from '../../../core/engine/index';
import type {
  Contribution,
  createTastebud,
  Item,
  ProfileSummary,
  RankedItem,
  SyncResult,
  Tastebud,
  TastebudOptions,
  TrackEvent,
} from '../../../src/index';

// createTastebud takes the options of CONTRACT §3 and resolves to a Tastebud.
expectTypeOf<typeof createTastebud>().parameter(0).toEqualTypeOf<TastebudOptions | undefined>();
expectTypeOf<typeof createTastebud>().returns.resolves.toEqualTypeOf<Tastebud>();
expectTypeOf<TastebudOptions['consent']>().toEqualTypeOf<'granted' | 'denied' | 'pending' | undefined>();
expectTypeOf<NonNullable<TastebudOptions['model']>['algorithm']>().toEqualTypeOf<'pa' | 'pa1' | 'pa2' | undefined>();
expectTypeOf<TastebudOptions['privacy']>().toMatchTypeOf<false | { mode?: 'local' | 'central' } | undefined>();

// Every method of CONTRACT §3 has its contract signature.
expectTypeOf<Tastebud['track']>().toEqualTypeOf<(event: TrackEvent) => void>();
expectTypeOf<Tastebud['rank']>().toEqualTypeOf<(items: Item[]) => Promise<RankedItem[]>>();
expectTypeOf<Tastebud['recommend']>().toEqualTypeOf<(items: Item[], k: number) => Promise<Item[]>>();
expectTypeOf<Tastebud['explain']>().toEqualTypeOf<(item: Item) => Promise<Contribution[]>>();
expectTypeOf<Tastebud['profile']>().toEqualTypeOf<() => Promise<ProfileSummary>>();
expectTypeOf<Tastebud['setConsent']>().toEqualTypeOf<(state: 'granted' | 'denied') => Promise<void>>();
expectTypeOf<Tastebud['forget']>().toEqualTypeOf<(options?: { everything?: boolean }) => Promise<void>>(); // CONTRACT §3
expectTypeOf<Tastebud['flush']>().toEqualTypeOf<() => Promise<void>>();
expectTypeOf<Tastebud['sync']>().toEqualTypeOf<() => Promise<SyncResult>>();
expectTypeOf<Tastebud['destroy']>().toEqualTypeOf<() => Promise<void>>();
expectTypeOf<Tastebud['on']>().returns.toEqualTypeOf<() => void>();

// ProfileSummary has the contract fields.
expectTypeOf<ProfileSummary['storage']>().toEqualTypeOf<'indexeddb' | 'memory'>();
expectTypeOf<ProfileSummary['interests']>().toEqualTypeOf<Array<{ feature: string; weight: number }>>();
expectTypeOf<ProfileSummary['privacy']['epsilonSpent']>().toEqualTypeOf<number>();
expectTypeOf<ProfileSummary['privacy']['epsilonBudget']>().toEqualTypeOf<number>();

// Misuse is rejected at compile time (each line below must be an error).
declare const tb: Tastebud;
// @ts-expect-error: not an event type
tb.track({ type: 'clik' });
// @ts-expect-error: an item needs an id
tb.track({ type: 'click', item: { category: 'x' } });
// @ts-expect-error: on() knows its event names
tb.on('profiel', () => {});
// @ts-expect-error: a listener gets the payload of its event, not another's
tb.on('sync', (p: ProfileSummary) => p);
tb.on('profile', (p) => expectTypeOf(p).toEqualTypeOf<ProfileSummary>());

// tastebud/engine exports createEngine with ingest returning what was rejected.
expectTypeOf<Engine['ingest']>().returns.resolves.toHaveProperty('rejected');
expectTypeOf<typeof CreateEngine>().returns.resolves.toEqualTypeOf<Engine>();
