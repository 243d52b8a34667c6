/**
 * Signers: anything that can sign bytes for a verification method, whether ob3kit holds the
 * secret key (a `KeyPair`) or not (a key in a KMS or an HSM, a non-extractable WebCrypto key,
 * a key held by another process). Every signing operation goes through one {@link SigningKey}.
 */
import { KeyError } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';
import { importPublicKeyPair } from './import-public.js';
import { isKeyPair } from './key-pair.js';
import type { Jwk, JwsAlgorithm, KeyPair, KeyType } from './types.js';

/**
 * The algorithm a signer signs with, by its JOSE name: `EdDSA` (or its fully specified name
 * `Ed25519`, RFC 9864): Ed25519; `ES256`: ECDSA P-256 with SHA-256; `ES384`: ECDSA P-384 with
 * SHA-384; `RS256`: RSASSA-PKCS1-v1_5 with SHA-256.
 *
 * @example
 * ```ts
 * const alg: SignerAlgorithm = 'ES256';
 * ```
 */
export type SignerAlgorithm = JwsAlgorithm | 'Ed25519';

/**
 * A signer: signs bytes with a key that ob3kit need not hold. Accepted wherever a `KeyPair` is
 * (`signCredential`, `signCredentialJwt`, `signPresentation`, `signPresentationJwt`).
 *
 * `sign(data)` receives the exact bytes to sign and must return the signature in the form the
 * proof formats use: Ed25519 64 bytes (RFC 8032); ECDSA the raw `r || s` (IEEE P1363: 64 bytes
 * for P-256, 96 for P-384; the message is hashed by the signer with SHA-256 / SHA-384, as
 * WebCrypto and KMS "raw message" modes do; a DER signature is converted with `derToRawEcdsa`);
 * RSA the PKCS #1 v1.5 signature over SHA-256 of the message.
 *
 * @example
 * ```ts
 * import type { Signer } from 'ob3kit/keys';
 * const signer: Signer = {
 *   algorithm: 'ES256',
 *   id: 'did:web:badges.example.edu#key-1',
 *   controller: 'did:web:badges.example.edu',
 *   sign: (data) => myKms.sign(data), // resolves to the 64-byte r || s
 * };
 * ```
 */
