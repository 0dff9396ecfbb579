import type { RandomSource } from './RandomSource';

/** Web Crypto refuses requests over 65,536 bytes (QuotaExceededError). */
const MAX_BYTES_PER_CALL = 65_536;

interface CryptoLike {
  getRandomValues(array: Uint8Array): Uint8Array;
}

/**
 * The platform CSPRNG (`globalThis.crypto.getRandomValues`) as a {@link RandomSource}: Node 20+, Web
 * Workers and browsers. Bytes are fetched in blocks of 65,536 (the Web Crypto limit per call) and
 * handed out from that pool, so many small requests cost one call; no byte is handed out twice.
 * @returns a new source with its own pool.
 * @throws Error when the platform has no `crypto.getRandomValues`.
 */
export function cryptoRandom(): RandomSource {
  const crypto = (globalThis as unknown as { crypto?: Partial<CryptoLike> }).crypto;
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new Error('cryptoRandom: globalThis.crypto.getRandomValues is not available on this platform');
  }
  const getRandomValues = (bytes: Uint8Array) => (crypto as CryptoLike).getRandomValues(bytes);
  let pool: Uint8Array | null = null;
  let used = MAX_BYTES_PER_CALL;
  return {
    fill(bytes: Uint8Array): void {
      if (!(bytes instanceof Uint8Array)) throw new TypeError('cryptoRandom().fill: bytes must be a Uint8Array');
      const n = bytes.length;
      let offset = 0;
      while (offset < n) {
        const want = n - offset;
        if (used === MAX_BYTES_PER_CALL && want >= MAX_BYTES_PER_CALL) {
          // A whole block: straight into the caller's array, no copy.
          getRandomValues(bytes.subarray(offset, offset + MAX_BYTES_PER_CALL));
          offset += MAX_BYTES_PER_CALL;
          continue;
        }
        if (used === MAX_BYTES_PER_CALL) {
          pool ??= new Uint8Array(MAX_BYTES_PER_CALL);
          getRandomValues(pool);
          used = 0;
        }
        const take = Math.min(want, MAX_BYTES_PER_CALL - used);
        const source = (pool as Uint8Array).subarray(used, used + take);
        bytes.set(source, offset);
        // Handed-out bytes do not stay in the pool: a later heap snapshot cannot replay them.
        source.fill(0);
        used += take;
        offset += take;
      }
    },
  };
}
