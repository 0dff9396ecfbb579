import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLayerViolations } from './findLayerViolations';

/** Every TypeScript source of the library as git sees it (tracked and new, not ignored). */
function librarySources(): Map<string, string> {
  const listed = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', 'core', 'src', 'worker', 'server'],
    {
      encoding: 'utf8',
    },
  );
  const files = new Map<string, string>();
  for (const file of listed.split('\n')) {
    if (/\.(ts|mts|js|mjs)$/.test(file) && !file.endsWith('.d.ts')) {
      try {
        files.set(file, readFileSync(file, 'utf8'));
      } catch {
        // listed by git but deleted in the work tree
      }
    }
  }
  return files;
}

describe('the layout: imports go downward into core/, never sideways', () => {
  it('holds for every file of core/, src/, worker/ and server/', () => {
    const files = librarySources();
    expect(files.size).toBeGreaterThan(100);
    expect(findLayerViolations(files)).toEqual([]);
  });

  it('catches a planted sideways import, an upward one and a package that does not ship there', () => {
    const planted = new Map([
      ['src/capture/readItem.ts', "import { validateItem } from '../../worker/engine/validateItem';"],
      ['core/engine/featurize.ts', "import type { ServiceConfig } from '../../worker/protocol';"],
      ['worker/store/openProfileDb.ts', "import type { SyncState } from '../sync/types';"],
      ['core/privacy/cryptoRandom.ts', "import { randomBytes } from 'node:crypto';"],
      ['server/cli.ts', "const m = await import('../src/index');"],
      ['worker/sync/fetchModel.ts', "import { decodeBase64 } from '../../core/privacy/decodeBase64';"],
      [
        'server/store/openStore.ts',
        "/** Loads it with `import('pg')` when needed. */\n// see import('better-sqlite3')\nexport {};",
      ],
    ]);
    expect(findLayerViolations(planted).map((v) => v.file)).toEqual([
      'src/capture/readItem.ts',
      'core/engine/featurize.ts',
      'worker/store/openProfileDb.ts',
      'core/privacy/cryptoRandom.ts',
      'server/cli.ts',
    ]);
  });
});
