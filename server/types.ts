import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RandomSource } from '../core/privacy/index';
import type { AggregatorKind } from './aggregate';
import type { PublishedRound, Store } from './store/Store';

/** One structured log line. Never carries an IP address or anything else that identifies a client. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  event: string;
  [key: string]: unknown;
}

/** Options of {@link createServer}; every one has a production default. */
export interface ServerOptions {
  /** `sqlite:PATH`, `postgres://…[?schema=name]`, or a {@link Store}. @default 'sqlite:./data/tastebud.db' */
  store?: string | Store;
  /** Dimensions of the shared model (new stores start with zeros at version 0). @default 16384 */
  dimensions?: number;
  /** A round is never published with fewer valid reports. @default 1000 */
  minReports?: number;
  /** A round stays open at least this long. @default 3600 */
  roundSeconds?: number;
  /** @default 'trimmed-mean' ('mean' in central mode, the only one it accepts) */
  aggregator?: AggregatorKind;
  /** β of the trimmed mean: the fraction cut from each end. @default 0.1 */
  trim?: number;
  /** Server learning rate η in w ← w + η·γ·aggregate. @default 1 */
  learningRate?: number;
  /**
   * How many versions behind the current model a report's `baseVersion` may be. @default no limit: a
   * report is the change of the shopper's own weights, valid whatever model it was built on, so a stale
   * report counts in the current round (the shopper's ε was spent on it either way).
   */
  maxStaleVersions?: number;
  /** Reports one round accepts; more get 429 until it closes. @default 20000 */
  maxReportsPerRound?: number;
  /** Largest clip norm C a report may claim; in central mode the C every report must use. @default 1 (central: 0.05, the SDK's) */
  maxClipNorm?: number;
  /** Largest noise multiplier σ/(2C/γ) a report may claim. @default 10 */
  maxNoiseMultiplier?: number;
  /** Accept reports with mechanism 'none' (SDK `privacy: false`, development only). @default false */
  allowUnnoised?: boolean;
  /** Origins allowed to call the API from a browser (`'*'` for any); credentials are never allowed. @default [] */
  corsOrigins?: readonly string[];
  /** Where the API is mounted, e.g. '/tastebud'. @default '/' */
  basePath?: string;
  /** Per-process token bucket for `POST /v1/deltas`, or false for none. @default { ratePerSecond: 2000, burst: 500 } */
  rateLimit?: { ratePerSecond: number; burst: number } | false;
  /** Group commit: how long the first report of an idle period waits for others. @default 2 */
  groupCommitMs?: number;
  /** Group commit: largest batch. @default 64 */
  maxBatch?: number;
  /** How often each instance checks whether the round is due. @default 1000 */
  roundCheckMs?: number;
  /** How long ids of aggregated reports are kept to recognise retries. @default 30 */
  idRetentionDays?: number;
  /** Model versions kept in the store. @default 16 */
  modelHistory?: number;
  /**
   * Who adds the noise (PRIVACY.md, "Modes"). 'local': every report carries its own discrete Gaussian
   * noise. 'central': clients send clipped, quantized reports without noise (mechanism 'none', σ 0, clip
   * norm = `maxClipNorm`); the server adds discrete Gaussian noise σ = z·2C/γ to each coordinate of the
   * round's integer sum, aggregates with the mean only, and keeps the accountant (ε per round and in
   * total at δ = 1e-6, in `/v1/stats` and `/v1/rounds`). Weaker: shoppers must trust the server.
   * @default 'local'
   */
  mode?: 'local' | 'central';
  /** Central mode: the noise multiplier z (σ = z × the sum's sensitivity 2C/γ). @default 1 */
  noiseMultiplier?: number;
  /** Central mode: the noise's entropy source (tests pass a seeded one). @default the CSPRNG (cryptoRandom) */
  random?: RandomSource;
  /** Clock in milliseconds (tests drive rounds with it). @default Date.now */
  now?: () => number;
  /** Log sink. @default warnings and errors as JSON lines on stderr */
  log?: (entry: LogEntry) => void;
}

/** {@link ServerOptions} with every default filled in. */
export interface ResolvedServerOptions {
  store: string | Store;
  dimensions: number;
  minReports: number;
  roundSeconds: number;
  aggregator: AggregatorKind;
  trim: number;
  learningRate: number;
  maxStaleVersions: number;
  maxReportsPerRound: number;
  maxClipNorm: number;
  maxNoiseMultiplier: number;
  allowUnnoised: boolean;
  corsOrigins: readonly string[];
  /** Normalised: '' for the root, else '/segment' without a trailing slash. */
  basePath: string;
  rateLimit: { ratePerSecond: number; burst: number } | false;
  groupCommitMs: number;
  maxBatch: number;
  roundCheckMs: number;
  idRetentionDays: number;
  modelHistory: number;
  mode: 'local' | 'central';
  noiseMultiplier: number;
  random: RandomSource;
  now: () => number;
  log: (entry: LogEntry) => void;
}

/** Where a standalone server listens. */
export interface ListenAddress {
  host: string;
  port: number;
  /** Base URL of the API, e.g. `http://127.0.0.1:8787/tastebud`. */
  url: string;
}

/** The sync server of CONTRACT §5. */
export interface TastebudServer {
  /**
   * Serves a request if its path is under `basePath`, for mounting in an existing node:http server.
   * @returns false (and leaves the response alone) when the path is not the server's.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Listens on its own HTTP server. @default port 8787, host '127.0.0.1' */
  listen(port?: number, host?: string): Promise<ListenAddress>;
  /** Runs a round check now: seals the open round if due and publishes every sealed round. */
  closeDueRound(): Promise<PublishedRound[]>;
  /** Graceful shutdown: stop accepting, finish and commit in-flight reports, close the store. */
  close(): Promise<void>;
  readonly options: ResolvedServerOptions;
  readonly store: Store;
}
