/** Finding embedded endorsements (`endorsement`, `endorsementJwt`) anywhere in a credential. */
import { isObject, type JsonObject, joinPath } from '../../internal/json.js';

/** One embedded endorsement: where it sits and what it is. */
export interface FoundEndorsement {
  /** JSON path of the endorsement (`$.issuer.endorsement[0]`). */
  path: string;
  /** An embedded credential object, or a compact JWT string. */
  value: unknown;
  /** Which property held it. */
  kind: 'endorsement' | 'endorsementJwt';
  /**
   * The ids it may endorse: the id of the object it is attached to; on the credential itself,
   * also the ids of the achievements and profiles in the credential (OB 3.0: "claims about the
   * credential, and the achievement and profiles in the credential"). Empty when none has an id.
   */
  endorsed: string[];
  /** JSON path of the object it is attached to (`$.issuer`). */
  endorsedPath: string;
}

/** The types whose nodes a credential-level endorsement may endorse. */
const ENDORSABLE_TYPES = new Set(['Achievement', 'Profile']);

function typeList(node: JsonObject): unknown[] {
  return Array.isArray(node.type) ? node.type : [node.type];
}

/**
 * Every `endorsement` and `endorsementJwt` value in the credential (on the credential, the
 * issuer, the achievement, its creator, ...), not descending into the endorsements themselves
 * (they are verified on their own) nor into `proof`.
 */
export function findEndorsements(credential: JsonObject): FoundEndorsement[] {
  const found: FoundEndorsement[] = [];
  const stack: Array<[unknown, string]> = [[credential, '$']];
  const seen = new Set<object>();
  // Filled during the walk: what an endorsement of the credential itself may endorse.
  const rootIds: string[] = typeof credential.id === 'string' ? [credential.id] : [];
  const issuer = credential.issuer;
  if (typeof issuer === 'string') rootIds.push(issuer);
  else if (isObject(issuer) && typeof issuer.id === 'string') rootIds.push(issuer.id);
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${path}[${i}]`]);
      continue;
    }
    const entries = Object.entries(node as JsonObject);
    const children: Array<[unknown, string]> = [];
    const id = (node as JsonObject).id;
    const own = typeof id === 'string' ? [id] : [];
    if (
      path !== '$' &&
      typeof id === 'string' &&
      typeList(node as JsonObject).some((t) => typeof t === 'string' && ENDORSABLE_TYPES.has(t)) &&
      !rootIds.includes(id)
    ) {
      rootIds.push(id);
    }
    const endorsed = path === '$' ? rootIds : own;
    for (const [key, value] of entries) {
      const p = joinPath(path, key);
      if (key === 'endorsement' || key === 'endorsementJwt') {
        const list = Array.isArray(value) ? value : [value];
        list.forEach((v, i) => {
          found.push({
            path: Array.isArray(value) ? `${p}[${i}]` : p,
            value: v,
            kind: key,
            endorsed,
            endorsedPath: path,
          });
        });
      } else if (key !== 'proof' && key !== '@context' && value && typeof value === 'object') {
        children.push([value, p]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [unknown, string]);
  }
  return found;
}
