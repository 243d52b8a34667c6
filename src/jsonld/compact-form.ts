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
import { describeJsonTextProblem, parseJsonText } from '../internal/json-scan.js';
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

/**
 * Where a value is, built as the walk descends and written out only for a refusal (most
 * documents pass: formatting every member's path would cost more than the walk itself).
 */
export interface Loc {
  readonly parent: Loc | null;
  readonly key: string | number;
}

export const ROOT: Loc = { parent: null, key: '$' };

/** The JSON path of a location (`$.proof["@context"][1]`). */
export function pathOf(loc: Loc): string {
  if (loc.parent === null) return String(loc.key);
  const base = pathOf(loc.parent);
  const key = loc.key;
  if (typeof key === 'number') return `${base}[${key}]`;
  // Keywords in brackets (`$.issuer["@id"]`), as `$["@context"]`.
  return key.startsWith('@') ? `${base}[${JSON.stringify(key)}]` : joinPath(base, key);
}

/** The location of a member or item of the value at `parent`. */
export function at(parent: Loc, key: string | number): Loc {
  return { parent, key };
}

function refuse(
  loc: Loc,
  message: (path: string) => string,
  code: CompactFormCode = 'jsonld_not_compact',
): never {
  const path = pathOf(loc);
  throw new Refusal({ code, message: message(path), path });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const q = JSON.stringify;

/** XML Schema datatypes whose values are numbers. */
const NUMERIC = new Set([
  'integer',
  'decimal',
  'float',
  'double',
  'nonNegativeInteger',
  'positiveInteger',
  'nonPositiveInteger',
  'negativeInteger',
  'long',
  'int',
  'short',
  'byte',
  'unsignedLong',
  'unsignedInt',
  'unsignedShort',
  'unsignedByte',
]);
/**
 * An XML Schema datatype IRI, by its local name: the namespace (over http, or https as some
 * contexts write it), or `xsd:` where a context leaves the prefix undefined (the IRI is then
 * `xsd:boolean` itself, and JSON-LD types values with it all the same).
 */
const XSD_TYPE = /^(?:https?:\/\/www\.w3\.org\/2001\/XMLSchema#|xsd:)([A-Za-z]+)$/;

/**
 * The one JSON type a value of a term with a fixed datatype is written in. JSON-LD gives `1`,
 * `"1"` (and `true`, `"true"`) the same typed literal under such a term, so a proof over one
 * also verifies the other, while a check reads them as different JSON values: numeric XSD
 * datatypes are written as JSON numbers, `xsd:boolean` as JSON booleans, every other datatype
 * (`xsd:string`, `xsd:dateTime`, `xsd:anyURI`, multibase, ...) as JSON strings.
 */
function typedForm(datatype: string): 'number' | 'boolean' | 'string' {
  const local = XSD_TYPE.exec(datatype)?.[1];
  if (local === 'boolean') return 'boolean';
  return local !== undefined && NUMERIC.has(local) ? 'number' : 'string';
}

/** Node ids seen in one graph: its top node, and every node object that describes an id. */
interface Scope {
  /** Id of the scope's top node object (the document, a proof), and where it is. */
  root?: { id: string; loc: Loc };
  /** Node objects with members beyond `id` and `type`, by id. */
  described?: Map<string, Loc[]>;
}

/** Refuse when another node object of the scope adds members to the scope's top node. */
function closeScope(scope: Scope): void {
  const root = scope.root;
  if (root === undefined) return;
  for (const loc of scope.described?.get(root.id) ?? []) {
    if (loc === root.loc) continue;
    refuse(
      loc,
      (p) =>
        `The object at ${p} has the id ${q(root.id)} of the node at ${pathOf(root.loc)}: ` +
        'in JSON-LD its members belong to that node (node merging), where no check reads them',
    );
  }
}

/**
 * Bundled term definitions already found fine as a member name, and as a type (the answer
 * depends on the definition alone).
 */
const CHECKED_MEMBERS = new WeakSet<TermDef>();
const CHECKED_TYPES = new WeakSet<TermDef>();

class Walk {
  constructor(private readonly resolve: (url: string) => unknown) {}

  /** Apply a local context; a context the walk cannot process is refused. */
  apply(
    ctx: ActiveContext,
    local: unknown,
    propagate: boolean,
    overrideProtected: boolean,
    foreign: boolean,
    loc: Loc,
  ): ActiveContext {
    const source: ContextSource = { foreign, resolve: this.resolve };
    try {
      return processContext(ctx, local, propagate, overrideProtected, source);
    } catch (e) {
      if (e !== BAIL) throw e;
      refuse(
        loc,
        (p) =>
          `The context at ${p} uses JSON-LD features ob3kit does not process (for example ` +
          '@language, @reverse, @nest, @import, @propagate, @base, language or index maps), so ' +
          'the compact form of the document cannot be established',
        'jsonld_context_unsupported',
      );
    }
  }

  /** An `@context` value in the data: bundled URLs are cached, anything else is foreign. */
  applyLocal(ctx: ActiveContext, local: unknown, loc: Loc): ActiveContext {
    if (typeof local === 'string') return this.apply(ctx, local, true, false, false, loc);
    if (Array.isArray(local)) {
      let out = ctx;
      for (let i = 0; i < local.length; i++) out = this.applyLocal(out, local[i], at(loc, i));
      return out;
    }
    return this.apply(ctx, local, true, false, true, loc);
  }

  element(
    ctx: ActiveContext,
    property: string | null,
    element: unknown,
    loc: Loc,
    scope: Scope,
    root: boolean,
  ): void {
    if (element === null || element === undefined) return; // JSON-LD drops it, as the checks do
    if (typeof element !== 'object') {
      if (property !== null) this.scalar(ctx, property, element, loc);
      return;
    }
    if (Array.isArray(element)) {
      for (let i = 0; i < element.length; i++) {
        this.element(ctx, property, element[i], at(loc, i), scope, root);
      }
      return;
    }
    if (!isPlainObject(element)) refuse(loc, (p) => `The value at ${p} is not a plain JSON object`);
    this.object(ctx, property, element, loc, scope, root);
  }

  /**
   * A scalar value: an IRI (`@type: @id`) or a vocabulary term (`@type: @vocab`) is checked; under
   * a term with a fixed datatype, the value is written in the JSON type of its datatype (see
   * {@link typedForm}).
   */
  scalar(ctx: ActiveContext, property: string, value: unknown, loc: Loc): void {
    const type = ctx.mappings.get(property)?.['@type'];
    if (type === undefined || type === '@json') return;
    if (typeof value !== 'string') {
      const want = type === '@id' || type === '@vocab' ? 'string' : typedForm(type);
      if (typeof value === want) return;
      refuse(
        loc,
        (p) =>
          `The value ${q(value)} at ${p} is a JSON ${typeof value}, but its member's context ` +
          `types it ${type}, written as a JSON ${want}`,
      );
    }
    if (type === '@id') this.id(ctx, value, loc);
    else if (type === '@vocab') this.vocab(ctx, value, loc, 'value');
    else if (typedForm(type) !== 'string') {
      refuse(
        loc,
        (p) =>
          `The string ${q(value)} at ${p} is typed ${type} by its member's context: JSON-LD signs ` +
          `it as the ${typedForm(type)} it spells; write it as a JSON ${typedForm(type)}`,
      );
    }
  }

  /** A node id: an absolute IRI written as itself (no prefix expansion, no blank node id). */
  id(ctx: ActiveContext, value: string, loc: Loc): void {
    if (value.startsWith('_:')) {
      refuse(
        loc,
        (p) =>
          `The blank node identifier ${q(value)} at ${p} would merge nodes; a blank node is ` +
          'written without an id',
      );
    }
    const iri = expandIri(ctx, value, false);
    if (iri !== value) {
      refuse(
        loc,
        (p) =>
          `${q(value)} at ${p} is a compact IRI that JSON-LD reads as ${q(iri)}; write the IRI itself`,
      );
    }
    if (!isAbsoluteIri(value)) refuse(loc, (p) => `${q(value)} at ${p} is not an absolute IRI`);
  }

  /**
   * A vocabulary IRI (a `type` value, a `@type: @vocab` value): a term of the context, or an IRI
   * no term names. A term a document context defines may not stand for an IRI that a bundled
   * term names.
   */
  vocab(ctx: ActiveContext, value: string, loc: Loc, what: 'type' | 'value'): void {
    const def = ctx.mappings.get(value);
    if (def !== undefined && '@id' in def) {
      if (what === 'type' && CHECKED_TYPES.has(def)) return;
      const iri = def['@id'];
      if (typeof iri !== 'string' || isKeyword(iri)) {
        refuse(loc, (p) => `The ${what} ${q(value)} at ${p} is not a vocabulary term`);
      }
      this.alias(ctx, value, def, iri, loc, what);
      if (what === 'type') this.readName(value, iri, READ_TYPES, READ_TYPE_NAMES, loc, 'type');
      if (what === 'type' && !isForeignTerm(def)) CHECKED_TYPES.add(def);
      return;
    }
    const iri = expandVocabIri(ctx, value);
    if (iri === null || isKeyword(iri) || iri.startsWith('_:') || !isAbsoluteIri(iri)) {
      refuse(
        loc,
        (p) => `The ${what} ${q(value)} at ${p} is neither a term of the context nor an IRI`,
      );
    }
    const [term] = termsFor(ctx, iri);
    if (term !== undefined) {
      refuse(
        loc,
        (p) =>
          `The ${what} ${q(value)} at ${p} spells ${iri}, which the context names ${q(term)}; ` +
          `write ${q(term)}`,
      );
    }
    if (what === 'type') this.readName(value, iri, READ_TYPES, READ_TYPE_NAMES, loc, 'type');
  }

  /** A term from a document (or registered) context may not alias an IRI a bundled term names. */
  alias(ctx: ActiveContext, term: string, def: TermDef, iri: string, loc: Loc, what: string): void {
    if (!isForeignTerm(def)) return;
    if (isKeyword(iri)) {
      if (READ_MEMBER_NAMES.get(iri)?.has(term)) return; // "id": "@id", "type": "@type" again
      refuse(
        loc,
        (p) =>
          `${q(term)} at ${p} is an alias of ${iri} defined by the document's own context; ` +
          'write the keyword as the standard context names it',
      );
    }
    for (const other of termsFor(ctx, iri)) {
      if (other === term || isForeignTerm(ctx.mappings.get(other))) continue;
      refuse(
        loc,
        (p) =>
          `The ${what} ${q(term)} at ${p} is defined by the document's own context as ${iri}, ` +
          `which the standard context names ${q(other)}; write ${q(other)}`,
      );
    }
  }

  /** A name the checks read must mean its IRI, and its IRI must be written under that name. */
  readName(
    name: string,
    iri: string,
    byName: ReadonlyMap<string, readonly string[]>,
    byIri: ReadonlyMap<string, ReadonlySet<string>>,
    loc: Loc,
    what: string,
  ): void {
    const names = byIri.get(iri);
    if (names !== undefined && !names.has(name)) {
      const [first] = names;
      refuse(
        loc,
        (p) =>
          `The ${what} ${q(name)} at ${p} stands for ${iri}, which verification reads as ` +
          `${q(first)}; write ${q(first)}`,
      );
    }
    const iris = byName.get(name);
    if (iris !== undefined && !iris.includes(iri)) {
      refuse(
        loc,
        (p) =>
          `The ${what} ${q(name)} at ${p} is mapped to ${iri} by the document's context; ` +
          `verification reads ${q(name)} as ${iris.join(' or ')}`,
      );
    }
  }

  /** A key that is a term: an alias check (foreign terms) and the names verification reads. */
  term(ctx: ActiveContext, key: string, def: TermDef, iri: string, loc: Loc): void {
    if (CHECKED_MEMBERS.has(def)) return;
    this.alias(ctx, key, def, iri, loc, 'member');
    this.readName(key, iri, READ_MEMBERS, READ_MEMBER_NAMES, loc, 'member');
    if (!isForeignTerm(def)) CHECKED_MEMBERS.add(def);
  }

  object(
    ctx0: ActiveContext,
    property: string | null,
    element: Record<string, unknown>,
    loc: Loc,
    scope: Scope,
    root: boolean,
  ): void {
    const keys = Object.keys(element);
    const hasContext = Object.hasOwn(element, '@context');
    const propertyDef = property === null ? undefined : ctx0.mappings.get(property);
    // The active context, as JSON-LD expansion computes it (see fast-quads.ts `expand`).
    let ctx = nodeStartContext(ctx0, element);
    const scoped = propertyDef?.['@context'];
    if (scoped !== undefined) {
      ctx = this.apply(ctx, scoped, true, true, isForeignTerm(propertyDef), loc);
    }
    if (hasContext) ctx = this.applyLocal(ctx, element['@context'], at(loc, '@context'));
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
          ctx = this.apply(ctx, typeScoped, false, false, isForeignTerm(def), loc);
        }
      }
    }

    const expanded: Array<string | null> = [];
    let special: string | undefined;
    for (const key of keys) {
      const e = key === '@context' ? '@context' : expandVocabIri(ctx, key);
      expanded.push(e);
      if (e === '@value' || e === '@list' || e === '@set') special ??= e;
    }
    if (special === '@value') {
      this.valueObject(propertyDef, element, keys, expanded, loc);
      return;
    }
    if (special !== undefined) {
      this.listObject(ctx, property, propertyDef, element, keys, expanded, loc, scope);
      return;
    }

    const seen = new Set<string>();
    let nodeId: string | undefined;
    let describes = false;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      if (key === '@context') continue;
      const kloc = at(loc, key);
      const value = element[key];
      const def = ctx.mappings.get(key);
      const iri = expanded[k] ?? null;
      if (iri === null) {
        refuse(kloc, (p) =>
          key.startsWith('@')
            ? `${q(key)} at ${p} is not a JSON-LD keyword; JSON-LD ignores it`
            : `${q(key)} at ${p} is mapped to null by the context: JSON-LD drops it, so it is not signed`,
        );
      }
      if (isKeyword(iri)) {
        if (def === undefined) this.bareKeyword(ctx, key, iri, kloc);
        this.term(ctx, key, def as TermDef, iri, kloc);
        if (iri !== '@id' && iri !== '@type') {
          refuse(
            kloc,
            (p) => `${q(key)} at ${p} is an alias of ${iri}; compact documents do not use it`,
          );
        }
        this.unique(seen, iri, key, kloc);
        if (iri === '@id') {
          if (typeof value !== 'string') {
            refuse(kloc, (p) => `${q(key)} at ${p} must be one IRI string`);
          }
          this.id(ctx, value, kloc);
          nodeId = value;
        } else if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) this.type(typeCtx, value[i], at(kloc, i));
        } else {
          this.type(typeCtx, value, kloc);
        }
        continue;
      }
      if (def === undefined) {
        if (iri.startsWith('_:')) {
          refuse(
            kloc,
            (p) => `${q(key)} at ${p} is a blank node property, which is not signed as a member`,
          );
        }
        if (!isAbsoluteIri(iri)) {
          refuse(kloc, (p) => `${q(key)} at ${p} is not a term of the document's @context`);
        }
        const [term] = termsFor(ctx, iri);
        const named = READ_MEMBER_NAMES.get(iri);
        const name = term ?? (named ? [...named][0] : undefined);
        if (key.includes(':') || name !== undefined) {
          refuse(
            kloc,
            (p) =>
              `${q(key)} at ${p} is not a term but ${key.includes(':') ? 'an IRI' : 'a vocabulary-relative name'} ` +
              `that JSON-LD reads as ${iri}${name !== undefined ? `; write the member as ${q(name)}` : ''}`,
          );
        }
        this.readName(key, iri, READ_MEMBERS, READ_MEMBER_NAMES, kloc, 'member');
      } else {
        if (iri.startsWith('_:')) {
          refuse(
            kloc,
            (p) => `${q(key)} at ${p} is a blank node property, which is not signed as a member`,
          );
        }
        this.term(ctx, key, def, iri, kloc);
      }
      this.unique(seen, iri, key, kloc);
      describes = true;
      if (def?.['@type'] === '@json') continue; // a JSON literal: its content is not JSON-LD
      if (READ_AS_IRI.has(key) && isObject(value)) {
        const only = Object.keys(value);
        if (only.length === 1 && expandVocabIri(ctx, only[0] as string) === '@id') {
          refuse(
            kloc,
            (p) =>
              `${q(key)} at ${p} is a node reference; verification reads it as an IRI: write ` +
              'the IRI string',
          );
        }
      }
      let termCtx = ctx;
      const termScoped = def?.['@context'];
      if (termScoped !== undefined) {
        termCtx = this.apply(ctx, termScoped, true, true, isForeignTerm(def), kloc);
      }
      if (def?.['@container']?.[0] === '@graph') {
        // Each value is a graph of its own (a proof, a presented credential).
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) this.graph(termCtx, key, value[i], at(kloc, i));
        } else {
          this.graph(termCtx, key, value, kloc);
        }
      } else {
        this.element(termCtx, key, value, kloc, scope, false);
      }
    }
    if (nodeId !== undefined) {
      if (root) scope.root = { id: nodeId, loc };
      if (describes) {
        scope.described ??= new Map();
        const locs = scope.described.get(nodeId);
        if (locs === undefined) scope.described.set(nodeId, [loc]);
        else locs.push(loc);
      }
    }
  }

  /** One value of a graph container: a graph of its own, whose top node is read. */
  graph(ctx: ActiveContext, property: string, value: unknown, loc: Loc): void {
    const inner: Scope = {};
    this.element(ctx, property, value, loc, inner, true);
    closeScope(inner);
  }

  type(ctx: ActiveContext, value: unknown, loc: Loc): void {
    if (typeof value !== 'string') refuse(loc, (p) => `A type at ${p} must be a string`);
    this.vocab(ctx, value, loc, 'type');
  }

  bareKeyword(ctx: ActiveContext, key: string, iri: string, loc: Loc): never {
    const alias = termsFor(ctx, iri).find((t) => !isForeignTerm(ctx.mappings.get(t)));
    if (alias !== undefined) {
      refuse(
        loc,
        (p) => `${q(key)} at ${p} is written as the keyword; the context names it ${q(alias)}`,
      );
    }
    refuse(
      loc,
      (p) =>
        `${q(key)} at ${p} is a JSON-LD keyword that compact credentials do not use (it can ` +
        'move members to other nodes or hide them from the checks)',
    );
  }

  unique(seen: Set<string>, iri: string, key: string, loc: Loc): void {
    if (seen.has(iri)) {
      refuse(loc, (p) => `${q(key)} at ${p} stands for ${iri}, like another member of the object`);
    }
    seen.add(iri);
  }

  /** A value object: only a language-tagged (or directed) string where no type is fixed. */
  valueObject(
    propertyDef: TermDef | undefined,
    element: Record<string, unknown>,
    keys: string[],
    expanded: Array<string | null>,
    loc: Loc,
  ): void {
    if (propertyDef?.['@type'] !== undefined) {
      refuse(
        loc,
        (p) =>
          `The value at ${p} is a value object, but its member has a fixed type; write the value itself`,
      );
    }
    let tagged = false;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const iri = expanded[k];
      const kloc = at(loc, key);
      if (key !== iri) refuse(kloc, (p) => `${q(key)} at ${p} is an alias of ${iri}`);
      if (key === '@language' || key === '@direction') tagged = true;
      else if (key !== '@value') {
        refuse(
          kloc,
          (p) => `A value object with ${key} (at ${p}) is another spelling of a plain value`,
        );
      }
    }
    if (!tagged) {
      refuse(loc, (p) => `The value object at ${p} only wraps a value; write the value itself`);
    }
    if (typeof element['@value'] !== 'string') {
      refuse(at(loc, '@value'), (p) => `A language-tagged value at ${p} must be a string`);
    }
  }

  /** `@list` where no container does it; `@set` never. */
  listObject(
    ctx: ActiveContext,
    property: string | null,
    propertyDef: TermDef | undefined,
    element: Record<string, unknown>,
    keys: string[],
    expanded: Array<string | null>,
    loc: Loc,
    scope: Scope,
  ): void {
    const key = keys[0] as string;
    const kloc = at(loc, key);
    if (keys.length !== 1 || key !== expanded[0] || key === '@set') {
      refuse(kloc, (p) => `${q(key)} at ${p} is another spelling of a plain value or array`);
    }
    if (propertyDef?.['@container']?.[0] === '@list') {
      refuse(
        kloc,
        (p) => `The member at ${p} is already a list (its context says so); write the array itself`,
      );
    }
    this.element(ctx, property, element[key], kloc, scope, false);
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
  const scope: Scope = {};
  try {
    new Walk(resolve).element(initialContext(), null, document, ROOT, scope, true);
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
      if (typeof doc === 'string') {
        const parsed = parseJsonText(doc);
        if (!parsed.ok) throw new Error(`the context ${describeJsonTextProblem(parsed.problem)}`);
        doc = parsed.value;
      }
    } catch (e) {
      return unsupported(`could not be loaded (${e instanceof Error ? e.message : String(e)})`);
    }
    const inner = isObject(doc) ? doc['@context'] : undefined;
    if (inner === undefined) return unsupported('has no @context');
    loaded.set(need.url, inner);
  }
}
