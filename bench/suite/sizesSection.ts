import { kib, table } from './formatFigure';
import type { SizeRow } from './SuiteResult';

/**
 * The SDK's bundles against their budgets (scripts/sizes.mjs).
 * @param sizes - scripts/sizes.mjs --json rows.
 */
export function sizesSection(sizes: readonly SizeRow[]): string {
  return table(
    ['Tastebud bundle', 'min', 'min+gzip', 'budget', ''],
    sizes.map((r) => [`\`${r.file}\``, kib(r.minBytes), kib(r.gzipBytes), kib(r.budgetBytes), r.ok ? 'within' : '**over**']),
  );
}
