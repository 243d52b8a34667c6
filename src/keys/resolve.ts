/** Resolution of DIDs, controller documents and verification methods. */

import { FetchError, KeyError } from '../errors.js';
import { hasEnded, parseDateTime } from '../internal/datetime.js';
import { describeValue } from '../internal/describe.js';
import {
  type DocumentFetcher,
  type DocumentKind,
  type FetchFunction,
  fetcherFor,
  parseJsonDocument,
} from '../internal/fetch.js';
import { isObject, jsonEqual } from '../internal/json.js';
import { onDemand } from '../internal/lazy.js';
import { didKeyMethodId, resolveDidJwk, resolveDidKey } from './did.js';
import { importPublicKeyPair } from './import-public.js';
import { isPlainOptions } from './multikey.js';
import type {
  ControllerDocument,
  DidDocument,
  KeyPair,
  VerificationMethod,
  VerificationRelationship,
} from './types.js';

/** The did:web grammar, loaded for a did:web DID. */
const didWebCode = /* @__PURE__ */ onDemand(() => import('./did-web.js'));

/**
 * A `fetch`-compatible function (the global one fits). ob3kit calls it only with a canonical
 * https URL that passed its fetch rules, as a GET with `redirect: 'manual'`, and reads the body
 * with a byte cap (see docs/security.md).
 *
 * @example
 * ```ts
 * import type { FetchLike } from 'ob3kit/keys';
 * const fetchFn: FetchLike = globalThis.fetch;
 * ```
 */
export type FetchLike = FetchFunction;

/** A resolver for one DID method: gets the DID (no fragment), returns its DID document. */
export type DidResolver = (did: string, options: { signal?: AbortSignal }) => Promise<object>;

/** Where resolution may look. Nothing is fetched unless `fetch` is given. */
export interface ResolveOptions {
  /**
   * Known documents by URL or DID: DID documents (`did:web:example.com` or its https URL),
   * controller documents (`https://example.edu/issuers/565049`), or verification methods
   * published on their own URL. Looked up before anything else, except for did:key and did:jwk,
   * whose documents are always derived from the DID.
   */
  documents?: Record<string, unknown>;
  /**
   * Fetch for did:web and https controller documents. Without it they fail with
   * `ERR_RESOLUTION_OFFLINE`. Requests follow ob3kit's fetch rules (https only, no redirects,
   * no private addresses, bounded size, time and count); a refused or failed request throws
   * `FetchError` with an `ERR_FETCH_*` code.
   */
  fetch?: FetchLike;
  /** Resolvers for DID methods by method name (`{ ion: async (did) => doc }`); they override built-ins. */
  resolvers?: Record<string, DidResolver>;
  /** Abort signal passed to `fetch` and resolvers. */
  signal?: AbortSignal;
  /** Largest fetched document, in bytes. Default 4 MiB. */
  maxDocumentSize?: number;
  /**
   * Let requests reach loopback, private and link-local addresses and local names
   * (`localhost`, `10.0.0.0/8`, `::1`, ...). Default `false`: they fail with
   * `ERR_FETCH_PRIVATE_ADDRESS`. Meant for tests against a local https server.
   */
  allowPrivateAddresses?: boolean;
}

/** Options of {@link resolveVerificationMethod}. */
export interface ResolveVerificationMethodOptions extends ResolveOptions {
  /**
   * When given, the controller document must list the method under this relationship
   * (`assertionMethod` for credentials, `authentication` for presentations), else `ERR_KEY_PURPOSE_MISMATCH`.
   */
  purpose?: VerificationRelationship;
  /** Clock for `revoked` and `expires` checks. Default: now. */
  now?: Date;
}

/** What {@link resolveVerificationMethod} returns. */
export interface ResolvedVerificationMethod {
  /** The verification method, with an absolute `id`. */
  verificationMethod: VerificationMethod;
  /** The document of the method's controller (where the relationships are listed). */
  controllerDocument: ControllerDocument;
  /** The public key, bound to the method's id and controller. */
  keyPair: KeyPair;
}

