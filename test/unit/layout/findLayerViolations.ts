// The layout rule (STYLE.md §2, docs/architecture.md): code imports only downward. core/ runs anywhere
// and imports nothing of the others; src/ (page), worker/ and server/ import core/ and themselves,
// never each other; inside worker/, store/ and tabs/ sit below sync/, which sits below the worker's
// root files (owner, tabs protocol, API).
import path from 'node:path';

/** Each layer (a path prefix, most specific first) and the prefixes it may import from. */
export const LAYERS: ReadonlyArray<{ layer: string; mayImport: readonly string[] }> = [
  { layer: 'core/', mayImport: ['core/'] },
  { layer: 'src/', mayImport: ['src/', 'core/'] },
  { layer: 'worker/store/', mayImport: ['worker/store/', 'core/'] },
  { layer: 'worker/tabs/', mayImport: ['worker/tabs/', 'core/'] },
  { layer: 'worker/sync/', mayImport: ['worker/sync/', 'worker/store/', 'core/'] },
  { layer: 'worker/', mayImport: ['worker/', 'core/'] },
  { layer: 'server/', mayImport: ['server/', 'core/'] },
];

/** Packages each top folder may import (anything else is a dependency that does not ship there). */
export const PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'core/': [],
  'src/': ['comlink'],
  'worker/': ['comlink', 'idb'],
  'server/': ['valibot', 'better-sqlite3', 'pg', 'node:'],
};

/** One import that breaks the rule. */
export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

/**
 * Lists the imports of `files` that go sideways or upward, or name a package their layer may not use.
 * @param files - repository-relative path → source text.
 * @returns every violation, in file order.
 */
export function findLayerViolations(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, source] of files) {
    const rule = LAYERS.find((l) => file.startsWith(l.layer));
    if (!rule) continue;
    const top = `${file.split('/')[0]}/`;
    // Comments may quote an import (`import('…')` in JSDoc): they are not read.
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
    for (const match of code.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3]) as string;
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        if (!rule.mayImport.some((prefix) => target.startsWith(prefix)))
          violations.push({ file, specifier, reason: `${rule.layer} may import only ${rule.mayImport.join(', ')}` });
      } else {
        const allowed = PACKAGES[top] ?? [];
        if (!allowed.some((name) => specifier === name || specifier.startsWith(name.endsWith(':') ? name : `${name}/`)))
          violations.push({ file, specifier, reason: `${top} may import the packages ${allowed.join(', ') || '(none)'}` });
      }
    }
  }
  return violations;
}
