import type { IntersectionObserverConstructor } from '../../../src/capture/startCapture';

type Entry = Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'intersectionRatio'>;

/** An `IntersectionObserver` the test moves: `show(el, ratio)` reports a change for an observed element. */
export function fakeIntersectionObserver() {
  const observed = new Set<Element>();
  const callbacks: Array<(entries: Entry[]) => void> = [];
  const thresholds: number[] = [];
  class FakeIntersectionObserver {
    constructor(callback: (entries: Entry[]) => void, options: { threshold: number }) {
      callbacks.push(callback);
      thresholds.push(options.threshold);
    }
    observe(target: Element): void {
      observed.add(target);
    }
    unobserve(target: Element): void {
      observed.delete(target);
    }
    disconnect(): void {
      observed.clear();
    }
  }
  return {
    constructor: FakeIntersectionObserver satisfies IntersectionObserverConstructor,
    observed,
    thresholds,
    /** Reports `ratio` of each element visible, as the browser would: only for observed elements. */
    show(ratio: number, ...elements: Element[]): void {
      const entries = elements
        .filter((el) => observed.has(el))
        .map((target) => ({ target, isIntersecting: ratio > 0, intersectionRatio: ratio }));
      if (entries.length > 0) for (const callback of callbacks) callback(entries);
    },
  };
}
