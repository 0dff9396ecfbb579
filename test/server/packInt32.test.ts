import { describe, expect, it } from 'vitest';
import { packedWidth, packInt32, unpackInt32 } from '../../server/store/packInt32';
import { mulberry32 } from './helpers/makeReport';

describe('packInt32', () => {
  it('picks the fewest bytes that hold the range', () => {
    expect(packedWidth(-128, 127)).toBe(1);
    expect(packedWidth(-129, 0)).toBe(2);
    expect(packedWidth(0, 128)).toBe(2);
    expect(packedWidth(-32768, 32767)).toBe(2);
    expect(packedWidth(0, 32768)).toBe(3);
    expect(packedWidth(-8388608, 8388607)).toBe(3);
    expect(packedWidth(0, 8388608)).toBe(4);
    expect(packedWidth(-2147483648, 2147483647)).toBe(4);
  });

  it.each([1, 2, 3, 4] as const)('round-trips width %i, also from an unaligned slice', (width) => {
    const random = mulberry32(width);
    const limit = 2 ** (8 * width - 1);
    const values = Int32Array.from({ length: 1001 }, () => Math.floor(random() * 2 * limit) - limit);
    values[0] = -limit;
    values[1] = limit - 1;
    const packed = packInt32(values, width);
    expect(packed.byteLength).toBe(values.length * width);
    expect([...unpackInt32(packed, width)]).toEqual([...values]);
    // A block of coordinates [7, 507) read out of a buffer at an odd offset, as the stores' substr() gives it.
    const shifted = new Uint8Array(packed.byteLength + 1);
    shifted.set(packed, 1);
    expect([...unpackInt32(shifted.subarray(1 + 7 * width, 1 + 507 * width), width)]).toEqual([...values.subarray(7, 507)]);
  });
});
