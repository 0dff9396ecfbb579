import { describe, expect, it } from 'vitest';
import { createServer } from '../../server/index';
import { noisyVector, reportFields } from './helpers/makeReport';
import { quietLog, startServer } from './helpers/startServer';
import { storeKinds } from './helpers/testStores';

for (const { kind, make } of await storeKinds()) {
  describe(`store lifecycle (${kind})`, () => {
    it('starts a new store at version 0 with zero weights and keeps its state across restarts', async () => {
      const store = make('lifecycle');
      try {
        const first = await startServer({ store: store.spec, dimensions: 32 });
        const model = (await (await first.get('/v1/model')).json()) as { version: number; dimensions: number; weights: string };
        expect(model).toEqual({ version: 0, dimensions: 32, weights: Buffer.alloc(128).toString('base64') });
        expect((await first.post(reportFields(noisyVector(32, 1)))).status).toBe(202);
        await first.server.close();

        const second = await startServer({ store: store.spec, dimensions: 32 });
        expect(await (await second.get('/v1/stats')).json()).toEqual({
          version: 0,
          round: 1,
          pendingReports: 1,
          contributorsLastRound: 0,
        });
        await second.server.close();
      } finally {
        await store.cleanup();
      }
    });

    it('refuses to start on a store whose model has other dimensions', async () => {
      const store = make('lifecycle');
      try {
        await (await createServer({ store: store.spec, dimensions: 64, log: quietLog })).close();
        await expect(createServer({ store: store.spec, dimensions: 128, log: quietLog })).rejects.toThrow(
          /holds a 64-dimension model, the server is configured for 128/,
        );
      } finally {
        await store.cleanup();
      }
    });
  });
}

describe('store option', () => {
  it('names the accepted forms of a bad --store value', async () => {
    await expect(createServer({ store: 'mysql://db', log: quietLog })).rejects.toThrow(
      'store: expected sqlite:PATH or postgres://…, got "mysql://db"',
    );
  });
});
