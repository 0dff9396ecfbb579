import { vi } from 'vitest';
import { type Capture, type CaptureOptions, startCapture } from '../../../src/capture/startCapture';
import type { TrackEvent } from '../../../src/types';
import { fakeIntersectionObserver } from './fakeIntersectionObserver';

let running: Capture[] = [];
let visibility: DocumentVisibilityState = 'visible';

/**
 * Renders `html` into the happy-dom document and starts a capture on it with fake timers (which
 * also drive `Date.now`, the clock passed in) and a fake IntersectionObserver.
 */
export function capturePage(html: string, options: Partial<CaptureOptions> = {}, initially: DocumentVisibilityState = 'visible') {
  vi.useFakeTimers();
  visibility = initially;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  document.body.innerHTML = html;
  const events: TrackEvent[] = [];
  const problems: string[] = [];
  const io = fakeIntersectionObserver();
  const capture = startCapture({
    emit: (event) => events.push(event),
    onProblem: (message) => problems.push(message),
    clock: () => Date.now(),
    intersectionObserver: io.constructor,
    ...options,
  });
  running.push(capture);
  const $ = (selector: string): HTMLElement => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) throw new Error(`no ${selector} in the page`);
    return el;
  };
  return {
    capture,
    events,
    problems,
    io,
    $,
    /** The events of one type, as `[type, id, list]` triples for short assertions. */
    brief: (type?: string) => events.filter((e) => !type || e.type === type).map((e) => [e.type, e.item?.id, e.list]),
    setVisibility(state: DocumentVisibilityState): void {
      visibility = state;
      document.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

/** Lets the MutationObserver deliver (happy-dom queues it as a microtask). */
export const mutationsDelivered = () => Promise.resolve();

/** Stops every capture a test started and restores the real timers and document. */
export function cleanUpCaptures(): void {
  for (const capture of running) capture.stop();
  running = [];
  Reflect.deleteProperty(document, 'visibilityState');
  document.body.innerHTML = '';
  vi.useRealTimers();
}
