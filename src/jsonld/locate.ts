/**
 * Where in a document a JSON-LD failure is. jsonld.js reports an undefined term, a
 * protected-term redefinition or an unknown context without saying where it is; this walk finds
 * the place by processing the document's contexts the way expansion does (the context processing
 * of the fast path and of the compact-form walk: the same active contexts, property-, type- and
 * embedded-scoped contexts applied as `expand` applies them), so that a term defined by a scoped
 * context in one place and not in another is found where it is undefined.
 *
 * The walk keeps to the document's order and records every undefined term it meets; the first is
 * the one reported. It answers only when what jsonld.js reported is among what it found (same
 * term, same kind of failure): otherwise, or when a context uses features it does not process, it
 * gives no location rather than a guessed one. Its work is bounded (a fixed number of units, a
 * unit a member visited or a term definition copied), and so is the number of contexts it loads.
 *
 * Loaded on demand, when a conversion has failed.
 *
 * @internal
 */
import { JsonLdError, type Ob3Error } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';
import { parseJsonText } from '../internal/json-scan.js';
import { at, type Loc, pathOf, ROOT } from './compact-form.js';
import {
  type ActiveContext,
  BAIL,
  type ContextSource,
  expandIri,
  expandVocabIri,
  initialContext,
  isAbsoluteIri,
  isForeignTerm,
  isKeyword,
  nodeStartContext,
  processContext,
  takeProtectedRedefinition,
} from './fast-context.js';
import type { DocumentLoader } from './loader.js';

/** Distinct non-bundled context URLs the walk loads (as the compact-form walk). */
const MAX_FOREIGN_CONTEXTS = 16;
/**
 * Work units the walk may spend, over all its passes (a unit costs less than one of the
 * canonicalization budget's, which the caller charges them to).
 */
const MAX_WORK = 1_000_000;
/** Units for each term of a context processed afresh (defining a term costs more than a visit). */
const TERM_UNITS = 16;
/** Undefined terms counted past the first (for the message). */
const MAX_COUNTED = 10_000;

/**
 * An undefined term found by the walk: the text as written, what jsonld.js names in its report
 * (the safe-mode event and the term it gives), and where.
 */
interface Finding {
  term: string;
  event: string;
  reported: string;
  loc: Loc;
}

/** Work units spent by the walk (`used`), and the most it may spend (`max`, capped at 1,000,000). */
export interface Work {
  used: number;
  max: number;
}

/** The walk cannot answer (unsupported context feature, out of budget, unexpected value). */
class GiveUp {}
const GIVE_UP = new GiveUp();

/** A context URL that is not bundled and not loaded yet, and where the walk needed it. */
class NeedContext {
  constructor(
    readonly url: string,
    readonly entry: { loc: Loc; local: unknown } | undefined,
  ) {}
}

/** A protected term redefined by the `@context` entry at `loc`. */
class Redefined {
  constructor(
    readonly term: string,
    readonly loc: Loc,
  ) {}
}

class Walk {
  readonly findings: Finding[] = [];
  count = 0;
  /** The `@context` entry of the document being applied (not a scoped context). */
  private entry: { loc: Loc; local: unknown } | undefined;

  constructor(
    private readonly resolve: (url: string) => unknown,
    private readonly work: Work,
    private readonly collect: boolean,
  ) {}

  private charge(units: number): void {
    this.work.used += units;
    if (this.work.used > Math.min(MAX_WORK, this.work.max)) {
      this.work.used -= units; // not done
      throw GIVE_UP;
    }
  }

  private found(term: string, event: string, reported: string, loc: Loc): void {
    if (!this.collect) return;
    this.count++;
    if (this.findings.length < MAX_COUNTED) this.findings.push({ term, event, reported, loc });
  }

  private apply(
    ctx: ActiveContext,
    local: unknown,
    propagate: boolean,
    overrideProtected: boolean,
    foreign: boolean,
    loc: Loc,
    entry: boolean,
  ): ActiveContext {
    const source: ContextSource = {
      foreign,
      resolve: (url) => {
        const inner = this.resolve(url);
        if (inner === undefined) throw new NeedContext(url, this.entry);
        return inner;
      },
    };
    this.entry = entry ? { loc, local } : undefined;
    takeProtectedRedefinition();
    let out: ActiveContext;
    try {
      out = processContext(ctx, local, propagate, overrideProtected, source);
    } catch (e) {
      if (e !== BAIL) throw e;
      const term = takeProtectedRedefinition();
      if (term !== undefined && entry) throw new Redefined(term, loc);
      throw GIVE_UP;
    } finally {
      this.entry = undefined;
    }
    // Contexts that are not only bundled ones are processed afresh each time: a copy of the
    // active context and new term definitions, at most its size (and once past the bound, the
    // walk stops after one context more).
    if (out !== ctx && out.foreign) this.charge(TERM_UNITS * out.mappings.size);
    return out;
  }

