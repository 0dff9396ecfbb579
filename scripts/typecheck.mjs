// Type-checks every runtime with its own config, so e.g. `document` is an error in the engine.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const configs = [
  'tsconfig.json',
  'core/tsconfig.json',
  'worker/tsconfig.json',
  'src/tsconfig.json',
  'server/tsconfig.json',
  'demo/tsconfig.json',
  'demo/public/tsconfig.json',
  'test/tsconfig.json',
].filter((p) => existsSync(p));
for (const project of configs) {
  try {
    execFileSync('npx', ['tsc', '--noEmit', '-p', project], { stdio: 'inherit' });
  } catch {
    console.error(`typecheck: ${project} has errors (above)`);
    process.exit(1);
  }
}
console.log(`typecheck: ${configs.length} projects clean`);
