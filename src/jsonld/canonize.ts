import type rdfCanonizeModule from 'rdf-canonize';
import { JsonLdError, LimitError, Ob3Error } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { onDemand } from '../internal/lazy.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_MAX_CANONIZE_WORK as MAX_CANONIZE_WORK,
  measureJson,
} from '../internal/limits.js';
import { abortedError } from './aborted.js';
import { canonizeRdfc } from './fast-rdfc.js';
import { type DocumentLoader, getDefaultDocumentLoader } from './loader.js';
import { serializeNQuads } from './nquads.js';
import { documentToQuads, type Quad } from './quads.js';
import { WorkBudget } from './work.js';

/** The mapping of jsonld.js and rdf-canonize errors, loaded when one is thrown. */
const errorMapping = /* @__PURE__ */ onDemand(() => import('./map-error.js'));

/** The locator of JSON-LD failures in a document, loaded when a conversion fails. */
const errorLocation = /* @__PURE__ */ onDemand(() => import('./locate.js'));

/** Failures {@link locateError} can place in the document. */
const LOCATABLE = new Set([
  'ERR_JSONLD_UNDEFINED_TERM',
  'ERR_JSONLD_PROTECTED_TERM',
  'ERR_CONTEXT_UNKNOWN',
  'ERR_CONTEXT_LOAD',
]);

/**
 * The error with the JSON path of its cause in the document (`details.path`), when found. The
 * search spends the conversion's budget (and the run's), within what is left of it: it never
 * exceeds either, and finds nothing once they are spent.
 */
async function locateError(
  document: object,
  error: Ob3Error,
  loader: DocumentLoader,
  signal: AbortSignal | undefined,
  budget: WorkBudget,
): Promise<Ob3Error> {
  if (!LOCATABLE.has(error.code) || signal?.aborted) return error;
  const run = budget.run;
  const left = Math.min(
    budget.max - budget.used,
    run === undefined ? Number.POSITIVE_INFINITY : run.max - run.used,
  );
  if (!(left > 0) || budget.exceeded !== undefined || run?.exceeded !== undefined) return error;
  const work = { used: 0, max: left };
  const { locateJsonLdError } = await errorLocation();
  const located = await locateJsonLdError(document, error, abortableLoader(loader, signal), work);
  budget.charge(work.used, 'locating a JSON-LD failure in the document');
  return located;
}

/** An ob3kit error for anything thrown while converting or canonizing (mapped on demand). */
async function mapError(e: unknown, signal: AbortSignal | undefined): Promise<Ob3Error> {
  if (e instanceof Ob3Error) return e;
  return (await errorMapping()).mapJsonLdError(e, signal);
}

/**
 * Default bound on rdf-canonize's deep iterations (`nonUniqueBlankNodes ** maxWorkFactor`);
 * the same default as the reference stack.
 *
 * @example
 * ```ts
 * import { canonize, DEFAULT_MAX_WORK_FACTOR } from 'ob3kit/jsonld';
 * await canonize(doc, { maxWorkFactor: DEFAULT_MAX_WORK_FACTOR + 1 }); // trusted input only
 * ```
 */
export const DEFAULT_MAX_WORK_FACTOR = 1;
/**
 * Default bound on the number of quads a document may produce.
 *
 * @example
 * ```ts
 * import { canonize, DEFAULT_MAX_QUADS } from 'ob3kit/jsonld';
 * await canonize(bigClr, { maxQuads: DEFAULT_MAX_QUADS * 2 });
 * ```
 */
export const DEFAULT_MAX_QUADS = 100_000;
/**
 * Default bound on the total work of RDFC-1.0 canonicalization, in units (a blank node's quad
 * hashed, an identifier copied, 64 characters of hash path built or compared). A typical badge
 * uses a few dozen units; graphs of indistinguishable blank nodes (chains, cycles, cliques)
 * fail with `ERR_CANONIZE_LIMIT` before their cost passes it. See docs/security.md.
 *
 * @example
 * ```ts
 * import { canonize, DEFAULT_MAX_CANONIZE_WORK } from 'ob3kit/jsonld';
 * await canonize(trustedDoc, { maxCanonizeWork: DEFAULT_MAX_CANONIZE_WORK * 4 });
 * ```
 */
export const DEFAULT_MAX_CANONIZE_WORK = MAX_CANONIZE_WORK;

/**
 * Options for {@link canonize} and {@link toNQuads}.
 *
 * @example
 * ```ts
 * import { canonize, createDocumentLoader } from 'ob3kit/jsonld';
 * const controller = new AbortController();
 * await canonize(credential, { documentLoader: createDocumentLoader(), signal: controller.signal });
 * ```
 */
