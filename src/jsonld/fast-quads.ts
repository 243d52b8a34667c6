/**
 * The fast JSON-LD to RDF path: documents whose contexts are all bundled and whose terms,
 * values and structure stay within what the bundled contexts need are expanded, flattened into
 * a node map and turned into quads here, without jsonld.js.
 *
 * It is a port of jsonld.js 9's `expand` (`lib/expand.js`), `createNodeMap` (`lib/nodeMap.js`)
 * and `toRDF` (`lib/toRdf.js`), restricted to a subset, and produces the same quads in the same
 * order with the same blank node labels. Whenever a document steps outside that subset
 * (inline or unknown contexts, keywords in the data other than `@context`, `@id` and `@type`,
 * undefined terms, relative IRIs, blank node identifiers, `null`, `@json` values, value or list
 * objects, anything jsonld.js would drop or report in safe mode), {@link fastDocumentToQuads}
 * returns `undefined` and the caller falls back to jsonld.js, which produces the result or
 * raises the error. Differential tests hold the two byte-identical.
 *
 * @internal
 */
import type { RdfCanonizeQuad, RdfCanonizeTerm } from 'rdf-canonize';
import {
  type ActiveContext,
  BAIL,
  bail,
  expandIri,
  expandVocabIri,
  initialContext,
  isAbsoluteIri,
  isKeyword,
  processContext,
  type TermDef,
} from './fast-context.js';

type Json = string | number | boolean | JsonObject | Json[];
interface JsonObject {
  [key: string]: Json;
}
/** An expanded JSON-LD value (the subset this path produces). */
type Expanded = Record<string, unknown>;

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = `${RDF}type`;

function isPlainObject(v: unknown): v is JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function termOf(ctx: ActiveContext, key: string | null): TermDef | undefined {
  return key === null ? undefined : ctx.mappings.get(key);
}

/** Expand an `@id` value (base expansion; relative references and blank nodes bail). */
function expandId(ctx: ActiveContext, value: string): string {
  const iri = expandIri(ctx, value, false);
  if (iri === null || !isAbsoluteIri(iri) || iri.startsWith('_:')) bail();
  return iri;
}

/** Expand a vocabulary IRI (`@type` values, `@type: @vocab` values). */
function expandVocab(ctx: ActiveContext, value: string): string {
  const iri = expandVocabIri(ctx, value);
  if (iri === null || !isAbsoluteIri(iri) || iri.startsWith('_:')) bail();
  return iri;
}

/** jsonld.js `_expandValue` for a scalar under a term. */
function expandValue(ctx: ActiveContext, activeProperty: string, value: Json): Expanded {
  const def = ctx.mappings.get(activeProperty);
  const type = def?.['@type'];
  if (type === '@json') bail();
  if (type === '@id' && typeof value === 'string') return { '@id': expandId(ctx, value) };
  if (type === '@vocab' && typeof value === 'string') {
    return { '@id': expandVocab(ctx, value) };
  }
  if (type !== undefined && type !== '@id' && type !== '@vocab') {
    return { '@type': type, '@value': value };
  }
  return { '@value': value };
}

