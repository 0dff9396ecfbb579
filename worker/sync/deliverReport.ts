import { type Backoff, backoffDelay } from './backoffDelay';

/** What the server said to a report, once it said something final. */
export type Delivery = { ok: true; round: number | null } | { ok: false; status: number; error: string };

/** Options of {@link deliverReport}. */
export interface DeliveryOptions extends Backoff {
  fetch: typeof fetch;
  /** Waits `ms`, or less if the caller is closing (then it rejects). */
  sleep: (ms: number) => Promise<void>;
  /** Resolves when the browser says it is online (at once if it is). */
  online: () => Promise<void>;
  /** Uniform in [0, 1): jitter of the backoff. */
  uniform: () => number;
}

/** `fetch`'s keepalive bodies are capped at 64 KiB in total; a larger report goes while the page lives. */
const KEEPALIVE_LIMIT = 60_000;

/**
 * POSTs a report until the server gives a final answer: 202 (accepted), 200 (already had it: the same
 * `id` was delivered before, perhaps by a request whose answer was lost), or a 4xx other than 429.
 * Network errors, 429 and 5xx are retried with exponential backoff and full jitter; `Retry-After` is
 * honoured; offline waits for `online`. No cookies, no referrer: nothing but the body identifies it.
 * @param url - `{endpoint}/v1/deltas`.
 * @param body - the JSON body (the same bytes on every attempt).
 * @param options - fetch, timers and backoff.
 * @returns the final answer.
 */
export async function deliverReport(url: string, body: string, options: DeliveryOptions): Promise<Delivery> {
  for (let attempt = 0; ; attempt++) {
    await options.online();
    let wait = backoffDelay(attempt, options, options.uniform);
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        keepalive: body.length <= KEEPALIVE_LIMIT,
      });
      const answer = (await response.json().catch(() => ({}))) as { round?: unknown; error?: unknown };
      if (response.status === 202 || response.status === 200) {
        return { ok: true, round: typeof answer.round === 'number' ? answer.round : null };
      }
      if (response.status !== 429 && response.status < 500) {
        return { ok: false, status: response.status, error: String(answer.error ?? response.statusText) };
      }
      const retryAfter = Number(response.headers.get('Retry-After'));
      if (retryAfter > 0) wait = Math.max(wait, retryAfter * 1000);
    } catch {
      // Network failure (offline, DNS, reset): retried like a 503.
    }
    await options.sleep(wait);
  }
}
