// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capturePage, cleanUpCaptures, mutationsDelivered } from './capturePage';

const GRID = `
  <div id="grid" data-tb-list="catalog">
    <article id="a" data-tb-id="a">A</article>
    <article id="b" data-tb-id="b">B</article>
    <article id="c" data-tb-id="c">C</article>
  </div>`;
const PRODUCT = '<main id="product" data-tb-id="p1" data-tb-category="kitchen/coffee"><h1 id="title">Grinder</h1></main>';

afterEach(cleanUpCaptures);

describe('startCapture: impressions', () => {
  it('observes list items only, at a 50 % threshold', () => {
    const page = capturePage(GRID + PRODUCT);
    expect([...page.io.observed].map((el) => el.id)).toEqual(['a', 'b', 'c']);
    expect(page.io.thresholds).toEqual([0.5]);
  });

  it('counts an item ≥ 50 % visible for 1 s as one view per page visit', () => {
    const page = capturePage(GRID);
    page.io.show(0.6, page.$('#a'));
    vi.advanceTimersByTime(999);
    expect(page.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(page.events).toEqual([{ type: 'view', item: { id: 'a' }, list: 'catalog' }]);
    page.io.show(0, page.$('#a'));
    page.io.show(1, page.$('#a'));
    vi.advanceTimersByTime(5000);
    expect(page.brief('view')).toEqual([['view', 'a', 'catalog']]);
  });

  it('does not count an item visible for 0.5 s, or less than half visible', () => {
    const page = capturePage(GRID);
    page.io.show(1, page.$('#a'));
    page.io.show(0.4, page.$('#b'));
    vi.advanceTimersByTime(500);
    page.io.show(0, page.$('#a'));
    vi.advanceTimersByTime(5000);
    expect(page.events).toEqual([]);
  });

  it('counts nothing while the page is hidden, and starts over when it is visible again', () => {
    const page = capturePage(GRID);
    page.io.show(1, page.$('#a'));
    vi.advanceTimersByTime(600);
    page.setVisibility('hidden');
    vi.advanceTimersByTime(5000);
    expect(page.events).toEqual([]);
    page.setVisibility('visible');
    vi.advanceTimersByTime(999);
    expect(page.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(page.brief()).toEqual([['view', 'a', 'catalog']]);
  });
});

describe('startCapture: skips', () => {
  const viewAll = (page: ReturnType<typeof capturePage>) => {
    page.io.show(1, page.$('#a'), page.$('#b'), page.$('#c'));
    vi.advanceTimersByTime(1000);
  };

  it('skips the items viewed and not clicked when the visit ends, once', () => {
    const page = capturePage(GRID);
    viewAll(page);
    page.$('#b').click();
    page.capture.endPageVisit();
    page.capture.endPageVisit();
    expect(page.brief('skip')).toEqual([
      ['skip', 'a', 'catalog'],
      ['skip', 'c', 'catalog'],
    ]);
  });

  it('does not skip an item that was not viewed', () => {
    const page = capturePage(GRID);
    page.io.show(1, page.$('#a'));
    vi.advanceTimersByTime(1000);
    page.capture.endPageVisit();
    expect(page.brief('skip')).toEqual([['skip', 'a', 'catalog']]);
  });

  it('sends the skips when the page is hidden', () => {
    const page = capturePage(GRID);
    viewAll(page);
    page.$('#a').click();
    page.setVisibility('hidden');
    window.dispatchEvent(new Event('pagehide'));
    expect(page.brief('skip')).toEqual([
      ['skip', 'b', 'catalog'],
      ['skip', 'c', 'catalog'],
    ]);
  });

  it('sends the skips on pagehide', () => {
    const page = capturePage(GRID);
    viewAll(page);
    window.dispatchEvent(new Event('pagehide'));
    expect(page.brief('skip')).toHaveLength(3);
  });

  it('ends the visit on pushState, and counts views again in the next one', () => {
    const page = capturePage(GRID);
    viewAll(page);
    page.$('#c').click();
    history.pushState({ page: 2 }, '', '/product/c');
    expect(location.pathname).toBe('/product/c');
    expect(history.state).toEqual({ page: 2 });
    expect(page.brief('skip')).toEqual([
      ['skip', 'a', 'catalog'],
      ['skip', 'b', 'catalog'],
    ]);
    vi.advanceTimersByTime(1000); // still on screen in the new visit
    expect(page.brief('view')).toHaveLength(6);
    page.$('#a').click();
    page.capture.endPageVisit();
    expect(page.brief('skip').slice(2)).toEqual([
      ['skip', 'b', 'catalog'],
      ['skip', 'c', 'catalog'],
    ]);
  });

  it('ends the visit on popstate', () => {
    const page = capturePage(GRID);
    viewAll(page);
    history.pushState(null, '', '/catalog?page=2');
    expect(page.brief('skip')).toHaveLength(3);
    viewAll(page);
    history.replaceState(null, '', '/catalog'); // the browser moves back, then fires popstate
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(page.brief('skip')).toHaveLength(6);
  });

  it('stays in the visit on a jump to an anchor', () => {
    const page = capturePage(GRID);
    viewAll(page);
    history.pushState(null, '', '#reviews');
    location.hash = 'specs';
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(page.brief('skip')).toEqual([]);
    page.capture.endPageVisit();
    expect(page.brief('skip')).toHaveLength(3);
  });

  it('sends the skips of a list element when it is removed, and only those', async () => {
    const page = capturePage(`${GRID}<div id="rail" data-tb-list="for-you"><article id="r1" data-tb-id="r1">R</article></div>`);
    page.io.show(1, page.$('#a'), page.$('#r1'));
    vi.advanceTimersByTime(1000);
    page.$('#rail').remove();
    await mutationsDelivered();
    expect(page.brief('skip')).toEqual([['skip', 'r1', 'for-you']]);
    expect(page.io.observed.has(page.$('#a'))).toBe(true);
    page.capture.endPageVisit();
    expect(page.brief('skip')).toEqual([
      ['skip', 'r1', 'for-you'],
      ['skip', 'a', 'catalog'],
    ]);
  });

  it('picks up list items added later', async () => {
    const page = capturePage(GRID);
    page.$('#grid').insertAdjacentHTML('beforeend', '<article id="d" data-tb-id="d">D</article>');
    await mutationsDelivered();
    page.io.show(1, page.$('#d'));
    vi.advanceTimersByTime(1000);
    page.capture.endPageVisit();
    expect(page.brief()).toEqual([
      ['view', 'd', 'catalog'],
      ['skip', 'd', 'catalog'],
    ]);
  });

  it('stops observing removed items', async () => {
    const page = capturePage(GRID);
    const a = page.$('#a');
    page.io.show(1, a);
    a.remove();
    await mutationsDelivered();
    vi.advanceTimersByTime(2000);
    expect(page.io.observed.has(a)).toBe(false);
    expect(page.events).toEqual([]);
  });
});

describe('startCapture: dwell', () => {
  it('reports the visible time on a product page when the visit ends', () => {
    const page = capturePage(PRODUCT);
    vi.advanceTimersByTime(3200);
    page.setVisibility('hidden');
    vi.advanceTimersByTime(60_000); // hidden time does not count
    page.setVisibility('visible');
    vi.advanceTimersByTime(1500);
    page.capture.endPageVisit();
    expect(page.events).toEqual([
      { type: 'dwell', item: { id: 'p1', category: 'kitchen/coffee' }, durationMs: 3200 },
      { type: 'dwell', item: { id: 'p1', category: 'kitchen/coffee' }, durationMs: 1500 },
    ]);
  });

  it('reports nothing under dwellMinMs', () => {
    const page = capturePage(PRODUCT, { dwellMinMs: 2000 });
    vi.advanceTimersByTime(1999);
    page.capture.endPageVisit();
    expect(page.events).toEqual([]);
  });

  it('reports one dwell per item and visit, on pushState', () => {
    const page = capturePage(`${PRODUCT}<aside id="sticky" data-tb-id="p1" data-tb-category="kitchen/coffee"></aside>`);
    vi.advanceTimersByTime(2000);
    history.pushState(null, '', '/elsewhere');
    expect(page.brief()).toEqual([['dwell', 'p1', undefined]]);
  });

  it('reports the dwell when the product element is removed, and measures one added later', async () => {
    const page = capturePage(PRODUCT);
    vi.advanceTimersByTime(1200);
    page.$('#product').remove();
    await mutationsDelivered();
    expect(page.events).toEqual([{ type: 'dwell', item: { id: 'p1', category: 'kitchen/coffee' }, durationMs: 1200 }]);
    document.body.insertAdjacentHTML('beforeend', '<main data-tb-id="p2"></main>');
    await mutationsDelivered();
    vi.advanceTimersByTime(4000);
    window.dispatchEvent(new Event('pagehide'));
    expect(page.events.at(-1)).toEqual({ type: 'dwell', item: { id: 'p2' }, durationMs: 4000 });
  });

  it('waits for a page opened in the background to become visible', () => {
    const page = capturePage(PRODUCT + GRID, {}, 'hidden');
    page.io.show(1, page.$('#a'));
    vi.advanceTimersByTime(10_000);
    expect(page.events).toEqual([]);
    page.setVisibility('visible');
    vi.advanceTimersByTime(1000);
    page.capture.endPageVisit();
    expect(page.brief()).toEqual([
      ['view', 'a', 'catalog'],
      ['skip', 'a', 'catalog'],
      ['dwell', 'p1', undefined],
    ]);
    expect(page.events[2]?.durationMs).toBe(1000);
  });
});
