/** Finding the key of a JWT (header `kid` or `jwk`) and binding it to the issuer or holder. */
import { FetchError, KeyError } from '../../errors.js';
import { bytesEqual } from '../../internal/bytes.js';
import { describeValue } from '../../internal/describe.js';
import { type DocumentFetcher, fetcherFor, parseJsonDocument } from '../../internal/fetch.js';
import { isObject } from '../../internal/json.js';
import { importPublicKeyPair } from '../../keys/import-public.js';
import {
  checkKeyController,
  jwkKeyOpsAllowVerify,
  type ResolveOptions,
  resolveControllerDocument,
  resolveVerificationMethod,
} from '../../keys/resolve.js';
import type { KeyPair, VerificationRelationship } from '../../keys/types.js';
import { errorText, importHeaderJwk } from './jws.js';
import type { JwtIssue } from './types.js';

/**
 * How far a JWK published at an https URL (a bare JWK or a JWK Set, naming no controller) speaks
 * for an issuer or holder: `'path'` (default) only for the id that is its URL, the id one path
 * segment above it, or the origin for a document under `/.well-known/`; `'origin'` for any id on
 * its web origin (for hosts that serve a single party only: opt in knowingly).
 */
export type WebJwkBinding = 'path' | 'origin';

/** What {@link resolveJwtKey} found. */
export interface JwtKey {
  key?: KeyPair;
  verificationMethod?: string;
  issues: JwtIssue[];
}

/**
 * Key errors that say the key was found but cannot be used, or that the document was had and
 * names no such key (a definite answer, as for a Data Integrity proof: not "could not be had").
 */
const INVALID_KEY_CODES = new Set([
  'ERR_VERIFICATION_METHOD_NOT_FOUND',
  'ERR_VERIFICATION_METHOD_INVALID',
  'ERR_KEY_INVALID',
  'ERR_KEY_FORMAT',
  'ERR_KEY_TYPE_UNSUPPORTED',
  'ERR_DID_ID_MISMATCH',
  'ERR_CONTROLLER_ID_MISMATCH',
]);

/**
 * Get the public key named by the header and check that `controller` (the issuer, or the
 * holder of a presentation) controls it for `purpose`.
 *
 * Issues: `jwt_key_missing`, `jwt_jwk_private`, `jwt_key_invalid`, `jwt_key_unresolved`,
 * `key_purpose_mismatch`, `key_revoked`, `key_expired`, `jwt_jwk_kid_mismatch`, `issuer_key_mismatch`
 * (`presentation_holder_mismatch` when `role` is `'holder'`).
 */
