/** Finding embedded endorsements (`endorsement`, `endorsementJwt`) anywhere in a credential. */
import { isObject, type JsonObject, joinPath } from '../../internal/json.js';
import type { CheckResult } from '../types.js';
import { result } from './util.js';

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

/**
 * An endorsement says what it endorses in its `credentialSubject.id` (OB 3.0 EndorsementSubject);
 * embedded in an object, it must endorse that object (on the credential itself: the credential,
 * or an achievement or profile in it). A `fail` entry of check `endorsed`
 * (`endorsement_subject_mismatch`, for the endorsement's own report) when the endorsement's one
 * subject id is not the id of the object it is attached to, when it names no single subject id,
 * or when that object has no id to endorse; `undefined` when they agree.
 */
export function checkEndorsedSubject(
  found: FoundEndorsement,
  endorsement: JsonObject,
): CheckResult | undefined {
  const subjects = Array.isArray(endorsement.credentialSubject)
    ? endorsement.credentialSubject
    : [endorsement.credentialSubject];
  const ids = subjects.map((s) => (isObject(s) ? s.id : undefined));
  const subject = ids.length === 1 && typeof ids[0] === 'string' ? ids[0] : undefined;
  const ID = 'endorsed';
  const CODE = 'endorsement_subject_mismatch';
  if (subject === undefined) {
    return result(
      ID,
      'fail',
      CODE,
      `The endorsement at ${found.path} names no single subject id (credentialSubject.id), so it cannot be the endorsement of ${found.endorsedPath}`,
      '$.credentialSubject',
    );
  }
  if (found.endorsed.length === 0) {
    return result(
      ID,
      'fail',
      CODE,
      `The endorsement at ${found.path} endorses ${subject}, but the object it is attached to (${found.endorsedPath}) has no id to endorse`,
      '$.credentialSubject.id',
    );
  }
  if (!found.endorsed.includes(subject)) {
    const what =
      found.endorsedPath === '$'
        ? `the credential, nor an achievement or profile in it (${found.endorsed.join(', ')})`
        : `${found.endorsed[0]} (${found.endorsedPath}), the object it is attached to`;
    return result(
      ID,
      'fail',
      CODE,
      `The endorsement at ${found.path} endorses ${subject}, not ${what}`,
      '$.credentialSubject.id',
    );
  }
  return undefined;
}
