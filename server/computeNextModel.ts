import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RandomSource } from '../core/privacy/index';
import { accountCentralRound } from './accountCentralRound';
import { addCentralNoise } from './addCentralNoise';
import { type AggregateOptions, aggregateColumns } from './aggregate';
import { applyAggregate } from './applyAggregate';
import type { ComputedRound, RoundNoise, SealedRound } from './store/Store';

/** `mode: 'central'`: the server noises each round's sum (PRIVACY.md, "Modes"). */
export interface CentralNoiseOptions {
  /** z: σ = z × the sum's sensitivity 2C/γ. */
  noiseMultiplier: number;
  /** C: every report of the round is clipped to it (validation makes sure). */
  clipNorm: number;
  /** Entropy of the noise: the CSPRNG in production, a seeded source in tests. */
  random: RandomSource;
}

/** Options of {@link computeNextModel}. */
export interface NextModelOptions {
  /** In central mode only 'mean' (resolveOptions refuses the others). */
  aggregate: AggregateOptions;
  learningRate: number;
  /** Present in `mode: 'central'`. */
  central?: CentralNoiseOptions;
}

/** Report bytes read per block: bounds memory whatever the round size (n × block × 4 bytes). */
const READ_BUDGET_BYTES = 32 * 2 ** 20;
/** Coordinates aggregated between two yields, so a large round never stalls requests for long. */
const COORDINATES_PER_TURN = 256;

/**
 * Aggregates a sealed round block by block and applies it to the current weights. In central mode the
 * aggregate is the mean of the noised integer sum: Σ r_i·(γ_i/γ) + N_Z(0, σ²) per coordinate, times γ/n,
 * with γ the finest grid of the round and σ = z·2C/γ.
 * @param round - the sealed round (reports in ascending id order) and the current model.
 * @param options - aggregator, server learning rate, central noise.
 * @returns the next weights and the round's record (aggregator, noise and accountant).
 */
export async function computeNextModel(round: SealedRound, options: NextModelOptions): Promise<ComputedRound> {
  const { dimensions } = round.model;
  const { central } = options;
  // Central mode sums in units of the finest grid γ; every report's γ_i = C/2^k_i is a power-of-two
  // multiple of it, so the sum is an exact integer (|sum| < 2^53 for any round that fits int32 reports).
  const grid = central ? round.gammas.reduce((min, gamma) => Math.min(min, gamma), Number.POSITIVE_INFINITY) : 1;
  const scales = central ? round.gammas.map((gamma) => gamma / grid) : round.gammas;
  if (central && !scales.every(Number.isInteger)) throw new Error(`round ${round.round}: report grids do not nest`);
  const aggregate = new Float64Array(dimensions);
  const block = Math.max(1, Math.min(dimensions, Math.floor(READ_BUDGET_BYTES / (4 * Math.max(1, round.reports)))));
  for (let offset = 0; offset < dimensions; offset += block) {
    const length = Math.min(block, dimensions - offset);
    const slices = await round.readSlice(offset, length);
    for (let from = 0; from < length; from += COORDINATES_PER_TURN) {
      const to = Math.min(length, from + COORDINATES_PER_TURN);
      if (central) sumColumns(slices, scales, from, to, aggregate, offset);
      else aggregateColumns(slices, scales, from, to, options.aggregate, aggregate, offset);
      await yieldToEventLoop();
    }
  }
  let noise: RoundNoise | null = null;
  if (central) {
    const sensitivity = (2 * central.clipNorm) / grid;
    const sigma = central.noiseMultiplier * sensitivity;
    await addCentralNoise(aggregate, sigma, central.random);
    const factor = grid / round.reports;
    for (let j = 0; j < dimensions; j++) aggregate[j] = (aggregate[j] as number) * factor;
    noise = { sigma, sensitivity, ...accountCentralRound({ sigma, sensitivity }, round.noiseHistory) };
  }
  return {
    weights: applyAggregate(round.model.weights, aggregate, options.learningRate),
    record: { aggregator: options.aggregate.kind, noise },
  };
}

/** out[outOffset + j] = Σ_i slices[i][j]·scales[i] for j in [from, to): exact, every term an integer. */
function sumColumns(
  slices: readonly Int32Array[],
  scales: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
  outOffset: number,
): void {
  for (let j = from; j < to; j++) {
    let total = 0;
    for (let i = 0; i < slices.length; i++) total += ((slices[i] as Int32Array)[j] as number) * (scales[i] as number);
    out[outOffset + j] = total;
  }
}