/** jsonld.js `api.expand`, for the subset. Returns an expanded value (array for arrays). */
function expand(
  activeCtx: ActiveContext,
  activeProperty: string | null,
  element: Json,
  insideList: boolean,
  typeScopedContext: ActiveContext | null,
): Expanded | Expanded[] {
  if (typeof element !== 'object' || element === null) {
    if (activeProperty === null || insideList) bail(); // free-floating scalar / list item
    if (typeof element === 'number') {
      if (!Number.isFinite(element)) bail();
    } else if (typeof element !== 'string' && typeof element !== 'boolean') {
      bail();
    }
    return expandValue(activeCtx, activeProperty, element);
  }
  if (Array.isArray(element)) {
    const container = termOf(activeCtx, activeProperty)?.['@container'];
    const list = insideList || container?.[0] === '@list';
    const rval: Expanded[] = [];
    for (const item of element) {
      if (list && Array.isArray(item)) bail(); // list of lists
      const e = expand(activeCtx, activeProperty, item, false, typeScopedContext);
      if (Array.isArray(e)) {
        for (const x of e) rval.push(x);
      } else {
        rval.push(e);
      }
    }
    return rval;
  }
  if (!isPlainObject(element)) bail();

  const propertyScoped = termOf(activeCtx, activeProperty)?.['@context'];
  const tsc = typeScopedContext ?? (activeCtx.previous !== undefined ? activeCtx : null);
  const keys = Object.keys(element).sort();
  let mustRevert = true;
  if (tsc && keys.length <= 2 && !keys.includes('@context')) {
    for (const key of keys) {
      const p = expandVocabIri(tsc, key);
      if (p === '@value') bail();
      if (p === '@id' && keys.length === 1) {
        mustRevert = false;
        break;
      }
    }
  }
  let ctx = activeCtx;
  if (mustRevert && ctx.previous !== undefined) ctx = ctx.previous;
  if (propertyScoped !== undefined) ctx = processContext(ctx, propertyScoped, true, true);
  if ('@context' in element) {
    // Only bundled context URLs (embedded credentials, such as endorsements, have their own).
    const local = element['@context'];
    if (typeof local === 'string') {
      ctx = processContext(ctx, local, true, false);
    } else if (Array.isArray(local)) {
      if (local.length > 12) bail(); // unusual: leave it to jsonld.js
      for (const url of local) {
        if (typeof url !== 'string') bail();
        ctx = processContext(ctx, url, true, false);
      }
    } else {
      bail();
    }
  }
  const typeCtx = ctx;
  let typeKey: string | null = null;
  for (const key of keys) {
    if (key === '@context') continue;
    if (expandVocabIri(ctx, key) !== '@type') continue;
    typeKey ??= key;
    const value = element[key] as Json;
    const types = Array.isArray(value)
      ? value.length > 1
        ? value.slice().sort()
        : value
      : [value];
    for (const type of types) {
      if (typeof type !== 'string') bail();
      const scoped = typeCtx.mappings.get(type)?.['@context'];
      if (scoped !== undefined) ctx = processContext(ctx, scoped, false, false);
    }
  }
  if (typeKey !== null) {
    const tv = element[typeKey];
    const first = Array.isArray(tv) ? tv[0] : tv;
    if (typeof first === 'string' && expandVocabIri(ctx, first) === '@json') bail();
  }

  const rval: Expanded = {};
  let count = 0;
  for (const key of keys) {
    if (key === '@context') continue;
    const value = element[key] as Json;
    const expandedProperty = expandVocabIri(ctx, key);
    if (expandedProperty === null) bail();
    if (isKeyword(expandedProperty)) {
      if (expandedProperty in rval && expandedProperty !== '@type') bail(); // colliding keywords
      if (expandedProperty === '@id') {
        if (typeof value !== 'string') bail();
        rval['@id'] = expandId(ctx, value);
        count++;
        continue;
      }
      if (expandedProperty === '@type') {
        const list = Array.isArray(value) ? value : [value];
        if (list.length === 0) bail();
        let types = rval['@type'] as string[] | undefined;
        if (types === undefined) {
          types = [];
          rval['@type'] = types;
          count++;
        }
        for (const t of list) {
          if (typeof t !== 'string') bail();
          types.push(expandVocab(typeCtx, t));
        }
        continue;
      }
      bail(); // any other keyword in the data
    }
    if (!isAbsoluteIri(expandedProperty) || expandedProperty.startsWith('_:')) bail();
    const def = ctx.mappings.get(key);
    let termCtx = ctx;
    const scoped = def?.['@context'];
    if (scoped !== undefined) termCtx = processContext(ctx, scoped, true, true);
    const container = def?.['@container']?.[0];
    if (def?.['@type'] === '@json') bail();
    if (value === null) bail();
    let expandedValue = expand(termCtx, key, value, false, null);
    if (container === '@list') {
      if (!Array.isArray(expandedValue)) expandedValue = [expandedValue];
      expandedValue = { '@list': expandedValue };
    } else if (container === '@graph') {
      const items = Array.isArray(expandedValue) ? expandedValue : [expandedValue];
      if (items.length === 0) bail();
      for (const v of items) {
        const n = Object.keys(v).length;
        if (n === 0 || '@value' in v || '@list' in v || (n === 1 && '@id' in v)) bail();
      }
      expandedValue = items.map((v) => ({ '@graph': [v] }));
    }
    const existing = rval[expandedProperty] as Expanded[] | undefined;
    if (existing === undefined) {
      rval[expandedProperty] = Array.isArray(expandedValue) ? expandedValue : [expandedValue];
      count++;
    } else if (Array.isArray(expandedValue)) {
      for (const x of expandedValue) existing.push(x);
    } else {
      existing.push(expandedValue);
    }
  }
  // A node object; at the top level and directly in a graph container, jsonld.js drops empty
  // nodes and nodes with only @id (reported in safe mode): leave those to it.
  if (
    (activeProperty === null || termOf(ctx, activeProperty)?.['@container']?.[0] === '@graph') &&
    (count === 0 || (count === 1 && '@id' in rval))
  ) {
    bail();
  }
  return rval;
}