export interface CanonizeOptions {
  /**
   * Resolves `@context` URLs. Default: the bundled contexts only
   * (`createDocumentLoader()`); unknown URLs fail with `ERR_CONTEXT_UNKNOWN`.
   */
  documentLoader?: DocumentLoader;
  /**
   * JSON-LD safe mode (default `true`): fail with `ERR_JSONLD_UNDEFINED_TERM` (or
   * `ERR_JSONLD_SAFE_MODE`) instead of silently dropping terms and values the contexts do not
   * define. Only turn it off to reproduce legacy signatures.
   */
  safe?: boolean;
  /** Abort the operation; it then fails with `ERR_ABORTED`. */
  signal?: AbortSignal;
  /** Fail with `ERR_CANONIZE_LIMIT` when the document produces more quads (default 100,000). */
  maxQuads?: number;
  /**
   * Bound on the number of N-degree hashing steps, as rdf-canonize's option of that name (at
   * most `indistinguishableBlankNodes ** maxWorkFactor`; default 1). Exceeding it fails with
   * `ERR_CANONIZE_LIMIT`.
   */
  maxWorkFactor?: number;
  /**
   * Bound on the total work of canonicalization, in units (default
   * {@link DEFAULT_MAX_CANONIZE_WORK}); it bounds time and memory. Exceeding it fails with
   * `ERR_CANONIZE_LIMIT` (`details.limit` `maxCanonizeWork`).
   */
  maxCanonizeWork?: number;
  /**
   * A budget shared with other canonicalizations (of one verification run), spent by this one
   * as well as its own.
   *
   * @internal
   */
  runBudget?: WorkBudget;
}

/**
 * Options for {@link canonizeNQuads}.
 *
 * @example
 * ```ts
 * import { canonizeNQuads } from 'ob3kit/jsonld';
 * await canonizeNQuads(nquads, { maxWorkFactor: 2 });
 * ```
 */
export interface CanonizeNQuadsOptions {
  /** Abort the operation; it then fails with `ERR_ABORTED`. */
  signal?: AbortSignal;
  /** Fail with `ERR_CANONIZE_LIMIT` when the text has more quads (lines; default 100,000). */
  maxQuads?: number;
  /** Bound on N-degree hashing steps (default 1), as in {@link CanonizeOptions}. */
  maxWorkFactor?: number;
  /** Bound on the total work (default {@link DEFAULT_MAX_CANONIZE_WORK}), as in {@link CanonizeOptions}. */
  maxCanonizeWork?: number;
}

/** N-Quads line ends and blank lines, as rdf-canonize's parser splits and skips them. */
const EOLN = /\r\n|\n|\r/;
const EMPTY_LINE = /^[ \t]*$/;

type RdfCanonize = typeof rdfCanonizeModule;
let rdfCanonizeModulePromise: Promise<RdfCanonize> | undefined;

/** rdf-canonize, loaded on first use: only its N-Quads parser, for {@link canonizeNQuads}. */
function loadRdfCanonize(): Promise<RdfCanonize> {
  rdfCanonizeModulePromise ??= import('rdf-canonize').then(
    (m) => ((m as { default?: RdfCanonize }).default ?? m) as RdfCanonize,
  );
  return rdfCanonizeModulePromise;
}

function checkDocument(fn: string, document: unknown): asserts document is object {
  if (typeof document !== 'object' || document === null) {
    throw new TypeError(`${fn}: document must be a JSON object, found ${describeValue(document)}`);
  }
}

function checkLimit(fn: string, name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new TypeError(`${fn}: options.${name} must be a non-negative number`);
  }
}

