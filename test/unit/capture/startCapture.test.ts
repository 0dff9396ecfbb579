// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCapture } from '../../../src/capture/startCapture';
import type { TrackEvent } from '../../../src/types';
import { capturePage, cleanUpCaptures } from './capturePage';

const CATALOG = `
  <div data-tb-list="catalog">
    <article id="card1" data-tb-id="sku-1" data-tb-category="shoes/running" data-tb-price="89.5" data-tb-tags="trail, waterproof">
      <h3 id="title1">Trail runner</h3>
      <button id="cart1" data-tb-event="add_to_cart"><span id="cart1label">Add to cart</span></button>
      <button id="buy1" data-tb-event="purchase">Buy now</button>
      <a id="odd1" data-tb-event="wishlist">Wish</a>
    </article>
    <article id="card2" data-tb-item='{"id":"sku-2","category":"outdoor/tents","attrs":{"season":"summer"}}'>Tent</article>
  </div>
  <button id="outside" data-tb-event="add_to_cart">Not in a card</button>`;

afterEach(cleanUpCaptures);

describe('startCapture: clicks', () => {
  it('tracks a click inside a card as a click on its item, with the list', () => {
    const page = capturePage(CATALOG);
    page.$('#title1').click();
    expect(page.events).toEqual([
      {
        type: 'click',
        item: { id: 'sku-1', category: 'shoes/running', price: 89.5, tags: ['trail', 'waterproof'] },
        list: 'catalog',
      },
    ]);
  });

  it('tracks the data-tb-event of a button inside a card instead of a click', () => {
    const page = capturePage(CATALOG);
    page.$('#cart1label').click();
    page.$('#buy1').click();
    expect(page.brief()).toEqual([
      ['add_to_cart', 'sku-1', 'catalog'],
      ['purchase', 'sku-1', 'catalog'],
    ]);
  });

  it('reads a data-tb-item JSON card', () => {
    const page = capturePage(CATALOG);
    page.$('#card2').click();
    expect(page.events).toEqual([
      { type: 'click', item: { id: 'sku-2', category: 'outdoor/tents', attrs: { season: 'summer' } }, list: 'catalog' },
    ]);
  });

  it('leaves out the list for an item outside any list, and ignores clicks outside items', () => {
    const page = capturePage(
      '<main data-tb-id="sku-9"><button id="b" data-tb-event="add_to_cart">Add</button></main><p id="p">x</p>',
    );
    page.$('#p').click();
    page.$('#b').click();
    expect(page.events).toEqual([{ type: 'add_to_cart', item: { id: 'sku-9' } }]);
  });

  it('skips malformed attributes without throwing into the page, and reports them', () => {
    const page = capturePage(`
      <div data-tb-list="catalog">
        <article id="bad1" data-tb-item="{not json"><span id="in1">x</span></article>
        <article id="bad2" data-tb-id="sku-4" data-tb-price="free">y</article>
        <article id="ok" data-tb-id="sku-5"><a id="odd" data-tb-event="wishlist">Wish</a></article>
      </div>`);
    const onerror = vi.fn();
    window.addEventListener('error', onerror);
    page.$('#in1').click();
    page.$('#bad2').click();
    page.$('#bad2').click();
    page.$('#odd').click();
    window.removeEventListener('error', onerror);
    expect(onerror).not.toHaveBeenCalled();
    expect(page.brief()).toEqual([['click', 'sku-5', 'catalog']]);
    expect(page.problems).toEqual([
      '[tastebud] data-tb-item: data-tb-item is not valid JSON',
      '[tastebud] data-tb-id "sku-4": item.price must be a finite number > 0, got NaN',
      '[tastebud] data-tb-event "wishlist" is not one of click,add_to_cart,purchase; tracked as a click',
    ]);
  });

  it('reports an emit that throws instead of throwing, and keeps capturing', () => {
    const seen: TrackEvent[] = [];
    const page = capturePage(CATALOG, {
      emit: (event) => {
        seen.push(event);
        if (seen.length === 1) throw new TypeError('track(): nope');
      },
    });
    page.$('#card1').click();
    page.$('#card2').click();
    expect(seen.map((e) => e.item?.id)).toEqual(['sku-1', 'sku-2']);
    expect(page.problems).toEqual(['[tastebud] autocapture: TypeError: track(): nope']);
  });

  it('listens with one delegated click listener however many cards there are', () => {
    const cards = Array.from({ length: 50 }, (_, i) => `<article data-tb-id="sku-${i}"><button>Add</button></article>`).join('');
    const rootSpy = vi.spyOn(document, 'addEventListener');
    const elementSpy = vi.spyOn(HTMLElement.prototype, 'addEventListener');
    const page = capturePage(`<div data-tb-list="catalog">${cards}</div>`);
    expect(rootSpy.mock.calls.filter(([type]) => type === 'click')).toHaveLength(1);
    expect(elementSpy).not.toHaveBeenCalled();
    page.$('[data-tb-id="sku-42"] button').click();
    expect(page.brief()).toEqual([['click', 'sku-42', 'catalog']]);
    rootSpy.mockRestore();
    elementSpy.mockRestore();
  });
});

