/**
 * The work budget on the jsonld.js path (documents outside the fast path): context processing
 * and the node map's removal of duplicate values, charged before the work. Loaded with
 * jsonld.js, only when a document needs it.
 *
 * @internal
 */
import type { DocumentLoader } from './loader.js';
import type { BoundedCache, Resolver, ResolverClass } from './quads.js';
import type { WorkBudget } from './work.js';

// No value imports: this module is loaded lazily, and what it needs (the bundled contexts) is
// passed in, so bundlers do not hoist shared code into the chunks every bundle loads.

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
export class ContextMeter {
  private readonly memo = new WeakMap<object, number>();
  private readonly urls = new Set<string>();
  private contextValues = 0;
  private readonly objects: number;

  /**
   * @param bundled - the bundled context of a URL, when the loader serves the bundled
   *   contexts unchanged (otherwise contexts are counted as the loader returns them).
   */
  constructor(
    private readonly budget: WorkBudget,
    document: object,
    private readonly bundled: ((url: string) => unknown) | undefined,
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
        const bundled = this.bundled?.(c);
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

/** Charge the node map's removal of duplicate values (an upper bound) for an expanded document. */
export function chargeDedup(budget: WorkBudget, expanded: unknown[]): void {
  budget.charge(
    Math.ceil(dedupComparisons(expanded) / DEDUP_COMPARISONS_PER_UNIT),
    'removing duplicate values: nodes get too many values for one property',
  );
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