const RELATIONSHIPS: VerificationRelationship[] = [
  'assertionMethod',
  'authentication',
  'capabilityInvocation',
  'capabilityDelegation',
  'keyAgreement',
];

/** The members that hold a verification method's public key. */
const KEY_MATERIAL = ['publicKeyJwk', 'publicKeyMultibase', 'publicKeyBase58'] as const;

const DID_RE = /^did:([a-z0-9]+):([A-Za-z0-9._:%-]*[A-Za-z0-9._-])$/;

/**
 * Resolve a DID to its DID document. did:key and did:jwk offline, derived from the DID (never
 * read from `documents`); did:web through `documents` or `fetch`; other methods through
 * `resolvers`. The document's `id` must be the DID
 * (`ERR_DID_ID_MISMATCH`).
 *
 * A did:web DID must follow the did:web grammar ({@link parseDidWeb}); its document is looked
 * up in `documents` (by DID, then by URL) and else fetched.
 *
 * Errors (`KeyError`): `ERR_DID_INVALID`, `ERR_DID_METHOD_UNSUPPORTED`, `ERR_RESOLUTION_OFFLINE`,
 * `ERR_RESOLUTION_FAILED`, `ERR_DID_ID_MISMATCH`; (`FetchError`) `ERR_FETCH_*` when the request
 * is refused or fails.
 *
 * @example
 * ```ts
 * import { resolveDid } from 'ob3kit/keys';
 * const doc = await resolveDid('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
 * doc.assertionMethod; // ['did:key:z6Mkr...#z6Mkr...']
 * const web = await resolveDid('did:web:example.com', { fetch: globalThis.fetch });
 * ```
 */
export async function resolveDid(did: string, options: ResolveOptions = {}): Promise<DidDocument> {
  if (typeof did !== 'string')
    throw new TypeError(`resolveDid(did): did must be a string, found ${describeValue(did)}`);
  if (!isPlainOptions(options))
    throw new TypeError('resolveDid(did, options): options must be an object');
  const bare = did.split('#')[0]?.split('?')[0] ?? '';
  const m = DID_RE.exec(bare);
  if (!m) throw new KeyError('ERR_DID_INVALID', `Malformed DID "${shorten(did)}"`, { did });
  const method = m[1] as string;
  // A did:web outside its grammar is refused before anything is looked up.
  const webUrl = method === 'web' ? (await didWebCode()).didWebToUrl(bare) : undefined;

  const custom = options.resolvers?.[method];
  // did:key and did:jwk name their key themselves: their document is derived from the DID, and
  // one given in `documents` (which could hold another key) is not read.
  if (custom === undefined && method === 'key') return resolveDidKey(bare);
  if (custom === undefined && method === 'jwk') return resolveDidJwk(bare);

  const fetcher = fetcherOfOptions(options);
  const given = fetcher.known(bare);
  if (given !== undefined) {
    return checkDocumentId(
      parseJsonDocument({ source: 'documents', ...given }),
      bare,
      'ERR_DID_ID_MISMATCH',
    );
  }

  if (custom !== undefined) {
    if (typeof custom !== 'function')
      throw new TypeError(`options.resolvers.${method} must be a function`);
    let doc: unknown;
    try {
      doc = await custom(bare, { signal: options.signal });
    } catch (cause) {
      if (cause instanceof KeyError) throw cause;
      throw new KeyError(
        'ERR_RESOLUTION_FAILED',
        `Resolver for did:${method} failed: ${String(cause)}`,
        { did: bare },
        cause,
      );
    }
    return checkDocumentId(doc, bare, 'ERR_DID_ID_MISMATCH');
  }
  if (webUrl !== undefined) {
    const doc = await loadJson(fetcher, webUrl, 'did', bare);
    return checkDocumentId(doc, bare, 'ERR_DID_ID_MISMATCH');
  }
  throw new KeyError(
    'ERR_DID_METHOD_UNSUPPORTED',
    `DID method "${method}" is not supported; pass options.resolvers.${method}`,
    { did: bare, method },
  );
}

