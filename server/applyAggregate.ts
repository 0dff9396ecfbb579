/**
 * The server step of federated averaging: w ← w + η·aggregate, rounded once to float32.
 * @param weights - the current global weights.
 * @param aggregate - the round's aggregate in weight units (already rescaled by gamma).
 * @param learningRate - the server learning rate η.
 * @returns new weights; the inputs are not modified.
 */
export function applyAggregate(weights: Float32Array, aggregate: Float64Array, learningRate: number): Float32Array {
  if (weights.length !== aggregate.length) {
    throw new RangeError(`aggregate has ${aggregate.length} coordinates, the model ${weights.length}`);
  }
  const next = new Float32Array(weights.length);
  // Float32Array assignment rounds to nearest-even, the same everywhere, so instances agree bit for bit.
  for (let i = 0; i < weights.length; i++) next[i] = (weights[i] as number) + learningRate * (aggregate[i] as number);
  return next;
}
