/**
 * A small deterministic PRNG (mulberry32) for reproducible test vectors and benchmark sampling. Never for
 * privacy code: it lives in test/ and is not exported by the package.
 * @param seed - 32-bit seed.
 * @returns a function giving floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
