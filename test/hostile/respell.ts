/**
 * Re-spellings: every way JSON-LD allows to write a member (or a type) of a signed document
 * that leaves its RDF graph, and so its proof, as it was. Each generator is honest: a variant is
 * kept only when the reference stack (jsonld.js + rdf-canonize, in safe mode) gives it the
 * canonical form of the original (see `sameGraph`); the suites assert how many survive, so a
 * generator that produced nothing would fail.
 */
import jsonld from 'jsonld';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import type { VerificationReport } from '../../src/verify/index.js';
import type { Loose } from './helpers.js';

const CRED = 'https://www.w3.org/2018/credentials#';
const SEC = 'https://w3id.org/security#';
const STATUS = 'https://www.w3.org/ns/credentials/status#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';

/** What JSON-LD makes of a member: its IRI and how its term types its value. */
export interface MemberInfo {
  iri: string;
  /** A datatype IRI, `@id` (the value is an IRI or a node) or `@vocab` (a vocabulary term). */
  coerce?: string;
  /** The member is a graph container (`proof`). */
  graph?: boolean;
}

/** The members the checks read, as the bundled contexts define them (written out by hand). */
export const MEMBERS: Readonly<Record<string, MemberInfo>> = {
  issuer: { iri: `${CRED}issuer`, coerce: '@id' },
  holder: { iri: `${CRED}holder`, coerce: '@id' },
  validFrom: { iri: `${CRED}validFrom`, coerce: `${XSD}dateTime` },
  validUntil: { iri: `${CRED}validUntil`, coerce: `${XSD}dateTime` },
  issuanceDate: { iri: `${CRED}issuanceDate`, coerce: `${XSD}dateTime` },
  expirationDate: { iri: `${CRED}expirationDate`, coerce: `${XSD}dateTime` },
  credentialSubject: { iri: `${CRED}credentialSubject`, coerce: '@id' },
  credentialStatus: { iri: `${CRED}credentialStatus`, coerce: '@id' },
  proof: { iri: `${SEC}proof`, coerce: '@id', graph: true },
  statusPurpose: { iri: `${STATUS}statusPurpose` },
  statusListIndex: { iri: `${STATUS}statusListIndex` },
  statusListCredential: { iri: `${STATUS}statusListCredential`, coerce: '@id' },
  cryptosuite: { iri: `${SEC}cryptosuite`, coerce: `${SEC}cryptosuiteString` },
  proofPurpose: { iri: `${SEC}proofPurpose`, coerce: '@vocab' },
  verificationMethod: { iri: `${SEC}verificationMethod`, coerce: '@id' },
  created: { iri: 'http://purl.org/dc/terms/created', coerce: `${XSD}dateTime` },
  expires: { iri: `${SEC}expiration`, coerce: `${XSD}dateTime` },
  challenge: { iri: `${SEC}challenge` },
  domain: { iri: `${SEC}domain` },
  proofValue: { iri: `${SEC}proofValue`, coerce: `${SEC}multibase` },
  achievement: { iri: `${OB}achievement`, coerce: '@id' },
  credentialSchema: { iri: `${CRED}credentialSchema`, coerce: '@id' },
  evidence: { iri: `${CRED}evidence`, coerce: '@id' },
  identifier: { iri: `${OB}identifier` },
  identityHash: { iri: `${OB}identityHash` },
  identityType: { iri: `${OB}identityType` },
  hashed: { iri: `${OB}hashed`, coerce: `${XSD}boolean` },
  salt: { iri: `${OB}salt` },
  result: { iri: `${OB}result` },
  criteria: { iri: `${OB}Criteria`, coerce: '@id' },
  narrative: { iri: `${OB}narrative` },
  parentOrg: { iri: `${OB}parentOrg`, coerce: '@id' },
};

/** Vocabulary terms used as values (`proofPurpose`) and types, with their IRIs. */
export const VOCAB: Readonly<Record<string, string>> = {
  assertionMethod: `${SEC}assertionMethod`,
  authentication: `${SEC}authenticationMethod`,
  VerifiableCredential: `${CRED}VerifiableCredential`,
  VerifiablePresentation: `${CRED}VerifiablePresentation`,
  OpenBadgeCredential: `${OB}OpenBadgeCredential`,
  EndorsementCredential: `${OB}EndorsementCredential`,
  AchievementSubject: `${OB}AchievementSubject`,
  Profile: `${OB}Profile`,
  DataIntegrityProof: `${SEC}DataIntegrityProof`,
  BitstringStatusListEntry: `${STATUS}BitstringStatusListEntry`,
};

/** One re-spelled copy of a document. */
export interface Respelling {
  label: string;
  doc: Loose;
  /** True when the result is still the one compact form (it must then verify the same). */
  compact: boolean;
}

export type Path = Array<string | number>;

