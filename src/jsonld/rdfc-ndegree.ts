/**
 * RDFC-1.0's N-degree step (sections 4.7 and 4.8): only datasets with blank nodes that share
 * a first-degree hash need it, so it is loaded on first use. Every step is charged to the run's
 * work budget before it is done; see `fast-rdfc.ts`.
 *
 * @internal
 */
import type { RdfCanonizeQuad, RdfCanonizeTerm } from 'rdf-canonize';
import type { FirstDegree, Issuer, Work } from './fast-rdfc.js';

// No value imports: what this lazily loaded module needs comes from the work object (hashing,
// issuers, errors), so bundlers do not hoist shared code into the chunks every bundle loads.

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
    return this.work.hash(text);
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
    if (work.remainingDeepIterations === 0) throw work.deepIterationsExceeded();
    work.remainingDeepIterations--;
    return this.hashNDegree(id, issuer);
  }

  private *hashNDegree(id: string, startIssuer: Issuer): NDegreeCall {
    const { work } = this;
    let issuer = startIssuer;
    const quads = this.info.quads.get(id) as Set<RdfCanonizeQuad>;
    work.chargeQuads(quads.size, 1);
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
        work.chargeClone(issuer.existing.size, permutation.length);
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
    return { hash: work.hash(data.join('')), issuer };
  }
}

/**
 * Issue canonical identifiers to the blank nodes of `nonUnique` (lists of nodes sharing a
 * first-degree hash, in hash order), as RDFC-1.0 step 6 does, within rdf-canonize's bound on
 * N-degree calls (`nonUniqueBlankNodes ** maxWorkFactor`) and the work budget.
 */
export function hashNonUnique(
  info: FirstDegree,
  canonical: Issuer,
  nonUnique: string[][],
  work: Work,
  maxWorkFactor: number,
): void {
  let max: number;
  if (maxWorkFactor === 0) max = 0;
  else if (maxWorkFactor === Number.POSITIVE_INFINITY) max = maxWorkFactor;
  else max = nonUnique.reduce((n, ids) => n + ids.length, 0) ** maxWorkFactor;
  if (max > Number.MAX_SAFE_INTEGER) max = Number.POSITIVE_INFINITY;
  work.maxDeepIterations = max;
  work.remainingDeepIterations = max;
  const nDegree = new NDegree(info, canonical, work);
  for (const ids of nonUnique) {
    const results: NDegreeResult[] = [];
    for (const id of ids) {
      if (canonical.hasId(id)) continue;
      const issuer = canonical.fresh('b');
      issuer.getId(id);
      results.push(nDegree.hashNDegreeQuads(id, issuer));
    }
    results.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    for (const result of results) {
      for (const old of result.issuer.existing.keys()) canonical.getId(old);
    }
  }
}
