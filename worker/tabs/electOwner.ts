/** The slice of the Web Locks API the election needs (injectable for tests). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/** A held or awaited ownership; `release` gives it up (or stops waiting). */
export interface Election {
  release(): void;
}

/**
 * Elects one owner tab per shop with a Web Lock: the first tab takes the lock at once, the others
 * queue for it, and the browser hands it to the next in line when the owner's worker dies, so a
 * handover needs no polling or heartbeat.
 * @param locks - `navigator.locks`.
 * @param name - the lock name (one per storage name).
 * @param onOwner - called once, when this tab becomes the owner.
 * @returns whether this tab owns the lock now, and the election to release on shutdown.
 */
export async function electOwner(
  locks: LockManagerLike,
  name: string,
  onOwner: () => Promise<void>,
): Promise<{ owner: boolean; election: Election }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const abort = new AbortController();
  const hold = async (lock: unknown) => {
    if (lock === null) return;
    await onOwner();
    await held;
  };
  const granted = await new Promise<boolean>((resolve, reject) => {
    locks
      .request(name, { ifAvailable: true }, async (lock) => {
        if (lock === null) return resolve(false);
        try {
          await onOwner();
        } catch (error) {
          reject(error);
          return;
        }
        resolve(true);
        await held;
      })
      .catch(reject);
  });
  if (!granted) {
    // Queue for the lock; the browser grants it when the current owner's worker goes away.
    locks.request(name, { signal: abort.signal }, hold).catch(() => {
      /* aborted on release: this tab is closing */
    });
  }
  return {
    owner: granted,
    election: {
      release() {
        abort.abort();
        release();
      },
    },
  };
}
