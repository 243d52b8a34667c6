/**
 * Reading a CLR's structure (internal): the credentials it bundles, the achievements it names and
 * the association graph between them. Pure functions over JSON; no verification.
 */
import { isObject, type JsonObject } from '../internal/json.js';

/** The values of a member that may hold one value or an array. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The string values of a JSON-LD `type`. */
export function typesOf(value: unknown): string[] {
  return listOf(value).filter((v): v is string => typeof v === 'string');
}

/** Whether a document says it is a CLR 2.0 `ClrCredential`. */
export function isClrCredential(document: unknown): document is JsonObject {
  return isObject(document) && typesOf(document.type).includes('ClrCredential');
}

/** One achievement a record names, and where. */
export interface RecordAchievement {
  id: string;
  /** JSON path of the achievement object. */
  path: string;
}

/**
 * The achievements of a record by id: `credentialSubject.achievement[]`, then the achievement of
 * each bundled credential (`credentials` gives the bundled credentials as read, decoded from a
 * JWT where needed; `undefined` entries are skipped).
 */
export function recordAchievements(
  subject: JsonObject,
  credentials: ReadonlyArray<{ document: unknown; path: string } | undefined>,
): Map<string, RecordAchievement[]> {
  const out = new Map<string, RecordAchievement[]>();
  const add = (a: unknown, path: string) => {
    if (!isObject(a) || typeof a.id !== 'string') return;
    const list = out.get(a.id) ?? [];
    list.push({ id: a.id, path });
    out.set(a.id, list);
  };
  const own = subject.achievement;
  listOf(own).forEach((a, i) => {
    add(
      a,
      Array.isArray(own)
        ? `$.credentialSubject.achievement[${i}]`
        : '$.credentialSubject.achievement',
    );
  });
  for (const c of credentials) {
    if (!c || !isObject(c.document)) continue;
    const s = c.document.credentialSubject;
    listOf(s).forEach((subj, j) => {
      if (!isObject(subj)) return;
      const base = Array.isArray(s)
        ? `${c.path}.credentialSubject[${j}]`
        : `${c.path}.credentialSubject`;
      add(subj.achievement, `${base}.achievement`);
    });
  }
  return out;
}

/** One association, read. */
export interface ReadAssociation {
  path: string;
  associationType: string;
  sourceId: string;
  targetId: string;
}

/** The well-formed associations of a ClrSubject (the schema reports the others). */
export function associationsOf(subject: JsonObject): ReadAssociation[] {
  const raw = subject.association;
  const out: ReadAssociation[] = [];
  listOf(raw).forEach((a, i) => {
    if (!isObject(a)) return;
    const { associationType, sourceId, targetId } = a;
    if (typeof associationType !== 'string' || typeof sourceId !== 'string') return;
    if (typeof targetId !== 'string') return;
    const path = Array.isArray(raw)
      ? `$.credentialSubject.association[${i}]`
      : '$.credentialSubject.association';
    out.push({ path, associationType, sourceId, targetId });
  });
  return out;
}

/**
 * The relations that order achievements and so must not form a cycle: the hierarchy
 * (`isChildOf`, `isPartOf`: source below target; `isParentOf`: source above target) and the
 * sequence (`precedes`). Each gives an edge from the lower (or earlier) to the higher (or later).
 */
const ORDERING: Record<string, { graph: 'hierarchy' | 'sequence'; reversed: boolean }> = {
  isChildOf: { graph: 'hierarchy', reversed: false },
  isPartOf: { graph: 'hierarchy', reversed: false },
  isParentOf: { graph: 'hierarchy', reversed: true },
  precedes: { graph: 'sequence', reversed: false },
};

/**
 * The associations that close a cycle in the hierarchy or in the sequence (a self-association
 * included): for each cycle found, the association whose edge closes it. Iterative depth-first
 * search, linear in the number of associations.
 */
export function associationCycles(associations: readonly ReadAssociation[]): ReadAssociation[] {
  const found: ReadAssociation[] = [];
  for (const graph of ['hierarchy', 'sequence'] as const) {
    const edges = new Map<string, Array<{ to: string; a: ReadAssociation }>>();
    for (const a of associations) {
      const o = ORDERING[a.associationType];
      if (!o || o.graph !== graph) continue;
      const [from, to] = o.reversed ? [a.targetId, a.sourceId] : [a.sourceId, a.targetId];
      const list = edges.get(from) ?? [];
      list.push({ to, a });
      edges.set(from, list);
    }
    // 0 unvisited, 1 on the current path, 2 done.
    const state = new Map<string, 1 | 2>();
    for (const start of edges.keys()) {
      if (state.has(start)) continue;
      const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
      state.set(start, 1);
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as { node: string; next: number };
        const out = edges.get(top.node) ?? [];
        if (top.next >= out.length) {
          state.set(top.node, 2);
          stack.pop();
          continue;
        }
        const edge = out[top.next++] as { to: string; a: ReadAssociation };
        const s = state.get(edge.to);
        if (s === 1) found.push(edge.a);
        else if (s === undefined) {
          state.set(edge.to, 1);
          stack.push({ node: edge.to, next: 0 });
        }
      }
    }
  }
  return found;
}
