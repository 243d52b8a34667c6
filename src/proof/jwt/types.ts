/** Types of the VC-JWT capability. */
import type { DocumentLoader } from '../../jsonld/index.js';
import type { DidResolver, FetchLike, JwsAlgorithm, KeyPair, Signer } from '../../keys/index.js';
import type { SigningChecks } from '../preflight.js';

/** One problem found while verifying a JWT: a stable snake_case `code`, a message, and where. */
export interface JwtIssue {
  /** Stable snake_case code, for example `jwt_signature_invalid`. */
  code: string;
  /** Human-readable explanation: what was expected, what was found. */
  message: string;
  /** Where: `header.alg`, `payload.iss`, `credential.issuer.id`, ... */
  path?: string;
  /**
   * The `ERR_*` code of the error behind the issue, when one caused it: for example
   * `ERR_RESOLUTION_OFFLINE` for a `jwt_key_unresolved` whose key document needs the network.
   */
  errorCode?: string;
}

/**
 * Where the credential sits in the JWT payload:
 * - `'vc-1.1'`: in the `vc` claim (VC Data Model 1.1, VC-JWT 1.1);
 * - `'vc-2.0'`: the payload is the credential itself, with JWT claims added (Open Badges 3.0,
 *   VC-JOSE-COSE).
 */
export type JwtPayloadForm = 'vc-1.1' | 'vc-2.0';

/** Options of `signCredentialJwt`. */
export interface SignCredentialJwtOptions extends SigningChecks {
  /**
   * The issuer's key: an ob3kit `KeyPair` with its secret, a `Signer` (a key ob3kit does not
   * hold), or a private key document (JWK, Multikey).
   */
  key: KeyPair | Signer | Record<string, unknown>;
  /** `RS256`, `ES256`, `ES384` or `EdDSA`; must fit the key. Default: the key's algorithm. */
  alg?: JwsAlgorithm;
  /**
   * Header `kid`: a DID URL or https URL that dereferences to the public key. Default: the
   * key's `id`. When there is none, the public key is put in the header `jwk` instead.
   */
  kid?: string;
  /** Put the public key in the header `jwk` as well as (or instead of) `kid`. Default: only without `kid`. */
  includeJwk?: boolean;
  /**
   * Payload form. Default: `'vc-1.1'` when the credential's `@context` starts with the VC 1.1
   * context, else `'vc-2.0'`.
   */
  payloadForm?: JwtPayloadForm;
  /** Header `typ`. Default `'JWT'` (what Open Badges 3.0 allows); `'vc+jwt'` for VC-JOSE-COSE. */
  typ?: string;
  /** Time for the `iat` claim. Default: now. */
  now?: Date;
  /**
   * JSON-LD document loader for the checks before signing (verifiers read the credential as
   * JSON-LD, whatever its proof). Default: the bundled contexts only.
   */
  documentLoader?: DocumentLoader;
}

/** Options of `verifyCredentialJwt`. */
export interface VerifyCredentialJwtOptions {
  /** Fetch for did:web and https key documents. Nothing is fetched without it. */
  fetch?: FetchLike;
  /** Known DID documents, controller documents and keys by URL or DID (looked up first). */
  documents?: Record<string, unknown>;
  /** Resolvers for other DID methods, by method name. */
  resolvers?: Record<string, DidResolver>;
  /** Clock for `exp` and `nbf`. Default: now. */
  now?: Date;
  /** Accepted algorithms (a subset of `RS256`, `ES256`, `ES384`, `EdDSA`). Default: all four. */
  algorithms?: JwsAlgorithm[];
  /** Allowed clock skew for `exp` and `nbf`, in seconds. Default 60. */
  clockTolerance?: number;
  /** Largest accepted JWT, in characters. Default 1 MiB (1,048,576). */
  maxLength?: number;
  /** Abort signal for `fetch` and resolvers. */
  signal?: AbortSignal;
  /**
   * How far a JWK published at an https `kid` (naming no controller) speaks for the issuer:
   * `'path'` (default) for the id at its URL or one path segment above it; `'origin'` for any id
   * on its origin (only for hosts that serve one party). See docs/jwt.md.
   */
  webJwkBinding?: 'path' | 'origin';
}

/** What `verifyCredentialJwt` returns. */
export interface CredentialJwtVerificationResult {
  /** True when the signature, key, claims and validity period all check out. */
  verified: boolean;
  /** The credential carried by the JWT (JWT claims removed, VC 1.1 claims mapped back). */
  credential?: Record<string, unknown>;
  /** The decoded JOSE header. */
  header?: Record<string, unknown>;
  /** The decoded JWT payload. */
  payload?: Record<string, unknown>;
  /** Which payload form the JWT used. */
  payloadForm?: JwtPayloadForm;
  /** The id of the verification method whose key checked the signature (the `kid`, when one was used). */
  verificationMethod?: string;
  /** Every problem found; empty when verified. */
  issues: JwtIssue[];
}
