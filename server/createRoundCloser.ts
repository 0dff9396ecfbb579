import { computeNextModel } from './computeNextModel';
import type { Metrics } from './createMetrics';
import type { ModelCache } from './createModelCache';
import type { PublishedRound, Store } from './store/Store';
import type { ResolvedServerOptions } from './types';

/** Seals due rounds and turns sealed rounds into model versions, on a timer and on demand. */
export interface RoundCloser {
  /** One check: seal the open round if due, then publish every sealed round this instance can take. */
  tick(): Promise<PublishedRound[]>;
  start(): void;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

/**
 * Creates the round closer of one instance. Every instance runs one; the store's locks make sure each
 * round is sealed once and published once.
 * @param store - the store.
 * @param options - round policy, aggregator, retention, clock, log.
 * @param metrics - counts closed rounds.
 * @param models - refreshed after a publish.
 * @returns the closer, stopped.
 */
export function createRoundCloser(
  store: Store,
  options: ResolvedServerOptions,
  metrics: Metrics,
  models: ModelCache,
): RoundCloser {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<PublishedRound[]> | undefined;

  const check = async (): Promise<PublishedRound[]> => {
    const { now, log } = options;
    await store.sealRoundIfDue({ minReports: options.minReports, roundSeconds: options.roundSeconds, now: now() });
    const published: PublishedRound[] = [];
    for (;;) {
      const round = await store.publishSealedRound(
        (sealed) =>
          computeNextModel(sealed, {
            aggregate: { kind: options.aggregator, trim: options.trim },
            learningRate: options.learningRate,
            ...(options.mode === 'central'
              ? { central: { noiseMultiplier: options.noiseMultiplier, clipNorm: options.maxClipNorm, random: options.random } }
              : {}),
          }),
        { now: now(), idRetentionMs: options.idRetentionDays * 86_400_000, modelHistory: options.modelHistory },
      );
      if (!round) break;
      metrics.roundClosed();
      log({ level: 'info', event: 'round-published', ...round });
      published.push(round);
    }
    await models.refreshVersion();
    return published;
  };

  const tick = (): Promise<PublishedRound[]> => {
    running ??= check().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    tick,
    start() {
      timer ??= setInterval(() => {
        tick().catch((error: unknown) => options.log({ level: 'error', event: 'round-check-failed', error: String(error) }));
      }, options.roundCheckMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
