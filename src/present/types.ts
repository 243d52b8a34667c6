/** Types of the presentations capability. */
import type { DocumentLoader } from '../jsonld/index.js';
import type { WorkBudget } from '../jsonld/work.js';
import type { DidResolver, FetchLike, JwsAlgorithm, KeyPair, Signer } from '../keys/index.js';
import type { SuiteName } from '../proof/index.js';
import type { JwtPayloadForm } from '../proof/jwt/types.js';
import type { SigningChecks } from '../proof/preflight.js';

/** One problem found: a stable snake_case `code`, a message, and where. */
export interface PresentationIssue {
  code: string;
  message: string;
  path?: string;
}

/** Options of `createPresentation`. */
export interface CreatePresentationOptions {
  /** The holder (a DID or URL) whose key will sign the presentation. */
  holder?: string;
  /** Credentials: JSON objects (with embedded proofs) and/or compact JWT strings. */
  credentials: Array<Record<string, unknown> | string>;
  /** Presentation id (a URI), for example a `urn:uuid:`. */
  id?: string;
  /** `'2.0'` (default; VC Data Model 2.0) or `'1.1'`. */
  version?: '2.0' | '1.1';
}

/** Options of `signPresentation` (Data Integrity, proofPurpose `authentication`). */
export interface SignPresentationOptions extends SigningChecks {
  /** The holder's key (with its secret), or a `Signer`. */
  key: KeyPair | Signer;
  /** The verifier's challenge (nonce); required. */
  challenge: string;
  /** The verifier's domain (or domains). */
  domain?: string | string[];
  /** `'eddsa-rdfc-2022'` (default), `'ecdsa-rdfc-2019'` or `'Ed25519Signature2020'`. */
  suite?: SuiteName;
  /** Proof creation time. Default: now. */
  created?: Date | string;
  /** Verification method id in the proof. Default: the key's id. */
  verificationMethod?: string;
  /** JSON-LD document loader. Default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
  /**
   * Abort signal: ends the call with `ERR_ABORTED` (also while a `Signer` has not answered); an
   * already aborted signal signs nothing.
   */
  signal?: AbortSignal;
}

/** Options of `signPresentationJwt` (VP-JWT). */
export interface SignPresentationJwtOptions extends SigningChecks {
  /** The holder's key (with its secret), a `Signer`, or a private key document (JWK, Multikey). */
  key: KeyPair | Signer | Record<string, unknown>;
  /** The verifier's challenge, carried in the `nonce` claim; required. */
  challenge: string;
  /** The verifier's domain, carried in the `aud` claim. */
  domain?: string;
  /** `RS256`, `ES256`, `ES384` or `EdDSA`; must fit the key. Default: the key's algorithm. */
  alg?: JwsAlgorithm;
  /** Header `kid`. Default: the key's id (else the public key goes in the header `jwk`). */
  kid?: string;
  /** Default: `'vc-1.1'` (presentation in the `vp` claim) for a VC 1.1 presentation, else `'vc-2.0'`. */
  payloadForm?: JwtPayloadForm;
  /** Header `typ`. Default `'JWT'`; `'vp+jwt'` for VC-JOSE-COSE. */
  typ?: string;
  /**
   * JSON-LD document loader for the checks before signing (verifiers read the presentation as
   * JSON-LD, whatever its proof). Default: the bundled contexts only.
   */
  documentLoader?: DocumentLoader;
  /** Time for `iat`. Default: now. */
  now?: Date;
  /** When set, the `exp` claim: the presentation expires this many seconds after `now`. */
  expiresIn?: number;
}

/** Options of `verifyPresentation`. */
export interface VerifyPresentationOptions {
  /** The challenge this verifier issued; required (there is no default). */
  challenge: string;
  /** The verifier's domain; when given, the presentation must be bound to it. */
  domain?: string;
  /** Fetch for did:web and https key documents. Nothing is fetched without it. */
  fetch?: FetchLike;
  /** Known DID documents, controller documents and keys by URL or DID. */
  documents?: Record<string, unknown>;
  /** Resolvers for other DID methods, by method name. */
  resolvers?: Record<string, DidResolver>;
  /** JSON-LD document loader for Data Integrity proofs. Default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
  /**
   * A canonicalization budget shared by a verification run (`verify()`).
   *
   * @internal
   */
  runBudget?: WorkBudget;
  /** Clock. Default: now. */
  now?: Date;
  /** Accepted JWT algorithms. Default: `RS256`, `ES256`, `ES384`, `EdDSA`. */
  algorithms?: JwsAlgorithm[];
  /** Accepted Data Integrity suites. Default: all that ob3kit verifies. */
  suites?: SuiteName[];
  /** Allowed clock skew for JWT `exp` / `nbf`, in seconds. Default 60. */
  clockTolerance?: number;
  /** Largest accepted JWT, in characters. Default 1 MiB. */
  maxLength?: number;
  /** Abort signal. */
  signal?: AbortSignal;
  /**
   * How far a JWK published at an https `kid` (naming no controller) speaks for the holder or
   * issuer: `'path'` (default) or `'origin'` (opt-in; see docs/jwt.md).
   */
  webJwkBinding?: 'path' | 'origin';
  /**
   * Also verify each presented credential's proof (default `true`). `verify()` passes `false`:
   * it runs its whole pipeline on every presented credential itself.
   */
  verifyCredentials?: boolean;
}

/** The result for one credential of a presentation. */
export interface PresentedCredentialResult {
  /** Position in `verifiableCredential`. */
  index: number;
  /** `'jwt'` (a JWT string or an `EnvelopedVerifiableCredential`) or `'data-integrity'`. */
  format: 'jwt' | 'data-integrity';
  verified: boolean;
  /** The credential (decoded, for a JWT). */
  credential?: Record<string, unknown>;
  issues: PresentationIssue[];
}

/** What `verifyPresentation` returns. */
export interface PresentationVerificationResult {
  /** True when the presentation proof, holder, challenge, domain and every credential check out. */
  verified: boolean;
  /** How the presentation was secured. */
  format: 'jwt' | 'data-integrity';
  /** The presentation (decoded, for a VP-JWT). */
  presentation?: Record<string, unknown>;
  /** The holder id, when the presentation names one. */
  holder?: string;
  /** Problems with the presentation itself, plus one `presentation_credential_invalid` per failed credential. */
  issues: PresentationIssue[];
  /** One result per credential, in order. */
  credentials: PresentedCredentialResult[];
}
