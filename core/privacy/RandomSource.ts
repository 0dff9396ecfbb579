/**
 * An injectable source of uniformly random bytes. Production code uses {@link cryptoRandom}
 * (the platform CSPRNG); tests may pass a seeded source to make samples reproducible.
 */
export interface RandomSource {
  /**
   * Overwrites every byte of `bytes` with fresh uniformly random bytes.
   * @param bytes - the array to fill, of any length.
   */
  fill(bytes: Uint8Array): void;
}
