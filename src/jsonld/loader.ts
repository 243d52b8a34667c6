import { JsonLdError } from '../errors.js';
import { cloneJson, isObject, jsonEqual } from '../internal/json.js';
import { BUNDLED_CONTEXTS } from './bundled.js';
import { trustLoader } from './trust.js';

/**
 * What a {@link DocumentLoader} resolves to (the shape jsonld.js expects).
 *
 * @example
 * ```ts
 * import { createDocumentLoader, type RemoteDocument } from 'ob3kit/jsonld';
 * const remote: RemoteDocument = await createDocumentLoader()('https://www.w3.org/ns/credentials/v2');
 * ```
 */
export interface RemoteDocument {
  /** Always `null`: no HTTP Link header context. */
  contextUrl: null;
  /** The URL that was asked for. */
  documentUrl: string;
  /** The parsed JSON document. */
  document: unknown;
  /**
   * `'static'` for bundled contexts: their content never changes, so jsonld.js may cache the
   * processed context across operations.
   */
  tag?: 'static';
}

/**
 * A JSON-LD document loader: maps a URL to its document. ob3kit's loaders never touch the
 * network.
 *
 * @example
 * ```ts
 * import { createDocumentLoader, type DocumentLoader } from 'ob3kit/jsonld';
 * const documentLoader: DocumentLoader = createDocumentLoader();
 * ```
 */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * Options for {@link createDocumentLoader}.
 *
 * @example
 * ```ts
 * import { createDocumentLoader } from 'ob3kit/jsonld';
 * createDocumentLoader({
 *   contexts: { 'https://example.com/ctx/v1': { '@context': { nick: 'https://example.com/v#nick' } } },
 *   documents: { 'did:example:1': { id: 'did:example:1' } },
 * });
 * ```
 */
export interface DocumentLoaderOptions {
  /**
   * Extra JSON-LD context documents by URL, each a JSON object with a top-level `@context`.
   * They are copied when the loader is created. A URL that is already bundled may only be
   * registered with identical content.
   */
  contexts?: Record<string, object>;
  /**
   * Other documents by URL (for example a DID document or a verification method), served
   * as given (copied when the loader is created).
   */
  documents?: Record<string, unknown>;
}

/**
 * Look up a bundled JSON-LD context by URL (aliases included).
 *
 * The returned object is frozen and shared: copy it before changing it.
 *
 * @param url - the context URL, exactly as it appears in `@context`.
 * @returns the context document (`{ "@context": ... }`), or `undefined` when not bundled.
 * @example
 * ```ts
 * import { getBundledContext } from 'ob3kit/jsonld';
 * const ob = getBundledContext('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json');
 * console.log(ob !== undefined); // true
 * ```
 */
export function getBundledContext(url: string): object | undefined {
  if (typeof url !== 'string') throw new TypeError('getBundledContext: url must be a string');
  return BUNDLED_CONTEXTS.get(url);
}

/**
 * List the URLs of every bundled JSON-LD context (aliases included).
 *
 * @example
 * ```ts
 * import { listBundledContexts } from 'ob3kit/jsonld';
 * console.log(listBundledContexts().includes('https://www.w3.org/ns/credentials/v2')); // true
 * ```
 */
export function listBundledContexts(): string[] {
  return [...BUNDLED_CONTEXTS.keys()];
}

/**
 * The error thrown for a URL that is neither bundled nor registered.
 * @internal
 */
export function unknownContextError(url: string): JsonLdError {
  return new JsonLdError(
    'ERR_CONTEXT_UNKNOWN',
    `Unknown JSON-LD context or document "${url}": it is not bundled and was not registered, ` +
      'and remote contexts are never fetched. Register it with ' +
      'createDocumentLoader({ contexts: { [url]: contextDocument } }).',
    { url },
  );
}

/**
 * Create an offline JSON-LD document loader: the bundled contexts (see
 * {@link listBundledContexts}) plus the contexts and documents the caller registers. Any other
 * URL fails with a {@link JsonLdError} of code `ERR_CONTEXT_UNKNOWN` naming the URL (in the
 * message and in `details.url`). Nothing is ever fetched.
 *
 * @param options - extra contexts and documents to serve.
 * @throws TypeError when an option has the wrong type or a registered context has no
 *   top-level `@context`.
 * @throws JsonLdError `ERR_CONTEXT_CONFLICT` when a registered URL is bundled with different
 *   content, or registered both as a context and as a document.
 * @example
 * ```ts
 * import { createDocumentLoader } from 'ob3kit/jsonld';
 * const documentLoader = createDocumentLoader({
 *   contexts: { 'https://example.com/my-context/v1': { '@context': { nick: 'https://example.com/vocab#nick' } } },
 * });
 * const { document } = await documentLoader('https://example.com/my-context/v1');
 * ```
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  if (!isObject(options)) throw new TypeError('createDocumentLoader: options must be an object');
  const { contexts, documents } = options;
  if (contexts !== undefined && !isObject(contexts)) {
    throw new TypeError(
      'createDocumentLoader: options.contexts must be an object (URL -> context)',
    );
  }
  if (documents !== undefined && !isObject(documents)) {
    throw new TypeError(
      'createDocumentLoader: options.documents must be an object (URL -> document)',
    );
  }

  const extra = new Map<string, unknown>();
  for (const [url, context] of Object.entries(contexts ?? {})) {
    if (url === '') throw new TypeError('createDocumentLoader: a context URL must not be empty');
    if (!isObject(context) || !Object.hasOwn(context, '@context')) {
      throw new TypeError(
        `createDocumentLoader: options.contexts["${url}"] must be a context document, a JSON object ` +
          'with a top-level "@context"',
      );
    }
    const bundled = BUNDLED_CONTEXTS.get(url);
    if (bundled !== undefined) {
      if (jsonEqual(bundled, context)) continue;
      throw new JsonLdError(
        'ERR_CONTEXT_CONFLICT',
        `Context "${url}" is bundled and pinned; a different document cannot be registered under ` +
          'the same URL',
        { url },
      );
    }
    extra.set(url, cloneJson(context));
  }
  for (const [url, document] of Object.entries(documents ?? {})) {
    if (url === '') throw new TypeError('createDocumentLoader: a document URL must not be empty');
    if (BUNDLED_CONTEXTS.has(url) || extra.has(url)) {
      throw new JsonLdError(
        'ERR_CONTEXT_CONFLICT',
        `"${url}" is already a context; it cannot also be registered as a document`,
        { url },
      );
    }
    extra.set(url, cloneJson(document));
  }

  return trustLoader(async (url: string): Promise<RemoteDocument> => {
    if (typeof url !== 'string') throw new TypeError('documentLoader: url must be a string');
    // Every load returns a fresh copy: jsonld.js rewrites context URLs inside the loaded
    // document in place, and callers must not be able to alter what later loads return.
    // (jsonld.js caches bundled contexts, tagged 'static', so this copy is rarely made.)
    const bundled = BUNDLED_CONTEXTS.get(url);
    if (bundled !== undefined) {
      return { contextUrl: null, documentUrl: url, document: cloneJson(bundled), tag: 'static' };
    }
    if (extra.has(url)) {
      return { contextUrl: null, documentUrl: url, document: cloneJson(extra.get(url)) };
    }
    throw unknownContextError(url);
  });
}

/** The loader used when a caller passes none: bundled contexts only. */
let defaultLoader: DocumentLoader | undefined;

/** @internal */
export function getDefaultDocumentLoader(): DocumentLoader {
  defaultLoader ??= createDocumentLoader();
  return defaultLoader;
}
