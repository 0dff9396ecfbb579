import { barChart } from './barChart';
import { fmt, fmtSpread, kib, table } from './formatFigure';
import type { AddChart } from './Section';
import type { PartResults } from './SuiteResult';

/**
 * The SDK in Chromium: event → persisted latency, flushes, the main thread during a burst.
 * @param browser - bench/browser.ts's result.
 * @param chart - adds a chart.
 */
export function browserSection(browser: PartResults['browser'], chart: AddChart): string {
  const { eventToPersisted: e2p, flush, mainThread } = browser;
  const burst = mainThread.attribution.withoutProbe.burst;
  const mismatches = browser.integrity.mismatches;
  return [
    chart(
      'event-to-persisted',
      'event to persisted latency',
      barChart(
        (['p50', 'p95', 'p99'] as const).map((p) => {
          const s = e2p[`${p}Ms`];
          return { label: p, value: s.median, min: s.min, max: s.max, group: 'Tastebud' };
        }),
        { title: 'Event → learned and persisted in IndexedDB', unit: 'ms', target: { value: 5, label: 'p50 target 5 ms' } },
      ),
    ),
    '',
    table(
      ['figure', 'median [min–max] over runs'],
      [
        [
          'event → persisted, p50 / p95 / p99',
          `${fmtSpread(e2p.p50Ms, ' ms')} / ${fmt(e2p.p95Ms.median)} / ${fmt(e2p.p99Ms.median)} ms`,
        ],
        ['empty flush() round trip, p50', fmtSpread(e2p.emptyFlushRoundTrip.p50Ms, ' ms')],
        ['profile() read, p50', fmtSpread(e2p.profileRead.p50Ms, ' ms')],
        [
          'IndexedDB floor, same write, no SDK (strict / relaxed p50)',
          `${fmt(e2p.idbFloor.strictTypicalEventMs.p50)} / ${fmt(e2p.idbFloor.relaxedTypicalEventMs.p50)} ms`,
        ],
        ['first (full) flush of a new profile', fmtSpread(flush.full.flushMs, ' ms')],
        ['incremental flush (50 events)', fmtSpread(flush.incremental.flushMs, ' ms')],
        ['weights written per incremental flush', fmtSpread(flush.incremental.weightKiBWritten, ' KiB', 1)],
        ['long tasks in the 1,000-event burst', fmtSpread(mainThread.burst.longTasks, '', 0)],
        [
          'longest main-thread task in the traced burst: CPU (wall)',
          'error' in burst ? burst.error : `${fmt(burst.maxTaskCpuMs, 3)} (${fmt(burst.maxTaskWallMs, 3)}) ms`,
        ],
        [
          'probe: largest main-thread gap in the burst beyond the idle one',
          fmtSpread(mainThread.storeAttributable.maxGapMs, ' ms'),
        ],
        [
          'track() call in the burst, p50 / p95',
          `${fmt(mainThread.burst.trackCall.p50Ms, 3)} / ${fmt(mainThread.burst.trackCall.p95Ms, 3)} ms`,
        ],
      ],
    ),
    '',
    mismatches.length
      ? `**Integrity:** ${mismatches.length} section(s) lost events: ${mismatches.slice(0, 3).join('; ')}.`
      : 'Integrity: every tracked event reached the profile.',
  ].join('\n');
}

/**
 * The report build in a Web Worker, the SDK worker's memory, and the privacy core's cost in Node.
 * @param worker - bench/suite/browserWorker.ts's result, or null.
 * @param privacy - bench/privacy.ts's result, or null.
 * @param chart - adds a chart.
 */
export function workerSection(
  worker: PartResults['worker'] | null,
  privacy: PartResults['privacy'] | null,
  chart: AddChart,
): string {
  const lines: string[] = [];
  if (worker) {
    const b = worker.reportBuild;
    const builds = [
      ['first build (cold)', b.firstBuildMs],
      ['build, median of page', b.buildMs],
      ['build, p95 of page', b.buildP95Ms],
    ] as const;
    lines.push(
      chart(
        'report-build',
        'report build time in the worker',
        barChart(
          builds.map(([label, s]) => ({ label, value: s.median, min: s.min, max: s.max, group: 'Tastebud' })),
          {
            title: 'buildReport() in a Web Worker, 2^14 dimensions, z = 5',
            unit: 'ms',
            log: true,
            target: { value: 500, label: 'target 500 ms' },
          },
        ),
      ),
      '',
      table(
        ['figure', 'median [min–max] over pages'],
        [
          ...builds.map(([label, s]) => [label, fmtSpread(s, ' ms')]),
          ['JSON.stringify of the body', fmtSpread(b.stringifyMs, ' ms')],
          ['body on the wire (JSON / gzip)', `${kib(b.body.jsonBytes)} / ${kib(b.body.gzipBytes)}`],
          ['sync server answer to the POST', b.body.serverStatus.join(', ')],
          ['long tasks on the page meanwhile (all pages)', String(b.page.longTasksTotal)],
          ['latest firing of a 10 ms page timer', fmtSpread(b.page.maxTimerLatenessMs, ' ms')],
        ],
      ),
      '',
      table(
        ['worker profile', 'JS heap used', 'ArrayBuffers', 'used + ArrayBuffers'],
        Object.entries(worker.workerMemory.atEvents).map(([n, m]) => [
          `${Number(n).toLocaleString('en-US')} events`,
          fmtSpread(m.usedKiB, ' KiB', 1),
          fmtSpread(m.backingStorageKiB, ' KiB', 1),
          fmtSpread(m.usedPlusBackingKiB, ' KiB', 1),
        ]),
      ),
    );
  }
  if (privacy) {
    lines.push(
      '',
      table(
        ['privacy core in Node', 'buildReport', 'noise alone', 'samples/s', 'body JSON / gzip'],
        privacy.reports.map((r) => [
          `2^${Math.log2(r.dimensions)} dimensions`,
          fmtSpread(r.buildReportMs, ' ms'),
          fmtSpread(r.noiseOnlyMs, ' ms'),
          fmt(r.samplesPerSecond, 0),
          `${kib(r.bodyBytes.json)} / ${kib(r.bodyBytes.gzip)}`,
        ]),
      ),
      '',
      `ε per report ${fmt(privacy.epsilon.perReport.rdp, 3)}, 52 weekly reports ${fmt(privacy.epsilon.weekly52.rdp, 3)} (δ = ${privacy.epsilon.delta}).`,
    );
  }
  return lines.join('\n');
}
