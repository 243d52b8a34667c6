/**
 * Defence in depth for the compact-form rule: the members the checks read on a document node
 * (validity dates, issuer, holder, subject, status entries, refresh service, schemas, proofs and
 * their options) are read a second time from the RDF graph that was converted for the `jsonld`
 * check (the graph a proof signs), under the IRIs the checks mean by those names, and the two
 * readings must agree. A spelling the walk does not know, that puts a value on one of those
 * nodes where the JSON view does not see it (or the other way round), fails here.
 *
 * @internal
 */
import { isObject } from '../internal/json.js';
import type { Quad } from './quads.js';
import { READ_MEMBERS } from './read-terms.js';

/** How a member's values are compared. */
type Kind =
  | 'literal' // a string (or integer) value: the literal's lexical form
  | 'ref' // an IRI, or a node (object): its id, or a blank node
  | 'purpose' // a proof purpose term: the IRI it names
  | { node: Spec } // a node whose own members are compared too
  | { graph: Spec }; // a graph container (a proof): the node the graph holds

/** Members read on a node, and their IRIs (from READ_MEMBERS) by predicate. */
interface Spec {
  members: ReadonlyArray<readonly [string, Kind]>;
  byPredicate: ReadonlyMap<string, number>;
}

function spec(members: Record<string, Kind>): Spec {
  const list = Object.entries(members);
  const byPredicate = new Map<string, number>();
  list.forEach(([name], i) => {
    for (const iri of READ_MEMBERS.get(name) ?? []) byPredicate.set(iri, i);
  });
  return { members: list, byPredicate };
}

const STATUS_ENTRY = spec({
  statusPurpose: 'literal',
  statusListIndex: 'literal',
  statusListCredential: 'ref',
  statusSize: 'literal',
});

const PROOF = spec({
  cryptosuite: 'literal',
  proofPurpose: 'purpose',
  verificationMethod: 'ref',
  created: 'literal',
  expires: 'literal',
  challenge: 'literal',
  domain: 'literal',
  proofValue: 'literal',
});

/** What the checks read on a credential or presentation node. */
const DOCUMENT = spec({
  issuer: 'ref',
  holder: 'ref',
  validFrom: 'literal',
  validUntil: 'literal',
  issuanceDate: 'literal',
  expirationDate: 'literal',
  credentialSubject: 'ref',
  credentialSchema: 'ref',
  refreshService: 'ref',
  evidence: 'ref',
  endorsement: 'ref',
  credentialStatus: { node: STATUS_ENTRY },
  proof: { graph: PROOF },
});

const SEC = 'https://w3id.org/security#';
/** Proof purposes as the Data Integrity contexts define them. */
const PURPOSES: Readonly<Record<string, string>> = {
  assertionMethod: `${SEC}assertionMethod`,
  authentication: `${SEC}authenticationMethod`,
  capabilityInvocation: `${SEC}capabilityInvocationMethod`,
  capabilityDelegation: `${SEC}capabilityDelegationMethod`,
  keyAgreement: `${SEC}keyAgreementMethod`,
};

type Term = Quad['subject'];

/** A term as one string: `I` + IRI, `B` + blank node label, `L` + lexical form, `D`. */
function termKey(t: Term): string {
  if (t.termType === 'NamedNode') return `I${t.value}`;
  if (t.termType === 'BlankNode')
    return `B${t.value.startsWith('_:') ? t.value.slice(2) : t.value}`;
  if (t.termType === 'DefaultGraph') return 'D';
  return `L${t.value}`;
}

/** The values of one member, as comparable strings. */
type Values = Set<string>;

const NONE: Values = new Set();

function equal(a: Values, b: Values): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** True when `t` is the term a `termKey` names. */
function isTerm(t: Term, key: string): boolean {
  const kind = key.charCodeAt(0);
  if (kind === 73 /* I */)
    return t.termType === 'NamedNode' && t.value.length === key.length - 1 && key.endsWith(t.value);
  if (kind === 66 /* B */) return t.termType === 'BlankNode' && termKey(t) === key;
  return false;
}

