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
 * This file is a port of rdf-canonize 5's `RDFC10Sync` (same steps, same order, same output:
 * differential tests hold it byte-identical to rdf-canonize) that charges every step to one
 * budget of work units before doing it: a quad serialized or visited, a SHA-256 computation
 * (by length), an identifier copied when a path's issuer is cloned, a node of a permutation,
 * characters of hash path built or compared. The weights make a unit cost about the same time
 * whatever the step, and memory grows only with the work done (issuer copies and paths), so
 * the budget bounds both; `bench/run.mjs --only poison` measures them on the worst graphs.
 * rdf-canonize's own bound, the number of N-degree calls (`maxWorkFactor`: at most
 * `nonUniqueBlankNodes ** maxWorkFactor`), is kept as well, with the same default; alone it
 * bounds neither time nor memory (each call may copy an issuer as large as the graph).
 *
 * The N-degree recursion runs on an explicit stack (generators), so a long path of blank
 * nodes cannot overflow the call stack.
 *
 * @internal
 */
import type { RdfCanonizeQuad, RdfCanonizeTerm } from 'rdf-canonize';
import { LimitError } from '../errors.js';
import { sha256Hex } from '../internal/hash.js';
import { serializeQuadComponents } from './nquads.js';
import { WorkBudget } from './work.js';

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
class Issuer {
  constructor(
    readonly prefix: string,
    readonly existing: Map<string, string> = new Map(),
    public counter = 0,
  ) {}
  clone(): Issuer {
    return new Issuer(this.prefix, new Map(this.existing), this.counter);
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

/**
 * rdf-canonize's `Permuter`: the Steinhaus-Johnson-Trotter algorithm over the sorted list
 * (equal elements share a direction, exactly as there).
 */
class Permuter {
  private readonly current: string[];
  private readonly dir = new Map<string, boolean>();
  private done = false;
  constructor(list: string[]) {
    this.current = list.sort();
    for (const element of list) this.dir.set(element, true);
  }
  hasNext(): boolean {
    return !this.done;
  }
  next(): string[] {
    const { current, dir } = this;
    const rval = current.slice();
    let k: string | null = null;
    let pos = 0;
    const length = current.length;
    for (let i = 0; i < length; ++i) {
      const element = current[i] as string;
      const left = dir.get(element);
      if (
        (k === null || element > k) &&
        ((left && i > 0 && element > (current[i - 1] as string)) ||
          (!left && i < length - 1 && element > (current[i + 1] as string)))
      ) {
        k = element;
        pos = i;
      }
    }
    if (k === null) {
      this.done = true;
    } else {
      const swap = dir.get(k) ? pos - 1 : pos + 1;
      current[pos] = current[swap] as string;
      current[swap] = k;
      for (const element of current) {
        if (element > k) dir.set(element, !dir.get(element));
      }
    }
    return rval;
  }
}

/** The first-degree step's result: each blank node's quads and hash, in first-seen order. */
interface FirstDegree {
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
    work?.charge(set.size);
    byHash.set('', [id]);
    return { quads, hashes, byHash };
  }
  for (const [id, set] of quads) {
    work?.charge(QUAD_UNITS * set.size);
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
    work?.chargeHash(text);
    const hash = sha256Hex(text);
    hashes.set(id, hash);
    const list = byHash.get(hash);
    if (list === undefined) byHash.set(hash, [id]);
    else list.push(id);
  }
  return { quads, hashes, byHash };
}

/** The budget of one run, with the charges of each step. */
class Work {
  remainingDeepIterations = 0;
  maxDeepIterations = 0;
  constructor(readonly budget: WorkBudget) {}
  charge(units: number): void {
    this.budget.charge(units, WHY);
  }
  chargePath(path: string): void {
    this.charge(Math.ceil(path.length / PATH_CHARS_PER_UNIT));
  }
  chargeHash(text: string): void {
    this.charge(HASH_UNITS + Math.ceil(text.length / HASH_CHARS_PER_UNIT));
  }
}

/** What Hash N-Degree Quads returns. */
interface NDegreeResult {
  hash: string;
  issuer: Issuer;
}
/** One Hash N-Degree Quads call: yields the (node, issuer) of each recursive call. */
type NDegreeCall = Generator<[string, Issuer], NDegreeResult, NDegreeResult>;

class NDegree {
  constructor(
    readonly info: FirstDegree,
    readonly canonical: Issuer,
    readonly work: Work,
  ) {}

  /** 4.7 Hash Related Blank Node. */
  private hashRelated(
    related: string,
    quad: RdfCanonizeQuad,
    issuer: Issuer,
    position: 's' | 'o' | 'g',
  ): string {
    let id: string;
    if (this.canonical.hasId(related)) id = `_:${this.canonical.getId(related)}`;
    else if (issuer.hasId(related)) id = `_:${issuer.getId(related)}`;
    else id = this.info.hashes.get(related) as string;
    const predicate = position === 'g' ? '' : `<${quad.predicate.value}>`;
    const text = `${position}${predicate}${id}`;
    this.work.chargeHash(text);
    return sha256Hex(text);
  }

  private addRelated(
    map: Map<string, string[]>,
    quad: RdfCanonizeQuad,
    component: RdfCanonizeTerm,
    position: 's' | 'o' | 'g',
    id: string,
    issuer: Issuer,
  ): void {
    if (component.termType !== 'BlankNode' || component.value === id) return;
    const related = component.value;
    const hash = this.hashRelated(related, quad, issuer, position);
    const entries = map.get(hash);
    if (entries === undefined) map.set(hash, [related]);
    else entries.push(related);
  }

