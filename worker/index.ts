// The Web Worker entry (dist/tastebud.worker.js): hosts the engine and the profile store behind comlink.
import { expose } from 'comlink';
import { createApi } from './api';

export type { WorkerApi } from '../core/protocol/workerProtocol';

expose(createApi((message) => postMessage(message)));
postMessage('tastebud:ready'); // lets the page tell a started worker from one a CSP blocked
