/** Finding embedded endorsements (`endorsement`, `endorsementJwt`) anywhere in a credential. */
import { type JsonObject, joinPath } from '../../internal/json.js';

/** One embedded endorsement: where it sits and what it is. */
export interface FoundEndorsement {
  /** JSON path of the endorsement (`$.issuer.endorsement[0]`). */
  path: string;
  /** An embedded credential object, or a compact JWT string. */
  value: unknown;
  /** Which property held it. */
  kind: 'endorsement' | 'endorsementJwt';
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
    for (const [key, value] of entries) {
      const p = joinPath(path, key);
      if (key === 'endorsement' || key === 'endorsementJwt') {
        const list = Array.isArray(value) ? value : [value];
        list.forEach((v, i) => {
          found.push({ path: Array.isArray(value) ? `${p}[${i}]` : p, value: v, kind: key });
        });
      } else if (key !== 'proof' && key !== '@context' && value && typeof value === 'object') {
        children.push([value, p]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [unknown, string]);
  }
  return found;
}