/** jsonld.js / rdf-canonize `IdentifierIssuer('_:b')`. */
class Issuer {
  counter = 0;
  readonly existing = new Map<string, string>();
  getId(old?: string): string {
    if (old !== undefined) {
      const id = this.existing.get(old);
      if (id !== undefined) return id;
    }
    const id = `_:b${this.counter++}`;
    if (old !== undefined) this.existing.set(old, id);
    return id;
  }
}

type NodeMap = Record<string, Record<string, Expanded>>;

function isValue(v: Expanded): boolean {
  return '@value' in v;
}
function isList(v: Expanded): boolean {
  return '@list' in v;
}
function isSubject(v: Expanded): boolean {
  return !('@value' in v || '@list' in v) && (Object.keys(v).length > 1 || !('@id' in v));
}
function isSubjectReference(v: Expanded): boolean {
  return Object.keys(v).length === 1 && '@id' in v;
}
function isBlankNode(v: Expanded): boolean {
  if ('@id' in v) return (v['@id'] as string).startsWith('_:');
  return Object.keys(v).length === 0 || !('@value' in v || '@list' in v);
}

function compareValues(v1: unknown, v2: unknown): boolean {
  if (v1 === v2) return true;
  if (typeof v1 !== 'object' || typeof v2 !== 'object' || v1 === null || v2 === null) return false;
  const a = v1 as Expanded;
  const b = v2 as Expanded;
  if (
    '@value' in a &&
    '@value' in b &&
    a['@value'] === b['@value'] &&
    a['@type'] === b['@type'] &&
    a['@language'] === b['@language'] &&
    a['@index'] === b['@index']
  ) {
    return true;
  }
  if ('@id' in a && '@id' in b) return a['@id'] === b['@id'];
  return false;
}

/**
 * The key under which {@link compareValues} finds `v` equal to another value, or `undefined`
 * when it finds `v` equal to nothing but itself (a list object). Two keyed values are equal by
 * `compareValues` exactly when their keys are equal: strings (`@type` values) by value, value
 * objects by `@value` (type included: `"1"` is not `1`), `@type`, `@language` and `@index`,
 * node references by `@id`.
 */
function valueKey(v: unknown): string | undefined {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Expanded;
  if ('@value' in o) {
    const x = o['@value'];
    return `v${JSON.stringify([typeof x, x, o['@type'], o['@language'], o['@index']])}`;
  }
  if ('@id' in o) return `i${o['@id'] as string}`;
  return undefined;
}

/** Arrays at least this long get an index of their values' keys. */
const INDEX_FROM = 16;
const valueIndexes = new WeakMap<unknown[], Set<string>>();

/**
 * `util.addValue(subject, property, value, {propertyIsArray: true, allowDuplicate: false})`.
 * jsonld.js finds duplicates by linear search (quadratic in the values of one property, which
 * many nodes with one `@id` can pile up far past any one array's length); here long arrays are
 * indexed by {@link valueKey}, with the same result.
 */
function addUnique(subject: Expanded, property: string, value: unknown): void {
  const existing = subject[property] as unknown[] | undefined;
  if (existing === undefined) {
    subject[property] = [value];
    return;
  }
  if (existing.length < INDEX_FROM) {
    for (const v of existing) if (compareValues(value, v)) return;
    existing.push(value);
    return;
  }
  let index = valueIndexes.get(existing);
  if (index === undefined) {
    index = new Set();
    for (const v of existing) {
      const k = valueKey(v);
      if (k !== undefined) index.add(k);
    }
    valueIndexes.set(existing, index);
  }
  const key = valueKey(value);
  if (key !== undefined) {
    if (index.has(key)) return;
    index.add(key);
  }
  existing.push(value);
}

