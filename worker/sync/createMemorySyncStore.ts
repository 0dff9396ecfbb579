import type { SyncState, SyncStore } from './types';

/**
 * Sync's state in memory: for tests and Node simulations. The browser never reports from memory,
 * since a ledger that a reload forgets cannot enforce the yearly budget.
 * @param initial - state to start from (e.g. to simulate a second page load).
 * @returns the store; `state` shows what it holds.
 */
export function createMemorySyncStore(initial: SyncState = { schedule: null, ledger: [], pending: null }) {
  const state: SyncState = { ...initial, ledger: [...initial.ledger] };
  const store: SyncStore & { state: SyncState } = {
    state,
    async load() {
      return { ...state, ledger: [...state.ledger] };
    },
    async commitReport(pending, entry, schedule) {
      state.pending = pending;
      state.ledger.push(entry);
      state.schedule = schedule;
    },
    async delivered(id, schedule) {
      if (state.pending?.id === id) state.pending = null;
      state.schedule = schedule;
    },
    async saveSchedule(schedule) {
      state.schedule = schedule;
    },
    async replace(next) {
      Object.assign(state, { ...next, ledger: [...next.ledger] });
    },
    close() {},
  };
  return store;
}
