import { fmt, kib } from './formatFigure';
import { at, num, spread } from './readFigures';
import { type BudgetRow, firstResult, type SuiteResult } from './SuiteResult';

const P95_BUDGET_US = 50;

/**
 * The budgets CI enforces (issue 8): every bundle within its size budget (scripts/sizes.mjs), the
 * main-thread cost of track() within 50 µs at p95 and below both original peers measured in the same
 * run (a time on a noisy machine is only compared with a peer's), and no long task during a 1,000-event
 * burst or while the worker builds reports. A missing figure (its benchmark failed) is `pass: null`.
 * @param suite - the suite's output so far.
 */
export function checkBudgets(suite: SuiteResult): BudgetRow[] {
  const rows: BudgetRow[] = [];
  const sizes = firstResult(suite, 'sizes');
  if (Array.isArray(sizes) && sizes.length > 0) {
    for (const row of sizes) {
      rows.push({
        name: `${String(at(row, 'file'))} min+gzip`,
        part: 'sizes',
        value: kib(num(row, 'gzipBytes')),
        limit: `≤ ${kib(num(row, 'budgetBytes'))}`,
        pass: at(row, 'ok') === true,
      });
    }
  } else {
    rows.push({ name: 'bundle sizes', part: 'sizes', value: '—', limit: 'scripts/sizes.mjs budgets', pass: null });
  }

  const mt = firstResult(suite, 'mainThread');
  const p95 = num(mt, 'summary.tastebud.p95Us');
  rows.push({
    name: 'track() main-thread cost, p95 per call',
    part: 'mainThread',
    value: p95 === null ? '—' : `${fmt(p95, 1)} µs`,
    limit: `≤ ${P95_BUDGET_US} µs`,
    pass: p95 === null ? null : p95 <= P95_BUDGET_US,
  });
  const below = at(mt, 'targets.p95BelowPeers.pass');
  rows.push({
    name: 'track() p95 below Segment and Snowplow (same run)',
    part: 'mainThread',
    value: `${fmt(p95, 1)} vs ${fmt(num(mt, 'summary.segment.p95Us'), 1)} / ${fmt(num(mt, 'summary.snowplow.p95Us'), 1)} µs`,
    limit: 'below both',
    pass: typeof below === 'boolean' ? below : null,
  });
  const task = at(mt, 'targets.mainThreadBelowPeers.pass');
  rows.push({
    name: 'main-thread task time for 1,000 events below Segment and Snowplow (same run)',
    part: 'mainThread',
    value: `${fmt(num(mt, 'summary.tastebud.mainThreadTaskMs'), 1)} vs ${fmt(num(mt, 'summary.segment.mainThreadTaskMs'), 1)} / ${fmt(num(mt, 'summary.snowplow.mainThreadTaskMs'), 1)} ms`,
    limit: 'below both',
    pass: typeof task === 'boolean' ? task : null,
  });
  const mtLong = spread(mt, 'libraries.tastebud.longTasks.count');
  rows.push(
    longTaskRow('long tasks during 1,000 track() calls + delivery (bench:main-thread)', 'mainThread', mtLong?.max ?? null),
  );

  const browser = firstResult(suite, 'browser');
  const burst = spread(browser, 'mainThread.burst.longTasks');
  rows.push(longTaskRow('long tasks during a 1,000-event burst with flushes (bench:browser)', 'browser', burst?.max ?? null));

  const worker = firstResult(suite, 'worker');
  rows.push(
    longTaskRow(
      'long tasks on the page while the worker builds reports',
      'worker',
      num(worker, 'reportBuild.page.longTasksTotal'),
    ),
  );
  return rows;
}

function longTaskRow(name: string, part: BudgetRow['part'], count: number | null): BudgetRow {
  return {
    name,
    part,
    value: count === null ? '—' : String(count),
    limit: '0 (worst run)',
    pass: count === null ? null : count === 0,
  };
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

/** Parts whose rows were broken or missing: the ones worth running again. */
export function partsToRetry(rows: readonly BudgetRow[]): BudgetRow['part'][] {
  return [...new Set(rows.filter((r) => r.pass !== true).map((r) => r.part))];
}
