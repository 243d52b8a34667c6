/**
 * The document-to-quads step (JSON-LD to RDF), kept behind one small interface so that callers
 * do not depend on how it is done. Documents within the subset the fast path proves exact (see
 * `fast-quads.ts`) are converted without jsonld.js; everything else goes to jsonld.js, which is
 * loaded only then (a dynamic import keeps it out of the start-up cost of the fast path).
 *
 * @internal
 */
import type { RdfCanonizeQuad } from 'rdf-canonize';
import { fastDocumentToQuads } from './fast-quads.js';
import { type DocumentLoader, getBundledContext } from './loader.js';
import { isTrustedLoader } from './trust.js';
import type { WorkBudget } from './work.js';

/** One RDF quad, in the RDF/JS-like shape jsonld.js and rdf-canonize exchange. */
export type Quad = RdfCanonizeQuad;

/**
 * A small LRU map: jsonld.js's cache of processed contexts, private to ob3kit. jsonld.js keeps
 * a process-wide cache by URL for contexts a loader marks `static`; with a private cache, no
 * other code in the process that uses jsonld.js with its own loader can change which context
 * ob3kit resolves a URL to (and ob3kit's contexts never leak into theirs).
 */
export class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): this {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
    return this;
  }
}

const sharedCache = new BoundedCache<unknown>(200);

/** Options of {@link documentToQuads}. */
export interface DocumentToQuadsOptions {
  /** Resolves every remote context URL. */
  documentLoader: DocumentLoader;
  /** JSON-LD safe mode: fail instead of silently dropping or altering data. */
  safe: boolean;
  /** The loader the caller chose, before any wrapping (decides whether caching is allowed). */
  cacheKey?: DocumentLoader;
  /** Never use the fast path (differential tests and diagnostics). */
  forceJsonLd?: boolean;
  /**
   * The work budget the conversion charges on the jsonld.js path (context processing, removal
   * of duplicate values), before the work is done. Default: no bound. The fast path's work is
   * linear in the size of the document.
   */
  budget?: WorkBudget;
}

/** How many conversions took the fast path and how many went to jsonld.js (for tests). */
export const documentToQuadsStats = { fast: 0, fallback: 0 };

type Expand = (
  input: object,
  options: { documentLoader: DocumentLoader; safe: boolean; contextResolver: unknown },
) => Promise<unknown[]>;
type ToRdf = (
  input: unknown[],
  options: {
    documentLoader: DocumentLoader;
    safe: boolean;
    produceGeneralizedRdf: false;
    contextResolver: unknown;
    skipExpansion: true;
  },
) => Promise<Quad[]>;
/** The part of jsonld.js's `ContextResolver` that the budget hooks into. */
export interface Resolver {
  resolve(args: { activeCtx: unknown; context: unknown }): Promise<unknown>;
}
/** jsonld.js's `ContextResolver` class. */
export type ResolverClass = new (options: { sharedCache: BoundedCache<unknown> }) => Resolver;
interface JsonLdModules {
  expand: Expand;
  toRdf: ToRdf;
  ContextResolver: ResolverClass;
  meter: typeof import('./jsonld-meter.js');
}
let jsonLdModules: Promise<JsonLdModules> | undefined;

/** Load jsonld.js on first use. */
function loadJsonLd(): Promise<JsonLdModules> {
  jsonLdModules ??= Promise.all([
    import('jsonld'),
    import('jsonld/lib/ContextResolver.js'),
    import('./jsonld-meter.js'),
  ]).then(([jsonld, resolver, meter]) => {
    const j = (jsonld as { default?: unknown }).default ?? jsonld;
    const r = (resolver as { default?: unknown }).default ?? resolver;
    return {
      // @types/jsonld predates safe mode; call through minimal typed views.
      expand: (j as { expand: unknown }).expand as Expand,
      toRdf: (j as { toRDF: unknown }).toRDF as ToRdf,
      ContextResolver: r as ResolverClass,
      meter,
    };
  });
  return jsonLdModules;
}

/**
 * Convert a JSON-LD document to an RDF dataset (the JSON-LD 1.1 "Deserialize JSON-LD to RDF"
 * algorithm, no generalized RDF). Errors are jsonld.js errors; callers map them.
 */
export async function documentToQuads(
  document: object,
  options: DocumentToQuadsOptions,
): Promise<Quad[]> {
  const trusted = isTrustedLoader(options.cacheKey ?? options.documentLoader);
  if (trusted && !options.forceJsonLd) {
    const quads = fastDocumentToQuads(document);
    if (quads !== undefined) {
      documentToQuadsStats.fast++;
      return quads;
    }
  }
  documentToQuadsStats.fallback++;
  const { expand, toRdf, ContextResolver, meter: metering } = await loadJsonLd();
  const { budget } = options;
  const cache = trusted ? sharedCache : new BoundedCache<unknown>(50);
  let contextResolver: Resolver = new ContextResolver({ sharedCache: cache });
  let documentLoader = options.documentLoader;
  if (budget) {
    const meter = new metering.ContextMeter(
      budget,
      document,
      trusted ? getBundledContext : undefined,
    );
    contextResolver = meter.resolver(ContextResolver, cache);
    documentLoader = meter.loader(documentLoader);
  }
  const common = { contextResolver, documentLoader, safe: options.safe };
  // jsonld.js toRDF is expand, then the node map (which removes duplicate values by linear
  // search), then quads: the same steps here, with the node map's cost charged in between.
  let expanded: unknown[];
  try {
    expanded = await expand(document, common);
  } catch (e) {
    // jsonld.js replaces errors raised while it processes a scoped context with its own.
    throw budget?.exceeded ?? e;
  }
  if (budget) metering.chargeDedup(budget, expanded);
  return toRdf(expanded, { ...common, produceGeneralizedRdf: false, skipExpansion: true });
}