  /**
   * 4.8 Hash N-Degree Quads. The algorithm recurses once for each node of a path; here each
   * call is a generator that yields its recursive calls to a loop with an explicit stack, so a
   * path as long as the work bound allows cannot overflow the call stack.
   */
  hashNDegreeQuads(id: string, issuer: Issuer): NDegreeResult {
    const stack = [this.call(id, issuer)];
    let input: NDegreeResult | undefined;
    for (;;) {
      const top = stack[stack.length - 1] as NDegreeCall;
      const step = top.next(input as NDegreeResult);
      if (step.done) {
        stack.pop();
        if (stack.length === 0) return step.value;
        input = step.value;
      } else {
        stack.push(this.call(step.value[0], step.value[1]));
        input = undefined;
      }
    }
  }

  /** One call: counted against rdf-canonize's bound on deep iterations first. */
  private call(id: string, issuer: Issuer): NDegreeCall {
    const { work } = this;
    if (work.remainingDeepIterations === 0) {
      throw new LimitError(
        'ERR_CANONIZE_LIMIT',
        `RDF canonicalization exceeded its work limit (Maximum deep iterations exceeded (${work.maxDeepIterations}).); the document has too many indistinguishable blank nodes. Raise maxWorkFactor only for trusted input.`,
        { limit: 'maxWorkFactor', max: work.maxDeepIterations },
      );
    }
    work.remainingDeepIterations--;
    return this.hashNDegree(id, issuer);
  }

  private *hashNDegree(id: string, startIssuer: Issuer): NDegreeCall {
    const { work } = this;
    let issuer = startIssuer;
    const quads = this.info.quads.get(id) as Set<RdfCanonizeQuad>;
    work.charge(1 + QUAD_UNITS * quads.size);
    const hashToRelated = new Map<string, string[]>();
    for (const quad of quads) {
      this.addRelated(hashToRelated, quad, quad.subject, 's', id, issuer);
      this.addRelated(hashToRelated, quad, quad.object, 'o', id, issuer);
      this.addRelated(hashToRelated, quad, quad.graph, 'g', id, issuer);
    }
    const data: string[] = [];
    for (const hash of [...hashToRelated.keys()].sort()) {
      data.push(hash);
      let chosenPath = '';
      let chosenIssuer: Issuer | undefined;
      const permuter = new Permuter(hashToRelated.get(hash) as string[]);
      while (permuter.hasNext()) {
        const permutation = permuter.next();
        work.charge(CLONE_UNITS * issuer.existing.size + permutation.length);
        let issuerCopy = issuer.clone();
        let path = '';
        const recursionList: string[] = [];
        let skip = false;
        for (const related of permutation) {
          if (this.canonical.hasId(related)) {
            path += `_:${this.canonical.getId(related)}`;
          } else {
            if (!issuerCopy.hasId(related)) recursionList.push(related);
            path += `_:${issuerCopy.getId(related)}`;
          }
          if (chosenPath.length !== 0) {
            work.chargePath(path);
            if (path > chosenPath) {
              skip = true;
              break;
            }
          }
        }
        if (skip) continue;
        for (const related of recursionList) {
          const result: NDegreeResult = yield [related, issuerCopy];
          path += `_:${issuerCopy.getId(related)}`;
          path += `<${result.hash}>`;
          issuerCopy = result.issuer;
          work.chargePath(path);
          if (chosenPath.length !== 0 && path > chosenPath) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        if (chosenPath.length === 0 || path < chosenPath) {
          chosenPath = path;
          chosenIssuer = issuerCopy;
        }
      }
      data.push(chosenPath);
      issuer = chosenIssuer as Issuer;
    }
    const text = data.join('');
    work.chargeHash(text);
    return { hash: sha256Hex(text), issuer };
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
export function canonizeRdfc(dataset: RdfCanonizeQuad[], bounds: RdfcBounds): string {
  return run(dataset, bounds, new Work(bounds.budget));
}

function run(dataset: RdfCanonizeQuad[], bounds: RdfcBounds, work: Work): string {
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
    const factor = bounds.maxWorkFactor;
    let max: number;
    if (factor === 0) max = 0;
    else if (factor === Number.POSITIVE_INFINITY) max = factor;
    else max = nonUnique.reduce((n, ids) => n + ids.length, 0) ** factor;
    if (max > Number.MAX_SAFE_INTEGER) max = Number.POSITIVE_INFINITY;
    work.maxDeepIterations = max;
    work.remainingDeepIterations = max;
    const nDegree = new NDegree(info, canonical, work);
    for (const ids of nonUnique) {
      const results: NDegreeResult[] = [];
      for (const id of ids) {
        if (canonical.hasId(id)) continue;
        const issuer = new Issuer('b');
        issuer.getId(id);
        results.push(nDegree.hashNDegreeQuads(id, issuer));
      }
      results.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
      for (const result of results) {
        for (const old of result.issuer.existing.keys()) canonical.getId(old);
      }
    }
  }
  const relabel = (c: RdfCanonizeTerm): RdfCanonizeTerm =>
    c.termType === 'BlankNode' && !c.value.startsWith('c14n')
      ? { termType: 'BlankNode', value: canonical.getId(c.value) }
      : c;
  const out: string[] = [];
  for (const q of dataset) {
    out.push(
      serializeQuadComponents(relabel(q.subject), q.predicate, relabel(q.object), relabel(q.graph)),
    );
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
  for (const ids of byHash.values()) if (ids.length > 1) return undefined;
  return canonizeRdfc(dataset, {
    maxWorkFactor: 0,
    budget: new WorkBudget(Number.POSITIVE_INFINITY),
  });
}
