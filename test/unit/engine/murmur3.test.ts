import { describe, expect, it } from 'vitest';
import { murmur3 } from '../../../core/engine/murmur3';

/** Byte-oriented reference of MurmurHash3 x86_32 over TextEncoder's UTF-8, written independently. */
function referenceMurmur3(text: string, seed: number): number {
  const bytes = new TextEncoder().encode(text);
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = bytes.length - (bytes.length % 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < blocks; i += 4) {
    let k = view.getUint32(i, true);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  for (let i = bytes.length - 1; i >= blocks; i--) k = (k << 8) | (bytes[i] as number);
  if (bytes.length % 4) {
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, c2);
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

describe('murmur3 (MurmurHash3 x86_32 over UTF-8)', () => {
  // Published test vectors of the reference implementation.
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['ab', 0x9747b28c, 0x74875592],
    ['abc', 0x9747b28c, 0xc84a62dd],
    ['abcd', 0x9747b28c, 0xf0478627],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ['hello', 0, 0x248bfa47],
  ])('hashes %j with seed %i to the published value', (text, seed, expected) => {
    expect(murmur3(text, seed)).toBe(expected);
  });

  it('hashes feature names to the golden values the profile format depends on', () => {
    // Changing any of these invalidates every stored profile and the federated global model.
    expect(murmur3('category=shoes/running', 0)).toBe(0x39bf0e1d);
    expect(murmur3('id=sku-1', 0)).toBe(0x09d006e3);
    expect(murmur3('brand=Acme', 0)).toBe(0xa0f4e986);
    expect(murmur3('tag=trail', 0)).toBe(0x05a09aae);
  });

  it('agrees with a TextEncoder-based reference on multi-byte text, emoji and lone surrogates', () => {
    const samples = ['é', 'Größe=42', 'brand=Čokoláda', 'tag=日本語', 'tag=🏃‍♀️ run', 'x\ud800y', '\udc00', 'ab\ud83d'];
    for (const s of samples) expect(murmur3(s, 7), s).toBe(referenceMurmur3(s, 7));
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    for (let n = 0; n < 300; n++) {
      const chars = Array.from({ length: next() % 13 }, () =>
        String.fromCharCode(next() % 3 === 0 ? next() % 0xffff : 32 + (next() % 90)),
      );
      const s = chars.join('');
      expect(murmur3(s, n)).toBe(referenceMurmur3(s, n));
    }
  });
});
