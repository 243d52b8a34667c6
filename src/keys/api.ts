/**
 * The key functions the root barrel (`ob3kit`) exports, as thin functions over their
 * implementations (import.ts, resolve.ts, did.ts), which ob3kit's own modules call. Code that
 * `verify()` loads on demand (VC-JWT verification) reaches the implementations; if the root
 * barrel re-exported those very functions, esbuild would move them, and everything they import,
 * into the first chunk of every app that imports anything from 'ob3kit'.
 */
import {
  type CreateDidKeyOptions,
  type CreatedDid,
  createDidJwk as didJwk,
  createDidKey as didKey,
} from './did.js';
import { type ImportKeyPairOptions, importKeyPair as importKey } from './import.js';
import {
  type ResolvedVerificationMethod,
  type ResolveVerificationMethodOptions,
  resolveVerificationMethod as resolveMethod,
} from './resolve.js';
import type { KeyPair } from './types.js';

/**
 * Import a key pair (or a public key) from JSON, detecting the format:
 * - Multikey: `{ type: 'Multikey', publicKeyMultibase, secretKeyMultibase? }`
 *   (Ed25519 `z6Mk...`, P-256 `zDn...`, P-384 `z82...`; a 64-byte Ed25519 secret — seed then
 *   public key — is accepted);
 * - a bare JWK: `{ kty: 'OKP', crv: 'Ed25519', x, d? }`, `{ kty: 'EC', crv: 'P-256' | 'P-384', x, y, d? }`,
 *   `{ kty: 'RSA', n, e, d?, p?, q?, dp?, dq?, qi? }`;
 * - a JsonWebKey / JsonWebKey2020 verification method: `{ type, publicKeyJwk, secretKeyJwk? | privateKeyJwk? }`;
 * - Ed25519VerificationKey2020: `{ publicKeyMultibase, privateKeyMultibase? }`;
 * - Ed25519VerificationKey2018: `{ publicKeyBase58, privateKeyBase58? }`.
 *
 * `id` and `controller` are taken from the JSON (a JWK's `kid` becomes the id) unless given in
 * `options`. Throws `KeyError` with `ERR_KEY_FORMAT` (not a key document), `ERR_KEY_INVALID`
 * (malformed or inconsistent key material) or `ERR_KEY_TYPE_UNSUPPORTED` (for example secp256k1).
 *
 * @example
 * ```ts
 * import { importKeyPair } from 'ob3kit/keys';
 * const key = importKeyPair({
 *   type: 'Multikey',
 *   id: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
 *   controller: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
 *   publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
 *   secretKeyMultibase: 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq',
 * });
 * key.type; // 'Ed25519'
 * ```
 */
export function importKeyPair(json: unknown, options: ImportKeyPairOptions = {}): KeyPair {
  return importKey(json, options);
}

/**
 * Resolve a verification method id (`did:key:z6Mk...#z6Mk...`, `did:web:example.com#key-1`,
 * `https://example.edu/issuers/565049#key-1`, ...) to the method, its controller document, and
 * its public key.
 *
 * Rules: the method is found in `verificationMethod` or embedded in a relationship of the
 * document named by the id (without fragment), or is itself the document at that URL (a bare
 * `did:key:z...` stands for its one key, `did:key:z...#z...`, a bare `did:jwk:e...` for
 * `did:jwk:e...#0`); relative
 * ids (`#key-1`) are resolved against the document id; a method whose `controller` is not that
 * document's id is accepted only if its controller's own document lists it; a `revoked` method
 * fails; with `purpose`, the controller document must list the method under that relationship.
 *
 * Every document this needs (the method's, its controller's) comes through one fetcher, so the
 * fetch limits apply to the whole resolution.
 *
 * Errors (`KeyError`): those of `resolveDid` and `resolveControllerDocument` (`ob3kit/keys`), plus
 * `ERR_VERIFICATION_METHOD_NOT_FOUND`, `ERR_VERIFICATION_METHOD_INVALID`, `ERR_KEY_REVOKED`,
 * `ERR_KEY_PURPOSE_MISMATCH`, `ERR_KEY_INVALID`, `ERR_KEY_TYPE_UNSUPPORTED`, `ERR_KEY_FORMAT`.
 *
 * @example
 * ```ts
 * import { resolveVerificationMethod } from 'ob3kit/keys';
 * const { keyPair } = await resolveVerificationMethod(
 *   'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
 *   { purpose: 'assertionMethod' },
 * );
 * await keyPair.verify(data, signature);
 * ```
 */
export function resolveVerificationMethod(
  given: string,
  options: ResolveVerificationMethodOptions = {},
): Promise<ResolvedVerificationMethod> {
  return resolveMethod(given, options);
}

/**
 * Make the did:key DID of an Ed25519, P-256 or P-384 key, its verification method id, and its DID document.
 *
 * @example
 * ```ts
 * import { createDidKey, generateKeyPair } from 'ob3kit/keys';
 * const { did, verificationMethodId, keyPair } = createDidKey(await generateKeyPair());
 * // did = 'did:key:z6Mk...', verificationMethodId = `${did}#z6Mk...`; sign with keyPair
 * ```
 */
export function createDidKey(key: KeyPair, options: CreateDidKeyOptions = {}): CreatedDid {
  return didKey(key, options);
}

/**
 * Make the did:jwk DID of a key (Ed25519, P-256 or RSA), its verification method id (`#0`) and document.
 *
 * @example
 * ```ts
 * import { createDidJwk, generateKeyPair } from 'ob3kit/keys';
 * const { did, verificationMethodId } = createDidJwk(await generateKeyPair({ type: 'P-256' }));
 * // did = 'did:jwk:eyJjcnYiOiJQLTI1NiIs...', verificationMethodId = `${did}#0`
 * ```
 */
export function createDidJwk(key: KeyPair): CreatedDid {
  return didJwk(key);
}