/** jsonld.js `createNodeMap`, for the subset (no @reverse, @included, @index, blank node ids). */
function createNodeMap(
  input: unknown,
  graphs: NodeMap,
  graph: string,
  issuer: Issuer,
  name: string | undefined,
  list: unknown[] | undefined,
): void {
  if (Array.isArray(input)) {
    for (const node of input) createNodeMap(node, graphs, graph, issuer, undefined, list);
    return;
  }
  if (typeof input !== 'object' || input === null) {
    list?.push(input);
    return;
  }
  const node = input as Expanded;
  if (isValue(node)) {
    list?.push(node);
    return;
  }
  if (list && isList(node)) {
    const inner: unknown[] = [];
    createNodeMap(node['@list'], graphs, graph, issuer, name, inner);
    list.push({ '@list': inner });
    return;
  }
  let id = name;
  if (id === undefined) {
    id = isBlankNode(node)
      ? issuer.getId(node['@id'] as string | undefined)
      : (node['@id'] as string);
  }
  list?.push({ '@id': id });
  const subjects = graphs[graph] as Record<string, Expanded>;
  let subject = subjects[id];
  if (subject === undefined) {
    subject = {};
    subjects[id] = subject;
  }
  subject['@id'] = id;
  for (const property of Object.keys(node).sort()) {
    if (property === '@id') continue;
    if (property === '@graph') {
      graphs[id] ??= {};
      createNodeMap(node['@graph'], graphs, id, issuer, undefined, undefined);
      continue;
    }
    const objects = node[property] as unknown[];
    if (objects.length === 0) {
      if (!Object.hasOwn(subject, property)) subject[property] = [];
      continue;
    }
    for (const o of objects) {
      if (property === '@type') {
        addUnique(subject, property, o);
        continue;
      }
      const obj = o as Expanded;
      if (isSubject(obj) || isSubjectReference(obj)) {
        const oid = isBlankNode(obj)
          ? issuer.getId(obj['@id'] as string | undefined)
          : (obj['@id'] as string);
        addUnique(subject, property, { '@id': oid });
        createNodeMap(obj, graphs, graph, issuer, oid, undefined);
      } else if (isValue(obj)) {
        addUnique(subject, property, obj);
      } else if (isList(obj)) {
        const inner: unknown[] = [];
        createNodeMap(obj['@list'], graphs, graph, issuer, id, inner);
        addUnique(subject, property, { '@list': inner });
      } else {
        bail();
      }
    }
  }
}

const XSD_STRING = `${XSD}string`;
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DOUBLE = `${XSD}double`;
const XSD_INTEGER = `${XSD}integer`;
const FIRST: RdfCanonizeTerm = { termType: 'NamedNode', value: `${RDF}first` };
const REST: RdfCanonizeTerm = { termType: 'NamedNode', value: `${RDF}rest` };
const NIL: RdfCanonizeTerm = { termType: 'NamedNode', value: `${RDF}nil` };

function makeTerm(id: string): RdfCanonizeTerm {
  return id.startsWith('_:')
    ? { termType: 'BlankNode', value: id.slice(2) }
    : { termType: 'NamedNode', value: id };
}

function isDouble(v: number): boolean {
  return String(v).indexOf('.') !== -1 || Math.abs(v) >= 1e21;
}

