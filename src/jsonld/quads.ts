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
class BoundedCache<V> {
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
interface Resolver {
  resolve(args: { activeCtx: unknown; context: unknown }): Promise<unknown>;
}
type ResolverClass = new (options: { sharedCache: BoundedCache<unknown> }) => Resolver;
interface JsonLdModules {
  expand: Expand;
  toRdf: ToRdf;
  ContextResolver: ResolverClass;
}
let jsonLdModules: Promise<JsonLdModules> | undefined;

/** Load jsonld.js on first use. */
function loadJsonLd(): Promise<JsonLdModules> {
  jsonLdModules ??= Promise.all([import('jsonld'), import('jsonld/lib/ContextResolver.js')]).then(
    ([jsonld, resolver]) => {
      const j = (jsonld as { default?: unknown }).default ?? jsonld;
      const r = (resolver as { default?: unknown }).default ?? resolver;
      return {
        // @types/jsonld predates safe mode; call through minimal typed views.
        expand: (j as { expand: unknown }).expand as Expand,
        toRdf: (j as { toRDF: unknown }).toRDF as ToRdf,
        ContextResolver: r as ResolverClass,
      };
    },
  );
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
  const { expand, toRdf, ContextResolver } = await loadJsonLd();
  const { budget } = options;
  const cache = trusted ? sharedCache : new BoundedCache<unknown>(50);
  let contextResolver: Resolver = new ContextResolver({ sharedCache: cache });
  let documentLoader = options.documentLoader;
  if (budget) {
    const meter = new ContextMeter(budget, document, trusted);
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
  budget?.charge(
    Math.ceil(dedupComparisons(expanded) / DEDUP_COMPARISONS_PER_UNIT),
    'removing duplicate values: nodes get too many values for one property',
  );
  return toRdf(expanded, { ...common, produceGeneralizedRdf: false, skipExpansion: true });
}

/** jsonld.js value comparisons (removing duplicate values) that count as one unit of work. */
const DEDUP_COMPARISONS_PER_UNIT = 8;
/**
 * Units for each JSON value of the contexts in play, charged each time jsonld.js processes a
 * context (it copies the whole active context, term definitions and their scoped contexts
 * included, then defines the new terms) and once for each JSON object of the document (which
 * may copy the context active before a type-scoped one).
 */
const CONTEXT_COPY_UNITS = 1;
/** Units for each JSON value of a context being processed (term definitions are built). */
const CONTEXT_TERM_UNITS = 16;
const CONTEXT_WHY =
  'processing JSON-LD contexts: the document is too large for the contexts it uses (the jsonld.js path copies the active context at every node)';

/** JSON values in a value (iterative; memoized for objects). */
function jsonValues(value: unknown, memo: WeakMap<object, number>): number {
  if (typeof value !== 'object' || value === null) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    n++;
    if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) stack.push(x);
  }
  memo.set(value, n);
  return n;
}

/**
 * Charges jsonld.js's context processing to a work budget. Its cost at each step is bounded by
 * the size of the contexts in play (`contextValues`: the document's inline contexts and every
 * context loaded by URL) times a constant: the meter charges that bound before each context is
 * processed, and before expansion for each object of the document.
 */
class ContextMeter {
  private readonly memo = new WeakMap<object, number>();
  private readonly urls = new Set<string>();
  private contextValues = 0;
  private readonly objects: number;

  constructor(
    private readonly budget: WorkBudget,
    document: object,
    private readonly trusted: boolean,
  ) {
    // The document's objects, and its contexts: inline ones and bundled URLs.
    let objects = 0;
    const contexts: unknown[] = [];
    const stack: unknown[] = [document];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null) continue;
      objects++;
      for (const [key, x] of Object.entries(v)) {
        if (key === '@context') contexts.push(x);
        else stack.push(x);
      }
    }
    this.objects = objects;
    for (const context of contexts) this.addContext(context);
  }

  private addContext(context: unknown): void {
    for (const c of Array.isArray(context) ? context : [context]) {
      if (typeof c === 'string') {
        const bundled = this.trusted ? getBundledContext(c) : undefined;
        if (bundled !== undefined) this.addUrl(c, bundled);
      } else {
        this.grow(jsonValues(c, this.memo));
      }
    }
  }

  private addUrl(url: string, document: unknown): void {
    if (this.urls.has(url)) return;
    this.urls.add(url);
    this.grow(jsonValues(document, this.memo));
  }

  /** More context values: every object of the document may copy them once more. */
  private grow(values: number): void {
    this.contextValues += values;
    this.budget.charge(CONTEXT_COPY_UNITS * 2 * values * this.objects, CONTEXT_WHY);
  }

  /** A resolver that charges each context processing before it happens. */
  resolver(Base: ResolverClass, sharedCache: BoundedCache<unknown>): Resolver {
    const resolver = new Base({ sharedCache });
    const resolve = resolver.resolve.bind(resolver);
    resolver.resolve = (args) => {
      const local = typeof args.context === 'string' ? 0 : jsonValues(args.context, this.memo);
      this.budget.charge(
        CONTEXT_COPY_UNITS * 2 * this.contextValues + CONTEXT_TERM_UNITS * local,
        CONTEXT_WHY,
      );
      return resolve(args);
    };
    return resolver;
  }

  /** A loader that counts the contexts it loads. */
  loader(load: DocumentLoader): DocumentLoader {
    return async (url) => {
      const remote = await load(url);
      this.addUrl(url, remote.document);
      return remote;
    };
  }
}

/**
 * An upper bound on the value comparisons jsonld.js's `createNodeMap` makes removing duplicate
 * values from an expanded document: for each node (nodes with one `@id` are merged into one)
 * and property (`@type` included, `@reverse` values counted on the nodes they point to), `n`
 * values cost up to `n * (n - 1) / 2` comparisons. Linear in the size of the document.
 */
export function dedupComparisons(expanded: unknown): number {
  const merged = new Map<string, number>();
  let cost = 0;
  const add = (node: Record<string, unknown>, property: string, n: number) => {
    const id = node['@id'];
    if (typeof id === 'string') {
      const key = `${property}\u0000${id}`;
      merged.set(key, (merged.get(key) ?? 0) + n);
    } else {
      cost += (n * (n - 1)) / 2;
    }
  };
  const stack: unknown[] = [expanded];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const node = v as Record<string, unknown>;
    if ('@value' in node) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === '@list' || key === '@graph' || key === '@included' || key === '@set') {
        stack.push(value);
      } else if (key === '@reverse' && typeof value === 'object' && value !== null) {
        for (const [property, items] of Object.entries(value)) {
          for (const item of Array.isArray(items) ? items : [items]) {
            if (typeof item === 'object' && item !== null) {
              add(item as Record<string, unknown>, property, 1);
              stack.push(item);
            }
          }
        }
      } else if (key === '@type' || !key.startsWith('@')) {
        const values = Array.isArray(value) ? value : [value];
        add(node, key, values.length);
        stack.push(values);
      }
    }
  }
  for (const n of merged.values()) cost += (n * (n - 1)) / 2;
  return cost;
}
