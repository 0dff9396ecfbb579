import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../server/createGroupCommit';

describe('createGroupCommit', () => {
  it('commits reports that arrive together in one batch and answers each with its own result', async () => {
    const batches: number[][] = [];
    const commits = createGroupCommit<number, string>({
      commit: async (items) => {
        batches.push(items);
        return items.map((n) => `ok ${n}`);
      },
      maxDelayMs: 5,
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => commits.submit(n)));
    expect(results).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4']);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('queues what arrives during a commit for the next one, never two commits at once', async () => {
    let active = 0;
    let maxActive = 0;
    const sizes: number[] = [];
    let release: () => void = () => undefined;
    let firstStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const commits = createGroupCommit<number, number>({
      commit: async (items) => {
        active++;
        maxActive = Math.max(maxActive, active);
        sizes.push(items.length);
        if (sizes.length === 1) {
          const held = new Promise<void>((resolve) => (release = resolve));
          firstStarted();
          await held;
        }
        active--;
        return items;
      },
      maxDelayMs: 0,
    });
    const first = commits.submit(0);
    await started; // the first commit is running (and held) when the rest arrive
    const rest = [1, 2, 3].map((n) => commits.submit(n));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([0, 1, 2, 3]);
    expect(sizes).toEqual([1, 3]);
    expect(maxActive).toBe(1);
  });

  it('splits at maxBatch', async () => {
    const sizes: number[] = [];
    const commits = createGroupCommit<number, number>({
      commit: async (items) => {
        sizes.push(items.length);
        return items;
      },
      maxBatch: 2,
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => commits.submit(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('fails every report of a failed batch, and recovers for the next', async () => {
    let fail = true;
    const commits = createGroupCommit<number, number>({
      commit: async (items) => {
        if (fail) throw new Error('disk full');
        return items;
      },
    });
    const failed = await Promise.allSettled([commits.submit(1), commits.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await commits.submit(3)).toBe(3);
  });

  it('drains: resolves once everything submitted is committed', async () => {
    const committed: number[] = [];
    const commits = createGroupCommit<number, number>({
      commit: async (items) => {
        committed.push(...items);
        return items;
      },
      maxDelayMs: 50,
    });
    void commits.submit(1);
    void commits.submit(2);
    await commits.drain();
    expect(committed).toEqual([1, 2]);
  });
});
