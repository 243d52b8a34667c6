/**
 * Context processing for the fast JSON-LD to RDF path: the bundled contexts compiled into
 * term-definition tables, once, lazily.
 *
 * This is a port of the parts of jsonld.js's context processing (`lib/context.js`) that the
 * bundled contexts use: term definitions with `@id`, `@type` (`@id`, `@vocab`, `@json` or an
 * IRI), `@container` (`@set`, `@list`, `@graph`), scoped `@context`, `@protected`, `@version`,
 * `@vocab` and compact IRIs. Term definitions have exactly the shape jsonld.js builds, so that
 * protected-term comparisons give the same answers. Anything else throws {@link BAIL}: the
 * caller then hands the whole document to jsonld.js, which processes it (or raises its error).
 *
 * @internal
 */
import { BUNDLED_CONTEXTS } from './bundled.js';

/** Thrown when the fast path cannot prove it handles a document exactly like jsonld.js. */
export const BAIL: unique symbol = Symbol('ob3kit.jsonld.bail');

/** Throw {@link BAIL}. */
export function bail(): never {
  throw BAIL;
}

/** A term definition, with the keys jsonld.js sets, under the same conditions. */
export interface TermDef {
  '@id'?: string | null;
  reverse: false;
  _termHasColon: boolean;
  _prefix?: boolean;
  protected?: true;
  '@type'?: string;
  '@container'?: string[];
  '@context'?: unknown;
}

/** An active context. Immutable once built; derived contexts are cached on their parent. */
export interface ActiveContext {
  mappings: Map<string, TermDef>;
  vocab?: string;
  processingMode?: string;
  /** Some term is protected (jsonld.js `activeCtx.protected`). */
  hasProtected: boolean;
  /** The context to revert to when a type-scoped (non-propagated) context ends. */
  previous?: ActiveContext;
  /** Contexts derived from this one, by local context and processing flags. */
  derived: Map<unknown, ActiveContext>[];
  /** Vocabulary expansions already made in this context (bounded). */
  vocabCache?: Map<string, string | null>;
  /**
   * Some term comes from a context that is not bundled (see {@link ContextSource}): such a
   * context is never cached, nor is anything derived from it.
   */
  foreign?: true;
  /** Terms by IRI (built on first use by {@link termsFor}). */
  reverse?: Map<string, string[]>;
}

/**
 * Where a local context comes from, for callers that process contexts a document supplies (the
 * compact-form walk). The fast JSON-LD path passes none: it processes bundled contexts only.
 */
export interface ContextSource {
  /** The local context is the document's own (inline, embedded) or a caller-registered one. */
  foreign: boolean;
  /**
   * The `@context` value of a context URL that is not bundled. Throwing is allowed (the
   * exception propagates); `undefined` means unknown (the processing bails).
   */
  resolve?: (url: string) => unknown;
}

/** Term definitions made from contexts that are not bundled. */
const FOREIGN_TERMS = new WeakSet<TermDef>();

/** True when a term definition comes from a context that is not bundled. */
export function isForeignTerm(def: TermDef | undefined): boolean {
  return def !== undefined && FOREIGN_TERMS.has(def);
}

/** The terms of a context that map to `iri` (a reverse index, built once per context). */
export function termsFor(ctx: ActiveContext, iri: string): readonly string[] {
  let reverse = ctx.reverse;
  if (reverse === undefined) {
    reverse = new Map();
    for (const [term, def] of ctx.mappings) {
      const id = def['@id'];
      if (typeof id !== 'string') continue;
      const list = reverse.get(id);
      if (list === undefined) reverse.set(id, [term]);
      else list.push(term);
    }
    ctx.reverse = reverse;
  }
  return reverse.get(iri) ?? [];
}

