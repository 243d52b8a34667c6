/** Resolution of DIDs, controller documents and verification methods. */
import { KeyError } from '../errors.js';
import { isObject } from '../internal/json.js';
import { didKeyMethodId, didWebToUrl, resolveDidJwk, resolveDidKey } from './did.js';
import { importKeyPair } from './import.js';
import { describe, isPlainOptions } from './multikey.js';
import type {
  ControllerDocument,
  DidDocument,
  KeyPair,
  VerificationMethod,
  VerificationRelationship,
} from './types.js';

/** A minimal `fetch` (the global one fits). Only ever called with https URLs. */
export type FetchLike = (
  url: string,
  init: {
    headers: Record<string, string>;
    signal?: AbortSignal;
    redirect?: 'follow' | 'error' | 'manual';
  },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** A resolver for one DID method: gets the DID (no fragment), returns its DID document. */
export type DidResolver = (did: string, options: { signal?: AbortSignal }) => Promise<object>;

/** Where resolution may look. Nothing is fetched unless `fetch` is given. */
export interface ResolveOptions {
  /**
   * Known documents by URL or DID: DID documents (`did:web:example.com` or its https URL),
   * controller documents (`https://example.edu/issuers/565049`), or verification methods
   * published on their own URL. Looked up before anything else.
   */
  documents?: Record<string, unknown>;
  /** Fetch for did:web and https controller documents. Without it they fail with `ERR_RESOLUTION_OFFLINE`. */
  fetch?: FetchLike;
  /** Resolvers for DID methods by method name (`{ ion: async (did) => doc }`); they override built-ins. */
  resolvers?: Record<string, DidResolver>;
  /** Abort signal passed to `fetch` and resolvers. */
  signal?: AbortSignal;
  /** Largest fetched document, in characters. Default 1,000,000. */
  maxDocumentSize?: number;
}

/** Options of {@link resolveVerificationMethod}. */
export interface ResolveVerificationMethodOptions extends ResolveOptions {
  /**
   * When given, the controller document must list the method under this relationship
   * (`assertionMethod` for credentials, `authentication` for presentations), else `ERR_KEY_PURPOSE_MISMATCH`.
   */
  purpose?: VerificationRelationship;
  /** Clock for `revoked` checks. Default: now. */
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

const DID_RE = /^did:([a-z0-9]+):([A-Za-z0-9._:%-]*[A-Za-z0-9._-])$/;

/**
 * Resolve a DID to its DID document. did:key and did:jwk offline; did:web through `documents`
 * or `fetch`; other methods through `resolvers`. The document's `id` must be the DID
 * (`ERR_DID_ID_MISMATCH`).
 *
 * Errors (`KeyError`): `ERR_DID_INVALID`, `ERR_DID_METHOD_UNSUPPORTED`, `ERR_RESOLUTION_OFFLINE`,
 * `ERR_RESOLUTION_FAILED`, `ERR_DID_ID_MISMATCH`.
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
    throw new TypeError(`resolveDid(did): did must be a string, found ${describe(did)}`);
  if (!isPlainOptions(options))
    throw new TypeError('resolveDid(did, options): options must be an object');
  const bare = did.split('#')[0]?.split('?')[0] ?? '';
  const m = DID_RE.exec(bare);
  if (!m) throw new KeyError('ERR_DID_INVALID', `Malformed DID "${shorten(did)}"`, { did });
  const method = m[1] as string;

  const given = known(options.documents, bare);
  if (given !== undefined) return checkDocumentId(given, bare, 'ERR_DID_ID_MISMATCH');

  const custom = options.resolvers?.[method];
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
  if (method === 'key') return resolveDidKey(bare);
  if (method === 'jwk') return resolveDidJwk(bare);
  if (method === 'web') {
    const url = didWebToUrl(bare);
    const doc = known(options.documents, url) ?? (await fetchJson(url, options, bare));
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
  const found = known(options.documents, url);
  if (found !== undefined) return checkDocumentId(found, url, 'ERR_CONTROLLER_ID_MISMATCH');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KeyError(
      'ERR_VERIFICATION_METHOD_INVALID',
      `"${shorten(url)}" is neither a DID nor a URL`,
      { url },
    );
  }
  if (parsed.protocol !== 'https:') {
    throw new KeyError(
      'ERR_RESOLUTION_FAILED',
      `Controller documents are only fetched over https; "${shorten(url)}" is ${parsed.protocol}`,
      { url },
    );
  }
  const doc = await fetchJson(url, options, url);
  return checkDocumentId(doc, url, 'ERR_CONTROLLER_ID_MISMATCH');
}

/**
 * Resolve a verification method id (`did:key:z6Mk...#z6Mk...`, `did:web:example.com#key-1`,
 * `https://example.edu/issuers/565049#key-1`, ...) to the method, its controller document, and
 * its public key.
 *
 * Rules: the method is found in `verificationMethod` or embedded in a relationship of the
 * document named by the id (without fragment), or is itself the document at that URL (a bare
 * `did:key:z...` stands for its one key, `did:key:z...#z...`); relative
 * ids (`#key-1`) are resolved against the document id; a method whose `controller` is not that
 * document's id is accepted only if its controller's own document lists it; a `revoked` method
 * fails; with `purpose`, the controller document must list the method under that relationship.
 *
 * Errors (`KeyError`): those of {@link resolveDid} and {@link resolveControllerDocument}, plus
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
export async function resolveVerificationMethod(
  given: string,
  options: ResolveVerificationMethodOptions = {},
): Promise<ResolvedVerificationMethod> {
  if (typeof given !== 'string' || given.length === 0) {
    throw new TypeError(
      `resolveVerificationMethod(id): id must be a non-empty string, found ${describe(given)}`,
    );
  }
  // A bare did:key DID names its one key (did:key:z... means did:key:z...#z...).
  const id = didKeyMethodId(given) ?? given;
  if (!isPlainOptions(options))
    throw new TypeError('resolveVerificationMethod(id, options): options must be an object');
  const hash = id.indexOf('#');
  const base = hash < 0 ? id : id.slice(0, hash);

  let doc: ControllerDocument;
  let vm: VerificationMethod | undefined;
  if (base.startsWith('did:')) {
    doc = await resolveDid(base, options);
    vm = findVerificationMethod(doc, id);
  } else {
    const found = known(options.documents, base);
    const fetched = found !== undefined ? found : await fetchControllerOrMethod(base, options);
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
    const at = typeof vm.revoked === 'string' ? Date.parse(vm.revoked) : Number.NaN;
    const now = (options.now ?? new Date()).getTime();
    if (Number.isNaN(at) || at <= now) {
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
  }

  if (options.purpose !== undefined) {
    if (!RELATIONSHIPS.includes(options.purpose)) {
      throw new TypeError(
        `resolveVerificationMethod(id, options): unknown purpose ${String(options.purpose)}`,
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

  const keyPair = importKeyPair(vm, { publicOnly: true, id, controller: vm.controller });
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
  for (const c of candidates) {
    if (isObject(c) && absolute(c.id, doc.id) === id) {
      const vm = { ...c, id } as VerificationMethod;
      if (typeof vm.controller === 'string' && vm.controller.startsWith('#'))
        vm.controller = absolute(vm.controller, doc.id) as string;
      return vm;
    }
  }
  return undefined;
}

function listsMethod(doc: ControllerDocument, id: string): boolean {
  return (
    findVerificationMethod(doc, id) !== undefined ||
    RELATIONSHIPS.some((r) => checkVerificationRelationship(doc, id, r))
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
      `The document for ${shorten(expected)} has id ${describe(doc.id)}; it must be ${shorten(expected)}`,
      { expected, found: doc.id },
    );
  }
  return doc as ControllerDocument;
}

async function fetchControllerOrMethod(url: string, options: ResolveOptions): Promise<unknown> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KeyError(
      'ERR_VERIFICATION_METHOD_INVALID',
      `"${shorten(url)}" is neither a DID URL nor an https URL`,
      { url },
    );
  }
  if (parsed.protocol !== 'https:') {
    throw new KeyError(
      'ERR_RESOLUTION_FAILED',
      `Key documents are only fetched over https; "${shorten(url)}" is ${parsed.protocol} (pass it in options.documents)`,
      { url },
    );
  }
  return fetchJson(url, options, url);
}

async function fetchJson(url: string, options: ResolveOptions, subject: string): Promise<unknown> {
  const { fetch } = options;
  if (fetch === undefined) {
    throw new KeyError(
      'ERR_RESOLUTION_OFFLINE',
      `Resolving ${shorten(subject)} needs ${url}; no fetch was given (pass options.fetch or options.documents)`,
      { url, subject },
    );
  }
  if (typeof fetch !== 'function') throw new TypeError('options.fetch must be a function');
  let text: string;
  try {
    const res = await fetch(url, {
      headers: {
        accept:
          'application/did+ld+json, application/did+json, application/ld+json, application/json',
      },
      signal: options.signal,
      redirect: 'follow',
    });
    if (!res.ok) {
      throw new KeyError('ERR_RESOLUTION_FAILED', `GET ${url} answered HTTP ${res.status}`, {
        url,
        status: res.status,
      });
    }
    text = await res.text();
  } catch (cause) {
    if (cause instanceof KeyError) throw cause;
    throw new KeyError(
      'ERR_RESOLUTION_FAILED',
      `GET ${url} failed: ${String(cause)}`,
      { url },
      cause,
    );
  }
  const max = options.maxDocumentSize ?? 1_000_000;
  if (text.length > max) {
    throw new KeyError(
      'ERR_RESOLUTION_FAILED',
      `The document at ${url} is larger than ${max} characters`,
      { url },
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new KeyError(
      'ERR_RESOLUTION_FAILED',
      `The document at ${url} is not JSON`,
      { url },
      cause,
    );
  }
}

/** A caller-supplied document by URL or DID (own properties only). */
function known(documents: Record<string, unknown> | undefined, key: string): unknown {
  return documents !== undefined && Object.hasOwn(documents, key) ? documents[key] : undefined;
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
