/** did:key and did:jwk: creation and offline resolution. */
import { KeyError } from '../errors.js';
import { fromBase64Url, fromUtf8, maxEncodedLength, toBase64Url, utf8 } from '../internal/bytes.js';
import { isObject } from '../internal/json.js';
import { describeJsonTextProblem, parseJsonText } from '../internal/json-scan.js';
import { MAX_DECODED_BYTES } from '../internal/limits.js';
import { importPublicJwk } from './import-public.js';
import { bindKeyPair, isKeyPair } from './key-pair.js';
import { decodeMultibaseKey } from './multikey.js';
import type { DidDocument, Jwk, KeyPair, VerificationMethod } from './types.js';

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const ED25519_2020_V1 = 'https://w3id.org/security/suites/ed25519-2020/v1';
const JWS_2020_V1 = 'https://w3id.org/security/suites/jws-2020/v1';

/** The public key sizes (without the multicodec header) of the key types did:key may hold. */
const DID_KEY_BYTES: Record<string, number> = {
  'ed25519-pub': 32,
  'p256-pub': 33,
  'p384-pub': 49,
};

/** What {@link createDidKey} and {@link createDidJwk} return. */
export interface CreatedDid {
  /** The DID, for example `did:key:z6Mk...`. */
  did: string;
  /** The verification method id, for example `did:key:z6Mk...#z6Mk...` or `did:jwk:...#0`. */
  verificationMethodId: string;
  /** The DID document the method resolves to. */
  document: DidDocument;
  /** The same key bound to `verificationMethodId` and controller `did`, ready to sign with. */
  keyPair: KeyPair;
}

/** Options of {@link createDidKey}. */
export interface CreateDidKeyOptions {
  /**
   * Type of the verification method in the document: `'Multikey'` (default) or, for Ed25519,
   * `'Ed25519VerificationKey2020'` (what `Ed25519Signature2020` verifiers may expect).
   */
  verificationMethodType?: 'Multikey' | 'Ed25519VerificationKey2020';
}

/** `createDidKey` (public: keys/api.ts); ob3kit's own modules call this one. @internal */
export function createDidKey(key: KeyPair, options: CreateDidKeyOptions = {}): CreatedDid {
  if (!isKeyPair(key)) throw new TypeError('createDidKey(key): key must be a KeyPair from ob3kit');
  const fingerprint = key.publicKeyMultibase;
  if (fingerprint === undefined) {
    throw new KeyError(
      'ERR_KEY_EXPORT_UNSUPPORTED',
      `did:key is supported for Ed25519, P-256 and P-384 keys, not ${key.type}`,
    );
  }
  const vmType = options.verificationMethodType ?? 'Multikey';
  if (vmType !== 'Multikey' && vmType !== 'Ed25519VerificationKey2020') {
    throw new TypeError(
      `createDidKey(key, options): unknown verificationMethodType ${String(vmType)}`,
    );
  }
  if (vmType === 'Ed25519VerificationKey2020' && key.type !== 'Ed25519') {
    throw new KeyError(
      'ERR_KEY_EXPORT_UNSUPPORTED',
      'Ed25519VerificationKey2020 needs an Ed25519 key',
    );
  }
  const did = `did:key:${fingerprint}`;
  const verificationMethodId = `${did}#${fingerprint}`;
  return {
    did,
    verificationMethodId,
    document: didKeyDocument(did, fingerprint, vmType),
    keyPair: bindKeyPair(key, { id: verificationMethodId, controller: did }),
  };
}

function didKeyDocument(did: string, fingerprint: string, vmType: string): DidDocument {
  const id = `${did}#${fingerprint}`;
  return {
    '@context': [DID_V1, vmType === 'Multikey' ? MULTIKEY_V1 : ED25519_2020_V1],
    id: did,
    verificationMethod: [{ id, type: vmType, controller: did, publicKeyMultibase: fingerprint }],
    authentication: [id],
    assertionMethod: [id],
    capabilityDelegation: [id],
    capabilityInvocation: [id],
  };
}

/**
 * Resolve a did:key DID (offline). Ed25519, P-256 and P-384 keys. Throws `KeyError` `ERR_DID_INVALID`
 * for a malformed DID and `ERR_KEY_TYPE_UNSUPPORTED` for other key types.
 */
export function resolveDidKey(did: string): DidDocument {
  // Bound before work: no supported key is longer (base58 decoding costs the square).
  const max = 'did:key:z'.length + maxEncodedLength('base58btc', MAX_DECODED_BYTES.multikey);
  if (did.length > max) {
    throw new KeyError(
      'ERR_DID_INVALID',
      `Malformed did:key "${shorten(did)}": ${did.length} characters long; no supported key takes more than ${max}`,
      { did: shorten(did), max, found: did.length },
    );
  }
  const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!m) {
    throw new KeyError(
      'ERR_DID_INVALID',
      `Malformed did:key "${did}": expected did:key:z<base58btc>`,
      { did },
    );
  }
  const fingerprint = m[1] as string;
  let decoded: { codec: string; bytes: Uint8Array };
  try {
    decoded = decodeMultibaseKey(fingerprint, 'did:key');
  } catch (e) {
    if (e instanceof KeyError && e.code === 'ERR_KEY_TYPE_UNSUPPORTED') throw e;
    throw new KeyError(
      'ERR_DID_INVALID',
      `Malformed did:key "${did}": ${(e as Error).message}`,
      { did },
      e,
    );
  }
  const expected = DID_KEY_BYTES[decoded.codec];
  if (expected === undefined) {
    throw new KeyError(
      'ERR_KEY_TYPE_UNSUPPORTED',
      `did:key of a ${decoded.codec} key is not supported`,
      { did },
    );
  }
  if (decoded.bytes.length !== expected) {
    throw new KeyError('ERR_DID_INVALID', `Malformed did:key "${did}": wrong key length`, { did });
  }
  return didKeyDocument(did, fingerprint, 'Multikey');
}

