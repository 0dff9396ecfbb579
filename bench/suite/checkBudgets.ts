import type { PartName } from './parts';
import type { BudgetRow, Figures } from './SuiteResult';
import { TARGETS } from './targets';

/**
 * The CI budgets (the targets marked `budget`) checked on this run's figures.
 * @param figures - the suite's figures so far.
 */
export function checkBudgets(figures: Figures): BudgetRow[] {
  return TARGETS.filter((t) => t.budget).map((t) => {
    const { value, peer, pass } = t.check(figures);
    return { name: t.measure, part: t.part, value: peer === '—' ? value : `${value} vs ${peer}`, limit: t.limit, pass };
  });
}

/**
 * One line for CI: how many budgets were kept and which were broken or missing.
 * @param rows - the checked budgets.
 */
export function budgetSummary(rows: readonly BudgetRow[]): string {
  const broken = rows.filter((r) => r.pass === false);
  const missing = rows.filter((r) => r.pass === null);
  const kept = rows.length - broken.length - missing.length;
  const detail = [...broken.map((r) => `BROKEN ${r.name}: ${r.value} (${r.limit})`), ...missing.map((r) => `MISSING ${r.name}`)];
  return `bench budgets: ${kept} kept, ${broken.length} broken, ${missing.length} missing${detail.length ? ` — ${detail.join('; ')}` : ''}`;
}

/**
 * Parts whose budgets were broken or missing: the ones worth measuring again.
 * @param rows - the checked budgets.
 */
export function partsToRetry(rows: readonly BudgetRow[]): PartName[] {
  return [...new Set(rows.filter((r) => r.pass !== true).map((r) => r.part))];
}