/**
 * Get an https controller document (W3C Controlled Identifiers) by URL, from `documents` or
 * through `fetch`. Its `id` must equal the URL (`ERR_CONTROLLER_ID_MISMATCH`).
 *
 * @example
 * ```ts
 * import { resolveControllerDocument } from 'ob3kit/keys';
 * const doc = await resolveControllerDocument('https://example.edu/issuers/565049', {
 *   documents: { 'https://example.edu/issuers/565049': controllerDoc },
 * });
 * ```
 */
export async function resolveControllerDocument(
  url: string,
  options: ResolveOptions = {},
): Promise<ControllerDocument> {
  if (typeof url !== 'string')
    throw new TypeError('resolveControllerDocument(url): url must be a string');
  if (url.startsWith('did:')) return resolveDid(url, options);
  const fetcher = fetcherOfOptions(options);
  const found = fetcher.known(url);
  if (found !== undefined) {
    return checkDocumentId(
      parseJsonDocument({ source: 'documents', ...found }),
      url,
      'ERR_CONTROLLER_ID_MISMATCH',
    );
  }
  assertUrl(url);
  const doc = await loadJson(fetcher, url, 'key', url);
  return checkDocumentId(doc, url, 'ERR_CONTROLLER_ID_MISMATCH');
}

/** The one verification method of a bare did:jwk DID (`#0`, as the did:jwk method defines it). */
function didJwkMethodId(did: string): string | undefined {
  return /^did:jwk:[A-Za-z0-9_-]+$/.test(did) ? `${did}#0` : undefined;
}

