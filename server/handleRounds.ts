import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from './ServerContext';
import { sendJson } from './sendJson';
import { ACCOUNTANT_DELTA, type RoundSummary } from './store/Store';

/** Rounds listed when `limit` is not given, and the most a request may ask for. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/**
 * `GET /v1/rounds?limit=N` (an addition to CONTRACT §5, for the shop's admin page): the latest published
 * rounds, newest first — version, round, reports aggregated, when the round closed (to the minute), the
 * aggregator and, in central mode, the noise and the accountant's ε. Aggregates only, nothing per report.
 * @param ctx - the server context.
 * @param req - the request.
 * @param res - the response.
 */
export async function handleRounds(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('limit');
  const limit = raw === null ? DEFAULT_LIMIT : Number(raw);
  if (raw !== null && (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIMIT)) {
    sendJson(res, 400, { error: `limit: expected an integer in [1, ${MAX_LIMIT}], got "${raw}"` });
    return;
  }
  const rounds = await ctx.store.listRounds(limit);
  sendJson(res, 200, { rounds: rounds.map(describeRound) });
}

/**
 * A round as the API shows it.
 * @param round - the stored summary.
 * @returns JSON-ready fields; `closedAt` is an ISO 8601 time rounded down to the minute.
 */
function describeRound(round: RoundSummary) {
  const { noise } = round;
  return {
    version: round.version,
    round: round.round,
    reports: round.reports,
    closedAt: new Date(Math.floor(round.closedAt / 60_000) * 60_000).toISOString(),
    aggregator: round.aggregator,
    ...(noise
      ? {
          noise: {
            mechanism: 'discrete_gaussian' as const,
            sigma: noise.sigma,
            sensitivity: noise.sensitivity,
            epsilon: noise.epsilon,
            epsilonTotal: noise.epsilonTotal,
            delta: ACCOUNTANT_DELTA,
          },
        }
      : {}),
  };
}
