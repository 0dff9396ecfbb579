// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTastebud } from '../../../src/createTastebud';

const card = '<div id="c" data-tb-id="sku-1" data-tb-category="shoes/running" data-tb-price="80">shoe</div>';

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('consent gating (no worker needed while consent is not granted)', () => {
  it('captures nothing, starts no worker and stores nothing while consent is pending', async () => {
    const Worker = vi.fn();
    vi.stubGlobal('Worker', Worker);
    Object.defineProperty(navigator, 'webdriver', { value: false, configurable: true });
    document.body.innerHTML = card;
    const tb = await createTastebud({ workerUrl: 'http://localhost/tastebud.worker.js' });
    (document.getElementById('c') as HTMLElement).click();
    tb.track({ type: 'click', item: { id: 'sku-2' } });
    expect(tb.stats().admitted).toBe(0);
    expect(Worker).not.toHaveBeenCalled();
    const items = [{ id: 'a' }, { id: 'b' }];
    expect(await tb.rank(items)).toEqual([
      { item: { id: 'a' }, score: 0 },
      { item: { id: 'b' }, score: 0 },
    ]);
    expect(await tb.recommend(items, 1)).toEqual([{ id: 'a' }]);
    expect((await tb.profile()).events).toBe(0);
    await tb.destroy();
  });

  it('still rejects manual misuse with a TypeError naming the field, whatever the consent', async () => {
    const tb = await createTastebud({ consent: 'denied' });
    expect(() => tb.track({ type: 'clik' } as never)).toThrow(/type must be one of/);
    expect(() => tb.track({ type: 'click', item: { id: 'x', price: -1 } })).toThrow(/item\.price must be a finite number > 0/);
    expect(() => tb.track({ type: 'click', item: {} } as never)).toThrow(/item\.id/);
    await expect(tb.setConsent('maybe' as never)).rejects.toThrow(TypeError);
    await tb.destroy();
  });

  it('rejects malformed options, naming them', async () => {
    await expect(createTastebud({ consent: 'yes' as never })).rejects.toThrow(/consent must be/);
    await expect(createTastebud({ endpoint: '' })).rejects.toThrow(/endpoint/);
  });
});