class Reader {
  /** Quads by graph (`D` for the default graph). */
  readonly #graphs = new Map<string, Quad[]>();

  constructor(quads: readonly Quad[]) {
    for (const q of quads) {
      const g = q.graph.termType === 'DefaultGraph' ? 'D' : termKey(q.graph);
      const list = this.#graphs.get(g);
      if (list === undefined) this.#graphs.set(g, [q]);
      else list.push(q);
    }
  }

  /** The one node of a graph that no quad of it points to (a proof graph's proof node). */
  top(graph: string): string | undefined {
    const quads = this.#graphs.get(graph) ?? [];
    const objects = new Set<string>();
    for (const q of quads) objects.add(termKey(q.object));
    let top: string | undefined;
    for (const q of quads) {
      const s = termKey(q.subject);
      if (objects.has(s) || s === top) continue;
      if (top !== undefined) return undefined;
      top = s;
    }
    return top;
  }

  /** The JSON reading of one value. */
  fromJson(value: unknown, kind: Kind): string {
    if (kind === 'literal') {
      if (typeof value === 'string') return `L${value}`;
      if (typeof value === 'number' && Number.isInteger(value)) return `L${value.toFixed(0)}`;
      if (typeof value === 'boolean') return `L${value}`;
      return `?${JSON.stringify(value)}`;
    }
    if (kind === 'purpose') {
      return typeof value === 'string' && Object.hasOwn(PURPOSES, value)
        ? `I${PURPOSES[value]}`
        : `?${JSON.stringify(value)}`;
    }
    const ref =
      typeof value === 'string'
        ? `I${value}`
        : isObject(value)
          ? typeof value.id === 'string'
            ? `I${value.id}`
            : value.id === undefined
              ? 'B'
              : '?'
          : `?${JSON.stringify(value)}`;
    if (kind === 'ref') return ref;
    const node = isObject(value) ? value : {};
    if ('node' in kind) return `${ref}{${this.jsonMembers(node, kind.node)}}`;
    return `{${this.jsonMembers(node, kind.graph)}}`;
  }

  jsonValues(node: Record<string, unknown>, name: string, kind: Kind): Values {
    const v = node[name];
    if (v === undefined || v === null) return NONE;
    const values: Values = new Set();
    if (Array.isArray(v)) for (const item of v) values.add(this.fromJson(item, kind));
    else values.add(this.fromJson(v, kind));
    return values;
  }

  jsonMembers(node: Record<string, unknown>, s: Spec): string {
    return s.members
      .map(([name, kind]) => `${name}=[${[...this.jsonValues(node, name, kind)].sort()}]`)
      .join(';');
  }

  /** The objects of every member of `s` on `subject` in `graph`. */
  graphTerms(graph: string, subject: string, s: Spec): Term[][] {
    const out: Term[][] = s.members.map(() => []);
    for (const q of this.#graphs.get(graph) ?? []) {
      const i = s.byPredicate.get(q.predicate.value);
      if (i === undefined || q.predicate.termType !== 'NamedNode' || !isTerm(q.subject, subject)) {
        continue;
      }
      (out[i] as Term[]).push(q.object);
    }
    return out;
  }

  /** The graph's readings of every member of `s` on `subject` in `graph`. */
  graphValues(graph: string, subject: string, s: Spec): Values[] {
    const out: Values[] = new Array(s.members.length).fill(NONE);
    for (const q of this.#graphs.get(graph) ?? []) {
      const i = s.byPredicate.get(q.predicate.value);
      if (i === undefined || q.predicate.termType !== 'NamedNode' || !isTerm(q.subject, subject)) {
        continue;
      }
      if (out[i] === NONE) out[i] = new Set();
      (out[i] as Values).add(this.fromGraph(q.object, (s.members[i] as [string, Kind])[1], graph));
    }
    return out;
  }

