import type { Store } from './store/Store';
import { bytesOf } from './store/typedArrayBytes';

/** The encoded `GET /v1/model` answer for one version. */
export interface ModelResponse {
  version: number;
  /** Strong ETag: a version's weights never change, so every instance sends the same tag for it. */
  etag: string;
  /** `{ version, dimensions, weights }` as JSON bytes. */
  body: Buffer;
}

/** The current model, encoded once per version. */
export interface ModelCache {
  /** The latest model; asks the store for its version first, so after another instance publishes every instance serves the new one. */
  current(): Promise<ModelResponse>;
  /** The latest version this instance knows of, without asking the store. */
  knownVersion(): number;
  /** Asks the store for the latest version (concurrent callers share one query). */
  refreshVersion(): Promise<number>;
}

/**
 * Caches the encoded model per version.
 * @param store - the store.
 * @returns the cache; the first call loads.
 */
export function createModelCache(store: Store): ModelCache {
  let known = -1;
  let cached: ModelResponse | undefined;
  let versionQuery: Promise<number> | undefined;
  let loading: Promise<ModelResponse> | undefined;

  const refreshVersion = (): Promise<number> => {
    versionQuery ??= store.currentVersion().then(
      (version) => {
        versionQuery = undefined;
        known = Math.max(known, version);
        return version;
      },
      (error: unknown) => {
        versionQuery = undefined;
        throw error;
      },
    );
    return versionQuery;
  };

  const load = (): Promise<ModelResponse> => {
    loading ??= store.loadModel().then(
      (model) => {
        loading = undefined;
        const body = Buffer.from(
          JSON.stringify({
            version: model.version,
            dimensions: model.dimensions,
            weights: bytesOf(model.weights).toString('base64'),
          }),
        );
        const response = { version: model.version, etag: `"tastebud-v${model.version}"`, body };
        if (!cached || response.version > cached.version) cached = response;
        known = Math.max(known, model.version);
        return cached;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

  return {
    async current() {
      const version = await refreshVersion();
      if (cached && cached.version >= version) return cached;
      return load();
    },
    knownVersion: () => known,
    refreshVersion,
  };
}