const REGEX_KEYWORD = /^@[a-zA-Z]+$/;
const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;
const KEYWORDS = new Set([
  '@base',
  '@container',
  '@context',
  '@default',
  '@direction',
  '@embed',
  '@explicit',
  '@graph',
  '@id',
  '@import',
  '@included',
  '@index',
  '@json',
  '@language',
  '@list',
  '@nest',
  '@none',
  '@omitDefault',
  '@prefix',
  '@preserve',
  '@propagate',
  '@protected',
  '@requireAll',
  '@reverse',
  '@set',
  '@type',
  '@value',
  '@version',
  '@vocab',
]);

/** jsonld.js `isKeyword`. */
export function isKeyword(v: string): boolean {
  return KEYWORDS.has(v);
}

/** jsonld.js `url.isAbsolute` (absolute IRI or blank node identifier). */
export function isAbsoluteIri(v: string): boolean {
  return ABSOLUTE.test(v);
}

const MAX_VOCAB_CACHE = 512;

/** {@link expandIri} with `vocab: true`, memoized on the (immutable) active context. */
export function expandVocabIri(ctx: ActiveContext, value: string): string | null {
  let cache = ctx.vocabCache;
  if (cache === undefined) {
    cache = new Map();
    ctx.vocabCache = cache;
  }
  const hit = cache.get(value);
  if (hit !== undefined) return hit;
  const iri = expandIri(ctx, value, true);
  if (cache.size < MAX_VOCAB_CACHE) cache.set(value, iri);
  return iri;
}

/**
 * The active context a node object's own members start from, as JSON-LD expansion computes it:
 * a non-propagated (type-scoped) context is reverted, unless the object is a value object
 * (then the type-scoped context stays) or holds only `@id`. Scoped and embedded contexts apply
 * after this.
 */
export function nodeStartContext(
  ctx0: ActiveContext,
  element: Record<string, unknown>,
): ActiveContext {
  const tsc = ctx0.previous !== undefined ? ctx0 : null;
  const keys = Object.keys(element);
  if (tsc && keys.length <= 2 && !Object.hasOwn(element, '@context')) {
    for (const key of keys) {
      const e = expandVocabIri(tsc, key);
      if (e === '@value') return tsc;
      if (e === '@id' && keys.length === 1) return ctx0;
    }
  }
  return ctx0.previous ?? ctx0;
}

/**
 * Upper bound on cached derived contexts (each holds a few hundred term definitions): memory
 * stays bounded whatever the input; past it, contexts are still processed, just not cached.
 */
const MAX_DERIVED = 512;
let derivedCount = 0;

function newContext(): ActiveContext {
  return { mappings: new Map(), hasProtected: false, derived: [] };
}

function cloneContext(ctx: ActiveContext): ActiveContext {
  const c: ActiveContext = {
    mappings: new Map(ctx.mappings),
    hasProtected: ctx.hasProtected,
    derived: [],
  };
  if (ctx.vocab !== undefined) c.vocab = ctx.vocab;
  if (ctx.processingMode !== undefined) c.processingMode = ctx.processingMode;
  if (ctx.previous !== undefined) c.previous = ctx.previous;
  if (ctx.foreign) c.foreign = true;
  return c;
}

let initial: ActiveContext | undefined;

/** The initial (empty) active context, shared. */
export function initialContext(): ActiveContext {
  initial ??= newContext();
  return initial;
}

/**
 * IRI expansion (jsonld.js `_expandIri`) against a finished active context. `base` expansion of
 * a relative reference is not supported: it returns the value unchanged, and callers check that
 * the result is absolute (so a relative reference bails).
 */
export function expandIri(ctx: ActiveContext, value: string, vocab: boolean): string | null {
  if (isKeyword(value)) return value;
  if (REGEX_KEYWORD.test(value)) return null;
  if (vocab) {
    const mapping = ctx.mappings.get(value);
    if (mapping !== undefined && '@id' in mapping) return mapping['@id'] ?? null;
  }
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    const suffix = value.slice(colon + 1);
    if (prefix === '_' || suffix.startsWith('//')) return value;
    const mapping = ctx.mappings.get(prefix);
    if (mapping?._prefix) return `${mapping['@id']}${suffix}`;
    if (isAbsoluteIri(value)) return value;
  }
  if (vocab && ctx.vocab !== undefined) return ctx.vocab + value;
  return value;
}

