import { MAX_STRING_LENGTH } from '../../core/engine/validateItem';
import type { EventType, Item, TrackEvent } from '../types';
import { ITEM_SELECTOR, readItem } from './readItem';

/** The part of `IntersectionObserver` autocapture uses, so tests can pass a fake. */
export type IntersectionObserverConstructor = new (
  callback: (entries: Array<Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'intersectionRatio'>>) => void,
  options: { threshold: number },
) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;

/** Options of {@link startCapture}. */
export interface CaptureOptions {
  /** Receives every captured event (without `ts`). Whatever it throws is reported, never rethrown. */
  emit: (event: TrackEvent) => void;
  /** The document to watch; its `defaultView` provides `history`, observers and page lifecycle events. @default document */
  root?: Document;
  /** Milliseconds on any origin, for dwell durations. @default Date.now */
  clock?: () => number;
  /** Told about malformed data attributes and anything else that went wrong; nothing is thrown. */
  onProblem?: (message: string) => void;
  /** Shortest dwell worth reporting; the engine applies its own threshold on top. @default 1000 */
  dwellMinMs?: number;
  /** Replaces the window's `IntersectionObserver` (tests); without one, no `view` or `skip` is captured. */
  intersectionObserver?: IntersectionObserverConstructor;
}

/** A running autocapture. */
export interface Capture {
  /** Removes every listener, observer and timer and restores `history.pushState`; emits nothing more (consent withdrawn). */
  stop(): void;
  /** Ends the page visit now, emitting its pending `skip`s and `dwell`s, and starts the next (for routers `pushState` misses). */
  endPageVisit(): void;
}

// One closure over one page visit's state: split into modules, the shared state would cost bytes
// of the 6 KB budget and the code would be no clearer.

const LIST = '[data-tb-list]';
const ACTIONS = ['click', 'add_to_cart', 'purchase'];
/** How long a list item stays ≥ 50 % visible to count as seen. */
const VIEW_MS = 1000;

/**
 * Captures the shopper's interactions from the data attributes of CONTRACT §4 with one delegated
 * `click` and `submit` listener, one `IntersectionObserver` for list items and one `MutationObserver`
 * for elements added or removed later.
 *
 * A page visit ends when the page is hidden (`visibilitychange`, `pagehide`), on SPA navigation
 * (`pushState`, `popstate`, when more than the `#fragment` changed) and on {@link Capture.endPageVisit};
 * the next one starts at once (or when the page is visible again). Per visit: a list item ≥ 50 %
 * visible for 1 s is one `view` per (list, id); a viewed item with no captured click, `add_to_cart` or
 * `purchase` on its id is one `skip`, sent when the visit ends or its list element leaves the document
 * (a re-rendered rail should keep its element); an item element outside any list is a product page,
 * whose visible time is one `dwell` per id (if ≥ `dwellMinMs`) when the visit ends or the element
 * leaves. An item taller than twice the viewport never reaches 50 % and is never `view`ed.
 *
 * `history.pushState` is wrapped; `stop()` restores it unless another script wrapped it after us, in
 * which case our wrapper stays in the chain as a pass-through.
 * @param options - where to listen and where to send events.
 * @returns the running capture.
 */
