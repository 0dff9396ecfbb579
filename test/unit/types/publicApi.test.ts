// Type tests of the public API: checked by `npm run typecheck` (test/tsconfig.json); a wrong type
// here fails the build. The runtime assertions only keep vitest from reporting an empty file.
import { describe, expectTypeOf, it } from 'vitest';
import type { createEngine as CreateEngine, Engine } from '../../../core/engine/index';
import type {
  Contribution,
  Item,
  ProfileSummary,
  RankedItem,
  SyncResult,
  Tastebud,
  TastebudOptions,
  TrackEvent,
} from '../../../src/index';
import { createTastebud } from '../../../src/index';

describe('public types of tastebud', () => {
  it('createTastebud takes the options of CONTRACT §3 and resolves to a Tastebud', () => {
    expectTypeOf(createTastebud).parameter(0).toEqualTypeOf<TastebudOptions | undefined>();
    expectTypeOf(createTastebud).returns.resolves.toEqualTypeOf<Tastebud>();
    expectTypeOf<TastebudOptions['consent']>().toEqualTypeOf<'granted' | 'denied' | 'pending' | undefined>();
    expectTypeOf<NonNullable<TastebudOptions['model']>['algorithm']>().toEqualTypeOf<'pa' | 'pa1' | 'pa2' | undefined>();
    expectTypeOf<TastebudOptions['privacy']>().toMatchTypeOf<false | { mode?: 'local' | 'central' } | undefined>();
  });

  it('every method of CONTRACT §3 has its contract signature', () => {
    expectTypeOf<Tastebud['track']>().toEqualTypeOf<(event: TrackEvent) => void>();
    expectTypeOf<Tastebud['rank']>().toEqualTypeOf<(items: Item[]) => Promise<RankedItem[]>>();
    expectTypeOf<Tastebud['recommend']>().toEqualTypeOf<(items: Item[], k: number) => Promise<Item[]>>();
    expectTypeOf<Tastebud['explain']>().toEqualTypeOf<(item: Item) => Promise<Contribution[]>>();
    expectTypeOf<Tastebud['profile']>().toEqualTypeOf<() => Promise<ProfileSummary>>();
    expectTypeOf<Tastebud['setConsent']>().toEqualTypeOf<(state: 'granted' | 'denied') => Promise<void>>();
    expectTypeOf<Tastebud['forget']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<Tastebud['flush']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<Tastebud['sync']>().toEqualTypeOf<() => Promise<SyncResult>>();
    expectTypeOf<Tastebud['destroy']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<Tastebud['on']>().returns.toEqualTypeOf<() => void>();
  });

  it('ProfileSummary has the contract fields', () => {
    expectTypeOf<ProfileSummary['storage']>().toEqualTypeOf<'indexeddb' | 'memory'>();
    expectTypeOf<ProfileSummary['interests']>().toEqualTypeOf<Array<{ feature: string; weight: number }>>();
    expectTypeOf<ProfileSummary['privacy']['epsilonSpent']>().toEqualTypeOf<number>();
    expectTypeOf<ProfileSummary['privacy']['epsilonBudget']>().toEqualTypeOf<number>();
  });

  it('rejects misuse at compile time', () => {
    const misuse = (tb: Tastebud) => {
      // @ts-expect-error: not an event type
      tb.track({ type: 'clik' });
      // @ts-expect-error: an item needs an id
      tb.track({ type: 'click', item: { category: 'x' } });
      // @ts-expect-error: on() knows its event names
      tb.on('profiel', () => {});
      tb.on('profile', (p) => expectTypeOf(p).toEqualTypeOf<ProfileSummary>());
    };
    expectTypeOf(misuse).toBeFunction();
  });

  it('tastebud/engine exports createEngine with ingest returning what was rejected', () => {
    expectTypeOf<Engine['ingest']>().returns.resolves.toHaveProperty('rejected');
    expectTypeOf<typeof CreateEngine>().returns.resolves.toEqualTypeOf<Engine>();
  });
});