export async function resolveJwtKey(
  header: Record<string, unknown>,
  controller: string | undefined,
  purpose: VerificationRelationship,
  role: 'issuer' | 'holder',
  options: ResolveOptions & { now?: Date; webJwkBinding?: WebJwkBinding },
): Promise<JwtKey> {
  const mismatchCode = role === 'issuer' ? 'issuer_key_mismatch' : 'presentation_holder_mismatch';
  const { kid, jwk } = header;
  // One fetcher for every document read here (its limits and cache cover them all).
  const fetcher = fetcherFor(
    {
      fetch: options.fetch,
      documents: options.documents,
      signal: options.signal,
      allowPrivateAddresses: options.allowPrivateAddresses,
    },
    options.maxDocumentSize === undefined ? {} : { maxDocumentBytes: options.maxDocumentSize },
  );
  options = { ...options, fetch: fetcher.handle };
  let headerKey: KeyPair | undefined;
  if (jwk !== undefined) {
    const imported = importHeaderJwk(jwk);
    if (imported.issue) return { issues: [imported.issue] };
    headerKey = imported.key;
  }

  if (kid !== undefined) {
    if (typeof kid !== 'string' || kid.length === 0) {
      return {
        issues: [
          {
            code: 'jwt_key_invalid',
            path: 'header.kid',
            message: `The header "kid" must be a non-empty URI string, found ${describeValue(kid)}`,
          },
        ],
      };
    }
    const id = kid.startsWith('#') && controller !== undefined ? `${controller}${kid}` : kid;
    let key: KeyPair;
    let vm: { id: string; controller?: string };
    try {
      const resolved = await resolveVerificationMethod(id, { ...options, purpose });
      key = resolved.keyPair;
      vm = resolved.verificationMethod;
    } catch (e) {
      if (!(e instanceof KeyError) && !(e instanceof FetchError)) throw e;
      const bare = await webJwk(id, fetcher);
      if (bare !== undefined) {
        if (bare.issue) return { issues: [bare.issue] };
        return bindWebJwk(id, bare.key as KeyPair, headerKey, controller, mismatchCode, role, {
          origin: options.webJwkBinding === 'origin',
        });
      }
      return {
        issues: [
          {
            code: keyErrorCode(e),
            errorCode: e.code,
            path: 'header.kid',
            message: `The key "${kid}" could not be used: ${errorText(e)}`,
          },
        ],
      };
    }
    const issues: JwtIssue[] = [];
    if (headerKey !== undefined && !sameKey(headerKey, key)) {
      issues.push({
        code: 'jwt_jwk_kid_mismatch',
        path: 'header.jwk',
        message: `The header "jwk" is not the key that "kid" (${id}) resolves to`,
      });
    }
    if (controller !== undefined && !checkKeyController(vm, controller)) {
      issues.push({
        code: mismatchCode,
        path: 'header.kid',
        message: `The key ${id} is controlled by ${vm.controller ?? '(unknown)'}, not by the ${role} ${controller}`,
      });
    }
    return { key, verificationMethod: vm.id, issues };
  }

  if (headerKey === undefined) {
    return {
      issues: [
        {
          code: 'jwt_key_missing',
          path: 'header',
          message:
            'The header has neither "kid" nor "jwk": there is no key to verify the signature with',
        },
      ],
    };
  }
  if (controller === undefined) return { key: headerKey, issues: [] };

  // A key carried in the header proves nothing by itself: it must be one the controller lists.
  let doc: Record<string, unknown>;
  try {
    doc = (await resolveControllerDocument(controller, options)) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof KeyError) && !(e instanceof FetchError)) throw e;
    return {
      key: headerKey,
      issues: [
        {
          code: 'jwt_key_unresolved',
          errorCode: e.code,
          path: 'header.jwk',
          message: `The header "jwk" cannot be tied to the ${role} ${controller}: its document could not be resolved (${errorText(e)})`,
        },
      ],
    };
  }
  const matches = findListedKeys(doc, headerKey, purpose);
  if (matches.length === 0) {
    return {
      key: headerKey,
      issues: [
        {
          code: mismatchCode,
          path: 'header.jwk',
          message: `The header "jwk" is not among the keys that ${controller} lists under "${purpose}"`,
        },
      ],
    };
  }
  // A listed method holding the header key is held to every rule of a method named by "kid"
  // (revoked, expires, a JWK for another use, its controller, ...): leaving "kid" out must not
  // let a revoked key sign.
  let refused: JwtIssue | undefined;
  for (const match of matches) {
    try {
      const resolved = await resolveVerificationMethod(match, { ...options, purpose });
      if (
        sameKey(resolved.keyPair, headerKey) &&
        checkKeyController(resolved.verificationMethod, controller)
      ) {
        return { key: headerKey, verificationMethod: match, issues: [] };
      }
      refused ??= {
        code: mismatchCode,
        path: 'header.jwk',
        message: `The header "jwk" matches ${match}, which does not resolve to that key of the ${role} ${controller}`,
      };
    } catch (e) {
      if (!(e instanceof KeyError) && !(e instanceof FetchError)) throw e;
      refused ??= {
        code: keyErrorCode(e),
        errorCode: e.code,
        path: 'header.jwk',
        message: `The header "jwk" is the key ${match}, which could not be used: ${errorText(e)}`,
      };
    }
  }
  return { key: headerKey, issues: [refused as JwtIssue] };
}

