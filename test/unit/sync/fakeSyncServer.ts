// A sync server in a function, and the engine a test reports on (test/unit/sync).
import { vi } from 'vitest';
import { createEngine, type Engine } from '../../../core/engine/createEngine';

export const DAY = 86_400_000;
export const ENDPOINT = 'https://shop.example/tastebud';
export const SHARED = 2 ** 10;

/** A sync server in a function: records requests, answers per route, de-duplicates ids like the real one. */
export function fakeServer() {
  const requests: Array<{ method: string; url: string; init: RequestInit }> = [];
  const stored = new Map<string, unknown>();
  let version = 0;
  let weights: Float32Array = new Float32Array(SHARED);
  const failures: Array<number | 'network'> = [];
  let held: Promise<void> | null = null;
  /** The ETag the model answer carries: the real server's form unless a test plants another. */
  let etagOf = (v: number) => `"tastebud-v${v}"`;
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    requests.push({ method, url, init });
    if (method === 'POST' && held) {
      const answer = held;
      held = null;
      await answer;
    }
    if (url.endsWith('/v1/model')) {
      const etag = etagOf(version);
      if ((init.headers as Record<string, string>)['If-None-Match'] === etag) return new Response(null, { status: 304 });
      const bytes = new Uint8Array(weights.buffer.slice(0));
      const body = { version, dimensions: SHARED, weights: Buffer.from(bytes).toString('base64') };
      return new Response(JSON.stringify(body), { status: 200, headers: { ETag: etag } });
    }
    const failure = failures.shift();
    if (failure === 'network') throw new TypeError('Failed to fetch');
    if (failure === 429) return new Response('{}', { status: 429, headers: { 'Retry-After': '30' } });
    if (failure !== undefined) return new Response(JSON.stringify({ error: 'data: out of bounds' }), { status: failure });
    const body = JSON.parse(init.body as string) as { id: string };
    if (stored.has(body.id)) return new Response(JSON.stringify({ accepted: false, duplicate: true }), { status: 200 });
    stored.set(body.id, body);
    return new Response(JSON.stringify({ accepted: true, round: 7 }), { status: 202 });
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    requests,
    stored,
    failures,
    posts: () => requests.filter((r) => r.method === 'POST'),
    /** The next report reaches the server, whose answer waits until the returned function is called. */
    holdNextAnswer(): () => void {
      let release = () => {};
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },
    publish(v: number, w: Float32Array) {
      version = v;
      weights = w;
    },
    plantEtag(make: (v: number) => string) {
      etagOf = make;
    },
  };
}

/** An engine that learned `clicks` clicks on running shoes. */
export async function engineWithClicks(clicks: number): Promise<Engine> {
  const engine = await createEngine({ sharedDimensions: SHARED, dimensions: 2 ** 12 });
  const events = Array.from({ length: clicks }, (_, i) => ({
    type: 'click' as const,
    item: { id: `sku-${i}`, category: 'shoes/running', brand: 'Fleet', price: 90 },
    ts: 1_700_000_000_000 + i,
  }));
  await engine.ingest(events);
  return engine;
}
