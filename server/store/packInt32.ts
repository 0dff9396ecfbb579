/* The stored form of a report's vector: each int32 as few little-endian two's-complement bytes as every
 * value of the report fits in. Honest noise is far below 2^31: at the SDK's defaults (k = 8, z = 5,
 * σ = 2,560) a report fits 2 bytes, half the bytes written and checkpointed per report. */

/** Bytes per stored value. */
export type PackedWidth = 1 | 2 | 3 | 4;

/**
 * The fewest bytes per value that hold every value in [min, max].
 * @param min - the smallest value.
 * @param max - the largest value.
 * @returns 1 to 4.
 */
export function packedWidth(min: number, max: number): PackedWidth {
  if (min >= -0x80 && max < 0x80) return 1;
  if (min >= -0x8000 && max < 0x8000) return 2;
  if (min >= -0x800000 && max < 0x800000) return 3;
  return 4;
}

/**
 * Packs int32 values into `width` little-endian bytes each (host is little-endian: createServer checks).
 * @param values - values that fit `width` bytes.
 * @param width - bytes per value.
 * @returns fresh bytes (or, for width 4, the values' own bytes).
 */
export function packInt32(values: Int32Array, width: PackedWidth): Uint8Array {
  if (width === 4) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  // TypedArray#set converts element types natively, much faster than a loop or TypedArray.from.
  if (width === 1 || width === 2) {
    const narrow = width === 1 ? new Int8Array(values.length) : new Int16Array(values.length);
    narrow.set(values);
    return new Uint8Array(narrow.buffer);
  }
  const bytes = new Uint8Array(values.length * 3);
  for (let i = 0, o = 0; i < values.length; i++, o += 3) {
    const value = values[i] as number;
    bytes[o] = value;
    bytes[o + 1] = value >> 8;
    bytes[o + 2] = value >> 16;
  }
  return bytes;
}

/**
 * Unpacks values stored by {@link packInt32}.
 * @param bytes - a whole number of values, at any byte offset.
 * @param width - bytes per value.
 * @returns the values.
 */
export function unpackInt32(bytes: Uint8Array, width: PackedWidth): Int32Array {
  const length = Math.floor(bytes.byteLength / width);
  // Typed-array views need an aligned offset: copy into a fresh buffer first.
  const aligned = new Uint8Array(length * width);
  aligned.set(bytes.subarray(0, length * width));
  if (width === 4) return new Int32Array(aligned.buffer);
  const values = new Int32Array(length);
  if (width === 1 || width === 2) {
    values.set(width === 1 ? new Int8Array(aligned.buffer) : new Int16Array(aligned.buffer));
    return values;
  }
  for (let i = 0, o = 0; i < length; i++, o += 3) {
    values[i] = (((aligned[o] as number) | ((aligned[o + 1] as number) << 8) | ((aligned[o + 2] as number) << 16)) << 8) >> 8;
  }
  return values;
}