/** The report code of a key that could not be used (found but unusable, or not had). */
function keyErrorCode(e: KeyError | FetchError): string {
  // A key that was found but is not a usable key is wrong (jwt_key_invalid); one that could
  // not be had (offline, unreachable, an unsupported DID method) is unresolved.
  return e.code === 'ERR_KEY_PURPOSE_MISMATCH'
    ? 'key_purpose_mismatch'
    : e.code === 'ERR_KEY_REVOKED'
      ? 'key_revoked'
      : e.code === 'ERR_KEY_EXPIRED'
        ? 'key_expired'
        : INVALID_KEY_CODES.has(e.code)
          ? 'jwt_key_invalid'
          : 'jwt_key_unresolved';
}

/** The ids of the methods `doc` lists under `purpose` that hold `key`, in order. */
function findListedKeys(
  doc: Record<string, unknown>,
  key: KeyPair,
  purpose: VerificationRelationship,
): string[] {
  const found: string[] = [];
  const docId = String(doc.id);
  const abs = (ref: unknown): string | undefined =>
    typeof ref !== 'string' ? undefined : ref.startsWith('#') ? `${docId}${ref}` : ref;
  const methods = Array.isArray(doc.verificationMethod) ? doc.verificationMethod : [];
  const entries = Array.isArray(doc[purpose]) ? (doc[purpose] as unknown[]) : [];
  for (const entry of entries) {
    const vm = isObject(entry)
      ? entry
      : methods.find((m) => isObject(m) && abs(m.id) === abs(entry));
    if (!isObject(vm)) continue;
    try {
      const candidate = importPublicKeyPair(vm);
      const id = abs(vm.id) ?? abs(entry);
      if (sameKey(candidate, key) && id !== undefined && !found.includes(id)) found.push(id);
    } catch {
      // Not a key we can read: it cannot be the header key.
    }
  }
  return found;
}

/**
 * OB 3.0 section 8.2.1: a `kid` "can be dereferenced to an object of type JWK". A document at an
 * https `kid` (its URL without fragment) that is a bare JWK, or a JWK Set whose member `kid`
 * equals the fragment (or the whole URL), gives the key. The document comes from `documents` or
 * from what the keys resolver already fetched in this run; nothing more is fetched here.
 */
