/**
 * Poison graphs: blank nodes that RDFC-1.0 cannot tell apart by their own quads, so that the
 * expensive N-degree algorithm runs (quadratic on chains and cycles, factorial on cliques).
 * Each shape as an RDF dataset (for the canonicalization algorithm alone) and as JSON-LD node
 * objects that a credential, a proof or a presentation can carry, split across several
 * properties (no one array passes maxArrayLength) or nested.
 */
import type { RdfCanonizeQuad, RdfCanonizeTerm } from 'rdf-canonize';

const DEFAULT_GRAPH: RdfCanonizeTerm = { termType: 'DefaultGraph', value: '' };
export const P = 'https://attacker.example/p';
export const Q = 'https://attacker.example/q';

/** A directed edge list over blank node names. */
type Edges = Array<[string, string, string?]>;

/** Each shape: `n` is its size parameter (about the number of blank nodes). */
export const SHAPES: Record<string, (n: number) => Edges> = {
  chain: (n) => Array.from({ length: n - 1 }, (_, i) => [`${i}`, `${i + 1}`]),
  cycle: (n) => Array.from({ length: n }, (_, i) => [`${i}`, `${(i + 1) % n}`]),
  /** Edges both ways: every node looks the same from everywhere. */
  undirectedCycle: (n) =>
    Array.from(
      { length: n },
      (_, i): Edges => [
        [`${i}`, `${(i + 1) % n}`],
        [`${(i + 1) % n}`, `${i}`],
      ],
    ).flat(),
  clique: (n) => {
    const out: Edges = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) out.push([`${i}`, `${j}`]);
    return out;
  },
  /** A blank hub pointing at n identical blank leaves. */
  star: (n) => Array.from({ length: n }, (_, i) => ['hub', `${i}`]),
  /** Two identical stars: the hubs are indistinguishable too. */
  twoStars: (n) => [
    ...Array.from({ length: n >> 1 }, (_, i): [string, string] => ['h1', `x${i}`]),
    ...Array.from({ length: n >> 1 }, (_, i): [string, string] => ['h2', `y${i}`]),
  ],
  /** Many disjoint copies of one small cycle. */
  triangles: (n) =>
    Array.from(
      { length: Math.max(1, Math.floor(n / 3)) },
      (_, c): Edges => [
        [`${c}a`, `${c}b`],
        [`${c}b`, `${c}c`],
        [`${c}c`, `${c}a`],
      ],
    ).flat(),
  grid: (n) => {
    const k = Math.max(2, Math.ceil(Math.sqrt(n)));
    const out: Edges = [];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        if (i + 1 < k) out.push([`${i}_${j}`, `${i + 1}_${j}`]);
        if (j + 1 < k) out.push([`${i}_${j}`, `${i}_${j + 1}`]);
      }
    }
    return out;
  },
  /** A grid wrapped around both ways: no corners or edges to start from. */
  torus: (n) => {
    const k = Math.max(2, Math.ceil(Math.sqrt(n)));
    const out: Edges = [];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        out.push([`${i}_${j}`, `${(i + 1) % k}_${j}`]);
        out.push([`${i}_${j}`, `${i}_${(j + 1) % k}`]);
      }
    }
    return out;
  },
  binaryTree: (n) => Array.from({ length: n - 1 }, (_, i) => [`${i >> 1}`, `${i + 1}`]),
  /** Every vertex of a d-cube linked to its d neighbours: highly symmetric. */
  hypercube: (n) => {
    const d = Math.max(1, Math.round(Math.log2(n)));
    const out: Edges = [];
    for (let v = 0; v < 1 << d; v++)
      for (let b = 0; b < d; b++) out.push([`${v}`, `${v ^ (1 << b)}`]);
    return out;
  },
  /** A cycle whose every edge sits in a named graph that is itself a blank node of the cycle. */
  graphCycle: (n) =>
    Array.from({ length: n }, (_, i) => [`${i}`, `${(i + 1) % n}`, `${(i + 2) % n}`]),
};