  /** An `@context` value in the data: each entry of an array on its own. */
  private applyLocal(ctx: ActiveContext, local: unknown, loc: Loc): ActiveContext {
    if (Array.isArray(local)) {
      let out = ctx;
      for (let i = 0; i < local.length; i++) out = this.applyLocal(out, local[i], at(loc, i));
      return out;
    }
    return this.apply(ctx, local, true, false, typeof local !== 'string', loc, true);
  }

  element(ctx: ActiveContext, property: string | null, element: unknown, loc: Loc): void {
    this.charge(1);
    if (element === null || element === undefined) return;
    if (typeof element !== 'object') {
      if (property !== null) this.scalar(ctx, property, element, loc);
      return;
    }
    if (Array.isArray(element)) {
      for (let i = 0; i < element.length; i++) this.element(ctx, property, element[i], at(loc, i));
      return;
    }
    this.object(ctx, property, element as Record<string, unknown>, loc);
  }

  /** A value under a term typed `@id` or `@vocab`: an IRI, made a relative one by no context. */
  private scalar(ctx: ActiveContext, property: string, value: unknown, loc: Loc): void {
    const type = ctx.mappings.get(property)?.['@type'];
    if (typeof value !== 'string' || (type !== '@id' && type !== '@vocab')) return;
    const iri = expandIri(ctx, value, type === '@vocab');
    if (iri !== null && !isAbsoluteIri(iri)) {
      this.found(value, 'relative object reference', iri, loc);
    }
  }

  private object(
    ctx0: ActiveContext,
    property: string | null,
    element: Record<string, unknown>,
    loc: Loc,
  ): void {
    const keys = Object.keys(element);
    const hasContext = Object.hasOwn(element, '@context');
    const propertyDef = property === null ? undefined : ctx0.mappings.get(property);
    // The active context, as JSON-LD expansion computes it (see compact-form.ts `object`).
    let ctx = nodeStartContext(ctx0, element);
    const scoped = propertyDef?.['@context'];
    if (scoped !== undefined) {
      ctx = this.apply(ctx, scoped, true, true, isForeignTerm(propertyDef), loc, false);
    }
    if (hasContext) ctx = this.applyLocal(ctx, element['@context'], at(loc, '@context'));
    const typeCtx = ctx;
    // In jsonld.js's order (sorted keys): with two keys for @type (`@type` and an alias), the
    // type-scoped contexts apply in that order, and the last one applied decides what is defined.
    for (const key of keys.length > 1 ? keys.slice().sort() : keys) {
      if (key === '@context' || expandVocabIri(ctx, key) !== '@type') continue;
      const value = element[key];
      const types = Array.isArray(value)
        ? value.length > 1
          ? value.slice().sort()
          : value
        : [value];
      for (const type of types) {
        if (typeof type !== 'string') throw GIVE_UP; // not JSON-LD jsonld.js would accept
        const def = typeCtx.mappings.get(type);
        const typeScoped = def?.['@context'];
        if (typeScoped !== undefined) {
          ctx = this.apply(ctx, typeScoped, false, false, isForeignTerm(def), loc, false);
        }
      }
    }
    const valueObject = keys.some((k) => k !== '@context' && expandVocabIri(ctx, k) === '@value');

    for (const key of keys) {
      if (key === '@context') continue;
      this.charge(1);
      const kloc = at(loc, key);
      const value = element[key];
      const iri = expandVocabIri(ctx, key);
      if (iri === null || !(isAbsoluteIri(iri) || isKeyword(iri))) {
        this.found(key, 'invalid property', key, kloc);
        continue; // JSON-LD drops the member and its value
      }
      if (isKeyword(iri)) {
        this.keyword(ctx, typeCtx, property, key, iri, value, kloc, valueObject);
        continue;
      }
      if (iri.startsWith('_:')) this.found(key, 'blank node predicate', iri, kloc);
      if (ctx.mappings.get(key)?.['@type'] === '@json') continue; // a JSON literal: not JSON-LD
      this.element(this.termContext(ctx, key, kloc), key, value, kloc);
    }
  }