/** `resolveVerificationMethod` (public: keys/api.ts); ob3kit's own modules call this one. @internal */
export async function resolveVerificationMethod(
  given: string,
  options: ResolveVerificationMethodOptions = {},
): Promise<ResolvedVerificationMethod> {
  if (typeof given !== 'string' || given.length === 0) {
    throw new TypeError(
      `resolveVerificationMethod(id): id must be a non-empty string, found ${describeValue(given)}`,
    );
  }
  // A bare did:key or did:jwk DID names its one key (did:key:z... means did:key:z...#z...,
  // did:jwk:e... means did:jwk:e...#0).
  const id = didKeyMethodId(given) ?? didJwkMethodId(given) ?? given;
  if (!isPlainOptions(options))
    throw new TypeError('resolveVerificationMethod(id, options): options must be an object');
  const hash = id.indexOf('#');
  const base = hash < 0 ? id : id.slice(0, hash);
  // One fetcher for the whole resolution: its limits and cache cover every document read.
  const fetcher = fetcherOfOptions(options);
  options = { ...options, fetch: fetcher.handle };

  let doc: ControllerDocument;
  let vm: VerificationMethod | undefined;
  if (base.startsWith('did:')) {
    doc = await resolveDid(base, options);
    vm = findVerificationMethod(doc, id);
  } else {
    const found = fetcher.known(base);
    const fetched =
      found !== undefined
        ? parseJsonDocument({ source: 'documents', ...found })
        : await fetchControllerOrMethod(base, fetcher);
    if (!isObject(fetched) || typeof fetched.id !== 'string') {
      throw new KeyError(
        'ERR_RESOLUTION_FAILED',
        `The document at ${base} is not a JSON object with an "id"`,
        { url: base },
      );
    }
    if (
      hash < 0 &&
      fetched.id === id &&
      typeof fetched.type === 'string' &&
      !Array.isArray(fetched.verificationMethod)
    ) {
      // The URL names the verification method itself.
      vm = fetched as VerificationMethod;
      doc = { id: base, verificationMethod: [vm] };
    } else {
      doc = checkDocumentId(fetched, base, 'ERR_CONTROLLER_ID_MISMATCH');
      vm = findVerificationMethod(doc, id);
    }
  }
  if (!vm) {
    throw new KeyError(
      'ERR_VERIFICATION_METHOD_NOT_FOUND',
      `Verification method ${shorten(id)} is not in the document ${shorten(doc.id)}`,
      { id },
    );
  }
  if (typeof vm.controller !== 'string' || vm.controller.length === 0) {
    throw new KeyError(
      'ERR_VERIFICATION_METHOD_INVALID',
      `Verification method ${shorten(id)} has no "controller"`,
      { id },
    );
  }
  if (typeof vm.type !== 'string') {
    throw new KeyError(
      'ERR_VERIFICATION_METHOD_INVALID',
      `Verification method ${shorten(id)} has no "type"`,
      { id },
    );
  }
  if (vm.revoked !== undefined) {
    // Revoked from that instant on (an unreadable date counts as revoked).
    const at = parseDateTime(vm.revoked);
    const now = (options.now ?? new Date()).getTime();
    if (at === undefined || hasEnded(at, now)) {
      throw new KeyError(
        'ERR_KEY_REVOKED',
        `Verification method ${shorten(id)} was revoked (${String(vm.revoked)})`,
        {
          id,
          revoked: vm.revoked,
        },
      );
    }
  }

  if (vm.expires !== undefined) {
    // Controlled Identifiers: no proof verifies with the method at or after its "expires"
    // (an unreadable date counts as passed).
    const at = parseDateTime(vm.expires);
    const now = (options.now ?? new Date()).getTime();
    if (at === undefined || hasEnded(at, now)) {
      throw new KeyError(
        'ERR_KEY_EXPIRED',
        `Verification method ${shorten(id)} expired (${String(vm.expires)})`,
        { id, expires: vm.expires },
      );
    }
  }

  // The controller's own document decides what the key may be used for.
  let controllerDocument: ControllerDocument = doc;
  if (vm.controller !== doc.id) {
    controllerDocument = await resolveControllerDocument(vm.controller, options);
    if (!listsMethod(controllerDocument, id)) {
      throw new KeyError(
        'ERR_CONTROLLER_ID_MISMATCH',
        `Verification method ${shorten(id)} names controller ${shorten(vm.controller)}, whose document does not list it`,
        { id, controller: vm.controller },
      );
    }
    // The controller's own definition of the method, when it gives one, is what it vouches
    // for: a different one in the document the id points to (another party's) is refused.
    const own = findVerificationMethod(controllerDocument, id);
    if (own !== undefined && !jsonEqual(own, vm)) {
      throw new KeyError(
        'ERR_CONTROLLER_ID_MISMATCH',
        `Verification method ${shorten(id)} is defined differently by its controller ${shorten(vm.controller)} and by ${shorten(doc.id)}`,
        { id, controller: vm.controller },
      );
    }
  }

  if (options.purpose !== undefined) {
    if (!RELATIONSHIPS.includes(options.purpose)) {
      throw new TypeError(
        `resolveVerificationMethod(id, options): unknown purpose ${String(options.purpose)}`,
      );
    }
    // A JWK restricted to another use (RFC 7517 `use: "enc"`, `key_ops` without "verify") is
    // not for checking signatures, whatever relationship lists it.
    const jwk = vm.publicKeyJwk as Record<string, unknown> | undefined;
    if (
      options.purpose !== 'keyAgreement' &&
      isObject(jwk) &&
      ((jwk.use !== undefined && jwk.use !== 'sig') || !jwkKeyOpsAllowVerify(jwk.key_ops))
    ) {
      throw new KeyError(
        'ERR_KEY_PURPOSE_MISMATCH',
        `Verification method ${shorten(id)} holds a JWK that is not for verifying signatures ("use": ${describeValue(jwk.use)}, "key_ops": ${describeValue(jwk.key_ops)})`,
        { id, purpose: options.purpose },
      );
    }
    if (!checkVerificationRelationship(controllerDocument, id, options.purpose)) {
      throw new KeyError(
        'ERR_KEY_PURPOSE_MISMATCH',
        `Verification method ${shorten(id)} is not listed under "${options.purpose}" of ${shorten(controllerDocument.id)}`,
        { id, purpose: options.purpose },
      );
    }
  }

  // Controlled Identifiers: a method carries its key once (never `publicKeyJwk` beside
  // `publicKeyMultibase`): two encodings could hold two keys, and readers differ on which wins.
  const material = KEY_MATERIAL.filter((m) => vm[m] !== undefined);
  if (material.length > 1) {
    throw new KeyError(
      'ERR_VERIFICATION_METHOD_INVALID',
      `Verification method ${shorten(id)} carries its key ${material.length} times (${material.join(', ')}); a method must hold one`,
      { id, members: material },
    );
  }
  const keyPair = importPublicKeyPair(vm, { id, controller: vm.controller });
  return { verificationMethod: { ...vm, id }, controllerDocument, keyPair };
}

