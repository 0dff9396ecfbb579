// @ts-check
/**
 * A small deterministic PRNG (mulberry32), the same as bench/lib/seededRandom.ts: the shop is plain
 * browser ESM with no build step, so it cannot import the TypeScript one. Never for privacy code.
 * @param {number} seed - 32-bit seed.
 * @returns {() => number} floats in [0, 1).
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
