import { describe, expect, it } from 'vitest';
import { aggregate } from '../../server/aggregate';
import { applyAggregate } from '../../server/applyAggregate';

// Hand-computed fixtures. Five reports over three coordinates, γ = 0.5, so in weight units:
//   coordinate 0:  5,  1, -4,  2,    3    sorted -4, 1, 2, 3, 5
//   coordinate 1: -2,  3,  0,  1,   -1    sorted -2, -1, 0, 1, 3
//   coordinate 2:  0, .5, .5, 50, -1.5    sorted -1.5, 0, .5, .5, 50
const five = [
  [10, -4, 0],
  [2, 6, 1],
  [-8, 0, 1],
  [4, 2, 100],
  [6, -2, -3],
].map((values) => ({ data: Int32Array.from(values), gamma: 0.5 }));

describe('aggregate', () => {
  it('takes the unweighted mean of the rescaled values', () => {
    expect([...aggregate(five, { kind: 'mean' })]).toEqual([7 / 5, 1 / 5, 49.5 / 5]);
  });

  it('cuts floor(β·n) values from each end for the trimmed mean', () => {
    // β = 0.2, n = 5: one value off each end.
    expect([...aggregate(five, { kind: 'trimmed-mean', trim: 0.2 })]).toEqual([(1 + 2 + 3) / 3, 0, 1 / 3]);
    // β = 0.1, n = 5: floor(0.5) = 0, so it is the mean.
    expect([...aggregate(five, { kind: 'trimmed-mean', trim: 0.1 })]).toEqual([7 / 5, 1 / 5, 49.5 / 5]);
  });

  it('trims the outlier out of ten reports with the default β = 0.1', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1000].map((value) => ({ data: Int32Array.of(value), gamma: 1 }));
    expect([...aggregate(ten, { kind: 'trimmed-mean' })]).toEqual([44 / 8]);
    expect([...aggregate(ten, { kind: 'mean' })]).toEqual([104.5]);
    expect([...aggregate(ten, { kind: 'median' })]).toEqual([5.5]);
  });

  it('takes the middle value for an odd count and the mean of the two middle ones for an even count', () => {
    expect([...aggregate(five, { kind: 'median' })]).toEqual([2, 0, 0.5]);
    expect([...aggregate(five.slice(0, 4), { kind: 'median' })]).toEqual([1.5, 0.5, 0.5]);
  });

  it('rescales every report by its own gamma before combining', () => {
    const mixed = [
      { data: Int32Array.of(4, -8), gamma: 0.25 },
      { data: Int32Array.of(1, 2), gamma: 1 },
    ];
    expect([...aggregate(mixed, { kind: 'mean' })]).toEqual([1, 0]);
  });

  it('refuses to aggregate nothing', () => {
    expect(() => aggregate([], { kind: 'mean' })).toThrow(/zero reports/);
  });
});

describe('applyAggregate', () => {
  it('adds η × aggregate and rounds once to float32', () => {
    const weights = Float32Array.of(0.1, 1, -2);
    const next = applyAggregate(weights, Float64Array.of(0.2, 1e-9, 4), 0.5);
    expect([...next]).toEqual([Math.fround(Math.fround(0.1) + 0.1), 1, 0]);
    expect([...weights]).toEqual([Math.fround(0.1), 1, -2]);
  });

  it('refuses an aggregate of another length', () => {
    expect(() => applyAggregate(new Float32Array(2), new Float64Array(3), 1)).toThrow(/3 coordinates, the model 2/);
  });
});
