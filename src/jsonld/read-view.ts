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
  | 'literal' // a string (or number) value: the literal's lexical form
  | 'ref' // an IRI, or a node (object): its id, or a blank node
  | 'purpose' // a proof purpose term: the IRI it names
  | { node: Spec } // a node whose own members are compared too
  | { graph: Spec }; // a graph container (a proof): the node the graph holds
type Spec = Readonly<Record<string, Kind>>;

const STATUS_ENTRY: Spec = {
  statusPurpose: 'literal',
  statusListIndex: 'literal',
  statusListCredential: 'ref',
  statusSize: 'literal',
};

const PROOF: Spec = {
  cryptosuite: 'literal',
  proofPurpose: 'purpose',
  verificationMethod: 'ref',
  created: 'literal',
  expires: 'literal',
  challenge: 'literal',
  domain: 'literal',
  proofValue: 'literal',
};

/** What the checks read on a credential or presentation node. */
const DOCUMENT: Spec = {
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
};

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

function termKey(t: Term): string {
  if (t.termType === 'NamedNode') return `I${t.value}`;
  if (t.termType === 'BlankNode')
    return `B${t.value.startsWith('_:') ? t.value.slice(2) : t.value}`;
  if (t.termType === 'DefaultGraph') return 'D';
  return `L${t.value}`;
}

/** Quads by graph and subject. */
class Graph {
  readonly #index = new Map<string, Quad[]>();
  constructor(quads: readonly Quad[]) {
    for (const q of quads) {
      const k = `${termKey(q.graph)} ${termKey(q.subject)}`;
      const list = this.#index.get(k);
      if (list === undefined) this.#index.set(k, [q]);
      else list.push(q);
    }
  }
  about(graph: string, subject: string): readonly Quad[] {
    return this.#index.get(`${graph} ${subject}`) ?? [];
  }
  /** The one node of a graph that no quad of it points to (a proof graph's proof node). */
  top(graph: string, quads: readonly Quad[]): string | undefined {
    const subjects = new Set<string>();
    const objects = new Set<string>();
    for (const q of quads) {
      if (termKey(q.graph) !== graph) continue;
      subjects.add(termKey(q.subject));
      objects.add(termKey(q.object));
    }
    const tops = [...subjects].filter((s) => !objects.has(s));
    return tops.length === 1 ? tops[0] : undefined;
  }
}

function sorted(values: Set<string>): string {
  return [...values].sort().join(', ');
}

class Reader {
  readonly graph: Graph;
  constructor(readonly quads: readonly Quad[]) {
    this.graph = new Graph(quads);
  }

  /** The JSON reading of a member's value. */
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
    const spec = 'node' in kind ? kind.node : kind.graph;
    const members = this.jsonMembers(isObject(value) ? value : {}, spec);
    return 'node' in kind ? `${ref}{${members}}` : `{${members}}`;
  }

  jsonMembers(node: Record<string, unknown>, spec: Spec): string {
    const parts: string[] = [];
    for (const [name, kind] of Object.entries(spec)) {
      const v = node[name];
      const values = new Set<string>();
      if (v !== undefined && v !== null) {
        for (const item of Array.isArray(v) ? v : [v]) values.add(this.fromJson(item, kind));
      }
      parts.push(`${name}=[${sorted(values)}]`);
    }
    return parts.join(';');
  }

  /** The graph's reading of a member's value (an RDF term), in `graph`. */
  fromGraph(term: Term, kind: Kind, graph: string): string {
    const key = termKey(term);
    if (kind === 'literal') return term.termType === 'Literal' ? key : `?${key}`;
    const ref = term.termType === 'BlankNode' ? 'B' : key;
    if (kind === 'ref' || kind === 'purpose') return ref;
    if ('node' in kind) return `${ref}{${this.graphMembers(graph, key, kind.node)}}`;
    // A graph container: the object is the graph's name; its node is the graph's top node.
    const top = term.termType === 'BlankNode' ? this.graph.top(key, this.quads) : undefined;
    return top === undefined ? '?' : `{${this.graphMembers(key, top, kind.graph)}}`;
  }

  graphMembers(graph: string, subject: string, spec: Spec): string {
    const quads = this.graph.about(graph, subject);
    const parts: string[] = [];
    for (const [name, kind] of Object.entries(spec)) {
      parts.push(`${name}=[${sorted(this.graphValues(quads, name, kind, graph))}]`);
    }
    return parts.join(';');
  }

  graphValues(quads: readonly Quad[], name: string, kind: Kind, graph: string): Set<string> {
    const iris = READ_MEMBERS.get(name) ?? [];
    const values = new Set<string>();
    for (const q of quads) {
      if (q.predicate.termType === 'NamedNode' && iris.includes(q.predicate.value)) {
        values.add(this.fromGraph(q.object, kind, graph));
      }
    }
    return values;
  }
}

/** Where the JSON view and the graph disagree. */
export interface ReadViewMismatch {
  /** The member of the document node (`validUntil`, `proof`, ...). */
  member: string;
  /** Its JSON path. */
  path: string;
  /** Both readings. */
  message: string;
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
  const subject =
    typeof document.id === 'string' ? `I${document.id}` : reader.graph.top('D', quads);
  if (subject === undefined) {
    return {
      member: 'id',
      path: '$',
      message:
        "The document's own node cannot be found in its graph (it has no id, and its graph has no single top node)",
    };
  }
  const about = reader.graph.about('D', subject);
  for (const [name, kind] of Object.entries(DOCUMENT)) {
    const v = document[name];
    const json = new Set<string>();
    if (v !== undefined && v !== null) {
      for (const item of Array.isArray(v) ? v : [v]) json.add(reader.fromJson(item, kind));
    }
    const graph = reader.graphValues(about, name, kind, 'D');
    if (json.size === graph.size && [...json].every((x) => graph.has(x))) continue;
    return {
      member: name,
      path: `$.${name}`,
      message:
        `The signed graph and the JSON disagree on ${name}: the graph gives [${sorted(graph)}], ` +
        `the JSON [${sorted(json)}]`,
    };
  }
  return undefined;
}
