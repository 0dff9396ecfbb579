/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions<T, R> {
  /** Commits a batch in one transaction; resolves with one result per item, in order. */
  commit: (items: T[]) => Promise<R[]>;
  /** How long the first item of an idle period waits for company. @default 2 */
  maxDelayMs?: number;
  /** A batch never grows beyond this. @default 64 */
  maxBatch?: number;
  /** Commits in flight at once (a server database overlaps them; an embedded one runs them in turn). @default 1 */
  maxConcurrent?: number;
  /**
   * Called after every commit (metrics) with its duration, its size, and the seconds its items spent
   * queued before it started, summed over the items.
   */
  onCommit?: (seconds: number, size: number, queuedSeconds: number) => void;
}

/** A queue that commits concurrent submissions together. */
export interface GroupCommit<T, R> {
  /** Queues an item; resolves with its result once its batch is committed. */
  submit(item: T): Promise<R>;
  /** Resolves once everything submitted so far is committed (or failed). */
  drain(): Promise<void>;
}

interface Pending<T, R> {
  item: T;
  /** performance.now() at submit. */
  queuedAt: number;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: one transaction, and one fsync, for all the reports that arrive while earlier commits
 * run (or within `maxDelayMs` of an idle start), so throughput does not collapse to one fsync per
 * request. Under load the batch size adapts by itself.
 * @param options - the commit function, delay, batch cap and concurrency.
 * @returns the queue.
 */
export function createGroupCommit<T, R>(options: GroupCommitOptions<T, R>): GroupCommit<T, R> {
  const { commit, maxDelayMs = 2, maxBatch = 64, maxConcurrent = 1, onCommit } = options;
  let queue: Pending<T, R>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const inFlight = new Set<Promise<void>>();

  const schedule = (): void => {
    if (inFlight.size >= maxConcurrent || queue.length === 0) return;
    if (queue.length >= maxBatch) {
      flush();
      return;
    }
    timer ??= setTimeout(flush, maxDelayMs);
  };

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    const started = performance.now();
    let queuedMs = 0;
    for (const p of batch) queuedMs += started - p.queuedAt;
    const running: Promise<void> = commit(batch.map((p) => p.item))
      .then(
        (results) => {
          onCommit?.((performance.now() - started) / 1000, batch.length, queuedMs / 1000);
          batch.forEach((p, i) => {
            p.resolve(results[i] as R);
          });
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      )
      .finally(() => {
        inFlight.delete(running);
        // Whatever queued during this commit goes next, without waiting: it has waited already.
        if (queue.length > 0) flush();
      });
    inFlight.add(running);
  };

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, queuedAt: performance.now(), resolve, reject });
        schedule();
      });
    },
    async drain() {
      while (inFlight.size > 0 || queue.length > 0) {
        if (inFlight.size === 0) flush();
        await Promise.all(inFlight);
      }
    },
  };
}