async function webJwk(
  id: string,
  fetcher: DocumentFetcher,
): Promise<{ key?: KeyPair; issue?: JwtIssue } | undefined> {
  if (!id.startsWith('https://')) return undefined;
  const hash = id.indexOf('#');
  const base = hash < 0 ? id : id.slice(0, hash);
  const fragment = hash < 0 ? undefined : id.slice(hash + 1);
  const given = fetcher.known(id);
  let doc: unknown;
  try {
    if (given !== undefined) doc = parseJsonDocument({ source: 'documents', ...given });
    else {
      const text = await fetcher.fetched(base);
      if (text === undefined) return undefined;
      doc = parseJsonDocument({ source: 'fetch', url: base, value: text });
    }
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  let jwk: unknown;
  if (typeof doc.kty === 'string') {
    jwk = doc;
  } else if (Array.isArray(doc.keys)) {
    const keys = doc.keys.filter((k) => isObject(k));
    jwk =
      fragment === undefined && keys.length === 1
        ? keys[0]
        : keys.find((k) => k.kid === fragment || k.kid === id);
    if (jwk === undefined) return undefined;
  } else {
    return undefined;
  }
  const imported = importHeaderJwk(jwk);
  if (imported.issue) return { issue: { ...imported.issue, path: 'header.kid' } };
  const j = jwk as Record<string, unknown>;
  if ((j.use !== undefined && j.use !== 'sig') || !jwkKeyOpsAllowVerify(j.key_ops)) {
    return {
      issue: {
        code: 'key_purpose_mismatch',
        path: 'header.kid',
        message: `The JWK at ${id} is not for verifying signatures ("use": ${describeValue(j.use)}, "key_ops": ${describeValue(j.key_ops)})`,
      },
    };
  }
  return { key: imported.key };
}

/**
 * A JWK published at an https URL names no controller: it speaks only for the party whose URL
 * space it sits in, as narrowly as its URL says (see {@link webJwkSpeaksFor}; docs/jwt.md).
 */
function bindWebJwk(
  id: string,
  key: KeyPair,
  headerKey: KeyPair | undefined,
  controller: string | undefined,
  mismatchCode: string,
  role: string,
  binding: { origin: boolean },
): JwtKey {
  const issues: JwtIssue[] = [];
  if (headerKey !== undefined && !sameKey(headerKey, key)) {
    issues.push({
      code: 'jwt_jwk_kid_mismatch',
      path: 'header.jwk',
      message: `The header "jwk" is not the key published at "kid" (${id})`,
    });
  }
  if (controller !== undefined) {
    if (binding.origin) {
      if (originOf(controller) === undefined || originOf(controller) !== originOf(id)) {
        issues.push({
          code: mismatchCode,
          path: 'header.kid',
          message: `The JWK at ${id} is published on ${originOf(id)}; the ${role} ${controller} is not on that origin`,
        });
      }
    } else if (!webJwkSpeaksFor(id, controller)) {
      issues.push({
        code: mismatchCode,
        path: 'header.kid',
        message: `The JWK at ${id} names no controller and speaks only for its own URL, the URL one path segment above it, or (under /.well-known/) its origin; the ${role} ${controller} is none of them (a key for it is published at its id, directly under it, or in a controller document that lists it)`,
      });
    }
  }
  return { key, verificationMethod: id, issues };
}

/**
 * Whether a JWK document at the https URL `keyUrl` (its fragment, naming a key of a set, aside)
 * speaks for the party `partyId`: both https on one origin, no query on either, and
 * - the document is at the party's id itself, or
 * - it sits one path segment below the party's id (`<id>/jwks.json`, `<id>/key`), or
 * - the party is the origin itself (`https://host` or `https://host/`) and the document sits
 *   one segment below `/.well-known/`.
 * The key URL must be written in its normalized form (no dot segments or escapes that resolve).
 * Never a sibling (`/issuers/a/jwks.json` does not speak for `/issuers/b`), never a party
 * further up than one segment (`/issuers/a/keys/k.json` does not speak for `/issuers`).
 *
 * @internal
 */
export function webJwkSpeaksFor(keyUrl: string, partyId: string): boolean {
  let key: URL;
  let party: URL;
  try {
    key = new URL(keyUrl);
    party = new URL(partyId);
  } catch {
    return false;
  }
  if (key.protocol !== 'https:' || party.protocol !== 'https:') return false;
  // The key's URL as written must be its normalized form (no dot segments, `%2e`, default
  // port, upper-case host...), so that what is compared is what was named.
  const hash = keyUrl.indexOf('#');
  if ((hash < 0 ? keyUrl : keyUrl.slice(0, hash)) !== `${key.origin}${key.pathname}${key.search}`)
    return false;
  if (key.origin !== party.origin || key.search !== '' || party.search !== '') return false;
  if (party.hash !== '' || key.username !== '' || party.username !== '') return false;
  const keyPath = key.pathname;
  const partyPath = party.pathname;
  if (keyPath === partyPath) return true;
  const dir = partyPath.endsWith('/') ? partyPath : `${partyPath}/`;
  const oneBelow = (base: string) =>
    keyPath.startsWith(base) &&
    keyPath.length > base.length &&
    !keyPath.slice(base.length).includes('/');
  if (oneBelow(dir)) return true;
  return partyPath === '/' && oneBelow('/.well-known/');
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** True when two keys are the same public key. */
export function sameKey(a: KeyPair, b: KeyPair): boolean {
  return a.type === b.type && bytesEqual(a.publicKey, b.publicKey);
}
