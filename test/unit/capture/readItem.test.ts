// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readItem } from '../../../src/capture/readItem';

const element = (html: string): Element => {
  const host = document.createElement('div');
  host.innerHTML = html;
  const el = host.firstElementChild;
  if (!el) throw new Error('no element');
  return el;
};

describe('readItem', () => {
  it('reads an item from data-tb-id and its companion attributes', () => {
    const el = element(
      '<div data-tb-id="sku-1" data-tb-category="shoes/running" data-tb-brand="Acme" data-tb-price="89.5" data-tb-tags=" trail, ,waterproof ,"></div>',
    );
    expect(readItem(el)).toEqual({
      id: 'sku-1',
      category: 'shoes/running',
      brand: 'Acme',
      price: 89.5,
      tags: ['trail', 'waterproof'],
    });
  });

  it('treats empty companion attributes as absent', () => {
    expect(readItem(element('<div data-tb-id="sku-1" data-tb-price="" data-tb-brand=""></div>'))).toEqual({ id: 'sku-1' });
  });

  it('reads a JSON item from data-tb-item, which wins over data-tb-id', () => {
    const el = element(`<div data-tb-id="other" data-tb-item='{"id":"sku-2","tags":["2p"],"attrs":{"season":"summer"}}'></div>`);
    expect(readItem(el)).toEqual({ id: 'sku-2', tags: ['2p'], attrs: { season: 'summer' } });
  });

  it('returns null without a report for an element that shows no item', () => {
    const problems: string[] = [];
    expect(readItem(element('<div data-tb-category="shoes"></div>'), (m) => problems.push(m))).toBeNull();
    expect(problems).toEqual([]);
  });

  it.each([
    ['<div data-tb-item="{oops"></div>', 'data-tb-item: data-tb-item is not valid JSON'],
    [`<div data-tb-item='{"id":""}'></div>`, 'data-tb-item: item.id must be a non-empty string'],
    [`<div data-tb-item='[1]'></div>`, 'data-tb-item: item must be an object'],
    [
      '<div data-tb-id="sku-3" data-tb-price="12,99"></div>',
      'data-tb-id "sku-3": item.price must be a finite number > 0, got NaN',
    ],
    ['<div data-tb-id=""></div>', 'data-tb-id "": item.id must be a non-empty string'],
  ])('rejects %s and says why', (html, message) => {
    const problems: string[] = [];
    expect(readItem(element(html), (m) => problems.push(m))).toBeNull();
    expect(problems).toEqual([`[tastebud] ${message}`]);
  });

  it('reports a malformed element once, however often it is read', () => {
    const el = element('<div data-tb-id="sku-3" data-tb-price="free"></div>');
    const problems: string[] = [];
    for (let i = 0; i < 3; i++) readItem(el, (m) => problems.push(m));
    expect(problems).toHaveLength(1);
  });

  it('returns the same item while the attributes stay, and a fresh one when they change', () => {
    const el = element('<div data-tb-id="sku-1" data-tb-price="10"></div>');
    const first = readItem(el);
    expect(readItem(el)).toBe(first);
    el.setAttribute('data-tb-price', '12');
    expect(readItem(el)).toEqual({ id: 'sku-1', price: 12 });
    el.setAttribute('data-tb-price', '-1');
    expect(readItem(el)).toBeNull();
  });
});
