/** Types of the VC-API handlers (requests, responses, options, the status ledger they use). */
import type { JsonObject } from '../internal/json.js';
import type { KeyPair, Signer } from '../keys/index.js';
import type { SuiteName } from '../proof/index.js';
import type { StatusListType } from '../status/index.js';
import type { VerifyOptions } from '../verify/index.js';

/**
 * An HTTP request as the handler sees it: framework-agnostic, so any server (Node's `http`,
 * Express, Fastify, a Fetch API runtime) can pass one in.
 *
 * @example
 * ```ts
 * const req: VcApiRequest = {
 *   method: 'POST',
 *   path: '/credentials/verify',
 *   headers: { 'content-type': 'application/json' },
 *   body: '{"verifiableCredential": {}}',
 * };
 * ```
 */
export interface VcApiRequest {
  /** `GET`, `POST`, ... (any case). */
  method: string;
  /** The path, with or without a query string (`/credentials/issue`). */
  path: string;
  /** Header names in any case; a repeated header as an array. */
  headers?: Record<string, string | string[] | undefined>;
  /**
   * The body: the raw bytes or text (preferred: then a repeated JSON member name is refused), or
   * a value a framework already parsed from JSON.
   */
  body?: string | Uint8Array | unknown;
}

/**
 * What the handler answers: a status, headers and a JSON body (none for 204).
 *
 * @example
 * ```ts
 * const res: VcApiResponse = { status: 201, headers: { 'content-type': 'application/json' }, body: { verifiableCredential } };
 * ```
 */
export interface VcApiResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value (serialize with `JSON.stringify`), or `undefined` for an empty body. */
  body?: unknown;
  /**
   * For logs: the stable code of the outcome (an error code such as `issuer_mismatch`, or a
   * verdict such as `valid`), never credential contents.
   */
  code?: string;
}

/**
 * A request handler: one request in, one response out. It never throws for a bad request (that
 * is a 4xx response); an unexpected failure is a 500 with code `internal_error`.
 *
 * @example
 * ```ts
 * const handle: VcApiHandler = createVcApiHandler({ issuers: [{ name: 'main', key }] });
 * const res = await handle({ method: 'GET', path: '/health' });
 * ```
 */
export type VcApiHandler = (request: VcApiRequest) => Promise<VcApiResponse>;

/**
 * One issuer the service signs for. The first one also answers `POST /credentials/issue`; each
 * answers `POST /issuers/{name}/credentials/issue`.
 *
 * @example
 * ```ts
 * const issuer: VcApiIssuer = { name: 'eddsa', key: keyPair, suite: 'eddsa-rdfc-2022', status: true };
 * // A key ob3kit does not hold (a KMS, an HSM, a non-extractable WebCrypto key):
 * const kms: VcApiIssuer = {
 *   name: 'kms',
 *   key: { algorithm: 'ES256', id: 'did:web:badges.example.edu#key-1', sign: (data) => myKms.sign(data) },
 * };
 * ```
 */
export interface VcApiIssuer {
  /** The name in the URL path: letters, digits, `-`, `_`, `.`. */
  name: string;
  /**
   * The issuer's id in credentials (a DID or URL). Default: the key's controller (for a DID URL
   * key without one, its DID). The key must belong to it (checked when the handler is made).
   */
  id?: string;
  /**
   * The signing key: a `KeyPair` with its secret part, a verification method id and a
   * controller (a key file `ob3kit keygen` wrote, `createDidKey(...).keyPair`, ...), or a
   * `Signer` (`ob3kit/keys`: a key ob3kit does not hold). Either way the credential is signed by
   * the library, which validates it first and refuses a key that is not the issuer's.
   */
  key: KeyPair | Signer;
  /**
   * The Data Integrity cryptosuite (default by key type: `eddsa-rdfc-2022` for Ed25519,
   * `ecdsa-rdfc-2019` for P-256 and P-384; an RSA key signs VC-JWTs only).
   */
  suite?: SuiteName;
  /**
   * `'di'` (default): an embedded Data Integrity proof. `'jwt'`: a VC-JWT, answered as an
   * `EnvelopedVerifiableCredential` (`data:application/vc+jwt,...`).
   */
  format?: 'di' | 'jwt';
  /**
   * Give every credential issued here status entries from the ledger (one per series of the
   * ledger). Needs `options.ledger`. Default `false`. An Open Badges 3.0 or CLR 2.0 credential
   * carries at most one `credentialStatus`: it gets one entry, in the series of
   * `badgeStatusPurpose`.
   */
  status?: boolean;
  /**
   * The one status series an Open Badges 3.0 or CLR 2.0 credential issued here gets an entry in
   * (the ledger must have a series of this purpose). Default `'revocation'`.
   */
  badgeStatusPurpose?: StatusLedgerPurpose;
}

