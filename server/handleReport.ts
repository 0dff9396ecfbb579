import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RejectReason } from './createMetrics';
import { readBody } from './readBody';
import { REPORT_FIELDS } from './reportSchema';
import type { ServerContext } from './ServerContext';
import { sendJson } from './sendJson';
import { validateReport } from './validateReport';

/** Reports over the cap but within this multiple of it are read to the end, so the client gets its 413. */
const DRAIN_FACTOR = 4;
const KNOWN_FIELDS = new Set<string>(['body', ...REPORT_FIELDS]);

/**
 * `POST /v1/deltas`: rate limit, content type, size, JSON, schema and bounds, then group commit.
 * Answers 202 only once the report is committed; nothing of a refused report is stored.
 * @param ctx - the server context.
 * @param req - the request.
 * @param res - the response.
 */
export async function handleReport(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { metrics, options } = ctx;
  const refuse = (status: number, reason: RejectReason, error: string, headers: Record<string, string> = {}, field?: string) => {
    metrics.rejected(reason, field === undefined || KNOWN_FIELDS.has(field) ? field : 'unknown_field');
    sendJson(res, status, { error }, headers);
  };

  const token = ctx.bucket?.take();
  if (token && !token.ok) {
    refuse(429, 'rate_limited', 'rate limited: too many reports, retry later', {
      'Retry-After': String(token.retryAfterSeconds),
    });
    return;
  }
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    refuse(415, 'unsupported_content_type', `content-type: expected application/json, got ${type === '' ? 'none' : type}`);
    return;
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  const tooLarge = `body: larger than ${ctx.maxBodyBytes} bytes (1.5 × the largest valid report)`;
  if (declared > ctx.maxBodyBytes * DRAIN_FACTOR) {
    refuse(413, 'body_too_large', tooLarge, { Connection: 'close' });
    return;
  }
  const received = performance.now();
  const read = await readBody(req, ctx.maxBodyBytes, ctx.maxBodyBytes * DRAIN_FACTOR, declared);
  if (!read.ok) {
    if (read.reason === 'too_large') refuse(413, 'body_too_large', tooLarge, read.drained ? {} : { Connection: 'close' });
    return;
  }
  const parsing = performance.now();
  metrics.phase('receive', (parsing - received) / 1000);
  let body: unknown;
  try {
    body = JSON.parse(read.body.toString('utf8'));
  } catch (error) {
    refuse(400, 'invalid_json', `body: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  metrics.phase('parse', (performance.now() - parsing) / 1000);
  await refreshIfNewer(ctx, body);
  const validating = performance.now();
  const result = validateReport(body, {
    dimensions: options.dimensions,
    currentVersion: ctx.models.knownVersion(),
    maxStaleVersions: options.maxStaleVersions,
    maxClipNorm: options.maxClipNorm,
    maxNoiseMultiplier: options.maxNoiseMultiplier,
    allowUnnoised: options.allowUnnoised || options.mode === 'central',
    ...(options.mode === 'central' ? { requiredClipNorm: options.maxClipNorm } : {}),
  });
  metrics.phase('validate', (performance.now() - validating) / 1000);
  if (!result.ok) {
    refuse(400, 'invalid', result.error, {}, result.field);
    return;
  }
  let outcome: Awaited<ReturnType<typeof ctx.commits.submit>>;
  try {
    outcome = await ctx.commits.submit(result.report);
  } catch (error) {
    options.log({ level: 'error', event: 'commit-failed', error: String(error) });
    refuse(503, 'store_unavailable', 'store: unavailable, retry later', { 'Retry-After': '5' });
    return;
  }
  if (outcome.status === 'accepted') {
    metrics.accepted();
    sendJson(res, 202, { accepted: true, round: outcome.round });
  } else if (outcome.status === 'duplicate') {
    metrics.duplicate();
    sendJson(res, 200, { accepted: false, duplicate: true });
  } else {
    const wait = Math.max(1, Math.ceil((outcome.openedAt + options.roundSeconds * 1000 - options.now()) / 1000));
    refuse(
      429,
      'round_full',
      `round: ${outcome.round} holds ${options.maxReportsPerRound} reports already, retry after it closes`,
      {
        'Retry-After': String(wait + Math.ceil(options.roundCheckMs / 1000)),
      },
    );
  }
}

/**
 * Another instance may have published a version this one has not seen yet; a report built on it must
 * not be refused as coming from the future, so look the version up again first.
 */
async function refreshIfNewer(ctx: ServerContext, body: unknown): Promise<void> {
  if (typeof body !== 'object' || body === null || !('baseVersion' in body)) return;
  const { baseVersion } = body;
  if (typeof baseVersion === 'number' && baseVersion > ctx.models.knownVersion()) await ctx.models.refreshVersion();
}
