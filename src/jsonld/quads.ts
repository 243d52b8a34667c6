/**
 * The document-to-quads step (JSON-LD to RDF), kept behind one small interface so that callers
 * do not depend on how it is done. Documents within the subset the fast path proves exact (see
 * `fast-quads.ts`) are converted without jsonld.js; everything else goes to jsonld.js, which is
 * loaded only then (a dynamic import keeps it out of the start-up cost of the fast path).
 *
 * @internal
 */
import type { RdfCanonizeQuad } from 'rdf-canonize';
import { LimitError } from '../errors.js';
import { fastDocumentToQuads } from './fast-quads.js';
import type { DocumentLoader } from './loader.js';
import { isTrustedLoader } from './trust.js';

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
   * Most value comparisons jsonld.js may make removing duplicate values (an upper bound is
   * computed from the expanded document before its node map is built); more fails with
   * `ERR_CANONIZE_LIMIT`. Default: no bound.
   */
  maxDedupComparisons?: number;
  /** Receives that bound for the document (0 on the fast path, which indexes values). */
  spent?: { dedupComparisons: number };
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
interface JsonLdModules {
  expand: Expand;
  toRdf: ToRdf;
  ContextResolver: new (options: { sharedCache: BoundedCache<unknown> }) => unknown;
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
        ContextResolver: r as JsonLdModules['ContextResolver'],
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
  const common = {
    contextResolver: new ContextResolver({
      sharedCache: trusted ? sharedCache : new BoundedCache<unknown>(50),
    }),
    documentLoader: options.documentLoader,
    safe: options.safe,
  };
  // jsonld.js toRDF is expand, then the node map (which removes duplicate values by linear
  // search), then quads: the same steps here, with the node map's cost bounded in between.
  const expanded = await expand(document, common);
  const max = options.maxDedupComparisons;
  if (max !== undefined || options.spent) {
    const cost = dedupComparisons(expanded);
    if (options.spent) options.spent.dedupComparisons = cost;
    if (max !== undefined && cost > max) {
      throw new LimitError(
        'ERR_CANONIZE_LIMIT',
        `The document gives nodes so many values for one property that removing duplicates would take ${cost} comparisons, more than the limit of ${max} (maxCanonizeWork)`,
        { limit: 'maxCanonizeWork', max, found: cost },
      );
    }
  }
  return toRdf(expanded, { ...common, produceGeneralizedRdf: false, skipExpansion: true });
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
