/**
 * RDFC-1.0 (RDF Dataset Canonicalization, SHA-256), with its total work bounded.
 *
 * RDFC-1.0 first hashes each blank node's quads with the node itself written `_:a` and every
 * other blank node `_:z` (the "Hash First Degree Quads" algorithm). Blank nodes whose hash is
 * unique are labelled `c14n0`, `c14n1`, ... in hash order; that is all a typical credential
 * needs. Nodes that share a hash go through the "Hash N-Degree Quads" algorithm, which explores
 * paths through the graph: every permutation of each group of related nodes, recursively, each
 * step copying the path's identifier issuer. On chains, cycles, cliques and symmetric graphs of
 * indistinguishable blank nodes this costs far more than the size of the input (quadratic time
 * and memory on a chain, factorial on a clique).
 *
 * This file and `rdfc-ndegree.ts` (the N-degree step, loaded only when some first-degree hash
 * is shared) are a port of rdf-canonize 5's `RDFC10Sync` (same steps, same order, same output:
 * differential tests hold it byte-identical to rdf-canonize) that charges every step to the
 * canonicalization's work budget (`work.ts`) before doing it: a quad serialized or visited, a
 * SHA-256 computation (by length), an identifier copied when a path's issuer is cloned, a node
 * of a permutation, characters of hash path built or compared. The weights make a unit cost
 * about the same time whatever the step, and memory grows only with the work done (issuer
 * copies and paths), so the budget bounds both; `node bench/run.mjs --only poison` measures
 * the worst graphs. rdf-canonize's own bound, the number of N-degree calls (`maxWorkFactor`:
 * at most `nonUniqueBlankNodes ** maxWorkFactor`), is kept as well, with the same default;
 * alone it bounds neither time nor memory (each call may copy an issuer as large as the graph).
 * The N-degree recursion runs on an explicit stack, so long paths cannot overflow the stack.
 *
 * @internal
 */
import type { RdfCanonizeQuad, RdfCanonizeTerm } from 'rdf-canonize';
import { LimitError } from '../errors.js';
import { sha256Hex } from '../internal/hash.js';
import { serializeQuadComponents } from './nquads.js';
import type { WorkBudget } from './work.js';

/* Units of work, weighted so that each costs about the same time (0.1 to 0.3 microseconds). */
/** Characters of a hash path built or compared that count as one unit. */
const PATH_CHARS_PER_UNIT = 64;
/** A quad serialized (first-degree hashing, relabelling) or visited (N-degree). */
const QUAD_UNITS = 2;
/** An identifier copied when a path's issuer is cloned. */
const CLONE_UNITS = 2;
/** A SHA-256 computation, plus one unit for every {@link HASH_CHARS_PER_UNIT} characters. */
const HASH_UNITS = 32;
const HASH_CHARS_PER_UNIT = 8;

/** Bounds on one canonicalization run. */
export interface RdfcBounds {
  /** rdf-canonize's bound: at most `nonUniqueBlankNodes ** maxWorkFactor` N-degree calls. */
  maxWorkFactor: number;
  /** The work budget, shared with the JSON-LD to RDF step (see the file header). */
  budget: WorkBudget;
}

const WHY =
  'hashing blank nodes: the document has too many indistinguishable blank nodes (a chain, cycle, clique or other symmetric graph of blank nodes)';

const A: RdfCanonizeTerm = { termType: 'BlankNode', value: 'a' };
const Z: RdfCanonizeTerm = { termType: 'BlankNode', value: 'z' };

/** rdf-canonize's `IdentifierIssuer`. */
export class Issuer {
  constructor(
    readonly prefix: string,
    readonly existing: Map<string, string> = new Map(),
    public counter = 0,
  ) {}
  clone(): Issuer {
    return new Issuer(this.prefix, new Map(this.existing), this.counter);
  }
  /** A new, empty issuer with another prefix. */
  fresh(prefix: string): Issuer {
    return new Issuer(prefix);
  }
  getId(old: string): string {
    const found = old === '' ? undefined : this.existing.get(old);
    if (found !== undefined) return found;
    const id = `${this.prefix}${this.counter++}`;
    if (old !== '') this.existing.set(old, id);
    return id;
  }
  hasId(old: string): boolean {
    return this.existing.has(old);
  }
}

/** The first-degree step's result: each blank node's quads and hash, in first-seen order. */
export interface FirstDegree {
  quads: Map<string, Set<RdfCanonizeQuad>>;
  hashes: Map<string, string>;
  /** Hash to the blank nodes that have it, in first-seen order. */
  byHash: Map<string, string[]>;
}

function track(info: Map<string, Set<RdfCanonizeQuad>>, quad: RdfCanonizeQuad, c: RdfCanonizeTerm) {
  if (c.termType !== 'BlankNode') return;
  const set = info.get(c.value);
  if (set === undefined) info.set(c.value, new Set([quad]));
  else set.add(quad);
}

function firstDegreeTerm(id: string, c: RdfCanonizeTerm): RdfCanonizeTerm {
  if (c.termType !== 'BlankNode') return c;
  return c.value === id ? A : Z;
}