/**
 * True when a controller document lists the verification method `id` (by reference or embedded)
 * under `relationship`. Relative references (`#key-1`) are resolved against the document id.
 *
 * @example
 * ```ts
 * import { checkVerificationRelationship } from 'ob3kit/keys';
 * checkVerificationRelationship(doc, 'did:web:example.com#key-1', 'assertionMethod'); // true or false
 * ```
 */
export function checkVerificationRelationship(
  document: ControllerDocument,
  id: string,
  relationship: VerificationRelationship,
): boolean {
  if (!isObject(document)) return false;
  const entries = document[relationship];
  if (!Array.isArray(entries)) return false;
  return entries.some(
    (e) => absolute(typeof e === 'string' ? e : isObject(e) ? e.id : undefined, document.id) === id,
  );
}

/**
 * True when the key's controller is `controller` (for example the credential issuer): the
 * method's `controller` equals it, or, for a DID URL, the DID part of the method id equals it.
 *
 * @example
 * ```ts
 * import { checkKeyController } from 'ob3kit/keys';
 * checkKeyController({ id: 'did:key:z6Mk...#z6Mk...', controller: 'did:key:z6Mk...' }, 'did:key:z6Mk...'); // true
 * ```
 */
export function checkKeyController(
  verificationMethod: { id: string; controller?: string },
  controller: string,
): boolean {
  if (typeof controller !== 'string' || controller.length === 0) return false;
  if (verificationMethod.controller === controller) return true;
  const id = verificationMethod.id;
  return typeof id === 'string' && id.startsWith('did:') && id.split('#')[0] === controller;
}

function findVerificationMethod(
  doc: ControllerDocument,
  id: string,
): VerificationMethod | undefined {
  const candidates: unknown[] = [];
  if (Array.isArray(doc.verificationMethod)) candidates.push(...doc.verificationMethod);
  for (const r of RELATIONSHIPS) {
    const entries = doc[r];
    if (Array.isArray(entries)) candidates.push(...entries.filter((e) => isObject(e)));
  }
  const found = candidates.filter((c) => isObject(c) && absolute(c.id, doc.id) === id);
  const first = found[0] as Record<string, unknown> | undefined;
  if (first === undefined) return undefined;
  // One id, one method: a document defining the id twice differently (in `verificationMethod`
  // and embedded under a relationship, or twice in one list) is ambiguous; readers that take the
  // first and the last would see two keys.
  if (found.length > 1) {
    if (found.some((c) => !jsonEqual(c, first))) {
      throw new KeyError(
        'ERR_VERIFICATION_METHOD_INVALID',
        `The document ${shorten(doc.id)} defines the verification method ${shorten(id)} ${found.length} times, not all alike; refusing to pick one`,
        { id, definitions: found.length },
      );
    }
  }
  const vm = { ...first, id } as VerificationMethod;
  if (typeof vm.controller === 'string' && vm.controller.startsWith('#'))
    vm.controller = absolute(vm.controller, doc.id) as string;
  return vm;
}

