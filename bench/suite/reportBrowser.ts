import { fmt, fmtSpread, kib, sentence, table } from './formatFigure';
import { barOf, chartCollector, type HeadlineRow, type ReportSection } from './ReportSection';
import { at, list, num, spread } from './readFigures';
import { svgBarChart } from './svgBarChart';

const P50_TARGET_MS = 5;
const P99_TARGET_MS = 20;
const BUILD_TARGET_MS = 500;

/**
 * The SDK in Chromium: event → persisted latency, long tasks in a burst, the report build in the worker,
 * the worker's memory, and the privacy core's cost in Node for comparison.
 * @param browser - bench/browser.ts's JSON, or null.
 * @param worker - bench/suite/browserWorker.ts's JSON, or null.
 * @param privacy - bench/privacy.ts's JSON, or null.
 * @param imageDir - where the report's charts live, relative to it.
 */
export function reportBrowser(browser: unknown, worker: unknown, privacy: unknown, imageDir: string): ReportSection {
  const charts = chartCollector(imageDir);
  const headline: HeadlineRow[] = [];
  const behind: string[] = [];
  const parts: string[] = [];

  const p50 = spread(browser, 'eventToPersisted.p50Ms');
  const p95 = spread(browser, 'eventToPersisted.p95Ms');
  const p99 = spread(browser, 'eventToPersisted.p99Ms');
  const burst = spread(browser, 'mainThread.burst.longTasks');
  const storeGap = spread(browser, 'mainThread.storeAttributable.maxGapMs');
  const taskCpu = num(browser, 'targets.mainThreadGapFromStore.traceWithoutProbe.maxTaskCpuMs');
  const taskWall = num(browser, 'targets.mainThreadGapFromStore.traceWithoutProbe.maxTaskWallMs');
  const otherShare = num(browser, 'machine.cpuDuringBench.mainThread.otherShare');
  const context =
    `While it ran, other processes took ${fmt(otherShare === null ? null : otherShare * 100, 0)} % of the machine; in the traced ` +
    `run without the probe the longest main-thread task used ${fmt(taskCpu, 2)} ms of CPU (a long wall-clock gap with little CPU ` +
    'in it is the thread waiting for a core, which a busy 2-core machine makes likely).';
  if (browser === null) parts.push('_bench:browser did not produce results in this run (see "Run")._');
  else {
    parts.push(
      `Method: \`bench/browser.ts\` in headless Chromium with a persistent profile (IndexedDB on disk), cross-origin isolated. ` +
        `Event → persisted: ${num(browser, 'eventToPersisted.eventsPerRun') ?? '?'} single events per run, \`track(event)\` until ` +
        `\`flush()\` resolved (learned in the worker and committed), on a profile of 1,000 events loaded from IndexedDB; ` +
        `${num(browser, 'eventToPersisted.runs') ?? '?'} run(s). Long tasks: a PerformanceObserver('longtask') on the page during ` +
        `1,000 \`track()\` calls, each in its own task, with an awaited \`flush()\` every 50; ${num(browser, 'mainThread.runs') ?? '?'} run(s).`,
      '',
      charts.add(
        'bench-event-to-persisted.svg',
        svgBarChart(
          [barOf('p50', p50, 0), barOf('p95', p95, 0), barOf('p99', p99, 0)].filter((b) => b !== null),
          {
            title: 'Event → learned and persisted in IndexedDB (Chromium)',
            unit: 'ms',
            target: { value: P50_TARGET_MS, label: `p50 target ${P50_TARGET_MS} ms` },
          },
        ),
        'event to persisted latency',
      ),
      '',
      table(
        ['figure', 'median [min–max] over runs', 'target'],
        [
          ['event → persisted, p50', fmtSpread(p50, ' ms'), `≤ ${P50_TARGET_MS} ms`],
          ['event → persisted, p99', fmtSpread(p99, ' ms'), `≤ ${P99_TARGET_MS} ms`],
          ['incremental flush (50 events)', fmtSpread(spread(browser, 'flush.incremental.flushMs'), ' ms'), '—'],
          [
            'IndexedDB floor, same write, no SDK (p50)',
            `${fmt(num(browser, 'eventToPersisted.idbFloor.strictTypicalEventMs.p50'))} ms`,
            '—',
          ],
          ['long tasks in the 1,000-event burst', fmtSpread(burst, '', 0), '0'],
          [
            'longest main-thread task in the traced burst: CPU (wall)',
            `${fmt(taskCpu, 3)} (${fmt(taskWall, 3)}) ms`,
            '≤ 1 ms CPU',
          ],
          [
            'probe: longest main-thread gap in the burst beyond the idle one (includes waiting for a core)',
            fmtSpread(storeGap, ' ms'),
            '—',
          ],
        ],
      ),
    );
    headline.push(
      {
        area: 'Browser',
        measure: 'event → persisted, p50 / p99',
        tastebud: `${fmtSpread(p50, ' ms')} / ${fmt(p99?.median ?? null)} ms`,
        peer: `IndexedDB alone ${fmt(num(browser, 'eventToPersisted.idbFloor.strictTypicalEventMs.p50'))} ms`,
        target: `≤ ${P50_TARGET_MS} / ${P99_TARGET_MS} ms`,
        status:
          p50 === null || p99 === null
            ? 'missing'
            : p50.median <= P50_TARGET_MS && p99.median <= P99_TARGET_MS
              ? 'pass'
              : 'behind',
      },
      {
        area: 'Browser',
        measure: 'main-thread work per task during a 1,000-event burst (trace): CPU (wall)',
        tastebud: taskCpu === null ? '—' : `${fmt(taskCpu, 2)} ms (${fmt(taskWall, 2)} ms wall)`,
        peer: `probe gap ${fmtSpread(storeGap, ' ms')}`,
        target: '≤ 1 ms CPU',
        status: taskCpu === null ? 'missing' : taskCpu <= 1 ? 'pass' : 'behind',
      },
      {
        area: 'Browser',
        measure: 'long tasks in a 1,000-event burst',
        tastebud: burst === null ? '—' : `${fmt(burst.max, 0)} in the worst of ${burst.n} runs`,
        peer: '—',
        target: '0',
        status: burst === null ? 'missing' : burst.max === 0 ? 'pass' : 'behind',
      },
    );
    if (p50 && p50.median > P50_TARGET_MS) {
      behind.push(
        `**Event → persisted:** p50 ${fmt(p50.median)} ms, over the ${P50_TARGET_MS} ms target; the bare IndexedDB ` +
          `transaction of the same size takes ${fmt(num(browser, 'eventToPersisted.idbFloor.strictTypicalEventMs.p50'))} ms here.`,
      );
    }
    if (p99 && p99.median > P99_TARGET_MS)
      behind.push(`**Event → persisted:** p99 ${fmt(p99.median)} ms, over the ${P99_TARGET_MS} ms target.`);
    if (burst && burst.max > 0) {
      behind.push(
        `**Long tasks:** ${fmt(burst.max, 0)} long task(s) in the worst of ${burst.n} 1,000-event bursts (target 0), the longest ` +
          `${fmt(spread(browser, 'mainThread.burst.longTaskMaxMs')?.max ?? null, 0)} ms. ${context}`,
      );
    }
    if (taskCpu !== null && taskCpu > 1) {
      behind.push(
        `**Main thread:** the heaviest main-thread task of the traced burst used ${fmt(taskCpu, 2)} ms of CPU, over the 1 ms target.`,
      );
    }
    if (taskWall !== null && taskWall > 1) {
      behind.push(
        `**Main thread, wall clock:** no main-thread task used more than ${fmt(taskCpu, 2)} ms of CPU (the store runs in the worker), ` +
          `but in wall-clock time the longest took ${fmt(taskWall, 2)} ms: during the burst the main thread, the worker and the ` +
          "browser's IndexedDB thread compete for 2 cores and the OS sets the page's thread aside. A page that is not itself " +
          'busy the whole time, as this benchmark is, leaves the worker a core of its own.',
      );
    }
    if (storeGap && storeGap.median > 1) {
      behind.push(
        `**Main-thread probe gap:** a probe spinning on the main thread sees a largest gap in the burst, beyond its idle ` +
          `one, of ${fmt(storeGap.median)} ms (median of runs). No main-thread task is that long (trace: ${fmt(taskWall, 2)} ms): ` +
          `the probe, the worker and the browser's IndexedDB thread share 2 cores, and the probe waits for one.${burst && burst.max > 0 ? '' : ` ${context}`}`,
      );
    }
    const mismatches = list(browser, 'integrity.mismatches');
    if (mismatches.length)
      behind.push(
        `**Integrity (bench:browser):** ${mismatches.length} section(s) lost events: ${mismatches.slice(0, 3).join('; ')}.`,
      );
  }

  const build = spread(worker, 'reportBuild.buildMs');
  const pageLong = num(worker, 'reportBuild.page.longTasksTotal');
  if (worker === null) parts.push('', '_The worker benchmark did not produce results in this run (see "Run")._');
  else {
    const memRows = ['0', '1000', '10000'].map((n) => [
      `${Number(n).toLocaleString('en-US')} events`,
      fmtSpread(spread(worker, `workerMemory.atEvents.${n}.usedKiB`), ' KiB', 1),
      fmtSpread(spread(worker, `workerMemory.atEvents.${n}.backingStorageKiB`), ' KiB', 1),
      fmtSpread(spread(worker, `workerMemory.atEvents.${n}.usedPlusBackingKiB`), ' KiB', 1),
    ]);
    parts.push(
      '',
      '### Report build in the worker, and worker memory',
      '',
      `Method: \`bench/suite/browserWorker.ts\`. ${sentence(at(worker, 'reportBuild.description'))}`,
      '',
      charts.add(
        'bench-report-build.svg',
        svgBarChart(
          [
            barOf('first build (cold)', spread(worker, 'reportBuild.firstBuildMs'), 0),
            barOf('build, median of page', build, 0),
            barOf('build, p95 of page', spread(worker, 'reportBuild.buildP95Ms'), 0),
          ].filter((b) => b !== null),
          {
            title: 'buildReport() in a Web Worker, 2^14 dimensions, z = 5 (Chromium)',
            unit: 'ms',
            log: true,
            target: { value: BUILD_TARGET_MS, label: 'target 500 ms' },
          },
        ),
        'report build time in the worker',
      ),
      '',
      table(
        ['figure', 'median [min–max] over pages'],
        [
          ['buildReport, per report', fmtSpread(build, ' ms')],
          ['first report of a fresh worker', fmtSpread(spread(worker, 'reportBuild.firstBuildMs'), ' ms')],
          ['JSON.stringify of the body', fmtSpread(spread(worker, 'reportBuild.stringifyMs'), ' ms')],
          [
            'body on the wire (JSON / gzip)',
            `${kib(num(worker, 'reportBuild.body.jsonBytes'))} / ${kib(num(worker, 'reportBuild.body.gzipBytes'))}`,
          ],
          ['sync server answer to the POST', list(worker, 'reportBuild.body.serverStatus').join(', ') || '—'],
          ['long tasks on the page meanwhile (all pages)', pageLong === null ? '—' : String(pageLong)],
          ['latest firing of a 10 ms page timer', fmtSpread(spread(worker, 'reportBuild.page.maxTimerLatenessMs'), ' ms')],
        ],
      ),
      '',
      `Worker memory, by ${String(at(worker, 'workerMemory.method') ?? '?')}: ${sentence(at(worker, 'workerMemory.description'))}`,
      '',
      table(['profile', 'JS heap used', 'ArrayBuffers', 'used + ArrayBuffers'], memRows),
    );
    headline.push(
      {
        area: 'Browser',
        measure: 'report build in the worker (2^14, z = 5)',
        tastebud: fmtSpread(build, ' ms'),
        peer: '—',
        target: `≤ ${BUILD_TARGET_MS} ms, no long task on the page`,
        status:
          build === null || pageLong === null ? 'missing' : build.median <= BUILD_TARGET_MS && pageLong === 0 ? 'pass' : 'behind',
      },
      {
        area: 'Browser',
        measure: 'worker memory, 10,000 events learned',
        tastebud: fmtSpread(spread(worker, 'workerMemory.atEvents.10000.usedPlusBackingKiB'), ' KiB', 0),
        peer: '—',
        target: '—',
        status: 'info',
      },
    );
    if (build && build.median > BUILD_TARGET_MS)
      behind.push(`**Report build:** ${fmt(build.median)} ms in the worker, over the 500 ms target.`);
    if (pageLong) behind.push(`**Report build:** the page saw ${pageLong} long task(s) while the worker built reports.`);
  }

  const node14 = list(privacy, 'reports').find((r) => num(r, 'dimensions') === 2 ** 14);
  if (node14) {
    parts.push(
      '',
      `For comparison, \`bench/privacy.ts\` (Node, same core): buildReport at 2^14 ${fmtSpread(spread(node14, 'buildReportMs'), ' ms')}, ` +
        `noise alone ${fmtSpread(spread(node14, 'noiseOnlyMs'), ' ms')} (${fmt(num(node14, 'samplesPerSecond'), 0)} samples/s); ε per ` +
        `report ${fmt(num(privacy, 'epsilon.perReport.rdp'), 3)}, 52 weekly reports ${fmt(num(privacy, 'epsilon.weekly52.rdp'), 3)} (δ = ${String(at(privacy, 'epsilon.delta') ?? '?')}).`,
    );
  }
  return { title: 'SDK in the browser (Chromium)', markdown: parts.join('\n'), charts: charts.charts, headline, behind };
}