/** Steps 2 and 5.3 of RDFC-1.0: blank node to quads map, first-degree hashes. */
function hashFirstDegree(dataset: RdfCanonizeQuad[], work: Work | undefined): FirstDegree {
  const quads = new Map<string, Set<RdfCanonizeQuad>>();
  for (const quad of dataset) {
    track(quads, quad, quad.subject);
    track(quads, quad, quad.object);
    track(quads, quad, quad.graph);
  }
  const hashes = new Map<string, string>();
  const byHash = new Map<string, string[]>();
  if (quads.size === 1) {
    // One blank node: its hash is unique whatever it is, so it is c14n0 (a credential's only
    // id-less node, a proof configuration's proof node): no hashing needed.
    const [id, set] = quads.entries().next().value as [string, Set<RdfCanonizeQuad>];
    work?.chargeQuads(set.size);
    byHash.set('', [id]);
    return { quads, hashes, byHash };
  }
  if (work) {
    // Before any hashing: every blank node's quads serialized and one hash each (the length of
    // what is hashed is charged as it is known).
    let pairs = 0;
    for (const set of quads.values()) pairs += set.size;
    work.chargeQuads(pairs, HASH_UNITS * quads.size);
  }
  for (const [id, set] of quads) {
    const lines: string[] = [];
    for (const q of set) {
      lines.push(
        serializeQuadComponents(
          firstDegreeTerm(id, q.subject),
          q.predicate,
          firstDegreeTerm(id, q.object),
          firstDegreeTerm(id, q.graph),
        ),
      );
    }
    lines.sort();
    const text = lines.join('');
    work?.chargeLength(text);
    const hash = sha256Hex(text);
    hashes.set(id, hash);
    const list = byHash.get(hash);
    if (list === undefined) byHash.set(hash, [id]);
    else list.push(id);
  }
  return { quads, hashes, byHash };
}

/** The budget of one run, with the charges of each step (and SHA-256, charged). */
export class Work {
  remainingDeepIterations = 0;
  maxDeepIterations = 0;
  constructor(readonly budget: WorkBudget) {}
  charge(units: number): void {
    this.budget.charge(units, WHY);
  }
  chargeQuads(quads: number, extra = 0): void {
    this.charge(QUAD_UNITS * quads + extra);
  }
  chargeClone(identifiers: number, extra = 0): void {
    this.charge(CLONE_UNITS * identifiers + extra);
  }
  chargePath(path: string): void {
    this.charge(Math.ceil(path.length / PATH_CHARS_PER_UNIT));
  }
  /** SHA-256 (hex) of `text`, charged by its length first. */
  hash(text: string): string {
    this.charge(HASH_UNITS);
    this.chargeLength(text);
    return sha256Hex(text);
  }
  /** The length part of hashing `text` (its fixed cost charged already). */
  chargeLength(text: string): void {
    this.charge(Math.ceil(text.length / HASH_CHARS_PER_UNIT));
  }
  /** rdf-canonize's bound on N-degree calls (maxWorkFactor) was reached. */
  deepIterationsExceeded(): LimitError {
    return new LimitError(
      'ERR_CANONIZE_LIMIT',
      `RDF canonicalization exceeded its work limit (Maximum deep iterations exceeded (${this.maxDeepIterations}).); the document has too many indistinguishable blank nodes. Raise maxWorkFactor only for trusted input.`,
      { limit: 'maxWorkFactor', max: this.maxDeepIterations },
    );
  }
}

/**
 * Canonical N-Quads of `dataset` by RDFC-1.0 (SHA-256), byte-identical to rdf-canonize 5, with
 * its work bounded.
 *
 * @throws LimitError `ERR_CANONIZE_LIMIT` (`details.limit` `maxCanonizeWork` or
 *   `maxWorkFactor`) before the work would pass a bound; `bounds.budget.used` then tells
 *   how far it got.
 */
export async function canonizeRdfc(
  dataset: RdfCanonizeQuad[],
  bounds: RdfcBounds,
): Promise<string> {
  const work = new Work(bounds.budget);
  work.charge(QUAD_UNITS * dataset.length);
  const info = hashFirstDegree(dataset, work);
  const canonical = new Issuer('c14n');
  const nonUnique: string[][] = [];
  for (const hash of [...info.byHash.keys()].sort()) {
    const ids = info.byHash.get(hash) as string[];
    if (ids.length > 1) nonUnique.push(ids);
    else canonical.getId(ids[0] as string);
  }
  if (nonUnique.length > 0) {
    // Loaded only when needed: typical credentials never have indistinguishable blank nodes.
    const { hashNonUnique } = await import('./rdfc-ndegree.js');
    hashNonUnique(info, canonical, nonUnique, work, bounds.maxWorkFactor);
  }
  return relabel(dataset, canonical);
}

/** The dataset with its blank nodes relabelled by the canonical issuer, as sorted N-Quads. */
function relabel(dataset: RdfCanonizeQuad[], canonical: Issuer): string {
  const term = (c: RdfCanonizeTerm): RdfCanonizeTerm =>
    // rdf-canonize leaves labels that already start with its prefix as they are.
    c.termType === 'BlankNode' && !c.value.startsWith('c14n')
      ? { termType: 'BlankNode', value: canonical.getId(c.value) }
      : c;
  const out: string[] = [];
  for (const q of dataset) {
    out.push(serializeQuadComponents(term(q.subject), q.predicate, term(q.object), term(q.graph)));
  }
  out.sort();
  return out.join('');
}

/**
 * Canonical N-Quads of `dataset` when every blank node's first-degree hash is unique (no
 * N-degree step needed), `undefined` otherwise. For tests of the first-degree step.
 */
export function canonizeUniqueHashes(dataset: RdfCanonizeQuad[]): string | undefined {
  for (const q of dataset) {
    for (const c of [q.subject, q.object, q.graph]) {
      if (c.termType === 'BlankNode' && c.value.startsWith('c14n')) return undefined;
    }
  }
  const { byHash } = hashFirstDegree(dataset, undefined);
  const canonical = new Issuer('c14n');
  for (const hash of [...byHash.keys()].sort()) {
    const ids = byHash.get(hash) as string[];
    if (ids.length > 1) return undefined;
    canonical.getId(ids[0] as string);
  }
  return relabel(dataset, canonical);
}