function listsMethod(doc: ControllerDocument, id: string): boolean {
  return (
    findVerificationMethod(doc, id) !== undefined ||
    RELATIONSHIPS.some((r) => checkVerificationRelationship(doc, id, r))
  );
}

/**
 * True when a JWK's `key_ops` leaves verifying open: absent, `"verify"` as one string (the OB 3.0
 * data model's spelling) or an array holding it (RFC 7517's). Anything else restricts the key.
 * @internal
 */
export function jwkKeyOpsAllowVerify(keyOps: unknown): boolean {
  return (
    keyOps === undefined ||
    keyOps === 'verify' ||
    (Array.isArray(keyOps) && keyOps.includes('verify'))
  );
}

function absolute(ref: unknown, base: string): string | undefined {
  if (typeof ref !== 'string') return undefined;
  return ref.startsWith('#') ? `${base}${ref}` : ref;
}

function checkDocumentId(
  doc: unknown,
  expected: string,
  code: 'ERR_DID_ID_MISMATCH' | 'ERR_CONTROLLER_ID_MISMATCH',
): ControllerDocument {
  if (!isObject(doc)) {
    throw new KeyError(
      'ERR_RESOLUTION_FAILED',
      `The document for ${shorten(expected)} is not a JSON object`,
      { id: expected },
    );
  }
  if (doc.id !== expected) {
    throw new KeyError(
      code,
      `The document for ${shorten(expected)} has id ${describeValue(doc.id)}; it must be ${shorten(expected)}`,
      { expected, found: doc.id },
    );
  }
  return doc as ControllerDocument;
}

async function fetchControllerOrMethod(url: string, fetcher: DocumentFetcher): Promise<unknown> {
  assertUrl(url);
  return loadJson(fetcher, url, 'key', url);
}

function assertUrl(url: string): void {
  try {
    new URL(url);
  } catch {
    throw new KeyError(
      'ERR_VERIFICATION_METHOD_INVALID',
      `"${shorten(url)}" is neither a DID URL nor a URL`,
      { url },
    );
  }
}

/** The fetcher for these options (the run's own, when `options.fetch` stands for one). */
function fetcherOfOptions(options: ResolveOptions): DocumentFetcher {
  return fetcherFor(
    {
      fetch: options.fetch,
      documents: options.documents,
      signal: options.signal,
      allowPrivateAddresses: options.allowPrivateAddresses,
    },
    options.maxDocumentSize === undefined ? {} : { maxDocumentBytes: options.maxDocumentSize },
  );
}

/**
 * A JSON document from `documents` (by URL) or fetched under the fetch rules. No `fetch`:
 * `ERR_RESOLUTION_OFFLINE`. A refused or failed request: the loader's `FetchError`.
 */
async function loadJson(
  fetcher: DocumentFetcher,
  url: string,
  kind: DocumentKind,
  subject: string,
): Promise<unknown> {
  try {
    return parseJsonDocument(await fetcher.load(url, kind));
  } catch (e) {
    if (e instanceof FetchError && e.code === 'ERR_FETCH_OFFLINE') {
      const withheld = e.details?.withheld === true;
      throw new KeyError(
        'ERR_RESOLUTION_OFFLINE',
        withheld
          ? `Resolving ${shorten(subject)}: ${e.message}`
          : `Resolving ${shorten(subject)} needs ${url}; no fetch was given (pass options.fetch or options.documents)`,
        { url, subject },
        e,
      );
    }
    throw e;
  }
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
