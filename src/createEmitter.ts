/** A tiny typed event emitter whose `on` returns its own cleanup (like mitt, minus what we don't use). */
export interface Emitter<Events extends Record<string, unknown>> {
  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
  /** Whether anyone listens: lets the caller skip producing a payload nobody reads. */
  has(name: keyof Events): boolean;
  clear(): void;
}

/**
 * Creates an emitter. A listener that throws is reported on the console and never stops the others
 * or reaches the code that emitted (the host page's handlers must not break the SDK, nor the reverse).
 */
export function createEmitter<Events extends Record<string, unknown>>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        try {
          (listener as (payload: Events[typeof name]) => void)(payload);
        } catch (error) {
          console.error('[tastebud] an on() listener threw', error);
        }
      }
    },
    has: (name) => (listeners.get(name)?.size ?? 0) > 0,
    clear() {
      listeners.clear();
    },
  };
}
