/**
 * Roles: whose key must sign follows from the role in which a document is verified (a
 * credential: its issuer; a presentation: its holder), never from what the document says it
 * is. A document that claims the other role, or both, is refused.
 *
 * @internal
 */
import { isObject } from './json.js';

/**
 * The role in which a document is verified: `'credential'` (the issuer's key must have signed)
 * or `'presentation'` (the holder's key, when the presentation names a holder).
 *
 * @example
 * ```ts
 * import { verifyCredentialProof, type ProofRole } from 'ob3kit/proof';
 * const role: ProofRole = 'presentation';
 * const result = await verifyCredentialProof(signedPresentation, { role, challenge: 'n-1' });
 * ```
 */
export type ProofRole = 'credential' | 'presentation';

/** Codes of a document that claims another role than the one it is verified in. */
export type RoleIssueCode = 'type_ambiguous_role' | 'type_role_mismatch';

/** A role problem, located. */
export interface RoleIssue {
  code: RoleIssueCode;
  message: string;
  path: string;
}

/** The RDF class of verifiable credentials (VC 1.1 and 2.0 alike). */
export const VC_CLASS = 'https://www.w3.org/2018/credentials#VerifiableCredential';
/** The RDF class of verifiable presentations (VC 1.1 and 2.0 alike). */
export const VP_CLASS = 'https://www.w3.org/2018/credentials#VerifiablePresentation';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** Which roles a document claims. */
export interface ClaimedRoles {
  credential: boolean;
  presentation: boolean;
}

/**
 * The members that may state a node's type in JSON: `type`, `@type`, and `rdf:type` written as
 * a property (full or compact IRI).
 */
function isTypeMember(key: string): boolean {
  return key === 'type' || key === '@type' || key === 'rdf:type' || key === RDF_TYPE;
}

/** A type value that names `name` in any spelling: the term, a full IRI, a compact IRI. */
function names(value: unknown, name: string): boolean {
  const v = isObject(value) ? (value['@id'] ?? value.id) : value;
  if (typeof v !== 'string') return false;
  if (v === name) return true;
  const at = v.length - name.length - 1;
  return at >= 0 && v.endsWith(name) && '#/:'.includes(v.charAt(at));
}

/**
 * The roles a document claims in its JSON: any type member (`type`, `@type`, `rdf:type`) whose
 * value names `VerifiableCredential` / `VerifiablePresentation` as a term, a full IRI or a
 * compact IRI. Deliberately broad: it is used to refuse, never to accept.
 */
export function claimedRoles(document: Record<string, unknown>): ClaimedRoles {
  const out: ClaimedRoles = { credential: false, presentation: false };
  for (const key of Object.keys(document)) {
    if (!isTypeMember(key)) continue;
    const raw = document[key];
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (names(value, 'VerifiableCredential')) out.credential = true;
      if (names(value, 'VerifiablePresentation')) out.presentation = true;
    }
  }
  return out;
}

/**
 * The roles a signed RDF graph declares: the nodes of its default graph typed
 * `VerifiableCredential` / `VerifiablePresentation` (from N-Quads, as canonicalization gives
 * them). This is what a proof covers, whatever JSON spelling produced it (`@type`, an alias, a
 * full IRI, a node merged by `id`). Credentials inside a presentation are in named graphs and
 * do not count.
 */
export function graphRoles(nquads: string): {
  credential: Set<string>;
  presentation: Set<string>;
} {
  const credential = new Set<string>();
  const presentation = new Set<string>();
  const vc = ` <${RDF_TYPE}> <${VC_CLASS}> .`;
  const vp = ` <${RDF_TYPE}> <${VP_CLASS}> .`;
  for (const line of nquads.split('\n')) {
    // Subject, predicate, object and no graph name: a triple of the default graph. A subject is
    // an IRI or a blank node label, never with a space.
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const rest = line.slice(space);
    if (rest === vc) credential.add(line.slice(0, space));
    else if (rest === vp) presentation.add(line.slice(0, space));
  }
  return { credential, presentation };
}

function roleName(role: ProofRole): string {
  return role === 'credential' ? 'a credential' : 'a presentation';
}

/**
 * The issue of a document verified in `role` that claims the other role (`type_role_mismatch`)
 * or both (`type_ambiguous_role`), from its JSON type members. A presentation that does not
 * claim to be one is left to the caller (its own code).
 */
export function roleIssue(
  document: Record<string, unknown>,
  role: ProofRole,
  base = '$',
): RoleIssue | undefined {
  const claims = claimedRoles(document);
  const path = `${base}.type`;
  if (claims.credential && claims.presentation) {
    return {
      code: 'type_ambiguous_role',
      path,
      message:
        'The document claims to be both a VerifiableCredential and a VerifiablePresentation, so whose key must sign it is ambiguous; it is refused',
    };
  }
  const other = role === 'credential' ? claims.presentation : claims.credential;
  if (other) {
    return {
      code: 'type_role_mismatch',
      path,
      message: `The document is taken as ${roleName(role)} but its type says it is ${roleName(role === 'credential' ? 'presentation' : 'credential')}`,
    };
  }
  return undefined;
}

/**
 * The issue of a signed graph verified in `role` (see {@link graphRoles}): as a credential, no
 * node of its default graph may be a presentation; as a presentation, one must be, and none may
 * be a credential.
 */
export function graphRoleIssue(nquads: string, role: ProofRole): RoleIssue | undefined {
  const { credential, presentation } = graphRoles(nquads);
  const both = [...credential].some((s) => presentation.has(s));
  if (both) {
    return {
      code: 'type_ambiguous_role',
      path: '$.type',
      message:
        'The signed graph types one node as both a VerifiableCredential and a VerifiablePresentation (its JSON may spell a type as "@type", a full IRI or an alias); it is refused',
    };
  }
  if (role === 'credential' && presentation.size > 0) {
    return {
      code: 'type_role_mismatch',
      path: '$.type',
      message:
        'The document is verified as a credential but its signed graph declares a VerifiablePresentation',
    };
  }
  if (role === 'presentation' && (credential.size > 0 || presentation.size === 0)) {
    return {
      code: 'type_role_mismatch',
      path: '$.type',
      message:
        credential.size > 0
          ? 'The document is verified as a presentation but its signed graph declares a VerifiableCredential outside verifiableCredential'
          : 'The document is verified as a presentation but its signed graph declares no VerifiablePresentation',
    };
  }
  return undefined;
}

/**
 * The one id of a party (issuer, holder): a string, or an object with exactly one of `id` and
 * `@id` (the same node id in JSON-LD) as a non-empty string. `undefined` when absent; `null`
 * when present but not exactly one id (an array, an object without an id or with two, ...), so
 * that no key can be bound to it.
 */
export function partyId(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (isObject(value)) {
    const id = value.id;
    const atId = value['@id'];
    if (typeof id === 'string' && id.length > 0 && atId === undefined) return id;
    if (typeof atId === 'string' && atId.length > 0 && id === undefined) return atId;
  }
  return null;
}
