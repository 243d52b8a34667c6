/**
 * The one compact form: a document every check can read by member name is one where each member
 * is written the way its own `@context` names it. JSON-LD lets a member be written in many
 * spellings that produce the same RDF graph (a full IRI, a compact IRI, a keyword alias, an
 * alias defined by an inline context, `@type` instead of `type`, a value object instead of a
 * string, a second node object with the same id, `@nest`, `@included`, `@reverse`, ...). A
 * proof signs the graph, so every such spelling keeps the proof valid, while a check looking
 * for `validUntil` would not see the member. This walk refuses every spelling but the compact
 * one, so that what the checks read is what was signed.
 *
 * It follows the context processing of the fast JSON-LD path (`fast-context.ts`, the same
 * active contexts, property-, type- and embedded-scoped contexts applied as `expand` applies
 * them), and also processes the document's own contexts and caller-registered ones (never
 * cached). Contexts it cannot process are refused: the form cannot then be established.
 *
 * @internal
 */
import { isObject, joinPath } from '../internal/json.js';
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
  processContext,
  type TermDef,
  termsFor,
} from './fast-context.js';
import type { DocumentLoader } from './loader.js';
import {
  READ_AS_IRI,
  READ_MEMBER_NAMES,
  READ_MEMBERS,
  READ_TYPE_NAMES,
  READ_TYPES,
} from './read-terms.js';

/**
 * Report codes of the compact-form rule: `jsonld_not_compact` for a member written in another
 * spelling than its compact one (or a node that merges into the document's own node);
 * `jsonld_context_unsupported` when the document's contexts use JSON-LD features the walk does
 * not process, so that the compact form cannot be established.
 */
export type CompactFormCode = 'jsonld_not_compact' | 'jsonld_context_unsupported';

/** Why a document is not in its compact form: a code, a message and where. */
export interface CompactFormIssue {
  code: CompactFormCode;
  /** Names the member, the spelling found and what JSON-LD reads it as. */
  message: string;
  /** JSON path of the offending member (`$.proof.expiration`). */
  path: string;
}

/** Options of {@link checkCompactForm}. */
export interface CompactFormOptions {
  /**
   * Loader for context URLs that are not bundled (caller-registered contexts). Without it,
   * such a context cannot be processed (`jsonld_context_unsupported`).
   */
  documentLoader?: DocumentLoader;
}

/** Distinct non-bundled context URLs a document may use. */
const MAX_FOREIGN_CONTEXTS = 16;

class Refusal {
  constructor(readonly issue: CompactFormIssue) {}
}

class NeedContext {
  constructor(readonly url: string) {}
}

function refuse(
  path: string,
  message: string,
  code: CompactFormCode = 'jsonld_not_compact',
): never {
  throw new Refusal({ code, message, path });
}