type Defined = Map<string, boolean>;

/** IRI expansion while a local context is being processed (may define terms on the way). */
function expandIriLocal(
  ctx: ActiveContext,
  value: string,
  local: Record<string, unknown>,
  defined: Defined,
): string | null {
  if (isKeyword(value)) return value;
  if (REGEX_KEYWORD.test(value)) return null;
  if (Object.hasOwn(local, value) && defined.get(value) !== true) {
    createTermDefinition(ctx, local, value, defined, false);
  }
  const mapping = ctx.mappings.get(value);
  if (mapping !== undefined && '@id' in mapping) return mapping['@id'] ?? null;
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    const suffix = value.slice(colon + 1);
    if (prefix === '_' || suffix.startsWith('//')) return value;
    if (Object.hasOwn(local, prefix)) createTermDefinition(ctx, local, prefix, defined, false);
    const pm = ctx.mappings.get(prefix);
    if (pm?._prefix) return `${pm['@id']}${suffix}`;
    if (isAbsoluteIri(value)) return value;
  }
  if (ctx.vocab !== undefined) return ctx.vocab + value;
  return value;
}

function deepCompare(x1: unknown, x2: unknown): boolean {
  if (!(x1 && typeof x1 === 'object') || !(x2 && typeof x2 === 'object')) return x1 === x2;
  const a1 = Array.isArray(x1);
  if (a1 !== Array.isArray(x2)) return false;
  if (a1) {
    const y1 = x1 as unknown[];
    const y2 = x2 as unknown[];
    if (y1.length !== y2.length) return false;
    for (let i = 0; i < y1.length; i++) if (!deepCompare(y1[i], y2[i])) return false;
    return true;
  }
  const o1 = x1 as Record<string, unknown>;
  const o2 = x2 as Record<string, unknown>;
  if (Object.keys(o1).length !== Object.keys(o2).length) return false;
  for (const k of Object.keys(o1)) {
    let v1 = o1[k];
    let v2 = o2[k];
    if (k === '@container' && Array.isArray(v1) && Array.isArray(v2)) {
      v1 = v1.slice().sort();
      v2 = v2.slice().sort();
    }
    if (!deepCompare(v1, v2)) return false;
  }
  return true;
}

const TERM_KEYS = new Set(['@container', '@id', '@type', '@context', '@protected']);

