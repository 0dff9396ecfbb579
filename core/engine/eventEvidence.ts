import type { EventType, TrackEvent } from './types';

/** How strongly each event type scales the learner's aggressiveness `C`. */
export interface EventStrengths {
  click: number;
  add_to_cart: number;
  purchase: number;
  skip: number;
  search: number;
  /** A dwell of `dwellFullMs` or more counts this much; shorter ones proportionally less. */
  dwell: number;
}

/** CONTRACT §2 defaults. */
export const DEFAULT_STRENGTHS: EventStrengths = { click: 1, add_to_cart: 2, purchase: 3, skip: 0.5, search: 1, dwell: 1 };

/** Dwells shorter than this teach nothing: a glance is not interest. */
export const DWELL_THRESHOLD_MS = 10_000;
/** A dwell this long earns the full dwell strength. */
export const DWELL_FULL_MS = 60_000;

/** What one event teaches: the label and the strength that scales `C`. */
export interface Evidence {
  y: 1 | -1;
  strength: number;
}

/**
 * The learning semantics of CONTRACT §2: positive for click, add_to_cart, purchase, search and a
 * long dwell; negative for skip; nothing for view or a short dwell.
 * @param event - a valid event.
 * @param strengths - per-type strengths.
 * @returns the evidence, or `null` when the event teaches nothing.
 */
export function eventEvidence(event: TrackEvent, strengths: EventStrengths): Evidence | null {
  const type: EventType = event.type;
  switch (type) {
    case 'view':
      return null;
    case 'skip':
      return { y: -1, strength: strengths.skip };
    case 'dwell': {
      const duration = event.durationMs ?? 0;
      if (duration < DWELL_THRESHOLD_MS) return null;
      return { y: 1, strength: strengths.dwell * Math.min(1, duration / DWELL_FULL_MS) };
    }
    default:
      return { y: 1, strength: strengths[type] };
  }
}

/**
 * {@link eventEvidence} without an allocation per event, for the ingest loop: the evidence of every
 * type but `dwell` (whose strength depends on the event) is computed once.
 * @param strengths - per-type strengths.
 */
export function createEvidenceTable(strengths: EventStrengths): (event: TrackEvent) => Readonly<Evidence> | null {
  const fixed = new Map<EventType, Readonly<Evidence> | null>();
  for (const type of ['view', 'click', 'add_to_cart', 'purchase', 'skip', 'search'] as const) {
    fixed.set(type, eventEvidence({ type }, strengths));
  }
  return (event) => (event.type === 'dwell' ? eventEvidence(event, strengths) : (fixed.get(event.type) ?? null));
}