/** Shapes whose cost explodes so fast that only tiny sizes are usable with no bound at all. */
const FACTORIAL = new Set(['clique']);

function term(name: string): RdfCanonizeTerm {
  return { termType: 'BlankNode', value: `p${name.replace(/_/g, 'u')}` };
}

/**
 * Each shape at each size, as an RDF dataset. Cliques have at most 5 nodes below size 10 (for
 * unbounded reference runs) and at most 316 (under 100,000 quads) otherwise.
 */
export function poisonDatasets(
  sizes: number[],
): Array<{ name: string; dataset: RdfCanonizeQuad[] }> {
  const out: Array<{ name: string; dataset: RdfCanonizeQuad[] }> = [];
  for (const [shape, edges] of Object.entries(SHAPES)) {
    for (const size of sizes) {
      const n = FACTORIAL.has(shape) ? Math.min(size, size < 10 ? 5 : 316) : size;
      const dataset = edges(n).map(
        ([s, o, g]): RdfCanonizeQuad => ({
          subject: term(s),
          predicate: { termType: 'NamedNode', value: P },
          object: term(o),
          graph: g === undefined ? DEFAULT_GRAPH : term(g),
        }),
      );
      out.push({ name: `${shape}(${n})`, dataset });
    }
  }
  return out;
}

/** JSON-LD node objects of a shape: `{ "@id": "_:...", P: [{ "@id": "_:..." }, ...] }`. */
export function poisonNodes(shape: string, n: number): Array<Record<string, unknown>> {
  const size = FACTORIAL.has(shape) ? Math.min(n, 316) : n;
  const edges = (SHAPES[shape] as (n: number) => Edges)(size).filter(([, , g]) => g === undefined);
  const nodes = new Map<string, Record<string, unknown>>();
  const node = (name: string) => {
    let x = nodes.get(name);
    if (x === undefined) {
      x = { '@id': `_:p${name.replace(/_/g, 'u')}` };
      nodes.set(name, x);
    }
    return x;
  };
  for (const [s, o] of edges) {
    const from = node(s);
    node(o);
    const list = (from[P] ?? []) as unknown[];
    list.push({ '@id': `_:p${o.replace(/_/g, 'u')}` });
    from[P] = list;
  }
  return [...nodes.values()];
}

/**
 * A poison graph as members to put into any JSON-LD node object: the nodes split across
 * properties `Q0`, `Q1`, ... of at most `perProperty` nodes each (so no array passes
 * maxArrayLength), or, with `nested`, each slice one level deeper than the one before.
 */
export function poisonMembers(
  shape: string,
  n: number,
  options: { perProperty?: number; nested?: boolean } = {},
): Record<string, unknown> {
  const per = options.perProperty ?? 1000;
  const nodes = poisonNodes(shape, n);
  const slices: unknown[][] = [];
  for (let i = 0; i < nodes.length; i += per) slices.push(nodes.slice(i, i + per));
  if (!options.nested) {
    return Object.fromEntries(slices.map((slice, i) => [`${Q}${i}`, slice]));
  }
  // Each slice hangs one level below the previous one: { Q0: [...slice0, { Q1: [...] }] }.
  let inner: Record<string, unknown> = {};
  for (let i = slices.length - 1; i >= 0; i--) {
    const slice = slices[i] as unknown[];
    inner = { [`${Q}${i}`]: i === slices.length - 1 ? slice : [...slice, inner] };
  }
  return inner;
}

/**
 * A complete `branching`-ary tree of identical anonymous nodes, `depth` levels deep, written
 * as nested JSON without any `@id` (so that it stays on the fast JSON-LD to RDF path): every
 * node of a level is indistinguishable from the others.
 */
export function poisonTree(branching: number, depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { [`${Q}leaf`]: 'same' };
  for (let d = 1; d < depth; d++) {
    node = { [P]: Array.from({ length: branching }, () => structuredClone(node)) };
  }
  return node;
}