function checkOptions(fn: string, options: unknown): asserts options is CanonizeOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object`);
  }
  const o = options as Record<string, unknown>;
  if (o.documentLoader !== undefined && typeof o.documentLoader !== 'function') {
    throw new TypeError(`${fn}: options.documentLoader must be a function`);
  }
  if (o.safe !== undefined && typeof o.safe !== 'boolean') {
    throw new TypeError(`${fn}: options.safe must be a boolean`);
  }
  if (
    o.signal !== undefined &&
    (typeof o.signal !== 'object' || o.signal === null || !('aborted' in o.signal))
  ) {
    throw new TypeError(`${fn}: options.signal must be an AbortSignal`);
  }
  checkLimit(fn, 'maxQuads', o.maxQuads);
  checkLimit(fn, 'maxWorkFactor', o.maxWorkFactor);
  checkLimit(fn, 'maxCanonizeWork', o.maxCanonizeWork);
}

/** Wrap a loader so that an abort stops context loading too. */
function abortableLoader(loader: DocumentLoader, signal?: AbortSignal): DocumentLoader {
  if (!signal) return loader;
  return (url) => {
    if (signal.aborted) return Promise.reject(abortedError(signal));
    return loader(url);
  };
}

/** The quads of a document, and the work budget their conversion started spending. */
interface Dataset {
  quads: Quad[];
  budget: WorkBudget;
}

async function toDataset(fn: string, document: object, options: CanonizeOptions): Promise<Dataset> {
  const { signal } = options;
  if (signal?.aborted) throw abortedError(signal);
  // Before any JSON-LD processing: bounded work (JSON-LD to RDF is quadratic in the values of
  // one property), and no own "__proto__" member (jsonld.js drops it silently, even in safe mode).
  const shape = measureJson(document, {
    maxJsonDepth: 1_000,
    maxJsonValues: DEFAULT_LIMITS.maxJsonValues,
    maxArrayLength: DEFAULT_LIMITS.maxArrayLength,
  });
  if (shape.exceeded !== undefined) {
    throw new LimitError(
      'ERR_CANONIZE_LIMIT',
      `${fn}: the document is too large to canonicalize (it exceeds ${shape.exceeded})`,
      { limit: shape.exceeded === 'maxJsonDepth' ? 'depth' : shape.exceeded },
    );
  }
  if (shape.protoKeyPath !== undefined) {
    throw new JsonLdError(
      'ERR_JSONLD_UNDEFINED_TERM',
      `JSON-LD safe mode: "__proto__" (at ${shape.protoKeyPath}) is not defined by the document's @context, so it would be dropped from the signed data`,
      { term: '__proto__', path: shape.protoKeyPath },
    );
  }
  let quads: Quad[];
  // One budget for the whole canonicalization: JSON-LD to RDF, then RDFC-1.0.
  const budget = new WorkBudget(
    options.maxCanonizeWork ?? DEFAULT_MAX_CANONIZE_WORK,
    options.runBudget,
  );
  budget.checkRun();
  const loader = options.documentLoader ?? getDefaultDocumentLoader();
  try {
    quads = await documentToQuads(document, {
      documentLoader: abortableLoader(loader, signal),
      safe: options.safe ?? true,
      cacheKey: loader,
      budget,
    });
  } catch (e) {
    throw await locateError(document, await mapError(e, signal), loader, signal, budget);
  }
  if (signal?.aborted) throw abortedError(signal);
  const maxQuads = options.maxQuads ?? DEFAULT_MAX_QUADS;
  if (quads.length > maxQuads) {
    throw new LimitError(
      'ERR_CANONIZE_LIMIT',
      `${fn}: the document produces ${quads.length} RDF quads, more than the limit of ${maxQuads} (options.maxQuads)`,
      { limit: 'maxQuads', max: maxQuads, found: quads.length },
    );
  }
  return { quads, budget };
}

async function canonizeDataset(
  input: Dataset,
  options: { signal?: AbortSignal; maxWorkFactor?: number; maxCanonizeWork?: number },
): Promise<string> {
  if (options.signal?.aborted) throw abortedError(options.signal);
  // RDFC-1.0 with every step charged to the budget the conversion started (fast-rdfc.ts):
  // typical credentials need only first-degree hashes; indistinguishable blank nodes fail with
  // ERR_CANONIZE_LIMIT before their cost passes maxCanonizeWork.
  return canonizeRdfc(input.quads, {
    maxWorkFactor: options.maxWorkFactor ?? DEFAULT_MAX_WORK_FACTOR,
    budget: input.budget,
  });
}

/**
 * Canonicalize a JSON-LD document with RDFC-1.0 (RDF Dataset Canonicalization): JSON-LD to RDF
 * (safe mode by default, contexts from the offline loader), then canonical N-Quads. The output
 * is byte-identical to jsonld.js + rdf-canonize and to the Open Badges 3.0 test vectors.
 *
 * @param document - the JSON-LD document (for example a credential without its `proof`).
 * @param options - loader, safe mode, abort signal and work limits.
 * @returns the canonical N-Quads, one quad a line, each ending with `\n`.
 * @throws JsonLdError `ERR_CONTEXT_UNKNOWN`, `ERR_JSONLD_UNDEFINED_TERM`,
 *   `ERR_JSONLD_PROTECTED_TERM`, `ERR_JSONLD_SAFE_MODE`, `ERR_CONTEXT_LOAD` or `ERR_JSONLD`; the
 *   first four with `details.path` (the member, value or `@context` entry at fault) when the
 *   document shows where.
 * @throws LimitError `ERR_CANONIZE_LIMIT` when the document passes `maxJsonValues` or
 *   `maxArrayLength` (checked first), `maxQuads`, `maxWorkFactor` or `maxCanonizeWork`
 *   (`details.limit` names it).
 * @throws Ob3Error `ERR_ABORTED` when `signal` aborts.
 * @example
 * ```ts
 * import { canonize } from 'ob3kit/jsonld';
 * const nquads = await canonize({
 *   '@context': ['https://www.w3.org/ns/credentials/v2'],
 *   type: ['VerifiableCredential'],
 *   issuer: 'https://example.edu/issuers/1',
 *   credentialSubject: { id: 'did:example:123' },
 * });
 * ```
 */
