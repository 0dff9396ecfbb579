import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('tastebud/engine in plain Node 20', () => {
  it('imports from the package name and runs without touching DOM globals', () => {
    // `npm test` builds before the unit tests; run `npm run build` first when running vitest alone.
    expect(existsSync('dist/engine.js'), 'dist/engine.js is missing: run npm run build').toBe(true);
    const script = `
      for (const name of ['window', 'document', 'self', 'navigator', 'indexedDB', 'localStorage', 'location']) {
        Object.defineProperty(globalThis, name, { configurable: true, get() { throw new Error('touched ' + name); } });
      }
      const { createEngine, createLearner } = await import('tastebud/engine');
      const learner = createLearner({ dimensions: 8, algorithm: 'pa' });
      learner.update([1, 2], [1, 1], 1);
      const engine = await createEngine();
      const r = await engine.ingest([{ type: 'click', item: { id: 'a', category: 'x/y' }, ts: 1 }]);
      const top = engine.rank([{ id: 'b' }, { id: 'a', category: 'x/y' }])[0].item.id;
      console.log(JSON.stringify({ learned: r.learned, top, tau: learner.weights[1] }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ learned: 1, top: 'a', tau: 0.5 });
  });
});
