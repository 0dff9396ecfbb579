/**
 * MurmurHash3 x86_32 of a string's UTF-8 bytes (Austin Appleby's public-domain reference,
 * `MurmurHash3_x86_32`). Feature indices are derived from it, so its output is part of the
 * profile format: changing it invalidates every stored profile and the global model.
 *
 * @param text - the string to hash; hashed as UTF-8 (lone surrogates as U+FFFD, like TextEncoder).
 * @param seed - 32-bit seed. @default 0
 * @returns the unsigned 32-bit hash.
 */
export function murmur3(text: string, seed = 0): number {
  const n = text.length;
  let h = seed | 0;
  let i = 0;
  // ASCII fast path, four characters a block; anything else goes through the UTF-8 encoder below.
  for (; i + 4 <= n; i += 4) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    if ((a | b | c | d) >= 0x80) break;
    h = mixBlock(h, a | (b << 8) | (c << 16) | (d << 24));
  }
  if (i === n) return finish(h, n);
  if (!/[^\0-\x7f]/.test(text.slice(i))) {
    let k = 0;
    for (let s = 0; i < n; i++, s += 8) k |= text.charCodeAt(i) << s;
    return finish(h ^ scramble(k), n);
  }
  return hashUtf8Tail(h, i, utf8(text, i));
}

/** Hashes the non-ASCII remainder: `done` ASCII bytes were already mixed into `h`. */
function hashUtf8Tail(h: number, done: number, bytes: number[]): number {
  const total = done + bytes.length;
  let b = 0;
  for (; b + 4 <= bytes.length; b += 4) {
    h = mixBlock(
      h,
      (bytes[b] as number) |
        ((bytes[b + 1] as number) << 8) |
        ((bytes[b + 2] as number) << 16) |
        ((bytes[b + 3] as number) << 24),
    );
  }
  let k = 0;
  for (let s = 0; b < bytes.length; b++, s += 8) k |= (bytes[b] as number) << s;
  if (total % 4) h ^= scramble(k);
  return finish(h, total);
}

function mixBlock(h: number, k: number): number {
  h ^= scramble(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function scramble(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

function finish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** UTF-8 bytes of `text` from `start`, as TextEncoder gives them (the engine has no DOM or Node APIs). */
function utf8(text: string, start: number): number[] {
  const out: number[] = [];
  for (let i = start; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}
