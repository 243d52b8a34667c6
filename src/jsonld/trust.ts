/**
 * Which document loaders serve the pinned bundled contexts unchanged (internal).
 *
 * @internal
 */
import type { DocumentLoader } from './loader.js';

/**
 * Loaders made by `createDocumentLoader`: they serve the pinned bundled contexts, so processed
 * contexts can be cached across calls. A caller's own loader gets a cache for one call only,
 * so it is always asked for every URL.
 */
const trustedLoaders = new WeakSet<DocumentLoader>();

/** Mark a loader as serving the bundled contexts unchanged. */
export function trustLoader(loader: DocumentLoader): DocumentLoader {
  trustedLoaders.add(loader);
  return loader;
}

/** True for a loader made by `createDocumentLoader`. */
export function isTrustedLoader(loader: DocumentLoader): boolean {
  return trustedLoaders.has(loader);
}