export interface Signer {
  /** The algorithm of the key. */
  readonly algorithm: SignerAlgorithm;
  /** The verification method id a verifier resolves to find the public key (a DID URL or https URL). */
  readonly id: string;
  /**
   * The controller of the key (the DID or https URL of the issuer or holder). Optional for DID
   * URLs, whose DID is the controller; needed to tie an https key to its issuer.
   */
  readonly controller?: string;
  /**
   * The public key as a JWK, when known: each signature is then verified before it is used (a
   * wrong key or a wrongly encoded signature fails at once, not at the verifier), and a JWT
   * signed without a `kid` carries it in its header.
   */
  readonly publicKeyJwk?: Jwk;
  /** Sign the bytes (see above for the signature format). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * The one shape the signing code works with: from a `KeyPair` or a {@link Signer}.
 *
 * @internal
 */
export interface SigningKey {
  readonly keyType: KeyType;
  readonly algorithm: JwsAlgorithm;
  readonly id: string | undefined;
  readonly controller: string | undefined;
  readonly publicKeyJwk: Jwk | undefined;
  /** `true` for a `KeyPair` (ob3kit computed the signature itself). */
  readonly local: boolean;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

const KEY_TYPES: Record<SignerAlgorithm, KeyType> = {
  EdDSA: 'Ed25519',
  Ed25519: 'Ed25519',
  ES256: 'P-256',
  ES384: 'P-384',
  RS256: 'RSA',
};

/** Signature sizes in bytes (RSA: the modulus size, checked against the public key when known). */
const SIGNATURE_BYTES: Partial<Record<KeyType, number>> = { Ed25519: 64, 'P-256': 64, 'P-384': 96 };

/**
 * True when `value` has the shape of a {@link Signer} (an algorithm ob3kit knows, a non-empty
 * `id` and a `sign` function). A `KeyPair` is not a `Signer` (it is accepted on its own).
 *
 * @example
 * ```ts
 * import { isSigner } from 'ob3kit/keys';
 * isSigner({ algorithm: 'EdDSA', id: 'did:key:z6Mk...#z6Mk...', sign: async () => sig }); // true
 * ```
 */
export function isSigner(value: unknown): value is Signer {
  if (isKeyPair(value) || !isObject(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.sign === 'function' &&
    typeof v.algorithm === 'string' &&
    Object.hasOwn(KEY_TYPES, v.algorithm) &&
    typeof v.id === 'string' &&
    v.id.length > 0
  );
}

/**
 * The signing key behind a `KeyPair` or a `Signer` (throws `TypeError` for anything else, and
 * `KeyError` `ERR_KEY_SECRET_MISSING` for a public key).
 *
 * @internal
 */
export function toSigningKey(key: unknown, fn: string, field = 'options.key'): SigningKey {
  if (isKeyPair(key)) {
    if (!key.hasSecretKey) {
      throw new KeyError(
        'ERR_KEY_SECRET_MISSING',
        `${fn}: the key ${key.id ?? '(no id)'} has no secret key and cannot sign`,
        { id: key.id },
      );
    }
    return fromKeyPair(key);
  }
  if (isSigner(key)) return fromSigner(key, fn);
  if (isObject(key) && typeof (key as { sign?: unknown }).sign === 'function') {
    const k = key as Record<string, unknown>;
    const why =
      typeof k.algorithm !== 'string' || !Object.hasOwn(KEY_TYPES, k.algorithm)
        ? `algorithm must be one of ${Object.keys(KEY_TYPES).join(', ')}, found ${describeValue(k.algorithm)}`
        : 'id must be the verification method id (a non-empty string)';
    throw new TypeError(`${fn}: ${field} looks like a Signer but its ${why}`);
  }
  throw new TypeError(
    `${fn}: ${field} must be a KeyPair (generateKeyPair, importKeyPair, ...) or a Signer ({ algorithm, id, sign })`,
  );
}

function fromKeyPair(key: KeyPair): SigningKey {
  return {
    keyType: key.type,
    algorithm: key.algorithm,
    id: key.id,
    controller: key.controller,
    publicKeyJwk: key.publicKeyJwk,
    local: true,
    sign: (data) => key.sign(data),
  };
}

function fromSigner(signer: Signer, fn: string): SigningKey {
  const keyType = KEY_TYPES[signer.algorithm];
  const algorithm: JwsAlgorithm = signer.algorithm === 'Ed25519' ? 'EdDSA' : signer.algorithm;
  let publicKey: KeyPair | undefined;
  if (signer.publicKeyJwk !== undefined) {
    try {
      publicKey = importPublicKeyPair(signer.publicKeyJwk);
    } catch (e) {
      throw new TypeError(
        `${fn}: the Signer's publicKeyJwk is not a usable public key: ${(e as Error).message}`,
      );
    }
    if (publicKey.type !== keyType) {
      throw new TypeError(
        `${fn}: the Signer's algorithm ${signer.algorithm} needs a ${keyType} key; its publicKeyJwk is a ${publicKey.type} key`,
      );
    }
  }
  const controller = typeof signer.controller === 'string' ? signer.controller : undefined;
  return {
    keyType,
    algorithm,
    id: signer.id,
    controller,
    publicKeyJwk: publicKey?.publicKeyJwk,
    local: false,
    async sign(data) {
      const signature = await signer.sign(data.slice());
      checkSignature(signature, keyType, signer.id);
      if (publicKey !== undefined && !(await publicKey.verify(data, signature))) {
        throw new KeyError(
          'ERR_SIGNER_OUTPUT',
          `The signature from the signer for ${signer.id} does not verify with its publicKeyJwk: the signer uses another key, or another algorithm or message hash than ${algorithm}`,
          { id: signer.id },
        );
      }
      return signature;
    },
  };
}

/** A signer's answer must be bytes of the size the algorithm gives. */
function checkSignature(signature: unknown, keyType: KeyType, id: string): void {
  if (!(signature instanceof Uint8Array)) {
    throw new KeyError(
      'ERR_SIGNER_OUTPUT',
      `The signer for ${id} must resolve to a Uint8Array signature, found ${describeValue(signature)}`,
      { id },
    );
  }
  const size = SIGNATURE_BYTES[keyType];
  if (size !== undefined && signature.length !== size) {
    const der = signature[0] === 0x30 && keyType !== 'Ed25519';
    throw new KeyError(
      'ERR_SIGNER_OUTPUT',
      `The signer for ${id} returned ${signature.length} bytes; a ${keyType} signature is ${size} bytes${
        der ? ' (this looks like a DER-encoded ECDSA signature: convert it with derToRawEcdsa)' : ''
      }`,
      { id, length: signature.length, expected: size },
    );
  }
  if (keyType === 'RSA' && (signature.length < 256 || signature.length > 1024)) {
    throw new KeyError(
      'ERR_SIGNER_OUTPUT',
      `The signer for ${id} returned ${signature.length} bytes; an RSA signature (2048 to 8192-bit key) is 256 to 1024 bytes`,
      { id, length: signature.length },
    );
  }
}
