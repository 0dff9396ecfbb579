import type { RandomSource } from '../../../core/privacy/index';

/**
 * A deterministic RandomSource for tests (xoshiro128**, seeded through SplitMix32). Never for privacy
 * code: it lives in test/ and is not exported by the package.
 * @param seed - any 32-bit integer.
 */
export function seededRandomSource(seed: number): RandomSource {
  let s = seed >>> 0;
  const splitMix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitMix();
  let b = splitMix();
  let c = splitMix();
  let d = splitMix();
  const next = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    fill(bytes: Uint8Array): void {
      let i = 0;
      for (; i + 4 <= bytes.length; i += 4) {
        const x = next();
        bytes[i] = x & 0xff;
        bytes[i + 1] = (x >>> 8) & 0xff;
        bytes[i + 2] = (x >>> 16) & 0xff;
        bytes[i + 3] = x >>> 24;
      }
      if (i < bytes.length) {
        let x = next();
        for (; i < bytes.length; i++, x >>>= 8) bytes[i] = x & 0xff;
      }
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