/** jsonld.js `_objectToRDF`, for the subset. */
function objectToRdf(
  item: Expanded,
  issuer: Issuer,
  dataset: RdfCanonizeQuad[],
  graph: RdfCanonizeTerm,
): RdfCanonizeTerm {
  if (isValue(item)) {
    let value = item['@value'];
    const datatype = (item['@type'] as string | undefined) ?? null;
    let lexical: string;
    let dt: string;
    if (typeof value === 'boolean') {
      lexical = value.toString();
      dt = datatype ?? XSD_BOOLEAN;
    } else if ((typeof value === 'number' && isDouble(value)) || datatype === XSD_DOUBLE) {
      if (typeof value !== 'number') value = Number.parseFloat(value as string);
      lexical = (value as number).toExponential(15).replace(/(\d)0*e\+?/, '$1E');
      dt = datatype ?? XSD_DOUBLE;
    } else if (typeof value === 'number') {
      lexical = value.toFixed(0);
      dt = datatype ?? XSD_INTEGER;
    } else {
      lexical = value as string;
      dt = datatype ?? XSD_STRING;
    }
    return { termType: 'Literal', value: lexical, datatype: { termType: 'NamedNode', value: dt } };
  }
  if (isList(item)) {
    const head = listToRdf(item['@list'] as Expanded[], issuer, dataset, graph);
    return { termType: head.termType, value: head.value };
  }
  return makeTerm(item['@id'] as string);
}

function listToRdf(
  list: Expanded[],
  issuer: Issuer,
  dataset: RdfCanonizeQuad[],
  graph: RdfCanonizeTerm,
): RdfCanonizeTerm {
  const items = list.slice();
  const last = items.pop();
  const result: RdfCanonizeTerm = last
    ? { termType: 'BlankNode', value: issuer.getId().slice(2) }
    : NIL;
  let subject = result;
  for (const item of items) {
    const object = objectToRdf(item, issuer, dataset, graph);
    const next: RdfCanonizeTerm = { termType: 'BlankNode', value: issuer.getId().slice(2) };
    dataset.push({ subject, predicate: FIRST, object, graph });
    dataset.push({ subject, predicate: REST, object: next, graph });
    subject = next;
  }
  if (last) {
    const object = objectToRdf(last, issuer, dataset, graph);
    dataset.push({ subject, predicate: FIRST, object, graph });
    dataset.push({ subject, predicate: REST, object: NIL, graph });
  }
  return result;
}

function graphToRdf(
  dataset: RdfCanonizeQuad[],
  graph: Record<string, Expanded>,
  graphTerm: RdfCanonizeTerm,
  issuer: Issuer,
): void {
  for (const id of Object.keys(graph).sort()) {
    const node = graph[id] as Expanded;
    for (const prop of Object.keys(node).sort()) {
      let property = prop;
      if (property === '@type') property = RDF_TYPE;
      else if (isKeyword(property)) continue;
      for (const item of node[prop] as unknown[]) {
        const subject = makeTerm(id);
        const predicate = makeTerm(property);
        const object =
          typeof item === 'string'
            ? makeTerm(item)
            : objectToRdf(item as Expanded, issuer, dataset, graphTerm);
        dataset.push({ subject, predicate, object, graph: graphTerm });
      }
    }
  }
}

/**
 * Convert a JSON-LD document to RDF quads without jsonld.js, when the document is within the
 * subset this path proves exact; `undefined` otherwise (the caller then uses jsonld.js).
 * Only for documents processed with loaders that serve the bundled contexts unchanged.
 */
export function fastDocumentToQuads(document: object): RdfCanonizeQuad[] | undefined {
  try {
    if (!isPlainObject(document) || !('@context' in document)) return undefined;
    const expanded = expand(initialContext(), null, document as Json, false, null);
    const issuer = new Issuer();
    const graphs: NodeMap = { '@default': {} };
    createNodeMap([expanded], graphs, '@default', issuer, undefined, undefined);
    const dataset: RdfCanonizeQuad[] = [];
    for (const graphName of Object.keys(graphs).sort()) {
      const graphTerm: RdfCanonizeTerm =
        graphName === '@default' ? { termType: 'DefaultGraph', value: '' } : makeTerm(graphName);
      graphToRdf(dataset, graphs[graphName] as Record<string, Expanded>, graphTerm, issuer);
    }
    return dataset;
  } catch (e) {
    if (e === BAIL) return undefined;
    // Anything unexpected (for example a stack overflow on deep input): let jsonld.js decide.
    return undefined;
  }
}

/** Expanded form (for differential tests against `jsonld.expand`). @internal */
export function fastExpand(document: object): unknown[] | undefined {
  try {
    if (!isPlainObject(document) || !('@context' in document)) return undefined;
    return [expand(initialContext(), null, document as Json, false, null)];
  } catch (e) {
    if (e === BAIL) return undefined;
    return undefined;
  }
}
