// The in-page half of bench/suite/browserWorker.ts, added to bench/pages/bench.html (which holds
// the SDK's window.bench). Plain JavaScript: functions compiled by tsx and serialised into the page would
// carry esbuild's `__name(...)` helper, which the page does not have.

/** Long tasks (> 50 ms) on the page's main thread, from now on. */
const longTasks = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
});
let longTaskObserver = true;
try {
  observer.observe({ type: 'longtask' });
} catch {
  longTaskObserver = false;
}

window.workerBench = {
  /**
   * Starts a dedicated worker from `source` (the privacy core's bench bundle, as a Blob URL: same
   * origin, cross-origin isolated like the page), asks it to build `runs` reports and waits for its
   * answer; meanwhile counts the page's long tasks and how late a 10 ms interval timer fires.
   */
  async buildReports(source, request) {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    let maxLateMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxLateMs = Math.max(maxLateMs, now - last - 10);
      last = now;
    }, 10);
    const start = performance.now();
    try {
      const answer = await new Promise((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
        worker.postMessage(request);
      });
      const end = performance.now();
      for (const entry of observer.takeRecords()) longTasks.push({ start: entry.startTime, duration: entry.duration });
      const during = longTasks.filter((t) => t.start >= start && t.start <= end);
      return {
        ...answer,
        windowMs: end - start,
        longTaskObserver,
        longTasks: { count: during.length, maxMs: during.reduce((m, t) => Math.max(m, t.duration), 0) },
        maxTimerLatenessMs: maxLateMs,
        pageCrossOriginIsolated: globalThis.crossOriginIsolated === true,
      };
    } finally {
      clearInterval(timer);
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  },
};