  /** The active context for the value of member `key`: its term's scoped context applied. */
  private termContext(ctx: ActiveContext, key: string, loc: Loc): ActiveContext {
    const def = ctx.mappings.get(key);
    const scoped = def?.['@context'];
    if (scoped === undefined) return ctx;
    return this.apply(ctx, scoped, true, true, isForeignTerm(def), loc, false);
  }

  private keyword(
    ctx: ActiveContext,
    typeCtx: ActiveContext,
    property: string | null,
    key: string,
    keyword: string,
    value: unknown,
    loc: Loc,
    valueObject: boolean,
  ): void {
    switch (keyword) {
      case '@id':
        if (typeof value !== 'string') throw GIVE_UP; // a syntax error, not an undefined term
        this.id(ctx, value, loc);
        return;
      case '@type':
        if (valueObject) return; // a datatype: not a safe-mode event
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) this.type(typeCtx, value[i], at(loc, i));
        } else {
          this.type(typeCtx, value, loc);
        }
        return;
      case '@value':
      case '@language':
      case '@direction':
      case '@index':
        return;
      case '@included':
        this.element(ctx, property, value, loc);
        return;
      case '@list':
      case '@set':
        // as for any member, an alias's own scoped context applies to its value (jsonld.js)
        this.element(this.termContext(ctx, key, loc), property, value, loc);
        return;
      case '@graph':
        // the value's active property is the member's name (an alias keeps its scoped context)
        this.element(this.termContext(ctx, key, loc), key, value, loc);
        return;
      default:
        // @reverse, @nest and other keywords move members elsewhere: not followed.
        throw GIVE_UP;
    }
  }

  private id(ctx: ActiveContext, value: string, loc: Loc): void {
    const iri = expandIri(ctx, value, false);
    if (iri === null) this.found(value, 'reserved @id value', value, loc);
    else if (!isAbsoluteIri(iri)) this.found(value, 'relative @id reference', value, loc);
  }

  private type(ctx: ActiveContext, value: unknown, loc: Loc): void {
    if (typeof value !== 'string') throw GIVE_UP;
    const iri = expandVocabIri(ctx, value);
    if (iri !== '@json' && (iri === null || !isAbsoluteIri(iri))) {
      this.found(value, 'relative @type reference', value, loc);
    }
  }
}

/** What the walk established about a document. */
type Outcome =
  | { kind: 'done'; findings: Finding[]; count: number }
  | { kind: 'redefined'; term: string; loc: Loc }
  | { kind: 'unloadable'; url: string; entry: { loc: Loc; local: unknown } | undefined }
  | { kind: 'unknown' };

/** The `@context` value of a context document a loader returns. */
async function loadContext(loader: DocumentLoader, url: string): Promise<unknown> {
  let doc: unknown = (await loader(url)).document;
  if (typeof doc === 'string') {
    const parsed = parseJsonText(doc);
    if (!parsed.ok) return undefined;
    doc = parsed.value;
  }
  return isObject(doc) ? doc['@context'] : undefined;
}

/** Walk the document, loading the non-bundled contexts it needs (a bounded number of them). */
async function walkDocument(
  document: object,
  loader: DocumentLoader | undefined,
  collect: boolean,
  work: Work,
): Promise<Outcome> {
  const loaded = new Map<string, unknown>();
  for (;;) {
    const walk = new Walk((url) => loaded.get(url), work, collect);
    let need: NeedContext;
    try {
      walk.element(initialContext(), null, document, ROOT);
      return { kind: 'done', findings: walk.findings, count: walk.count };
    } catch (e) {
      if (e instanceof Redefined) return { kind: 'redefined', term: e.term, loc: e.loc };
      if (!(e instanceof NeedContext)) {
        // Given up (out of budget, a feature not followed): what was found is still found.
        if (e === GIVE_UP && walk.findings.length > 0) {
          return { kind: 'done', findings: walk.findings, count: -1 };
        }
        return { kind: 'unknown' };
      }
      need = e;
    }
    if (loaded.size >= MAX_FOREIGN_CONTEXTS || loader === undefined) return { kind: 'unknown' };
    let inner: unknown;
    try {
      inner = await loadContext(loader, need.url);
    } catch {
      return { kind: 'unloadable', url: need.url, entry: need.entry };
    }
    if (inner === undefined) return { kind: 'unknown' };
    loaded.set(need.url, inner);
  }
}

