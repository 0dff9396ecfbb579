import { describeValue } from './checkArgument';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Bytes per chunk: a multiple of 3, and 4/3 of it stays under engines' argument-count limits. */
const CHUNK_BYTES = 3 * 8192;

let codes: Uint8Array | null = null;

/**
 * Standard padded base64 (RFC 4648 §4) of any number of bytes, without `btoa` or `Buffer`:
 * works in Node, workers and browsers, for inputs of megabytes.
 * @param bytes - the bytes.
 * @returns the base64 text.
 */
export function encodeBase64(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError(`encodeBase64: bytes must be a Uint8Array, got ${describeValue(bytes)}`);
  if (codes === null) {
    codes = new Uint8Array(64);
    for (let i = 0; i < 64; i++) codes[i] = ALPHABET.charCodeAt(i);
  }
  const alphabet = codes;
  const parts: string[] = [];
  const out = new Uint8Array((CHUNK_BYTES / 3) * 4);
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const end = Math.min(bytes.length, start + CHUNK_BYTES);
    let o = 0;
    let i = start;
    for (; i + 3 <= end; i += 3) {
      const triple = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
      out[o++] = alphabet[triple >>> 18] as number;
      out[o++] = alphabet[(triple >>> 12) & 63] as number;
      out[o++] = alphabet[(triple >>> 6) & 63] as number;
      out[o++] = alphabet[triple & 63] as number;
    }
    if (i < end) {
      const first = bytes[i] as number;
      const second = i + 1 < end ? (bytes[i + 1] as number) : 0;
      const pair = (first << 8) | second;
      out[o++] = alphabet[pair >>> 10] as number;
      out[o++] = alphabet[(pair >>> 4) & 63] as number;
      out[o++] = i + 1 < end ? (alphabet[(pair << 2) & 63] as number) : 61; // '='
      out[o++] = 61;
    }
    parts.push(String.fromCharCode.apply(null, out.subarray(0, o) as unknown as number[]));
  }
  return parts.join('');
}