/** jsonld.js `createTermDefinition`, for the features the bundled contexts use. */
function createTermDefinition(
  ctx: ActiveContext,
  local: Record<string, unknown>,
  term: string,
  defined: Defined,
  overrideProtected: boolean,
): void {
  if (defined.has(term)) {
    if (defined.get(term)) return;
    bail(); // cyclic IRI mapping
  }
  defined.set(term, false);
  let value = Object.hasOwn(local, term) ? local[term] : undefined;
  if (isKeyword(term) || REGEX_KEYWORD.test(term) || term === '') bail();
  const previous = ctx.mappings.get(term);
  ctx.mappings.delete(term);
  let simpleTerm = false;
  if (typeof value === 'string') {
    simpleTerm = true;
    value = { '@id': value };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bail();
  const v = value as Record<string, unknown>;
  for (const kw of Object.keys(v)) if (!TERM_KEYS.has(kw)) bail();
  const mapping: TermDef = { reverse: false, _termHasColon: false };
  ctx.mappings.set(term, mapping);
  const colon = term.indexOf(':');
  mapping._termHasColon = colon > 0;
  if ('@id' in v) {
    const id0 = v['@id'];
    if (typeof id0 !== 'string') bail();
    if (!isKeyword(id0) && REGEX_KEYWORD.test(id0)) bail();
    if (id0 !== term) {
      const id = expandIriLocal(ctx, id0, local, defined);
      if (id === null || (!isAbsoluteIri(id) && !isKeyword(id))) bail();
      if (/(?::[^:])|\//.test(term)) {
        const termDefined = new Map(defined).set(term, true);
        if (expandIriLocal(ctx, term, local, termDefined) !== id) bail();
      }
      mapping['@id'] = id;
      mapping._prefix = simpleTerm && !mapping._termHasColon && /[:/?#[\]@]$/.test(id);
    }
  }
  if (!('@id' in mapping)) {
    if (mapping._termHasColon) {
      const prefix = term.slice(0, colon);
      if (Object.hasOwn(local, prefix)) createTermDefinition(ctx, local, prefix, defined, false);
      const pm = ctx.mappings.get(prefix);
      mapping['@id'] = pm !== undefined ? `${pm['@id']}${term.slice(colon + 1)}` : term;
    } else {
      if (ctx.vocab === undefined) bail();
      mapping['@id'] = ctx.vocab + term;
    }
  }
  if (
    v['@protected'] === true ||
    (defined.get('@protected') === true && v['@protected'] !== false)
  ) {
    ctx.hasProtected = true;
    mapping.protected = true;
  }
  defined.set(term, true);
  if ('@type' in v) {
    let type = v['@type'];
    if (typeof type !== 'string' || type === '@none') bail();
    if (type !== '@json' && type !== '@id' && type !== '@vocab') {
      const t = expandIriLocal(ctx, type, local, defined);
      if (t === null || !isAbsoluteIri(t) || t.startsWith('_:')) bail();
      type = t;
    }
    mapping['@type'] = type as string;
  }
  if ('@container' in v) {
    const c = v['@container'];
    const container = typeof c === 'string' ? [c] : c;
    if (
      !Array.isArray(container) ||
      container.length !== 1 ||
      !['@set', '@list', '@graph'].includes(container[0] as string)
    ) {
      bail();
    }
    mapping['@container'] = container as string[];
  }
  if ('@context' in v) mapping['@context'] = v['@context'];
  const id = mapping['@id'];
  if (id === '@context' || id === '@preserve') bail();
  if (previous?.protected && !overrideProtected) {
    ctx.hasProtected = true;
    mapping.protected = true;
    if (!deepCompare(previous, mapping)) {
      lastProtectedRedefinition = term; // for locating the failure (locate.ts)
      bail(); // protected term redefinition
    }
  }
}

/** The term of the last protected-term redefinition that bailed (read once, by locate.ts). */
let lastProtectedRedefinition: string | undefined;

/**
 * The protected term whose redefinition made the last context processing bail, if that is why
 * it bailed; reading clears it.
 */
export function takeProtectedRedefinition(): string | undefined {
  const term = lastProtectedRedefinition;
  lastProtectedRedefinition = undefined;
  return term;
}

const CONTEXT_KEYS = new Set(['@version', '@protected', '@vocab']);

/** Process one context object (jsonld.js `api.process`, for one resolved context). */
function processObject(
  active: ActiveContext,
  local: Record<string, unknown>,
  overrideProtected: boolean,
  foreign = false,
): ActiveContext {
  const rval = cloneContext(active);
  if (foreign) rval.foreign = true;
  const defined: Defined = new Map();
  for (const key of Object.keys(local)) {
    if (key.startsWith('@') && !CONTEXT_KEYS.has(key)) bail();
  }
  if ('@version' in local) {
    if (local['@version'] !== 1.1) bail();
    if (active.processingMode === 'json-ld-1.0') bail();
    rval.processingMode = 'json-ld-1.1';
    defined.set('@version', true);
  }
  if ('@vocab' in local) {
    const value = local['@vocab'];
    if (typeof value !== 'string') bail();
    const vocab = expandIriLocal(rval, value, {}, new Map());
    if (vocab === null || !isAbsoluteIri(vocab)) bail();
    rval.vocab = vocab;
    defined.set('@vocab', true);
  }
  defined.set('@protected', local['@protected'] === true);
  for (const key of Object.keys(local)) {
    if (key === '@version' || key === '@vocab' || key === '@protected') continue;
    createTermDefinition(rval, local, key, defined, overrideProtected);
    if (foreign) {
      const def = rval.mappings.get(key);
      if (def !== undefined) FOREIGN_TERMS.add(def);
    }
  }
  return rval;
}

/** A context object to process, and whether it is bundled. */
interface LocalEntry {
  object: Record<string, unknown> | null;
  foreign: boolean;
}

/**
 * Flatten a local context into context objects (`null` resets), resolving bundled URLs (and,
 * with a source that can, other URLs: their contents are foreign).
 */
function resolveLocal(
  local: unknown,
  out: LocalEntry[],
  source: ContextSource | undefined,
  foreign: boolean,
  depth = 0,
): void {
  if (depth > 8) bail();
  if (typeof local === 'string') {
    let inner: unknown;
    let innerForeign = false;
    const doc = BUNDLED_CONTEXTS.get(local) as Record<string, unknown> | undefined;
    if (doc !== undefined) {
      inner = doc['@context'];
    } else {
      inner = source?.resolve?.(local);
      if (inner === undefined) bail();
      innerForeign = true;
    }
    if (Array.isArray(inner)) {
      for (const c of inner) resolveLocal(c, out, source, innerForeign, depth + 1);
    } else if (typeof inner === 'object' && inner !== null) {
      out.push({ object: inner as Record<string, unknown>, foreign: innerForeign });
    } else {
      bail();
    }
    return;
  }
  if (Array.isArray(local)) {
    for (const c of local) resolveLocal(c, out, source, foreign, depth + 1);
    return;
  }
  if (typeof local === 'object' && local !== null) {
    let object = local as Record<string, unknown>;
    if ('@context' in object) {
      // jsonld.js dereferences a wrapped context object ({"@context": {...}}); the fast path
      // leaves such documents to it.
      const inner = object['@context'];
      if (
        source === undefined ||
        typeof inner !== 'object' ||
        inner === null ||
        Array.isArray(inner)
      )
        bail();
      object = inner as Record<string, unknown>;
      if ('@context' in object) bail();
    }
    if ('@propagate' in object) bail();
    out.push({ object, foreign });
    return;
  }
  if (local === null) {
    out.push({ object: null, foreign });
    return;
  }
  bail();
}

/**
 * Apply a local context (a bundled URL, a context object from a bundled context, or an array of
 * those) to an active context. Results are cached on the active context, by the identity of
 * the local context: only bundled (frozen) contexts and URLs are ever cached. With a `source`
 * (the compact-form walk), the local context may also be the document's own or a
 * caller-registered one: those, and everything derived from them, are processed afresh each
 * time and marked foreign.
 */
export function processContext(
  active: ActiveContext,
  local: unknown,
  propagate: boolean,
  overrideProtected: boolean,
  source?: ContextSource,
): ActiveContext {
  const slot = (propagate ? 0 : 2) + (overrideProtected ? 1 : 0);
  const mayCache = active.foreign !== true && source?.foreign !== true;
  let cache = mayCache ? active.derived[slot] : undefined;
  const hit = cache?.get(local);
  if (hit !== undefined) return hit;
  const entries: LocalEntry[] = [];
  resolveLocal(local, entries, source, source?.foreign === true);
  if (entries.length === 0) return active;
  let foreign = !mayCache;
  let rval = active;
  if (!propagate && rval.previous === undefined) {
    rval = cloneContext(rval);
    rval.previous = active;
  }
  for (const { object, foreign: f } of entries) {
    if (f) foreign = true;
    if (object === null) {
      // A context reset (VC 2.0 `verifiableCredential` has `"@context": null`).
      if (!overrideProtected && rval.hasProtected) bail();
      rval = newContext();
      if (foreign) rval.foreign = true;
      continue;
    }
    rval = processObject(rval, object, overrideProtected, f);
  }
  if (foreign) {
    if (rval !== active) rval.foreign = true;
    return rval;
  }
  if (derivedCount < MAX_DERIVED) {
    if (cache === undefined) {
      cache = new Map();
      active.derived[slot] = cache;
    }
    cache.set(local, rval);
    derivedCount++;
  }
  return rval;
}