export function startCapture(options: CaptureOptions): Capture {
  const { emit, root = document, clock = Date.now, onProblem, dwellMinMs = 1000 } = options;
  const win = root.defaultView;
  const IO: IntersectionObserverConstructor | undefined = options.intersectionObserver ?? win?.IntersectionObserver;
  const controller = new AbortController();
  const visible = new Set<Element>(); // list items ≥ 50 % in view, whether or not the page is
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const dwell = new Map<Element, number>(); // product page element → visible since
  // Per visit: (list, id) → where it was seen; null once its skip is settled.
  const viewed = new Map<string, [list: Element, name: string, item: Item] | null>();
  const acted = new Set<string>();
  const dwelled = new Set<string>();
  let active = false;
  let stopped = false;

  const report = (message: string) => {
    try {
      onProblem?.(message);
    } catch {}
  };
  const safe =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (stopped) return;
      try {
        fn(...args);
      } catch (error) {
        report(`[tastebud] autocapture: ${String(error)}`);
      }
    };
  const send = safe(emit);
  const listOf = (el: Element) => el.closest(LIST);
  const event = (type: EventType, item: Item, list?: string | null): TrackEvent => (list ? { type, item, list } : { type, item });

  const arm = (el: Element) => {
    if (!active || timers.has(el)) return;
    const timer = setTimeout(
      safe(() => view(el)),
      VIEW_MS,
    );
    timers.set(el, timer);
  };
  const disarm = (el: Element) => {
    clearTimeout(timers.get(el));
    timers.delete(el);
  };
  function view(el: Element): void {
    timers.delete(el);
    const list = listOf(el);
    const item = list && readItem(el, report);
    if (!list || !item) return;
    const name = list.getAttribute('data-tb-list') ?? '';
    const key = `${name}\n${item.id}`;
    if (viewed.has(key)) return;
    viewed.set(key, [list, name, item]);
    send(event('view', item, name));
  }
  const skip = (seen: [Element, string, Item] | null) => {
    if (seen && !acted.has(seen[2].id)) send(event('skip', seen[2], seen[1]));
  };
  const endDwell = (el: Element, now: number) => {
    const since = dwell.get(el);
    const item = active && since !== undefined && now - since >= dwellMinMs && readItem(el, report);
    if (!item || dwelled.has(item.id)) return;
    dwelled.add(item.id);
    send({ type: 'dwell', item, durationMs: Math.round(now - (since as number)) });
  };

  const endVisit = () => {
    if (!active) return;
    const now = clock();
    for (const seen of viewed.values()) skip(seen);
    for (const el of dwell.keys()) endDwell(el, now);
    for (const el of timers.keys()) disarm(el);
    active = false;
    viewed.clear();
    acted.clear();
    dwelled.clear();
  };
  const startVisit = () => {
    if (active || root.visibilityState === 'hidden') return;
    active = true;
    const now = clock();
    for (const el of dwell.keys()) dwell.set(el, now);
    for (const el of visible) arm(el);
  };
  const navigate = () => {
    endVisit();
    startVisit();
  };
  // A jump to an anchor (`#reviews`) fires popstate too, but stays on the same page.
  const address = () => win?.location.href.split('#')[0];
  let visited = address();
  const route = safe(() => {
    if (address() === visited) return;
    visited = address();
    navigate();
  });

  const found = (el: Element) => {
    if (!el.isConnected) return;
    if (listOf(el)) io?.observe(el);
    else if (!dwell.has(el)) dwell.set(el, clock());
  };
  const lost = (el: Element) => {
    if (el.isConnected) return; // moved, not removed
    if (el.matches(LIST)) {
      for (const [key, seen] of viewed) {
        if (seen?.[0] !== el) continue;
        skip(seen);
        viewed.set(key, null);
      }
      return;
    }
    io?.unobserve(el);
    visible.delete(el);
    disarm(el);
    endDwell(el, clock());
    dwell.delete(el);
  };
  const walk = (nodes: NodeList, selector: string, fn: (el: Element) => void) => {
    for (const node of nodes) {
      if (node.nodeType !== 1) continue;
      if ((node as Element).matches(selector)) fn(node as Element);
      for (const el of (node as Element).querySelectorAll(selector)) fn(el);
    }
  };

  const io =
    IO &&
    new IO(
      safe((entries) => {
        for (const { target, isIntersecting, intersectionRatio } of entries) {
          if (isIntersecting && intersectionRatio >= 0.5) {
            visible.add(target);
            arm(target);
          } else {
            visible.delete(target);
            disarm(target);
          }
        }
      }),
      { threshold: 0.5 },
    );
  const MO = win?.MutationObserver;
  const mo =
    MO &&
    new MO(
      safe((records: MutationRecord[]) => {
        for (const record of records) {
          walk(record.removedNodes, `${LIST},${ITEM_SELECTOR}`, lost);
          walk(record.addedNodes, ITEM_SELECTOR, found);
        }
      }),
    );
  mo?.observe(root, { childList: true, subtree: true });
  for (const el of root.querySelectorAll(ITEM_SELECTOR)) found(el);

  const on = (target: EventTarget | null | undefined, type: string, fn: (e: Event) => void) =>
    target?.addEventListener(type, safe(fn), { capture: true, signal: controller.signal });
  on(root, 'click', (e) => {
    const target = e.target as Element;
    const el = target.closest?.(ITEM_SELECTOR);
    const item = el && readItem(el, report);
    if (!el || !item) return;
    const button = target.closest('[data-tb-event]');
    let type = (button && el.contains(button) && button.getAttribute('data-tb-event')) || 'click';
    if (!ACTIONS.includes(type)) {
      report(`[tastebud] data-tb-event "${type.slice(0, 50)}" is not one of ${ACTIONS}; tracked as a click`);
      type = 'click';
    }
    acted.add(item.id);
    send(event(type as EventType, item, listOf(el)?.getAttribute('data-tb-list')));
  });
  on(root, 'submit', (e) => {
    const form = e.target as Element;
    if (!form.hasAttribute?.('data-tb-search')) return;
    const input = form.querySelector<HTMLInputElement>('input[type=search],input[type=text],input:not([type])');
    const query = input?.value.trim().slice(0, MAX_STRING_LENGTH);
    if (query) send({ type: 'search', query });
  });
  const lifecycle = (e: Event) => {
    if (e.type === 'pagehide' || root.visibilityState === 'hidden') endVisit();
    else startVisit();
  };
  on(root, 'visibilitychange', lifecycle);
  on(win, 'pagehide', lifecycle);
  on(win, 'pageshow', lifecycle);
  on(win, 'popstate', route);

  const history = win?.history;
  const pushState = history?.pushState;
  function wrapped(this: History, ...args: Parameters<History['pushState']>): void {
    pushState?.apply(this, args);
    route();
  }
  if (history && pushState) history.pushState = wrapped;
  startVisit();

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      controller.abort();
      io?.disconnect();
      mo?.disconnect();
      for (const timer of timers.values()) clearTimeout(timer);
      for (const map of [timers, visible, dwell, viewed]) map.clear();
      if (history && pushState && history.pushState === wrapped) history.pushState = pushState;
    },
    endPageVisit: safe(navigate),
  };
}
