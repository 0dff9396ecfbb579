import { cryptoRandom } from './cryptoRandom';
import type { RandomSource } from './RandomSource';

/** Words read from the source at a time (4 KiB): one `fill` serves hundreds of samples. */
const BLOCK_WORDS = 1024;

/**
 * Uniform 32-bit words and bits read from a {@link RandomSource} in blocks. The samplers draw
 * millions of small integers; reading them one `fill` each would cost a call and an allocation each.
 */
export class RandomWords {
  private readonly _words = new Uint32Array(BLOCK_WORDS);
  private readonly _bytes = new Uint8Array(this._words.buffer);
  private readonly _source: RandomSource;
  private _next = BLOCK_WORDS;
  private _bits = 0;
  private _bitsLeft = 0;

  constructor(source: RandomSource) {
    this._source = source;
  }

  /** A uniform integer in [0, 2^32). */
  word(): number {
    if (this._next === BLOCK_WORDS) {
      this._source.fill(this._bytes);
      this._next = 0;
    }
    return this._words[this._next++] as number;
  }

  /** A uniform bit, 0 or 1 (32 per word). */
  bit(): number {
    if (this._bitsLeft === 0) {
      this._bits = this.word();
      this._bitsLeft = 32;
    }
    this._bitsLeft--;
    const bit = this._bits & 1;
    this._bits >>>= 1;
    return bit;
  }
}

// One reader per source, so words left in a block serve the next call instead of being dropped.
const readers = new WeakMap<RandomSource, RandomWords>();
let platformSource: RandomSource | undefined;

/**
 * The block reader of `random` (created on first use), or of the platform CSPRNG when omitted.
 * @param random - the source; @default a shared {@link cryptoRandom}.
 * @returns its reader.
 */
export function wordsOf(random?: RandomSource): RandomWords {
  if (random !== undefined && (typeof random !== 'object' || random === null || typeof random.fill !== 'function')) {
    throw new TypeError('random must be a RandomSource: an object with a fill(bytes) method');
  }
  if (random === undefined && platformSource === undefined) platformSource = cryptoRandom();
  const source = (random ?? platformSource) as RandomSource;
  let reader = readers.get(source);
  if (reader === undefined) {
    reader = new RandomWords(source);
    readers.set(source, reader);
  }
  return reader;
}
