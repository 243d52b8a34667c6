/**
 * Reading Open Badges 2.0 documents in the one spelling their context gives (internal).
 *
 * The checks read JSON members by their 2.0 term names (`revoked`, `recipient`, ...). A JSON-LD
 * processor reads the same document through its context: a member spelled another way (the full
 * IRI `https://w3id.org/openbadges#revoked`, the compact IRI `obi:revoked`, the alias `verify`
 * beside `verification`), or a term that a later context redefines, would make the checks and a
 * JSON-LD reader see different things. Such documents are refused.
 */

import { isObject, type JsonObject, joinPath } from '../internal/json.js';
import { BUNDLED_CONTEXTS } from '../jsonld/bundled.js';
import type { DocumentLoader } from '../jsonld/index.js';
import type { CheckResult } from '../verify/types.js';
import { OB2_CONTEXTS } from './detect.js';
import { OB2_CONTEXT_URL } from './types.js';

type TermMap = ReadonlyMap<string, string>;

interface Terms {
  terms: TermMap;
  prefixes: ReadonlyMap<string, string>;
  /** IRI -> the term names that spell it. */
  spellings: ReadonlyMap<string, ReadonlySet<string>>;
}

let cached: Terms | undefined;

/** term -> expanded IRI (or keyword) under the bundled Open Badges 2.0 context. */
function ob2Terms(): Terms {
  if (cached) return cached;
  // The bundled context itself (the document the document loader serves).
  const bundled = BUNDLED_CONTEXTS.get(OB2_CONTEXT_URL) as { '@context': Record<string, unknown> };
  const defs = bundled['@context'];
  const raw = new Map<string, string>();
  for (const [term, def] of Object.entries(defs)) {
    const id = typeof def === 'string' ? def : isObject(def) ? def['@id'] : undefined;
    if (typeof id === 'string') raw.set(term, id);
  }
  const prefixes = new Map<string, string>();
  for (const [term, id] of raw) if (/[#/]$/.test(id)) prefixes.set(term, id);
  const terms = new Map<string, string>();
  const expand = (value: string, depth = 0): string => {
    if (value.startsWith('@')) return value;
    const colon = value.indexOf(':');
    if (colon > 0) {
      const prefix = prefixes.get(value.slice(0, colon));
      return prefix ? prefix + value.slice(colon + 1) : value;
    }
    const next = raw.get(value);
    return next !== undefined && depth < 4 ? expand(next, depth + 1) : value;
  };
  const spellings = new Map<string, Set<string>>();
  for (const [term, id] of raw) {
    const iri = expand(id);
    terms.set(term, iri);
    if (prefixes.has(term)) continue;
    const set = spellings.get(iri) ?? new Set<string>();
    set.add(term);
    spellings.set(iri, set);
  }
  cached = { terms, prefixes, spellings };
  return cached;
}

/** The IRI (or keyword) a member name means under the 2.0 context; `undefined` when undefined. */
export function memberIri(key: string): string | undefined {
  const { terms, prefixes } = ob2Terms();
  const term = terms.get(key);
  if (term !== undefined) return term;
  if (key === '@id' || key === '@type') return key;
  const colon = key.indexOf(':');
  if (colon > 0) {
    const prefix = prefixes.get(key.slice(0, colon));
    if (prefix !== undefined) return prefix + key.slice(colon + 1);
    if (key.slice(colon + 1).startsWith('//')) return key;
  }
  return undefined;
}

/**
 * `jsonld` failures (`ob2_ambiguous_member`) for members of `node` spelled other than by the
 * term the 2.0 context gives their property (`obi:revoked` or the full IRI for `revoked`, `@id`
 * for `id`), and for members that mean the same IRI as another member (`verify` beside
 * `verification`).
 */
export function ambiguousMembers(node: JsonObject, path: string): CheckResult[] {
  const { spellings } = ob2Terms();
  const seen = new Map<string, string>();
  const out: CheckResult[] = [];
  for (const key of Object.keys(node)) {
    if (key.startsWith('@') && !['@context', '@id', '@type'].includes(key)) {
      // `@nest` (JSON-LD 1.1) lifts the members of its value into this node, `@graph`,
      // `@included` and `@reverse` state other things: none belongs in a 2.0 badge object.
      out.push({
        id: 'jsonld',
        outcome: 'fail',
        code: 'ob2_ambiguous_member',
        message: `"${key}" is a JSON-LD keyword a JSON reader does not follow (members under it would be read by a JSON-LD reader only)`,
        path: joinPath(path, key),
      });
      continue;
    }
    const iri = memberIri(key);
    if (iri === undefined) continue;
    const terms = spellings.get(iri);
    if (terms !== undefined && !terms.has(key)) {
      out.push({
        id: 'jsonld',
        outcome: 'fail',
        code: 'ob2_ambiguous_member',
        message: `"${key}" is the property ${[...terms].map((t) => `"${t}"`).join(' / ')} spelled another way; a JSON-LD reader sees it, a JSON reader does not`,
        path: joinPath(path, key),
      });
      continue;
    }
    const first = seen.get(iri);
    if (first !== undefined) {
      out.push({
        id: 'jsonld',
        outcome: 'fail',
        code: 'ob2_ambiguous_member',
        message: `"${first}" and "${key}" are the same property (${iri}); one document must give one value`,
        path: joinPath(path, key),
      });
    } else seen.set(iri, key);
  }
  return out;
}

/** The Open Badges 2.0 vocabulary namespace. */
const OBI = 'https://w3id.org/openbadges#';

/** Most nested (scoped) contexts followed when looking for aliases. */
const MAX_SCOPED_DEPTH = 4;

/** Most term definitions examined for one document's contexts (beyond: refused, unchecked). */
const MAX_DEFINITIONS = 5000;

/** Every IRI the 2.0 context defines, and its prefixes' IRIs. */
let knownIris: string[] | undefined;

/** What one document's alias search has examined. */
interface AliasSearch {
  left: number;
  /** Context URLs already examined. */
  seen: Set<string>;
}

/**
 * The definitions in `defs` (and the contexts scoped in them) that would let a document spell a
 * 2.0 property, class or keyword under another name: a term or prefix whose IRI is one the 2.0
 * context defines, lies in its `obi:` namespace, or begins one of its IRIs (a prefix), a keyword
 * alias, or an `@vocab` that begins one of its IRIs. Each as `"name" (IRI)`.
 */
async function aliasesIn(
  defs: Record<string, unknown>,
  loader: DocumentLoader,
  depth: number,
  search: AliasSearch,
): Promise<string[]> {
  const entries = Object.entries(defs);
  search.left -= entries.length;
  if (search.left < 0) return [`more than ${MAX_DEFINITIONS} term definitions`];
  const { terms, prefixes, spellings } = ob2Terms();
  knownIris ??= [...spellings.keys(), ...prefixes.values()];
  const known = knownIris;
  const local = new Map<string, string>();
  for (const [k, d] of entries) {
    const v = typeof d === 'string' ? d : isObject(d) ? (d['@id'] ?? d['@reverse']) : undefined;
    if (typeof v === 'string') local.set(k, v);
  }
  const expand = (value: string, seen = 0): string => {
    if (value.startsWith('@') || seen > 4) return value;
    const colon = value.indexOf(':');
    if (colon > 0) {
      const p = value.slice(0, colon);
      const rest = value.slice(colon + 1);
      if (rest.startsWith('//')) return value;
      const base = local.get(p) ?? prefixes.get(p);
      return base !== undefined ? expand(base, seen + 1) + rest : value;
    }
    const next = local.get(value) ?? terms.get(value);
    return next !== undefined ? expand(next, seen + 1) : value;
  };
  const found: string[] = [];
  const isOb2Iri = (iri: string) =>
    iri.startsWith('@') || iri.startsWith(OBI) || spellings.has(iri);
  const beginsOb2Iri = (iri: string) => iri.length > 0 && known.some((k) => k.startsWith(iri));
  /** The definitions of a nested context, each URL once. */
  const nested = async (value: unknown): Promise<string[]> => {
    if (depth >= MAX_SCOPED_DEPTH) return [];
    if (typeof value === 'string') {
      if (search.seen.has(value)) return [];
      search.seen.add(value);
    }
    const inner = await definitions(value, loader);
    return inner ? aliasesIn(inner, loader, depth + 1, search) : [];
  };
  for (const [k, d] of entries) {
    if (found.length > 0) break;
    if (k === '@vocab') {
      if (d !== null && (typeof d !== 'string' || beginsOb2Iri(expand(d)))) {
        found.push(`"@vocab" (${String(d)})`);
      }
      continue;
    }
    if (k === '@import') {
      found.push(...(await nested(d)));
      continue;
    }
    if (k.startsWith('@')) continue;
    const v = local.get(k);
    if (v !== undefined) {
      const iri = expand(v);
      const same = terms.get(k) === iri; // the 2.0 name for the 2.0 meaning
      if (
        !same &&
        iri !== '@context' &&
        (isOb2Iri(iri) || (/[#/:]$/.test(iri) && beginsOb2Iri(iri)))
      ) {
        found.push(`"${k}" (${iri})`);
      }
    }
    if (isObject(d) && d['@context'] !== undefined) {
      for (const scoped of Array.isArray(d['@context']) ? d['@context'] : [d['@context']]) {
        found.push(...(await nested(scoped)));
        if (found.length > 0) break;
      }
    }
  }
  return found;
}

/** True when the loader serves the context at `url` (bundled or given by the caller). */
async function loads(url: string, loader: DocumentLoader): Promise<boolean> {
  try {
    await loader(url);
    return true;
  } catch {
    return false;
  }
}

/** The term definitions a context value brings, when they can be known offline. */
async function definitions(
  value: unknown,
  loader: DocumentLoader,
): Promise<Record<string, unknown> | undefined> {
  if (isObject(value)) return value;
  if (typeof value !== 'string' || OB2_CONTEXTS.includes(value)) return undefined;
  try {
    const loaded = await loader(value);
    const doc = loaded.document as unknown;
    const ctx = isObject(doc) ? doc['@context'] : undefined;
    return isObject(ctx) ? ctx : undefined;
  } catch {
    // Unknown contexts are reported by the jsonld check.
    return undefined;
  }
}

/**
 * The `context` check of one badge object: at the top level (`top`), the Open Badges 2.0 context
 * must be named; anywhere, a context after it must not redefine one of its terms
 * (`ob2_context_redefines`).
 */
export async function checkContexts(
  node: JsonObject,
  path: string,
  top: boolean,
  loader: DocumentLoader,
): Promise<CheckResult[]> {
  const ctx = node['@context'];
  if (ctx === undefined) {
    return top
      ? [
          {
            id: 'context',
            outcome: 'fail',
            code: 'ob2_context_missing',
            message: `The document has no @context; an Open Badges 2.0 object names ${OB2_CONTEXT_URL}`,
            path,
          },
        ]
      : [];
  }
  const list = Array.isArray(ctx) ? ctx : [ctx];
  const out: CheckResult[] = [];
  const at = list.findIndex((c) => typeof c === 'string' && OB2_CONTEXTS.includes(c));
  if (top && at < 0) {
    out.push({
      id: 'context',
      outcome: 'fail',
      code: 'ob2_context_missing',
      message: `@context does not name the Open Badges 2.0 context ${OB2_CONTEXT_URL}`,
      path: `${path}["@context"]`,
    });
  }
  const { terms } = ob2Terms();
  const search: AliasSearch = { left: MAX_DEFINITIONS, seen: new Set() };
  for (let i = 0; i < list.length; i++) {
    if (i === at) continue;
    const where = Array.isArray(ctx) ? `${path}["@context"][${i}]` : `${path}["@context"]`;
    const entry = list[i];
    if (
      typeof entry === 'string' &&
      !OB2_CONTEXTS.includes(entry) &&
      !(await loads(entry, loader))
    ) {
      // Not bundled, never fetched: what it defines for the members the checks read (a second
      // name for revoked, expires, ...) is not known, so neither is what the document says.
      out.push({
        id: 'context',
        outcome: 'warn',
        code: 'context_unknown',
        message: `The context ${entry.slice(0, 200)} is not bundled (contexts are never fetched); what it defines for this object's members is not known`,
        path: where,
      });
      continue;
    }
    const defs = await definitions(entry, loader);
    if (!defs) continue;
    // Before or after the 2.0 context: a new name for a 2.0 property, class or keyword.
    const aliases = await aliasesIn(defs, loader, 0, search);
    if (aliases.length > 0) {
      out.push({
        id: 'context',
        outcome: 'fail',
        code: 'ob2_context_redefines',
        message: `A context beside the Open Badges 2.0 one gives another name to what it defines (${aliases
          .slice(0, 5)
          .join(', ')}); a JSON-LD reader would read members the checks do not`,
        path: where,
      });
      continue;
    }
    if (i < at) continue;
    const redefined = Object.keys(defs).filter((k) => terms.has(k));
    if (redefined.length > 0) {
      out.push({
        id: 'context',
        outcome: 'fail',
        code: 'ob2_context_redefines',
        message: `A context after the Open Badges 2.0 one redefines ${redefined
          .slice(0, 5)
          .map((k) => `"${k}"`)
          .join(', ')}; the document would mean something else to a JSON-LD reader`,
        path: Array.isArray(ctx) ? `${path}["@context"][${i}]` : `${path}["@context"]`,
      });
    }
  }
  return out;
}
