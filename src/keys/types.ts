/** Types shared by the keys capability. */

/** The key types ob3kit can generate, import, sign and verify with. */
export type KeyType = 'Ed25519' | 'P-256' | 'P-384' | 'RSA';

/** The JOSE algorithm that goes with each key type (`EdDSA`, `ES256`, `ES384`, `RS256`). */
export type JwsAlgorithm = 'EdDSA' | 'ES256' | 'ES384' | 'RS256';

/**
 * A JSON Web Key (RFC 7517) for one of the supported key types. Public members always; private
 * members (`d`, and `p`/`q`/`dp`/`dq`/`qi` for RSA) only in secret exports.
 */
export interface Jwk {
  kty: 'OKP' | 'EC' | 'RSA';
  crv?: 'Ed25519' | 'P-256' | 'P-384';
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  kid?: string;
  alg?: string;
  use?: string;
  [member: string]: unknown;
}

/**
 * A key pair (or a public key alone) that can sign and verify bytes.
 *
 * Secret material is never exposed as a property; `JSON.stringify(keyPair)` gives the public
 * key only. Use `exportKeyPair(key, { includeSecret: true })` to serialize the secret.
 */
export interface KeyPair {
  /** `Ed25519`, `P-256`, `P-384` or `RSA`. */
  readonly type: KeyType;
  /** Verification method id (for example `did:key:z6Mk...#z6Mk...`), when known. */
  readonly id: string | undefined;
  /** Controller of the key (a DID or an https URL), when known. */
  readonly controller: string | undefined;
  /** The JOSE algorithm this key signs with: `EdDSA`, `ES256`, `ES384` or `RS256`. */
  readonly algorithm: JwsAlgorithm;
  /**
   * Raw public key bytes: 32 bytes for Ed25519, compressed SEC1 point for P-256 (33 bytes) and
   * P-384 (49 bytes), DER `RSAPublicKey` (PKCS #1) for RSA. A fresh copy on every read.
   */
  readonly publicKey: Uint8Array;
  /** `z`-base58btc multicodec public key (Ed25519, P-256 and P-384 only). */
  readonly publicKeyMultibase: string | undefined;
  /** The public key as a JWK (no private members). A fresh copy on every read. */
  readonly publicKeyJwk: Jwk;
  /** True when the secret key is present (the key can sign). */
  readonly hasSecretKey: boolean;
  /**
   * Sign bytes (Ed25519: RFC 8032; P-256: ECDSA SHA-256, 64-byte r||s; P-384: ECDSA SHA-384,
   * 96-byte r||s; RSA: RSASSA-PKCS1-v1_5 SHA-256).
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Verify a signature over bytes; `false` for any bad or malformed signature. */
  verify(data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** The public key as JSON (Multikey for Ed25519/P-256/P-384, JsonWebKey for RSA). */
  toJSON(): Record<string, unknown>;
}

/**
 * A verification method as found in a controller document (DID document or https controller
 * document): `Multikey`, `Ed25519VerificationKey2020`, `JsonWebKey`, `JsonWebKey2020`, ...
 */
export interface VerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: Jwk;
  revoked?: string;
  /** When the method ceases to be usable (Controlled Identifiers); proofs are not verified with it at or after this time. */
  expires?: string;
  [property: string]: unknown;
}

/** A DID document or a controller document (W3C Controlled Identifiers). */
export interface ControllerDocument {
  '@context'?: unknown;
  id: string;
  controller?: string | string[];
  verificationMethod?: VerificationMethod[];
  authentication?: Array<string | VerificationMethod>;
  assertionMethod?: Array<string | VerificationMethod>;
  capabilityInvocation?: Array<string | VerificationMethod>;
  capabilityDelegation?: Array<string | VerificationMethod>;
  keyAgreement?: Array<string | VerificationMethod>;
  [property: string]: unknown;
}

/** A DID document. */
export type DidDocument = ControllerDocument;

/** The verification relationships a key can be listed under. */
export type VerificationRelationship =
  | 'assertionMethod'
  | 'authentication'
  | 'capabilityInvocation'
  | 'capabilityDelegation'
  | 'keyAgreement';
