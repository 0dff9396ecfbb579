/**
 * MurmurHash3 x86_32 of a string's UTF-8 bytes (Austin Appleby's public-domain reference,
 * `MurmurHash3_x86_32`). Feature indices are derived from it, so its output is part of the
 * profile format: changing it invalidates every stored profile and the global model.
 *
 * @param text - the string to hash; hashed as UTF-8 (lone surrogates as U+FFFD).
 * @param seed - 32-bit seed.
 * @returns the unsigned 32-bit hash.
 */
export function murmur3(text: string, seed = 0): number {
  let h = seed >>> 0;
  let k = 0;
  let shift = 0;
  let length = 0;

  const mix = (byte: number): void => {
    k |= byte << shift;
    shift += 8;
    length++;
    if (shift === 32) {
      h ^= scramble(k);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      k = 0;
      shift = 0;
    }
  };

  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      mix(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate: TextEncoder's replacement
    if (c < 0x800) {
      mix(0xc0 | (c >> 6));
      mix(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      mix(0xe0 | (c >> 12));
      mix(0x80 | ((c >> 6) & 0x3f));
      mix(0x80 | (c & 0x3f));
    } else {
      mix(0xf0 | (c >> 18));
      mix(0x80 | ((c >> 12) & 0x3f));
      mix(0x80 | ((c >> 6) & 0x3f));
      mix(0x80 | (c & 0x3f));
    }
  }

  if (shift !== 0) h ^= scramble(k);
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function scramble(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}
