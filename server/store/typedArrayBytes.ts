/* Conversions between stored bytes and typed arrays; every stored vector is little-endian. */

/**
 * A Buffer over the bytes of a typed array, without copying.
 * @param values - an Int32Array or Float32Array.
 * @returns a Buffer sharing its memory.
 */
export function bytesOf(values: Int32Array | Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * Reads a float32 model from stored bytes.
 * @param bytes - 4 × dimensions bytes.
 * @returns a fresh Float32Array.
 */
export function bytesToFloat32(bytes: Uint8Array): Float32Array {
  const values = new Float32Array(bytes.byteLength >> 2);
  new Uint8Array(values.buffer).set(bytes.subarray(0, values.byteLength));
  return values;
}