describe('startCapture: search', () => {
  const FORM = `
    <form id="f" data-tb-search><input type="checkbox" checked><input id="q" type="search" name="q"><input type="text" value="second"></form>
    <form id="other"><input id="q2" type="text" value="not tracked"></form>`;
  const submit = (form: Element) => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

  it('tracks the trimmed value of the first text input of a data-tb-search form', () => {
    const page = capturePage(FORM);
    (page.$('#q') as HTMLInputElement).value = '  trail shoes ';
    submit(page.$('#f'));
    submit(page.$('#other'));
    expect(page.events).toEqual([{ type: 'search', query: 'trail shoes' }]);
  });

  it('ignores an empty search', () => {
    const page = capturePage(FORM);
    (page.$('#q') as HTMLInputElement).value = '   ';
    submit(page.$('#f'));
    expect(page.events).toEqual([]);
  });
});

describe('startCapture: stop', () => {
  it('stops capturing clicks, searches and page visits, without emitting what was pending', () => {
    const page = capturePage(`${CATALOG}<form id="f" data-tb-search><input value="tent"></form>`);
    page.io.show(1, page.$('#card1'));
    vi.advanceTimersByTime(1000);
    expect(page.brief()).toEqual([['view', 'sku-1', 'catalog']]);
    page.capture.stop();
    page.$('#card1').click();
    page.$('#f').dispatchEvent(new Event('submit', { bubbles: true }));
    page.setVisibility('hidden');
    page.capture.endPageVisit();
    vi.advanceTimersByTime(5000);
    expect(page.brief()).toEqual([['view', 'sku-1', 'catalog']]);
    expect(page.io.observed.size).toBe(0);
  });

  it('restores history.pushState', () => {
    const native = history.pushState;
    const page = capturePage(CATALOG);
    expect(history.pushState).not.toBe(native);
    page.capture.stop();
    expect(history.pushState).toBe(native);
  });

  it('chains with a second instance and unwraps only its own pushState', () => {
    const native = history.pushState;
    const page = capturePage('<div data-tb-list="a"><article id="x" data-tb-id="x">x</article></div>');
    const second: TrackEvent[] = [];
    const other = startCapture({ emit: (e) => second.push(e), intersectionObserver: page.io.constructor });
    page.io.show(1, page.$('#x'));
    vi.advanceTimersByTime(1000);
    page.capture.stop(); // the second wrapper sits on top: ours stays as a pass-through
    history.pushState({}, '', '/next');
    expect(location.pathname).toBe('/next');
    expect(second.map((e) => e.type)).toEqual(['view', 'skip']);
    expect(page.brief()).toEqual([['view', 'x', 'a']]);
    other.stop();
    expect(history.pushState).not.toBe(native); // our inert wrapper, restored by the second instance
    history.pushState({}, '', '/again');
    expect(location.pathname).toBe('/again');
  });
});
