// The CSP fallback entry (dist/tastebud.page.js): where a Content-Security-Policy forbids workers, the
// page loads this script instead and talks to the same API over a MessageChannel. Events are learned
// in idle time so the shopper's interactions come first. Kept out of the worker, which never needs it.
import { expose } from 'comlink';
import type { TrackEvent } from '../core/engine/types';
import { PAGE_API_GLOBAL } from '../core/protocol/workerProtocol';
import { createApi } from './api';

const { port1, port2 } = new MessageChannel();
const api = createApi((message) => port1.postMessage(message));
const track = api.track;
let pending: TrackEvent[][] = [];
const drain = () => {
  const batches = pending;
  pending = [];
  for (const batch of batches) track(batch);
};
const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => void }).requestIdleCallback;
api.track = (events) => {
  if (pending.push(events) === 1) (idle ?? ((cb: () => void) => setTimeout(cb, 0)))(drain, { timeout: 1000 });
};
// Any other call first learns what is waiting, so a flush or a read sees every tracked event.
for (const name of Object.keys(api) as Array<keyof typeof api>) {
  if (name === 'init' || name === 'track' || name === 'close') continue;
  const call = api[name] as (...args: never[]) => unknown;
  (api as Record<string, unknown>)[name] = (...args: never[]) => {
    drain();
    return call(...args);
  };
}
expose(api, port1);
(globalThis as Record<string, unknown>)[PAGE_API_GLOBAL] = port2;
