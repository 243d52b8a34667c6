/**
 * Proof sets and proof chains (W3C VC Data Integrity 1.0, "Verify Proof Sets and Chains"): which
 * proofs each proof names in `previousProof`, in which order they are verified (the named ones
 * first), and the problems found before any cryptography: a malformed `previousProof`, a name no
 * proof has (dangling), a name several proofs share (ambiguous), and cycles.
 */
import { isObject, joinPath } from '../../internal/json.js';

/**
 * Most proofs verified on one document by default: 32. Each proof costs a canonicalization and a
 * signature check (and a chained one a canonicalization of the document with its previous
 * proofs), so the count is bounded before any work.
 */
export const DEFAULT_MAX_PROOFS = 32;

/** A problem a proof has in the chain, found before verification. */
export interface ChainProblem {
  code: 'proof_malformed' | 'proof_previous_missing' | 'proof_chain_cycle';
  message: string;
  path: string;
}

/** What {@link planProofChain} finds for each proof. */
export interface ChainPlan {
  /** For each proof (document order): the indexes of the proofs its `previousProof` names, in order. */
  previous: number[][];
  /** For each proof: its problem, if any (it then fails without being verified). */
  problems: Array<ChainProblem | undefined>;
  /** Every index once, each proof after the proofs it names (proofs on a cycle last). */
  order: number[];
}

/**
 * Read the `previousProof` of every proof and order the proofs for verification.
 *
 * @param proofs - the document's proofs (`proof` as a list).
 * @param pathOf - the JSON path of proof `i`, for messages.
 */
export function planProofChain(
  proofs: readonly unknown[],
  pathOf: (i: number) => string,
): ChainPlan {
  const byId = new Map<string, number[]>();
  proofs.forEach((p, i) => {
    if (isObject(p) && typeof p.id === 'string') {
      const list = byId.get(p.id);
      if (list) list.push(i);
      else byId.set(p.id, [i]);
    }
  });
  const previous: number[][] = [];
  const problems: Array<ChainProblem | undefined> = [];
  proofs.forEach((p, i) => {
    previous.push([]);
    problems.push(undefined);
    if (!isObject(p) || p.previousProof === undefined) return;
    const path = joinPath(pathOf(i), 'previousProof');
    const value = p.previousProof;
    const ids = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
      problems[i] = {
        code: 'proof_malformed',
        message: 'previousProof must be a proof id or a non-empty array of proof ids',
        path,
      };
      return;
    }
    for (const id of ids as string[]) {
      const found = byId.get(id) ?? [];
      if (found.length !== 1) {
        problems[i] = {
          code: 'proof_previous_missing',
          message:
            found.length === 0
              ? `previousProof names ${JSON.stringify(id)}, and no proof of the document has that id`
              : `previousProof names ${JSON.stringify(id)}, and ${found.length} proofs of the document have that id: it is ambiguous`,
          path,
        };
        return;
      }
      (previous[i] as number[]).push(found[0] as number);
    }
  });

  // Depth-first walk without recursion: 0 = unseen, 1 = on the current path, 2 = done.
  const state = new Uint8Array(proofs.length);
  const order: number[] = [];
  const onCycle = new Set<number>();
  for (let root = 0; root < proofs.length; root++) {
    if (state[root] !== 0) continue;
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const [node, next] = top;
      const edges = previous[node] as number[];
      if (next < edges.length) {
        top[1] = next + 1;
        const to = edges[next] as number;
        if (state[to] === 0) {
          state[to] = 1;
          stack.push([to, 0]);
        } else if (state[to] === 1) {
          // A cycle: every proof from `to` up to `node` on the current path is on it.
          for (let k = stack.length - 1; k >= 0; k--) {
            const n = (stack[k] as [number, number])[0];
            onCycle.add(n);
            if (n === to) break;
          }
        }
        continue;
      }
      state[node] = 2;
      stack.pop();
      if (!onCycle.has(node)) order.push(node);
    }
  }
  for (const i of [...onCycle].sort((a, b) => a - b)) {
    order.push(i);
    problems[i] ??= {
      code: 'proof_chain_cycle',
      message:
        'This proof is on a cycle of previousProof references (a proof chain must start somewhere)',
      path: joinPath(pathOf(i), 'previousProof'),
    };
  }
  return { previous, problems, order };
}
