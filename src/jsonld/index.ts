/**
 * JSON-LD for Open Badges 3.0: the bundled, hash-pinned contexts, an offline document loader
 * (remote contexts are never fetched), and RDFC-1.0 canonicalization.
 *
 * @packageDocumentation
 */
export {
  type CanonizeNQuadsOptions,
  type CanonizeOptions,
  canonize,
  canonizeNQuads,
  DEFAULT_MAX_CANONIZE_WORK,
  DEFAULT_MAX_QUADS,
  DEFAULT_MAX_WORK_FACTOR,
  toNQuads,
} from './canonize.js';
export {
  createDocumentLoader,
  type DocumentLoader,
  type DocumentLoaderOptions,
  getBundledContext,
  listBundledContexts,
  type RemoteDocument,
} from './loader.js';
