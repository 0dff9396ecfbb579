/** Runs tasks one at a time, in the order they were queued. */
export interface Lane {
  /** Queues `task`; resolves or rejects with it. A failed task does not stop the lane. */
  run<T>(task: () => T | Promise<T>): Promise<T>;
  /** Resolves when every task queued so far has settled. */
  idle(): Promise<void>;
}

/**
 * Creates a lane. The worker has three, ranked from the top:
 *
 * 1. `sync` (worker/sync/createSyncClient.ts): model checks and report attempts, which read and
 *    rewrite the stored schedule.
 * 2. `profile` (worker/createOwner.ts): learning, reads, flush and forget on the owner's engine.
 * 3. `write` (worker/store/createIndexedDbStore.ts): IndexedDB transactions of the profile.
 *
 * **The rule:** a task may await tasks of lanes *below* its own, never of its own lane or one above
 * (it would wait for itself: a `profile` task awaiting the sync client's start, which reads the engine
 * through `profile`, deadlocked once, 9ac9f5c). Work that needs a higher lane queues there from
 * outside the lane (createOwner's `profile` and `sync` reads do).
 * @returns an empty lane.
 */
export function createLane(): Lane {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => T | Promise<T>): Promise<T> {
      const turn = tail.then(task);
      tail = turn.catch(() => {});
      return turn;
    },
    idle: () => tail.then(() => {}),
  };
}
