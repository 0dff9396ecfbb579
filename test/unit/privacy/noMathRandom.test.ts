import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const MATH_RANDOM = /Math\s*(?:\.\s*random|\[\s*['"`]random['"`]\s*\])/;
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every file reachable from `entry` by relative imports (type imports too: conservative), and every bare import. */
function importGraph(entry: string): { files: Map<string, string>; bare: string[] } {
  const files = new Map<string, string>();
  const bare: string[] = [];
  const queue = [resolve(repo, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const match of text.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3]) as string;
      if (!specifier.startsWith('.')) {
        bare.push(specifier);
        continue;
      }
      const target = resolve(dirname(file), specifier);
      queue.push(target.endsWith('.ts') ? target : `${target}.ts`);
    }
  }
  return { files, bare };
}

describe('the privacy core', () => {
  const { files, bare } = importGraph('core/privacy/index.ts');

  it('reaches its modules through relative imports only (no packages, no node: modules)', () => {
    expect(files.size).toBeGreaterThan(20);
    expect(bare).toEqual([]);
  });

  it('never mentions Math.random in any reachable file', () => {
    const offenders = [...files].filter(([, text]) => MATH_RANDOM.test(text)).map(([file]) => file);
    expect(offenders).toEqual([]);
  });

  it('detects Math.random when it is there (the check itself works)', () => {
    expect(MATH_RANDOM.test('const u = Math .random();')).toBe(true);
    expect(MATH_RANDOM.test("Math['random']()")).toBe(true);
  });
});

describe('the sync code (tastebud.sync.js)', () => {
  const { files, bare } = importGraph('worker/sync/index.ts');

  it('reaches the privacy core and only the idb package', () => {
    expect([...files.keys()].some((f) => f.endsWith('core/privacy/buildReport.ts'))).toBe(true);
    expect([...new Set(bare)]).toEqual(['idb']);
  });

  it('never mentions Math.random in any reachable file, idb included', () => {
    const offenders = [...files].filter(([, text]) => MATH_RANDOM.test(text)).map(([file]) => file);
    expect(offenders).toEqual([]);
    expect(MATH_RANDOM.test(readFileSync(resolve(repo, 'node_modules/idb/build/index.js'), 'utf8'))).toBe(false);
  });
});
