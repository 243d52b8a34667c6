/**
 * Keys and resolution: generate and import key pairs (Ed25519, P-256, P-384, RSA), export them as
 * Multikey / JWK / JsonWebKey / Ed25519VerificationKey2020, make did:key and did:jwk DIDs, and
 * resolve verification methods (did:key, did:jwk offline; did:web and https controller documents
 * through caller-supplied `documents` or `fetch`; other DID methods through `resolvers`).
 *
 * @packageDocumentation
 */
export type {
  FetchBodyReader,
  FetchFunction,
  FetchInit,
  FetchResponse,
} from '../internal/fetch.js';
export {
  createDidJwk,
  createDidKey,
  importKeyPair,
  resolveVerificationMethod,
} from './api.js';
export { DEFAULT_MAX_BASE58_BYTES, decodeBase58btc, encodeBase58btc } from './base58.js';
export {
  type CreateDidKeyOptions,
  type CreatedDid,
  didKeyMethodId,
  resolveDidJwk,
  resolveDidKey,
} from './did.js';
export { type DidWebParts, didWebToUrl, parseDidWeb } from './did-web.js';
export { type ExportKeyPairOptions, exportKeyPair, type KeyExportFormat } from './export.js';
export { type GenerateKeyPairOptions, generateKeyPair } from './generate.js';
export {
  type ImportKeyPairOptions,
  importRawKeyPair,
  type RawKeyPairInput,
} from './import.js';
export { bindKeyPair, isKeyPair } from './key-pair.js';
export {
  checkKeyController,
  checkVerificationRelationship,
  type DidResolver,
  type FetchLike,
  type ResolvedVerificationMethod,
  type ResolveOptions,
  type ResolveVerificationMethodOptions,
  resolveControllerDocument,
  resolveDid,
} from './resolve.js';
export { isSigner, type Signer, type SignerAlgorithm } from './signer.js';
export {
  derToRawEcdsa,
  type SignerFromCryptoKeyOptions,
  type SignerFromPortOptions,
  type SignerPort,
  serveSigner,
  signerFromCryptoKey,
  signerFromPort,
} from './signer-adapters.js';
export type {
  ControllerDocument,
  DidDocument,
  Jwk,
  JwsAlgorithm,
  KeyPair,
  KeyType,
  VerificationMethod,
  VerificationRelationship,
} from './types.js';