/** The purposes a status entry may have in the ledger. */
export type StatusLedgerPurpose = 'revocation' | 'suspension';

/**
 * One status entry of a ledger record.
 *
 * @example
 * ```ts
 * const e: StatusLedgerEntry = { purpose: 'revocation', list: 'https://example.edu/status/1', index: 7, type: 'BitstringStatusList', set: false };
 * ```
 */
export interface StatusLedgerEntry {
  purpose: StatusLedgerPurpose;
  list: string;
  index: number;
  type: StatusListType;
  set: boolean;
}

/**
 * A ledger record: a credential id and its status entries.
 *
 * @example
 * ```ts
 * const r: StatusLedgerRecord = { credentialId: 'urn:uuid:…', status: [] };
 * ```
 */
export interface StatusLedgerRecord {
  credentialId: string;
  status: StatusLedgerEntry[];
}

/**
 * The issuance ledger as the handlers use it: allocate status entries when issuing, revoke and
 * suspend by credential id, and build the status list credentials to serve. The ledger of
 * `ob3kit/ledger` (`createLedger`) has this shape; so may a store of your own.
 *
 * @example
 * ```ts
 * const handle = createVcApiHandler({ issuers: [{ name: 'main', key, status: true }], ledger });
 * ```
 */
export interface StatusLedger {
  /**
   * Reserve a credential id and one status entry per series, atomically; with
   * `options.purpose`, an entry in the series of that purpose only (asked for Open Badges 3.0 and
   * CLR 2.0 credentials, which carry at most one `credentialStatus`).
   */
  reserve(
    requests: Array<{ credentialId?: string }>,
    options?: { purpose?: StatusLedgerPurpose },
  ): Promise<StatusLedgerRecord[]>;
  /** Record that the credentials were signed and handed out. */
  markIssued(credentialIds: string[]): Promise<void>;
  /** A copy of the credential with the record's id and `credentialStatus` entries. */
  attachStatus<T extends object>(credential: T, record: StatusLedgerRecord): T & JsonObject;
  /** The records of a credential id (empty when the ledger does not hold it). */
  find(filter: { credentialId: string }): Promise<StatusLedgerRecord[]>;
  /** Set the revocation entry (final). */
  revoke(target: { credentialId: string }): Promise<unknown>;
  /** Set the suspension entry. */
  suspend(target: { credentialId: string }): Promise<unknown>;
  /** Clear the suspension entry. */
  unsuspend(target: { credentialId: string }): Promise<unknown>;
  /** The unsigned status list credentials, as the ledger holds them now. */
  statusListCredentials(options: {
    issuer: string | JsonObject;
    lists?: string[];
    validFrom?: Date;
  }): Promise<Array<{ url: string; purpose: StatusLedgerPurpose; credential: JsonObject }>>;
  /** Every list the ledger holds. */
  lists(): Promise<Array<{ url: string; purpose: StatusLedgerPurpose }>>;
}

/**
 * Options of {@link createVcApiHandler}.
 *
 * @example
 * ```ts
 * const options: VcApiOptions = {
 *   issuers: [{ name: 'main', key }],
 *   tokens: [process.env.OB3KIT_TOKEN!],
 *   verify: { contexts: { 'https://www.w3.org/ns/credentials/examples/v2': examplesContext } },
 * };
 * ```
 */
export interface VcApiOptions {
  /** The issuers (none: the service only verifies). */
  issuers?: VcApiIssuer[];
  /**
   * Bearer tokens that may call the issuing and status endpoints (`Authorization: Bearer ...`).
   * Without tokens those endpoints are open: keep such a service on loopback.
   */
  tokens?: string[];
  /** Require a token on the verify endpoints too. Default `false`. */
  tokensForVerify?: boolean;
  /**
   * The issuance ledger (status entries, revocation, suspension, the lists served under
   * `/status-lists/`).
   */
  ledger?: StatusLedger;
  /**
   * Where this service is reached from outside (`https://issuer.example`): status list URLs are
   * matched against it. Default: lists are matched by path alone.
   */
  publicUrl?: string;
  /** The issuer that signs status list credentials (its `name`). Default: the first issuer with `status: true`. */
  statusIssuer?: string;
  /**
   * Base options of every verification (contexts, documents, fetch, resolvers, limits, ...).
   * `challenge`, `domain` and `now` come per request.
   */
  verify?: Omit<VerifyOptions, 'challenge' | 'domain' | 'recipient'>;
  /** Extra JSON-LD contexts by URL, for signing and verifying. Never fetched. */
  contexts?: Record<string, object>;
  /**
   * The HTTP status of a failed verification (the body still holds the report). Default `400`:
   * the W3C suites expect an error status when verification fails.
   */
  failureStatus?: number;
  /** Largest JSON body, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Clock. Default `() => new Date()`. */
  now?: () => Date;
}