/** A member's JSON path; keywords in brackets (`$.issuer["@id"]`), as `$["@context"]`. */
function memberPath(base: string, key: string): string {
  return key.startsWith('@') ? `${base}[${JSON.stringify(key)}]` : joinPath(base, key);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Node ids seen in one graph: the read nodes and every node object that describes an id. */
interface Scope {
  /** Id of the scope's top node object (the document, a proof), and its path. */
  root?: { id: string; path: string };
  /** Paths of node objects with members beyond `id` and `type`, by id. */
  described: Map<string, string[]>;
}

function newScope(): Scope {
  return { described: new Map() };
}

/** Refuse when another node object of the scope adds members to the scope's top node. */
function closeScope(scope: Scope): void {
  const root = scope.root;
  if (root === undefined) return;
  for (const path of scope.described.get(root.id) ?? []) {
    if (path === root.path) continue;
    refuse(
      path,
      `The object at ${path} has the id ${JSON.stringify(root.id)} of the node at ${root.path}: ` +
        `in JSON-LD its members belong to that node (node merging), where no check reads them`,
    );
  }
}

class Walk {
  constructor(private readonly resolve: (url: string) => unknown) {}

  /** Apply a local context; a context the walk cannot process is refused. */
  apply(
    ctx: ActiveContext,
    local: unknown,
    propagate: boolean,
    overrideProtected: boolean,
    foreign: boolean,
    path: string,
  ): ActiveContext {
    const source: ContextSource = { foreign, resolve: this.resolve };
    try {
      return processContext(ctx, local, propagate, overrideProtected, source);
    } catch (e) {
      if (e !== BAIL) throw e;
      refuse(
        path,
        `The context at ${path} uses JSON-LD features ob3kit does not process (for example ` +
          '@language, @reverse, @nest, @import, @propagate, @base, language or index maps), so ' +
          'the compact form of the document cannot be established',
        'jsonld_context_unsupported',
      );
    }
  }

  /** An `@context` value in the data: bundled URLs are cached, anything else is foreign. */
  applyLocal(ctx: ActiveContext, local: unknown, path: string): ActiveContext {
    if (typeof local === 'string') return this.apply(ctx, local, true, false, false, path);
    if (Array.isArray(local)) {
      let out = ctx;
      for (let i = 0; i < local.length; i++) out = this.applyLocal(out, local[i], `${path}[${i}]`);
      return out;
    }
    return this.apply(ctx, local, true, false, true, path);
  }

  element(
    ctx: ActiveContext,
    property: string | null,
    element: unknown,
    path: string,
    scope: Scope,
    root: boolean,
  ): void {
    if (element === null || element === undefined) return; // JSON-LD drops it, as the checks do
    if (typeof element !== 'object') {
      if (property !== null && typeof element === 'string')
        this.scalar(ctx, property, element, path);
      return;
    }
    if (Array.isArray(element)) {
      for (let i = 0; i < element.length; i++) {
        this.element(ctx, property, element[i], `${path}[${i}]`, scope, root);
      }
      return;
    }
    if (!isPlainObject(element)) refuse(path, `The value at ${path} is not a plain JSON object`);
    this.object(ctx, property, element, path, scope, root);
  }

  /** A string value: an IRI (`@type: @id`) or a vocabulary term (`@type: @vocab`) is checked. */
  scalar(ctx: ActiveContext, property: string, value: string, path: string): void {
    const type = ctx.mappings.get(property)?.['@type'];
    if (type === '@id') this.id(ctx, value, path);
    else if (type === '@vocab') this.vocab(ctx, value, path, 'value');
  }

  /** A node id: an absolute IRI written as itself (no prefix expansion, no blank node id). */
  id(ctx: ActiveContext, value: string, path: string): void {
    if (value.startsWith('_:')) {
      refuse(
        path,
        `The blank node identifier ${JSON.stringify(value)} at ${path} would merge nodes; ` +
          'a blank node is written without an id',
      );
    }
    const iri = expandIri(ctx, value, false);
    if (iri !== value) {
      refuse(
        path,
        `${JSON.stringify(value)} at ${path} is a compact IRI that JSON-LD reads as ` +
          `${JSON.stringify(iri)}; write the IRI itself`,
      );
    }
    if (!isAbsoluteIri(value)) {
      refuse(path, `${JSON.stringify(value)} at ${path} is not an absolute IRI`);
    }
  }

  /**
   * A vocabulary IRI (a `type` value, a `@type: @vocab` value): a term of the context, or an IRI
   * no term names. A term a document context defines may not stand for an IRI that a bundled
   * term names.
   */
  vocab(ctx: ActiveContext, value: string, path: string, what: 'type' | 'value'): void {
    const def = ctx.mappings.get(value);
    if (def !== undefined && '@id' in def) {
      const iri = def['@id'];
      if (typeof iri !== 'string' || isKeyword(iri)) {
        refuse(path, `The ${what} ${JSON.stringify(value)} at ${path} is not a vocabulary term`);
      }
      this.alias(ctx, value, def, iri, path, what);
      if (what === 'type') this.readName(value, iri, READ_TYPES, READ_TYPE_NAMES, path, 'type');
      return;
    }
    const iri = expandVocabIri(ctx, value);
    if (iri === null || isKeyword(iri) || iri.startsWith('_:')) {
      refuse(path, `The ${what} ${JSON.stringify(value)} at ${path} is not a vocabulary IRI`);
    }
    const terms = termsFor(ctx, iri);
    if (terms.length > 0) {
      refuse(
        path,
        `The ${what} ${JSON.stringify(value)} at ${path} spells ${iri}, which the context names ` +
          `${JSON.stringify(terms[0])}; write ${JSON.stringify(terms[0])}`,
      );
    }
    if (what === 'type') this.readName(value, iri, READ_TYPES, READ_TYPE_NAMES, path, 'type');
  }

  /** A term from a document (or registered) context may not alias an IRI a bundled term names. */
  alias(
    ctx: ActiveContext,
    term: string,
    def: TermDef,
    iri: string,
    path: string,
    what: string,
  ): void {
    if (!isForeignTerm(def)) return;
    if (isKeyword(iri)) {
      if (READ_MEMBER_NAMES.get(iri)?.has(term)) return; // "id": "@id", "type": "@type" again
      refuse(
        path,
        `${JSON.stringify(term)} at ${path} is an alias of ${iri} defined by the document's own ` +
          'context; write the keyword as the standard context names it',
      );
    }
    for (const other of termsFor(ctx, iri)) {
      if (other === term || isForeignTerm(ctx.mappings.get(other))) continue;
      refuse(
        path,
        `The ${what} ${JSON.stringify(term)} at ${path} is defined by the document's own context ` +
          `as ${iri}, which the standard context names ${JSON.stringify(other)}; write ${JSON.stringify(other)}`,
      );
    }
  }

  /** A name the checks read must mean its IRI, and its IRI must be written under that name. */
  readName(
    name: string,
    iri: string,
    byName: ReadonlyMap<string, readonly string[]>,
    byIri: ReadonlyMap<string, ReadonlySet<string>>,
    path: string,
    what: string,
  ): void {
    const names = byIri.get(iri);
    if (names !== undefined && !names.has(name)) {
      const [first] = names;
      refuse(
        path,
        `The ${what} ${JSON.stringify(name)} at ${path} stands for ${iri}, which verification ` +
          `reads as ${JSON.stringify(first)}; write ${JSON.stringify(first)}`,
      );
    }
    const iris = byName.get(name);
    if (iris !== undefined && !iris.includes(iri)) {
      refuse(
        path,
        `The ${what} ${JSON.stringify(name)} at ${path} is mapped to ${iri} by the document's ` +
          `context; verification reads ${JSON.stringify(name)} as ${iris.join(' or ')}`,
      );
    }
  }

  object(
    ctx0: ActiveContext,
    property: string | null,
    element: Record<string, unknown>,
    path: string,
    scope: Scope,
    root: boolean,
  ): void {
    const keys = Object.keys(element).sort();
    const propertyDef = property === null ? undefined : ctx0.mappings.get(property);
    // The active context, as JSON-LD expansion computes it (see fast-quads.ts `expand`).
    const tsc = ctx0.previous !== undefined ? ctx0 : null;
    let ctx = ctx0;
    let mustRevert = true;
    if (tsc && keys.length <= 2 && !keys.includes('@context')) {
      for (const key of keys) {
        const p = expandVocabIri(tsc, key);
        if (p === '@value') {
          mustRevert = false;
          ctx = tsc;
          break;
        }
        if (p === '@id' && keys.length === 1) {
          mustRevert = false;
          break;
        }
      }
    }
    if (mustRevert && ctx.previous !== undefined) ctx = ctx.previous;
    const scoped = propertyDef?.['@context'];
    if (scoped !== undefined) {
      ctx = this.apply(ctx, scoped, true, true, isForeignTerm(propertyDef), path);
    }
    if ('@context' in element)
      ctx = this.applyLocal(ctx, element['@context'], `${path}["@context"]`);
    const typeCtx = ctx;
    for (const key of keys) {
      if (key === '@context' || expandVocabIri(ctx, key) !== '@type') continue;
      const value = element[key];
      const types = Array.isArray(value)
        ? value.length > 1
          ? value.slice().sort()
          : value
        : [value];
      for (const type of types) {
        if (typeof type !== 'string') continue; // refused below
        const def = typeCtx.mappings.get(type);
        const typeScoped = def?.['@context'];
        if (typeScoped !== undefined) {
          ctx = this.apply(ctx, typeScoped, false, false, isForeignTerm(def), path);
        }
      }
    }

    const expanded = new Map<string, string | null>();
    for (const key of keys) if (key !== '@context') expanded.set(key, expandVocabIri(ctx, key));
    const kinds = new Set(expanded.values());
    if (kinds.has('@value')) {
      this.valueObject(propertyDef, element, expanded, path);
      return;
    }
    if (kinds.has('@list') || kinds.has('@set')) {
      this.listObject(ctx, property, propertyDef, element, expanded, path, scope);
      return;
    }

    const seen = new Map<string, string>();
    let nodeId: string | undefined;
    let describes = false;
    for (const key of keys) {
      if (key === '@context') continue;
      const kpath = memberPath(path, key);
      const value = element[key];
      const def = ctx.mappings.get(key);
      const iri = expanded.get(key) ?? null;
      if (iri === null) {
        refuse(
          kpath,
          key.startsWith('@')
            ? `${JSON.stringify(key)} at ${kpath} is not a JSON-LD keyword; JSON-LD ignores it`
            : `${JSON.stringify(key)} at ${kpath} is mapped to null by the context: JSON-LD drops it, so it is not signed`,
        );
      }
      if (isKeyword(iri)) {
        if (def === undefined) this.bareKeyword(ctx, key, iri, kpath);
        this.alias(ctx, key, def as TermDef, iri, kpath, 'member');
        if (iri !== '@id' && iri !== '@type') {
          refuse(
            kpath,
            `${JSON.stringify(key)} at ${kpath} is an alias of ${iri}; compact documents do not use it`,
          );
        }
        this.readName(key, iri, READ_MEMBERS, READ_MEMBER_NAMES, kpath, 'member');
        this.unique(seen, iri, key, kpath);
        if (iri === '@id') {
          if (typeof value !== 'string') {
            refuse(kpath, `${JSON.stringify(key)} at ${kpath} must be one IRI string`);
          }
          this.id(ctx, value, kpath);
          nodeId = value;
        } else {
          const list = Array.isArray(value) ? value : [value];
          list.forEach((t, i) => {
            const tpath = Array.isArray(value) ? `${kpath}[${i}]` : kpath;
            if (typeof t !== 'string') refuse(tpath, `A type at ${tpath} must be a string`);
            this.vocab(typeCtx, t, tpath, 'type');
          });
        }
        continue;
      }
      if (iri.startsWith('_:')) {
        refuse(
          kpath,
          `${JSON.stringify(key)} at ${kpath} is a blank node property, which is not signed as a member`,
        );
      }
      if (!isAbsoluteIri(iri)) {
        refuse(
          kpath,
          `${JSON.stringify(key)} at ${kpath} is not a term of the document's @context`,
        );
      }
      if (def === undefined) {
        const terms = termsFor(ctx, iri);
        const named = READ_MEMBER_NAMES.get(iri);
        const term = terms[0] ?? (named ? [...named][0] : undefined);
        if (key.includes(':') || term !== undefined) {
          refuse(
            kpath,
            `${JSON.stringify(key)} at ${kpath} is not a term but ${key.includes(':') ? 'an IRI' : 'a vocabulary-relative name'} ` +
              `that JSON-LD reads as ${iri}${term !== undefined ? `; write the member as ${JSON.stringify(term)}` : ''}`,
          );
        }
      } else {
        this.alias(ctx, key, def, iri, kpath, 'member');
      }
      this.readName(key, iri, READ_MEMBERS, READ_MEMBER_NAMES, kpath, 'member');
      this.unique(seen, iri, key, kpath);
      describes = true;
      if (def?.['@type'] === '@json') continue; // a JSON literal: its content is not JSON-LD
      if (READ_AS_IRI.has(key) && isObject(value) && Object.keys(value).length === 1) {
        const only = Object.keys(value)[0] as string;
        if (expandVocabIri(ctx, only) === '@id') {
          refuse(
            kpath,
            `${JSON.stringify(key)} at ${kpath} is a node reference; verification reads it as ` +
              'an IRI: write the IRI string',
          );
        }
      }
      let termCtx = ctx;
      const termScoped = def?.['@context'];
      if (termScoped !== undefined) {
        termCtx = this.apply(ctx, termScoped, true, true, isForeignTerm(def), kpath);
      }
      if (def?.['@container']?.[0] === '@graph') {
        // Each value is a graph of its own (a proof, a presented credential).
        const items = Array.isArray(value) ? value : [value];
        items.forEach((item, i) => {
          const ipath = Array.isArray(value) ? `${kpath}[${i}]` : kpath;
          const inner = newScope();
          this.element(termCtx, key, item, ipath, inner, true);
          closeScope(inner);
        });
      } else {
        this.element(termCtx, key, value, kpath, scope, false);
      }
    }
    if (nodeId !== undefined) {
      if (root) scope.root = { id: nodeId, path };
      if (describes) {
        const paths = scope.described.get(nodeId);
        if (paths === undefined) scope.described.set(nodeId, [path]);
        else paths.push(path);
      }
    }
  }

  bareKeyword(ctx: ActiveContext, key: string, iri: string, path: string): never {
    const alias = termsFor(ctx, iri).find((t) => !isForeignTerm(ctx.mappings.get(t)));
    if (alias !== undefined) {
      refuse(
        path,
        `${JSON.stringify(key)} at ${path} is written as the keyword; the context names it ${JSON.stringify(alias)}`,
      );
    }
    refuse(
      path,
      `${JSON.stringify(key)} at ${path} is a JSON-LD keyword that compact credentials do not use ` +
        '(it can move members to other nodes or hide them from the checks)',
    );
  }

  unique(seen: Map<string, string>, iri: string, key: string, path: string): void {
    const other = seen.get(iri);
    if (other !== undefined) {
      refuse(
        path,
        `${JSON.stringify(key)} and ${JSON.stringify(other)} at ${path} both stand for ${iri}`,
      );
    }
    seen.set(iri, key);
  }

  /** A value object: only a language-tagged (or directed) string where no type is fixed. */
  valueObject(
    propertyDef: TermDef | undefined,
    element: Record<string, unknown>,
    expanded: Map<string, string | null>,
    path: string,
  ): void {
    if (propertyDef?.['@type'] !== undefined) {
      refuse(
        path,
        `The value at ${path} is a value object, but its member has a fixed type; write the value itself`,
      );
    }
    let tagged = false;
    for (const [key, iri] of expanded) {
      const kpath = memberPath(path, key);
      if (key !== iri) refuse(kpath, `${JSON.stringify(key)} at ${kpath} is an alias of ${iri}`);
      if (key === '@language' || key === '@direction') tagged = true;
      else if (key !== '@value') {
        refuse(
          kpath,
          `A value object with ${key} (at ${kpath}) is another spelling of a plain value`,
        );
      }
    }
    if (!tagged) {
      refuse(path, `The value object at ${path} only wraps a value; write the value itself`);
    }
    if (typeof element['@value'] !== 'string') {
      refuse(memberPath(path, '@value'), `A language-tagged value at ${path} must be a string`);
    }
  }

  /** `@list` where no container does it; `@set` never. */
  listObject(
    ctx: ActiveContext,
    property: string | null,
    propertyDef: TermDef | undefined,
    element: Record<string, unknown>,
    expanded: Map<string, string | null>,
    path: string,
    scope: Scope,
  ): void {
    const [key, iri] = [...expanded][0] as [string, string | null];
    const kpath = memberPath(path, key);
    if (expanded.size !== 1 || key !== iri || iri === '@set') {
      refuse(
        kpath,
        `${JSON.stringify(key)} at ${kpath} is another spelling of a plain value or array`,
      );
    }
    if (propertyDef?.['@container']?.[0] === '@list') {
      refuse(
        kpath,
        `The member at ${path} is already a list (its context says so); write the array itself`,
      );
    }
    this.element(ctx, property, element[key], kpath, scope, false);
  }
}

/**
 * Check, without loading anything, that a document is in the one compact form its own contexts
 * give; `resolve` returns the `@context` of a non-bundled context URL or throws.
 */
function walkSync(
  document: object,
  resolve: (url: string) => unknown,
): CompactFormIssue | undefined {
  const scope = newScope();
  try {
    new Walk(resolve).element(initialContext(), null, document, '$', scope, true);
    closeScope(scope);
    return undefined;
  } catch (e) {
    if (e instanceof Refusal) return e.issue;
    if (e === BAIL) {
      return {
        code: 'jsonld_context_unsupported',
        message:
          'The document uses JSON-LD features ob3kit does not process, so its compact form cannot be established',
        path: '$',
      };
    }
    throw e;
  }
}

/**
 * Check that a JSON-LD document is in the one compact form its own `@context` gives: every key a
 * term (or the `id` / `type` alias) of its active context, each IRI written under one name, no
 * value objects where a term fixes the type, no keyword that moves or hides members (`@nest`,
 * `@included`, `@reverse`, `@graph`, ...), no blank node ids, and no other node object adding
 * members to the document's own node (or to a proof's). Returns the first problem, or
 * `undefined`.
 *
 * Nested documents (proofs, embedded endorsements, presented credentials) are checked as part of
 * the document. Never throws for a bad document.
 *
 * @example
 * ```ts
 * const issue = await checkCompactForm(credential, { documentLoader });
 * if (issue) console.log(issue.code, issue.path); // 'jsonld_not_compact' '$.proof.expiration'
 * ```
 */
export async function checkCompactForm(
  document: object,
  options: CompactFormOptions = {},
): Promise<CompactFormIssue | undefined> {
  const loaded = new Map<string, unknown>();
  const resolve = (url: string): unknown => {
    if (loaded.has(url)) return loaded.get(url);
    throw new NeedContext(url);
  };
  for (;;) {
    let need: NeedContext;
    try {
      return walkSync(document, resolve);
    } catch (e) {
      if (!(e instanceof NeedContext)) {
        return {
          code: 'jsonld_context_unsupported',
          message: `The compact form of the document cannot be established: ${e instanceof Error ? e.message : String(e)}`,
          path: '$',
        };
      }
      need = e;
    }
    const unsupported = (why: string): CompactFormIssue => ({
      code: 'jsonld_context_unsupported',
      message: `The context ${need.url} ${why}, so the compact form of the document cannot be established`,
      path: '$',
    });
    if (loaded.size >= MAX_FOREIGN_CONTEXTS) {
      return unsupported(`is one of more than ${MAX_FOREIGN_CONTEXTS} unbundled contexts`);
    }
    const loader = options.documentLoader;
    if (loader === undefined) return unsupported('is not bundled');
    let doc: unknown;
    try {
      doc = (await loader(need.url)).document;
      if (typeof doc === 'string') doc = JSON.parse(doc);
    } catch (e) {
      return unsupported(`could not be loaded (${e instanceof Error ? e.message : String(e)})`);
    }
    const inner = isObject(doc) ? doc['@context'] : undefined;
    if (inner === undefined) return unsupported('has no @context');
    loaded.set(need.url, inner);
  }
}
