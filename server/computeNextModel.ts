import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type AggregateOptions, aggregateColumns } from './aggregate';
import { applyAggregate } from './applyAggregate';
import type { SealedRound } from './store/Store';

/**
 * Extension point for `mode: 'central'` (not implemented): it will add discrete Gaussian noise to the
 * round's aggregate here, between aggregation and the model update, and keep the accountant.
 */
export type CentralNoise = (aggregate: Float64Array, round: SealedRound) => Float64Array;

/** Options of {@link computeNextModel}. */
export interface NextModelOptions {
  aggregate: AggregateOptions;
  learningRate: number;
  centralNoise?: CentralNoise;
}

/** Report bytes read per block: bounds memory whatever the round size (n × block × 4 bytes). */
const READ_BUDGET_BYTES = 32 * 2 ** 20;
/** Coordinates aggregated between two yields, so a large round never stalls requests for long. */
const COORDINATES_PER_TURN = 256;

/**
 * Aggregates a sealed round block by block and applies it to the current weights.
 * @param round - the sealed round (reports in ascending id order) and the current model.
 * @param options - aggregator, server learning rate, central-noise hook.
 * @returns the next weights.
 */
export async function computeNextModel(round: SealedRound, options: NextModelOptions): Promise<Float32Array> {
  const { dimensions } = round.model;
  const aggregate = new Float64Array(dimensions);
  const block = Math.max(1, Math.min(dimensions, Math.floor(READ_BUDGET_BYTES / (4 * Math.max(1, round.reports)))));
  for (let offset = 0; offset < dimensions; offset += block) {
    const length = Math.min(block, dimensions - offset);
    const slices = await round.readSlice(offset, length);
    for (let from = 0; from < length; from += COORDINATES_PER_TURN) {
      aggregateColumns(
        slices,
        round.gammas,
        from,
        Math.min(length, from + COORDINATES_PER_TURN),
        options.aggregate,
        aggregate,
        offset,
      );
      await yieldToEventLoop();
    }
  }
  const released = options.centralNoise ? options.centralNoise(aggregate, round) : aggregate;
  return applyAggregate(round.model.weights, released, options.learningRate);
}