  /** The graph's reading of one value (an RDF term), in `graph`. */
  fromGraph(term: Term, kind: Kind, graph: string): string {
    const key = termKey(term);
    if (kind === 'literal') return term.termType === 'Literal' ? key : `?${key}`;
    const ref = term.termType === 'BlankNode' ? 'B' : key;
    if (kind === 'ref' || kind === 'purpose') return ref;
    if ('node' in kind) return `${ref}{${this.graphMembers(graph, key, kind.node)}}`;
    // A graph container: the object is the graph's name; its node is the graph's top node.
    const top = term.termType === 'BlankNode' ? this.top(key) : undefined;
    return top === undefined ? '?' : `{${this.graphMembers(key, top, kind.graph)}}`;
  }

  graphMembers(graph: string, subject: string, s: Spec): string {
    const values = this.graphValues(graph, subject, s);
    return s.members.map(([name], i) => `${name}=[${[...(values[i] as Values)].sort()}]`).join(';');
  }
}

/** Where the JSON view and the graph disagree. */
export interface ReadViewMismatch {
  /** The member (`validUntil`, `proof`, ...). */
  member: string;
  /** Its JSON path. */
  path: string;
  /** Both readings. */
  message: string;
}

function mismatch(name: string, path: string, graph: Values, json: Values): ReadViewMismatch {
  return {
    member: name,
    path,
    message:
      `The signed graph and the JSON disagree on ${name}: the graph gives ` +
      `[${[...graph].sort().join(', ')}], the JSON [${[...json].sort().join(', ')}]`,
  };
}

/**
 * Compare the members of `spec` on one node: `json` read by name, `subject` in `graph` read by
 * IRI. A node or graph member with one value on each side is compared member by member (its
 * path then names the member that differs); several are compared as sets of readings.
 */
function compareNode(
  reader: Reader,
  json: Record<string, unknown>,
  graph: string,
  subject: string,
  s: Spec,
  path: string,
): ReadViewMismatch | undefined {
  const terms = reader.graphTerms(graph, subject, s);
  for (let i = 0; i < s.members.length; i++) {
    const [name, kind] = s.members[i] as [string, Kind];
    const found = terms[i] as Term[];
    const v = json[name];
    const at = `${path}.${name}`;
    const one = Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v;
    if (typeof kind === 'object' && found.length === 1 && isObject(one)) {
      const term = found[0] as Term;
      const inside = Array.isArray(v) ? `${at}[0]` : at;
      if ('node' in kind) {
        const ref = reader.fromJson(one, 'ref');
        if (ref !== (term.termType === 'BlankNode' ? 'B' : termKey(term))) {
          return mismatch(name, at, new Set([termKey(term)]), new Set([ref]));
        }
        const inner = compareNode(reader, one, graph, termKey(term), kind.node, inside);
        if (inner !== undefined) return inner;
        continue;
      }
      const top = term.termType === 'BlankNode' ? reader.top(termKey(term)) : undefined;
      if (top === undefined) return mismatch(name, at, new Set(['?']), new Set(['{...}']));
      const inner = compareNode(reader, one, termKey(term), top, kind.graph, inside);
      if (inner !== undefined) return inner;
      continue;
    }
    const mine = reader.jsonValues(json, name, kind);
    const signed: Values = new Set();
    for (const t of found) signed.add(reader.fromGraph(t, kind, graph));
    if (!equal(mine, signed)) return mismatch(name, at, signed, mine);
  }
  return undefined;
}

/**
 * Compare what the checks read on a credential's (or presentation's) own node with what the RDF
 * graph of the same document says there. `quads` must be the document's conversion (proofs
 * included, as named graphs); the document node is its `id`, or else the one node of the default
 * graph that nothing points to.
 */
export function compareReadView(
  document: Record<string, unknown>,
  quads: readonly Quad[],
): ReadViewMismatch | undefined {
  const reader = new Reader(quads);
  const subject = typeof document.id === 'string' ? `I${document.id}` : reader.top('D');
  if (subject === undefined) {
    return {
      member: 'id',
      path: '$',
      message:
        "The document's own node cannot be found in its graph (it has no id, and its graph has no single top node)",
    };
  }
  return compareNode(reader, document, 'D', subject, DOCUMENT, '$');
}
