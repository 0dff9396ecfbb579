// Build step after `tsc -p tsconfig.build.json`: gives the relative imports of dist/types/**/*.d.ts the
// file extensions Node's ESM resolution needs. The sources import './foo' (moduleResolution Bundler), and
// tsc keeps that in the declarations, which a consumer's `moduleResolution: node16 | nodenext` cannot
// follow (every type then degrades to any; attw reports it as an internal resolution error).
// `node scripts/addDeclarationExtensions.mjs [dir]`, default dist/types.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist/types');
const RELATIVE_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

/**
 * The specifier Node resolves to the same declaration: `./foo` → `./foo.js` or `./foo/index.js`.
 * @param {string} file - the declaration that imports it.
 * @param {string} specifier - a relative specifier.
 * @returns {string} the specifier with its extension (unchanged when it has one or names nothing).
 */
function withExtension(file, specifier) {
  if (/\.(c|m)?js$/.test(specifier)) return specifier;
  const target = resolve(dirname(file), specifier);
  if (existsSync(`${target}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index.js`;
  return specifier;
}

let changed = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(
    RELATIVE_IMPORT,
    (_, keyword, quote, specifier) => `${keyword}${quote}${withExtension(file, specifier)}${quote}`,
  );
  if (fixed !== text) {
    writeFileSync(file, fixed);
    changed++;
  }
}
console.log(`declarations: relative imports given their extensions in ${changed} files under ${root}`);
