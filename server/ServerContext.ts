import type { GroupCommit } from './createGroupCommit';
import type { Metrics } from './createMetrics';
import type { ModelCache } from './createModelCache';
import type { TokenBucket } from './createTokenBucket';
import type { InsertOutcome, Store } from './store/Store';
import type { ResolvedServerOptions } from './types';
import type { ValidReport } from './validateReport';

/** What the request handlers share within one server instance. */
export interface ServerContext {
  readonly options: ResolvedServerOptions;
  readonly store: Store;
  readonly models: ModelCache;
  readonly commits: GroupCommit<ValidReport, InsertOutcome>;
  readonly bucket: TokenBucket | undefined;
  readonly metrics: Metrics;
  /** Body size cap of `POST /v1/deltas` in bytes. */
  readonly maxBodyBytes: number;
  /** Set once shutdown starts: responses then close their connection. */
  closing: boolean;
}
