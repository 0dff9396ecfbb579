import { describeValue } from './checkArgument';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
let values: Int8Array | null = null;

/**
 * Decodes standard padded base64 (RFC 4648 §4), strictly: the length must be a multiple of 4, only
 * alphabet characters and final `=` padding, and unused bits zero (so every byte string has exactly
 * one encoding).
 * @param text - the base64 text.
 * @returns the bytes.
 */
export function decodeBase64(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`decodeBase64: text must be a string, got ${describeValue(text)}`);
  if (text.length % 4 !== 0) throw new RangeError(`decodeBase64: text length ${text.length} is not a multiple of 4`);
  if (values === null) {
    values = new Int8Array(128).fill(-1);
    for (let i = 0; i < 64; i++) values[ALPHABET.charCodeAt(i)] = i;
  }
  const table = values;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const digit = (i: number): number => {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (table[code] as number) : -1;
    if (value < 0) throw new RangeError(`decodeBase64: invalid character ${JSON.stringify(text[i])} at ${i}`);
    return value;
  };
  let o = 0;
  const full = padding === 0 ? text.length : text.length - 4;
  for (let i = 0; i < full; i += 4) {
    const quad = (digit(i) << 18) | (digit(i + 1) << 12) | (digit(i + 2) << 6) | digit(i + 3);
    out[o++] = quad >>> 16;
    out[o++] = (quad >>> 8) & 255;
    out[o++] = quad & 255;
  }
  if (padding > 0) {
    const i = full;
    const a = digit(i);
    const b = digit(i + 1);
    out[o++] = (a << 2) | (b >>> 4);
    if (padding === 1) {
      const c = digit(i + 2);
      out[o++] = ((b & 15) << 4) | (c >>> 2);
      if ((c & 3) !== 0) throw new RangeError('decodeBase64: nonzero bits in the last character before the padding');
    } else if ((b & 15) !== 0) {
      throw new RangeError('decodeBase64: nonzero bits in the last character before the padding');
    }
  }
  return out;
}
