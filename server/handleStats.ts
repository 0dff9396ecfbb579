import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from './ServerContext';
import { sendJson } from './sendJson';
import { ACCOUNTANT_DELTA } from './store/Store';

/**
 * `GET /v1/stats` (CONTRACT §5): `{ version, round, pendingReports, contributorsLastRound }`; in central
 * mode also `privacy`: the noise multiplier and the accountant's ε of the last round and of all rounds
 * (null and 0 before the first), at δ = 1e-6.
 * @param ctx - the server context.
 * @param _req - the request.
 * @param res - the response.
 */
export async function handleStats(ctx: ServerContext, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { options, store } = ctx;
  const { version, round, pendingReports, contributorsLastRound } = await store.stats();
  const counts = { version, round, pendingReports, contributorsLastRound };
  if (options.mode !== 'central') {
    sendJson(res, 200, counts);
    return;
  }
  const noise = (await store.listRounds(1))[0]?.noise ?? null;
  sendJson(res, 200, {
    ...counts,
    privacy: {
      mode: 'central',
      noiseMultiplier: options.noiseMultiplier,
      delta: ACCOUNTANT_DELTA,
      epsilonLastRound: noise?.epsilon ?? null,
      epsilonTotal: noise?.epsilonTotal ?? 0,
    },
  });
}