/** jsonld.js's report of an undefined term: the event and the term it names. */
function reportedTerm(error: Ob3Error): { event: string; term: string } | undefined {
  const d = error.details ?? {};
  if (typeof d.event !== 'string' || typeof d.term !== 'string') return undefined;
  return { event: d.event, term: d.term };
}

/** The message for an undefined term found at `path`. */
function undefinedTermMessage(f: Finding, path: string, more: number): string {
  const what = f.event.startsWith('relative ')
    ? `is a relative IRI reference (${f.event}), not an absolute IRI`
    : `is not defined by the document's @context (${f.event})`;
  const rest =
    more > 0
      ? ` ${more} more undefined ${more === 1 ? 'term follows' : 'terms follow'} in the document.`
      : '';
  return (
    `JSON-LD safe mode: ${describeValue(f.term)} at ${path} ${what}, so it would be dropped from ` +
    `or misrepresented in the signed data. Define it in a context, use an absolute IRI, or remove it.${rest}`
  );
}

/**
 * The same error with the JSON path of what caused it (`details.path`, and named in the message),
 * for `ERR_JSONLD_UNDEFINED_TERM`, `ERR_JSONLD_PROTECTED_TERM`, `ERR_CONTEXT_UNKNOWN` and
 * `ERR_CONTEXT_LOAD`; the error unchanged when the place cannot be established.
 *
 * - an undefined term: the member, `type` value, `id` value or IRI value no active context
 *   defines, the first in document order (`details.more` counts the others);
 * - a protected-term redefinition: the `@context` entry that redefines the term;
 * - an unknown context: the `@context` entry that names the URL.
 *
 * The walk spends at most `work.max` units (and never more than 1,000,000), adding them to
 * `work.used`.
 */
export async function locateJsonLdError(
  document: object,
  error: Ob3Error,
  loader: DocumentLoader | undefined,
  work: Work = { used: 0, max: MAX_WORK },
): Promise<Ob3Error> {
  if (error.details?.path !== undefined) return error;
  try {
    if (error.code === 'ERR_JSONLD_UNDEFINED_TERM') {
      const reported = reportedTerm(error);
      if (reported === undefined) return error;
      const outcome = await walkDocument(document, loader, true, work);
      if (outcome.kind !== 'done') return error;
      const { findings, count } = outcome;
      const matches = (f: Finding) => f.event === reported.event && f.reported === reported.term;
      const first = findings[0];
      if (first === undefined || !findings.some(matches)) return error;
      const path = pathOf(first.loc);
      const more = count > 0 ? count - 1 : 0;
      return new JsonLdError(
        error.code,
        undefinedTermMessage(first, path, more),
        { term: first.term, event: first.event, path, ...(more > 0 ? { more } : {}) },
        error.cause ?? error,
      );
    }
    if (error.code === 'ERR_JSONLD_PROTECTED_TERM') {
      const term = error.details?.term;
      if (typeof term !== 'string') return error;
      const outcome = await walkDocument(document, loader, false, work);
      if (outcome.kind !== 'redefined' || outcome.term !== term) return error;
      const path = pathOf(outcome.loc);
      return new JsonLdError(
        error.code,
        `JSON-LD: the protected term ${describeValue(term)} is redefined by the context at ${path}; ` +
          'a context may not change the meaning of a term another context protects.',
        { ...error.details, path },
        error.cause ?? error,
      );
    }
    if (error.code === 'ERR_CONTEXT_UNKNOWN' || error.code === 'ERR_CONTEXT_LOAD') {
      const url = error.details?.url;
      if (typeof url !== 'string') return error;
      const outcome = await walkDocument(document, loader, false, work);
      if (outcome.kind !== 'unloadable' || outcome.url !== url) return error;
      const entry = outcome.entry;
      if (entry === undefined || entry.local !== url) return error;
      const path = pathOf(entry.loc);
      return new JsonLdError(
        error.code,
        `${error.message} (the @context entry at ${path})`,
        { ...error.details, path },
        error.cause ?? error,
      );
    }
  } catch {
    // Anything unexpected (a stack overflow on deep input, a loader that misbehaves): no place.
  }
  return error;
}
