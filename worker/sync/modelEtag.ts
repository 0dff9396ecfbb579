/**
 * The one ETag form the SDK keeps and sends back: the one the sync server gives a model version
 * (server/createModelCache.ts). It carries nothing but the version, so a server cannot use it to plant
 * an id in the browser; any other ETag is ignored.
 * @param version - the global model's version.
 * @returns `"tastebud-v<version>"`, quotes included.
 */
export function modelEtag(version: number): string {
  return `"tastebud-v${version}"`;
}

/**
 * The ETag to keep for a model answer: {@link modelEtag} of the answer's version if the server sent
 * that (strong, or weakened to `W/` by a proxy), else null.
 * @param header - the response's ETag header.
 * @param version - the version in the response's body.
 * @returns the canonical ETag, or null.
 */
export function acceptedModelEtag(header: string | null, version: number): string | null {
  const etag = modelEtag(version);
  return header === etag || header === `W/${etag}` ? etag : null;
}