/**
 * The verification method id a bare did:key DID stands for: a did:key DID names exactly one key,
 * so `did:key:z...` without a fragment means `did:key:z...#z...` (what 1EdTech's validator and
 * several issuers write). `undefined` for anything else (another DID, a DID URL, a malformed one).
 *
 * @example
 * ```ts
 * import { didKeyMethodId } from 'ob3kit/keys';
 * didKeyMethodId('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
 * // 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'
 * ```
 */
export function didKeyMethodId(did: string): string | undefined {
  const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  return m ? `${did}#${m[1]}` : undefined;
}

/** Public JWK members, in lexicographic order (JCS for these flat objects). */
function canonicalPublicJwk(jwk: Jwk): Record<string, string> {
  const members =
    jwk.kty === 'OKP'
      ? ['crv', 'kty', 'x']
      : jwk.kty === 'EC'
        ? ['crv', 'kty', 'x', 'y']
        : ['e', 'kty', 'n'];
  const out: Record<string, string> = {};
  for (const m of members) out[m] = jwk[m] as string;
  return out;
}

/** `createDidJwk` (public: keys/api.ts); ob3kit's own modules call this one. @internal */
export function createDidJwk(key: KeyPair): CreatedDid {
  if (!isKeyPair(key)) throw new TypeError('createDidJwk(key): key must be a KeyPair from ob3kit');
  const jwk = canonicalPublicJwk(key.publicKeyJwk);
  const did = `did:jwk:${toBase64Url(utf8(JSON.stringify(jwk)))}`;
  const verificationMethodId = `${did}#0`;
  return {
    did,
    verificationMethodId,
    document: didJwkDocument(did, jwk),
    keyPair: bindKeyPair(key, { id: verificationMethodId, controller: did }),
  };
}

function didJwkDocument(did: string, jwk: Record<string, unknown>): DidDocument {
  const id = `${did}#0`;
  const vm: VerificationMethod = {
    id,
    type: 'JsonWebKey2020',
    controller: did,
    publicKeyJwk: jwk as Jwk,
  };
  const doc: DidDocument = { '@context': [DID_V1, JWS_2020_V1], id: did, verificationMethod: [vm] };
  if (jwk.use !== 'enc') {
    doc.assertionMethod = [id];
    doc.authentication = [id];
    doc.capabilityInvocation = [id];
    doc.capabilityDelegation = [id];
  }
  if (jwk.use !== 'sig') doc.keyAgreement = [id];
  return doc;
}

/**
 * Resolve a did:jwk DID (offline). The embedded JWK must be a public key of a supported type.
 */
export function resolveDidJwk(did: string): DidDocument {
  // Bound before work: no supported public JWK is longer.
  const max = 'did:jwk:'.length + maxEncodedLength('base64url', MAX_DECODED_BYTES.didJwk);
  if (did.length > max) {
    throw new KeyError(
      'ERR_DID_INVALID',
      `Malformed did:jwk "${shorten(did)}": ${did.length} characters long; no supported key takes more than ${max}`,
      { did: shorten(did), max, found: did.length },
    );
  }
  const m = /^did:jwk:([A-Za-z0-9_-]+)$/.exec(did);
  const raw = m ? fromBase64Url(m[1] as string, MAX_DECODED_BYTES.didJwk) : undefined;
  let jwk: unknown;
  try {
    // One member name once: JSON.parse keeps the last of two "x", another reader the first,
    // so one DID would stand for two keys.
    const parsed = raw ? parseJsonText(fromUtf8(raw)) : undefined;
    if (parsed !== undefined && !parsed.ok && parsed.problem.kind === 'duplicate') {
      throw new KeyError(
        'ERR_DID_INVALID',
        `Malformed did:jwk "${shorten(did)}": its JWK ${describeJsonTextProblem(parsed.problem)}`,
        { did: shorten(did) },
      );
    }
    jwk = parsed?.ok ? parsed.value : undefined;
  } catch (e) {
    if (e instanceof KeyError) throw e;
    jwk = undefined;
  }
  if (!isObject(jwk) || typeof jwk.kty !== 'string') {
    throw new KeyError(
      'ERR_DID_INVALID',
      `Malformed did:jwk "${shorten(did)}": expected base64url of a JWK`,
      { did },
    );
  }
  if (jwk.d !== undefined) {
    throw new KeyError('ERR_DID_INVALID', 'did:jwk holds a private key (member "d"); refusing it', {
      did,
    });
  }
  importPublicJwk(jwk as Jwk, {}, 'did:jwk'); // validates key material
  return didJwkDocument(did, jwk);
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
