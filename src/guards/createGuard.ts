import type { EventType, TrackEvent } from '../types';

/** Options of {@link createGuard}. */
export interface GuardOptions {
  /** Most direct actions (`click`, `add_to_cart`, `purchase`, `search`) admitted in any 1 s. @default 20 */
  maxPerSecond?: number;
  /** An exact repeat (same type, item id, list and query) this soon after an admitted event is dropped. @default 2000 */
  duplicateWindowMs?: number;
  /** Milliseconds on any origin. @default Date.now */
  clock?: () => number;
  /** Asked for every event. @default `() => navigator.webdriver === true` */
  isAutomated?: () => boolean;
}

/** How many events a guard admitted, and how many it dropped for each reason. */
export interface GuardStats {
  admitted: number;
  burst: number;
  duplicate: number;
  automation: number;
}

/** A data-quality filter in front of `track`. */
export interface Guard {
  /**
   * Decides whether an event is worth learning from, and counts the decision.
   * @param trusted - the shop's own code called `track()`: only the automation check applies (a
   *   checkout may rightly track thirty purchases at once; autocapture cannot tell that from a bot).
   */
  admit(event: TrackEvent, trusted?: boolean): boolean;
  /** A copy of the counters. */
  stats(): GuardStats;
}

// `view`, `skip` and `dwell` are derived by the SDK from scrolling and the page lifecycle, not
// typed by a hand: a grid scrolled past yields dozens of views a second, and a visit's skips all
// arrive when it ends. Only the shopper's own actions can be too fast to be human.
const ACTIONS: readonly EventType[] = ['click', 'add_to_cart', 'purchase', 'search'];

/**
 * Creates a guard that drops events from automated browsers, direct actions beyond `maxPerSecond`
 * in a sliding 1 s window, and exact repeats within `duplicateWindowMs` (a double click). Each
 * dropped event counts under one reason, checked in that order. O(1) amortised per event: a ring
 * of the last `maxPerSecond` action times and an insertion-ordered map of recent event keys.
 * @param options - limits, clock and automation test.
 * @returns the guard.
 */
export function createGuard(options: GuardOptions = {}): Guard {
  const {
    maxPerSecond = 20,
    duplicateWindowMs = 2000,
    clock = Date.now,
    isAutomated = () => globalThis.navigator?.webdriver === true,
  } = options;
  const ring = new Float64Array(Math.max(1, maxPerSecond | 0)).fill(Number.NEGATIVE_INFINITY);
  let next = 0;
  const recent = new Map<string, number>(); // key → last admitted time, oldest first
  const counts: GuardStats = { admitted: 0, burst: 0, duplicate: 0, automation: 0 };
  const drop = (reason: Exclude<keyof GuardStats, 'admitted'>) => {
    counts[reason]++;
    return false;
  };
  return {
    admit(event, trusted = false) {
      if (isAutomated()) return drop('automation');
      if (trusted) {
        counts.admitted++;
        return true;
      }
      const now = clock();
      for (const [key, at] of recent) {
        if (now - at < duplicateWindowMs) break;
        recent.delete(key);
      }
      const key = `${event.type}\u0001${event.item?.id}\u0001${event.list}\u0001${event.query}`;
      const last = recent.get(key);
      if (last !== undefined && now - last < duplicateWindowMs) return drop('duplicate');
      if (ACTIONS.includes(event.type)) {
        if (now - (ring[next] as number) < 1000) return drop('burst');
        ring[next] = now;
        next = (next + 1) % ring.length;
      }
      recent.delete(key);
      recent.set(key, now);
      counts.admitted++;
      return true;
    },
    stats: () => ({ ...counts }),
  };
}
