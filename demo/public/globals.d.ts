// Types only: what the SDK's script tag puts on the page (CONTRACT §3).
import type { Tastebud } from '../../src/index';

declare global {
  interface Window {
    /** Set by tastebud.iife.js; `instance` once the snippet's `init` has run. */
    Tastebud?: { instance?: Tastebud };
  }
}
