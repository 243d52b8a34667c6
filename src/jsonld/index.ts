/**
 * JSON-LD for Open Badges 3.0: the bundled, hash-pinned contexts, an offline document loader
 * (remote contexts are never fetched), RDFC-1.0 canonicalization, and the JSON
 * Canonicalization Scheme (RFC 8785) of the JCS cryptosuites; JSON text is bounded (depth, values,
 * array length) and refused with a member name twice before it is parsed (`parseJsonText`).
 *
 * @packageDocumentation
 */

export {
  describeJsonTextProblem,
  type JsonTextLimits,
  type JsonTextProblem,
  type ParsedJsonText,
  parseJsonText,
  scanJsonText,
} from '../internal/json-scan.js';
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
export { canonicalizeJcs, DEFAULT_JCS_MAX_DEPTH, type JcsOptions } from './jcs.js';
export {
  createDocumentLoader,
  type DocumentLoader,
  type DocumentLoaderOptions,
  getBundledContext,
  listBundledContexts,
  type RemoteDocument,
} from './loader.js';