function at(root: Loose, path: Path): Loose {
  let v = root;
  for (const k of path) v = v[k];
  return v;
}

function show(path: Path, key?: string): string {
  const all = key === undefined ? path : [...path, key];
  return all.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${k}`), '$');
}

/** The value written out so that it means the same without the term's typing. */
function explicit(value: Loose, info: MemberInfo): Loose {
  if (Array.isArray(value)) return value.map((v) => explicit(v, info));
  if (info.graph) return { '@graph': value };
  if (typeof value !== 'string') return value;
  if (info.coerce === '@id') return { id: value };
  if (info.coerce === '@vocab') return { id: VOCAB[value] ?? value };
  if (info.coerce !== undefined) return { '@value': value, '@type': info.coerce };
  return value;
}

/** Where the namespace of an IRI ends (after its last `#` or `/`). */
function split(iri: string): [string, string] {
  const i = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
  return [iri.slice(0, i), iri.slice(i)];
}

/** Add a context object to a document's (top-level) `@context`. */
function addContext(doc: Loose, ctx: Record<string, unknown>): void {
  const c = doc['@context'];
  doc['@context'] = Array.isArray(c) ? [...c, ctx] : [c, ctx];
}

/** Replace `key` of the object at `path` by `newKey` (keeping the key order), with `value`. */
function rename(node: Loose, key: string, newKey: string, value: Loose): void {
  const entries = Object.entries(node).map(([k, v]) => (k === key ? [newKey, value] : [k, v]));
  for (const k of Object.keys(node)) delete node[k];
  for (const [k, v] of entries) node[k as string] = v;
}

/**
 * Every spelling of member `key` of the object at `path` (in the document's graph), with `info`
 * telling what JSON-LD makes of it. `docId` is the id of the node, when merging into it through
 * another node object is possible.
 */
export function respellMember(doc: Loose, path: Path, key: string): Respelling[] {
  const info = MEMBERS[key];
  if (info === undefined) throw new Error(`no MemberInfo for ${key}`);
  const out: Respelling[] = [];
  const where = show(path, key);
  const variant = (label: string, compact: boolean, edit: (copy: Loose, node: Loose) => void) => {
    const copy = structuredClone(doc);
    edit(copy, at(copy, path));
    out.push({ label: `${where}: ${label}`, doc: copy, compact });
  };
  const value = at(doc, path)[key];
  const [ns, local] = split(info.iri);

  variant('full IRI', false, (_c, n) => rename(n, key, info.iri, explicit(value, info)));
  variant('compact IRI through an inline prefix', false, (c, n) => {
    addContext(c, { xp: ns });
    rename(n, key, `xp:${local}`, explicit(value, info));
  });
  variant('alias in an inline context', false, (c, n) => {
    const def: Record<string, unknown> = { '@id': info.iri };
    if (info.coerce) def['@type'] = info.coerce;
    if (info.graph) def['@container'] = '@graph';
    addContext(c, { renamedMember: def });
    rename(n, key, 'renamedMember', value);
  });
  if (path.length > 0) {
    variant('alias in a context embedded in the node', false, (_c, n) => {
      const def: Record<string, unknown> = { '@id': info.iri };
      if (info.coerce) def['@type'] = info.coerce;
      if (info.graph) def['@container'] = '@graph';
      rename(n, key, 'renamedMember', value);
      n['@context'] = { renamedMember: def };
    });
  }
  variant('vocabulary-relative name through an inline @vocab', false, (c, n) => {
    // A suffix shorter than the member's own name (else it would be that term again).
    const cut = info.iri.length - Math.max(1, Math.min(4, local.length - 1));
    addContext(c, { '@vocab': info.iri.slice(0, cut) });
    rename(n, key, info.iri.slice(cut), explicit(value, info));
  });
  variant('second spelling beside the first (same value)', false, (_c, n) => {
    n[info.iri] = explicit(value, info);
  });
  variant('inside @nest', false, (_c, n) => {
    delete n[key];
    n['@nest'] = { ...(n['@nest'] ?? {}), [key]: value };
  });
  if (typeof value === 'string' && info.coerce !== undefined && !info.graph) {
    if (info.coerce === '@id') {
      // Compact, except where verification reads one IRI string (a key, a list URL).
      const compact = key !== 'verificationMethod' && key !== 'statusListCredential';
      variant(`node reference { id }${compact ? ' (compact)' : ''}`, compact, (_c, n) => {
        n[key] = { id: value };
      });
      variant('node reference { "@id" }', false, (_c, n) => {
        n[key] = { '@id': value };
      });
    } else if (info.coerce === '@vocab') {
      variant('term written as its IRI', false, (_c, n) => {
        n[key] = VOCAB[value] ?? value;
      });
    } else {
      variant('typed value object', false, (_c, n) => {
        n[key] = { '@value': value, '@type': info.coerce };
      });
    }
  }
  if (typeof value === 'string' && info.coerce === undefined) {
    variant('value object', false, (_c, n) => {
      n[key] = { '@value': value };
    });
  }
  const node = at(doc, path);
  if (typeof node.id === 'string' && !info.graph) {
    // Another node object with the same id: its members are this node's in the graph.
    variant('moved to another node object with the same id (@included)', false, (c, n) => {
      delete n[key];
      c['@included'] = [
        ...(c['@included'] ?? []),
        { id: node.id, [info.iri]: explicit(value, info) },
      ];
    });
    const objects = (Array.isArray(value) ? value : [value]).filter(
      (v: Loose) => v !== null && typeof v === 'object' && typeof v.id === 'string',
    );
    if (info.coerce === '@id' && objects.length > 0) {
      variant('turned around with @reverse', false, (c, n) => {
        delete n[key];
        c['@included'] = [
          ...(c['@included'] ?? []),
          ...objects.map((o: Loose) => ({ ...o, '@reverse': { [info.iri]: { id: node.id } } })),
        ];
      });
    }
  }
  return out;
}

/** Spellings of the node's id and type keys, and of its types. */
export function respellNode(doc: Loose, path: Path): Respelling[] {
  const out: Respelling[] = [];
  const node = at(doc, path);
  const variant = (label: string, compact: boolean, edit: (copy: Loose, n: Loose) => void) => {
    const copy = structuredClone(doc);
    edit(copy, at(copy, path));
    out.push({ label: `${show(path)}: ${label}`, doc: copy, compact });
  };
  if (node.type !== undefined) {
    variant('"@type" for "type"', false, (_c, n) => rename(n, 'type', '@type', node.type));
    const types: string[] = Array.isArray(node.type) ? node.type : [node.type];
    types.forEach((t, i) => {
      if (!VOCAB[t]) return;
      variant(`type ${t} written as its IRI`, false, (_c, n) => {
        n.type = types.map((x, j) => (j === i ? VOCAB[t] : x));
      });
    });
  }
  if (typeof node.id === 'string') {
    variant('"@id" for "id"', false, (_c, n) => rename(n, 'id', '@id', node.id));
  }
  return out;
}

/** Spellings of the whole document: under a top-level `@graph`. */
export function respellDocument(doc: Loose): Respelling[] {
  const { '@context': context, ...rest } = structuredClone(doc);
  return [
    {
      label: '$: under a top-level @graph',
      doc: { '@context': context, '@graph': [rest] },
      compact: false,
    },
  ];
}

/**
 * All spellings of a document: each member of `MEMBERS` on each node listed, each node's id and
 * types, and the whole document.
 */
export function respellAll(doc: Loose, nodes: Path[]): Respelling[] {
  const out: Respelling[] = [];
  for (const path of nodes) {
    const node = at(doc, path);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    for (const key of Object.keys(node)) {
      if (MEMBERS[key] !== undefined) out.push(...respellMember(doc, path, key));
    }
    out.push(...respellNode(doc, path));
  }
  if (nodes.some((p) => p.length === 0)) out.push(...respellDocument(doc));
  return out;
}

const referenceLoader = createDocumentLoader();

/** The reference stack's RDFC-1.0 canonical form (jsonld.js + rdf-canonize), in safe mode. */
export async function referenceCanonical(doc: object): Promise<string | undefined> {
  try {
    return (await jsonld.canonize(doc, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      safe: true,
      documentLoader: referenceLoader,
    } as never)) as unknown as string;
  } catch {
    return undefined;
  }
}

/** The variants the reference stack gives the same canonical form as `doc` (proofs included). */
export async function sameGraph(doc: Loose, variants: Respelling[]): Promise<Respelling[]> {
  const original = await referenceCanonical(doc);
  if (original === undefined) throw new Error('the original does not canonicalize');
  const kept: Respelling[] = [];
  for (const v of variants) {
    if ((await referenceCanonical(v.doc)) === original) kept.push(v);
  }
  return kept;
}

/** Codes of the compact-form rule and of its graph comparison. */
export const REFUSALS = [
  'jsonld_not_compact',
  'jsonld_context_unsupported',
  'jsonld_graph_mismatch',
];

/** True when the report (or a nested one) refuses the document under the compact-form rule. */
export function refused(report: VerificationReport): boolean {
  for (const c of report.checks) {
    if (c.outcome !== 'fail') continue;
    if (c.code !== undefined && REFUSALS.includes(c.code)) return true;
    if (c.message !== undefined && REFUSALS.some((r) => c.message?.includes(r))) return true;
  }
  const nested = [
    ...(report.endorsements ?? []),
    ...(report.credentials ?? []),
    ...(report.refreshed ? [report.refreshed] : []),
  ];
  return nested.some(refused);
}