export async function canonize(document: object, options: CanonizeOptions = {}): Promise<string> {
  checkDocument('canonize', document);
  checkOptions('canonize', options);
  return canonizeDataset(await toDataset('canonize', document, options), options);
}

/**
 * Convert a JSON-LD document to (non-canonical) N-Quads: the document-to-quads step of
 * {@link canonize}, with the same options and errors. Blank node labels and quad order are
 * those of the conversion, not canonical.
 *
 * @example
 * ```ts
 * import { toNQuads } from 'ob3kit/jsonld';
 * const nquads = await toNQuads({ '@context': 'https://www.w3.org/ns/credentials/v2', id: 'urn:uuid:1', name: 'x' });
 * ```
 */
export async function toNQuads(document: object, options: CanonizeOptions = {}): Promise<string> {
  checkDocument('toNQuads', document);
  checkOptions('toNQuads', options);
  const { quads } = await toDataset('toNQuads', document, options);
  try {
    return serializeNQuads(quads);
  } catch (e) {
    throw await mapError(e, options.signal);
  }
}

/**
 * Convert a document to RDF (the document-to-quads step of {@link toNQuads}, with the same
 * options, limits and errors) without serializing the quads: for validity checks that do not
 * need the N-Quads text, and read the graph itself.
 *
 * @internal
 * @example
 * ```ts
 * await checkToRdf(credential, { safe: true }); // throws JsonLdError on an undefined term
 * ```
 */
export async function checkToRdf(document: object, options: CanonizeOptions = {}): Promise<Quad[]> {
  checkDocument('toNQuads', document);
  checkOptions('toNQuads', options);
  return (await toDataset('toNQuads', document, options)).quads;
}

/**
 * Canonicalize an RDF dataset given as N-Quads with RDFC-1.0.
 *
 * @param nquads - N-Quads text.
 * @param options - abort signal and work limit.
 * @throws JsonLdError `ERR_NQUADS_SYNTAX` when the text is not valid N-Quads.
 * @throws LimitError `ERR_CANONIZE_LIMIT` when `maxQuads` (lines, counted before parsing),
 *   `maxWorkFactor` or `maxCanonizeWork` is exceeded.
 * @example
 * ```ts
 * import { canonizeNQuads } from 'ob3kit/jsonld';
 * const out = await canonizeNQuads('_:b0 <http://example.org/p> "x" .\n');
 * // '_:c14n0 <http://example.org/p> "x" .\n'
 * ```
 */
export async function canonizeNQuads(
  nquads: string,
  options: CanonizeNQuadsOptions = {},
): Promise<string> {
  if (typeof nquads !== 'string') throw new TypeError('canonizeNQuads: nquads must be a string');
  checkOptions('canonizeNQuads', options);
  if (options.signal?.aborted) throw abortedError(options.signal);
  const maxQuads = options.maxQuads ?? DEFAULT_MAX_QUADS;
  // Count the lines before parsing (bound before work), then parse them one by one and remove
  // duplicate quads with a map: rdf-canonize's parser removes them by linear search, quadratic
  // in the number of quads of a graph. The dataset is the same: first occurrences, in order.
  const lines = nquads.split(EOLN);
  let count = 0;
  for (const line of lines) if (!EMPTY_LINE.test(line)) count++;
  if (count > maxQuads) {
    throw new LimitError(
      'ERR_CANONIZE_LIMIT',
      `canonizeNQuads: the text has ${count} quads, more than the limit of ${maxQuads} (options.maxQuads)`,
      { limit: 'maxQuads', max: maxQuads, found: count },
    );
  }
  const rdfCanonize = await loadRdfCanonize();
  const quads: Quad[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (EMPTY_LINE.test(line)) continue;
    let parsed: Quad[];
    try {
      parsed = rdfCanonize.NQuads.parse(line);
    } catch (e) {
      throw new JsonLdError(
        'ERR_NQUADS_SYNTAX',
        `canonizeNQuads: invalid N-Quads on line ${i + 1}`,
        { line: i + 1 },
        e,
      );
    }
    for (const quad of parsed) {
      // What rdf-canonize compares: graphs by name alone, then the triple's terms.
      const { subject: s, predicate: p, object: o, graph: g } = quad;
      const key = JSON.stringify([
        g.value,
        s.termType,
        s.value,
        p.value,
        o.termType,
        o.value,
        o.termType === 'Literal' ? [o.datatype?.value, o.language] : null,
      ]);
      if (seen.has(key)) continue;
      seen.add(key);
      quads.push(quad);
    }
  }
  const budget = new WorkBudget(options.maxCanonizeWork ?? DEFAULT_MAX_CANONIZE_WORK);
  return canonizeDataset({ quads, budget }, options);
}
