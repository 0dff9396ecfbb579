import { expose, transfer } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { ServiceNotice } from '../../../core/protocol/workerProtocol';
import { wrapWorker } from '../../../src/rpc/wrapWorker';

/** A service exposed with real comlink on one port; the page side uses wrapWorker on the other. */
function connect() {
  const { port1, port2 } = new MessageChannel();
  const service = {
    add: (a: number, b: number) => a + b,
    async later(value: string) {
      return `later ${value}`;
    },
    fail() {
      throw Object.assign(new Error('items[1].price must be a finite number > 0'), { name: 'TypeError' });
    },
    weights() {
      const w = Float32Array.from([1, 2, 3]);
      return transfer(w, [w.buffer]);
    },
    notifyTwice() {
      // As worker/api.ts does: notices are plain messages on the same port, beside comlink's answers.
      port1.postMessage({ notice: { kind: 'profile' } });
      port1.postMessage({ notice: { kind: 'error', name: 'E', message: 'm' } });
    },
  };
  expose(service, port1);
  const notices: ServiceNotice[] = [];
  const api = wrapWorker<typeof service>(port2, (notice) => notices.push(notice));
  return {
    api,
    notices,
    close() {
      port1.close();
      port2.close();
    },
  };
}

describe('wrapWorker (comlink protocol, page side)', () => {
  it('calls methods and returns their values, sync or async', async () => {
    const { api, close } = connect();
    expect(await api.add(2, 3)).toBe(5);
    expect(await api.later('x')).toBe('later x');
    close();
  });

  it('rejects with the thrown error, its name and message intact', async () => {
    const { api, close } = connect();
    await expect(api.fail()).rejects.toMatchObject({ name: 'TypeError', message: 'items[1].price must be a finite number > 0' });
    close();
  });

  it('receives transferred typed arrays', async () => {
    const { api, close } = connect();
    const w = await api.weights();
    expect(w).toBeInstanceOf(Float32Array);
    expect([...w]).toEqual([1, 2, 3]);
    close();
  });

  // Rewritten: notices used to reach the page through a comlink proxy callback; they are now plain
  // messages on the worker's own endpoint (the page needs no proxy machinery).
  it('delivers the notices the worker posts, in order, apart from the answers', async () => {
    const { api, notices, close } = connect();
    await api.notifyTwice();
    expect(await api.add(1, 1)).toBe(2); // a later answer: the notices came before it
    expect(notices).toEqual([{ kind: 'profile' }, { kind: 'error', name: 'E', message: 'm' }]);
    close();
  });

  it('answers concurrent calls to the right caller', async () => {
    const { api, close } = connect();
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => api.add(n, 1)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
    close();
  });
});
