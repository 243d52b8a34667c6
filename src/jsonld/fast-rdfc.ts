/**
 * RDFC-1.0 for the common case: every blank node has a unique first-degree hash.
 *
 * RDFC-1.0 (and rdf-canonize's `RDFC10.main`) first hashes each blank node's quads with the
 * node itself written `_:a` and every other blank node `_:z` (the "Hash First Degree Quads"
 * algorithm). Blank nodes whose hash is unique are labelled `c14n0`, `c14n1`, ... in hash
 * order; only nodes that share a hash need the (costly) N-degree algorithm. Credentials almost
 * never have such nodes, so this file does the first step exactly as rdf-canonize does, and
 * returns `undefined` when any hash is shared: the caller then runs rdf-canonize on the same
 * dataset. The quads are serialized exactly as rdf-canonize does (`nquads.ts`).
 *
 * @internal
 */
import type { RdfCanonizeQuad, RdfCanonizeTerm } from 'rdf-canonize';
import { sha256Hex } from '../internal/hash.js';
import { serializeQuadComponents } from './nquads.js';

const RESERVED = Symbol('c14n label in input');
const A: RdfCanonizeTerm = { termType: 'BlankNode', value: 'a' };
const Z: RdfCanonizeTerm = { termType: 'BlankNode', value: 'z' };

function firstDegree(id: string, c: RdfCanonizeTerm): RdfCanonizeTerm {
  if (c.termType !== 'BlankNode') return c;
  return c.value === id ? A : Z;
}

function track(info: Map<string, Set<RdfCanonizeQuad>>, quad: RdfCanonizeQuad, c: RdfCanonizeTerm) {
  if (c.termType !== 'BlankNode') return;
  // rdf-canonize leaves labels that already start with its prefix alone: not our case.
  if (c.value.startsWith('c14n')) throw RESERVED;
  const set = info.get(c.value);
  if (set === undefined) info.set(c.value, new Set([quad]));
  else set.add(quad);
}

/**
 * Canonical N-Quads of `dataset` by RDFC-1.0 (SHA-256), or `undefined` when two blank nodes
 * share a first-degree hash (then rdf-canonize must decide).
 */
export function canonizeUniqueHashes(dataset: RdfCanonizeQuad[]): string | undefined {
  const serialize = serializeQuadComponents;
  const info = new Map<string, Set<RdfCanonizeQuad>>();
  try {
    for (const quad of dataset) {
      track(info, quad, quad.subject);
      track(info, quad, quad.object);
      track(info, quad, quad.graph);
    }
  } catch (e) {
    if (e === RESERVED) return undefined;
    throw e;
  }
  const canonical = new Map<string, RdfCanonizeTerm>();
  if (info.size === 1) {
    // One blank node: its first-degree hash is unique whatever it is, so it is c14n0 (a
    // credential's only id-less node, a proof configuration's proof node): no hashing needed.
    canonical.set(info.keys().next().value as string, { termType: 'BlankNode', value: 'c14n0' });
    return relabelAndSerialize(dataset, canonical);
  }
  const byHash = new Map<string, string>();
  for (const [id, quads] of info) {
    const lines: string[] = [];
    for (const q of quads) {
      lines.push(
        serialize(
          firstDegree(id, q.subject),
          q.predicate,
          firstDegree(id, q.object),
          firstDegree(id, q.graph),
        ),
      );
    }
    lines.sort();
    const hash = sha256Hex(lines.join(''));
    if (byHash.has(hash)) return undefined;
    byHash.set(hash, id);
  }
  let n = 0;
  for (const hash of [...byHash.keys()].sort()) {
    canonical.set(byHash.get(hash) as string, { termType: 'BlankNode', value: `c14n${n++}` });
  }
  return relabelAndSerialize(dataset, canonical);
}

/** The dataset with its blank nodes relabelled by `canonical`, as sorted N-Quads. */
function relabelAndSerialize(
  dataset: RdfCanonizeQuad[],
  canonical: Map<string, RdfCanonizeTerm>,
): string {
  const relabel = (c: RdfCanonizeTerm) =>
    c.termType === 'BlankNode' ? (canonical.get(c.value) as RdfCanonizeTerm) : c;
  const out: string[] = [];
  for (const q of dataset) {
    out.push(
      serializeQuadComponents(relabel(q.subject), q.predicate, relabel(q.object), relabel(q.graph)),
    );
  }
  out.sort();
  return out.join('');
}
