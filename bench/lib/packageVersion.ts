import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The version in a package.json, or 'unknown'.
 * @param dir - the package's directory (the repository, or node_modules/<name>).
 */
export function packageVersion(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
