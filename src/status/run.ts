/**
 * One `checkStatus` call's access to lists (internal): each list URL loaded, verified and
 * decoded once, within the run's fetch and decode budgets. The list's proof is verified against
 * the list's own issuer, whoever that is, by the verifier the caller passes (`checkStatus`
 * passes ob3kit's own, `verify()` the code it already has); comparing that issuer with the
 * credential's is left to the entry checks.
 */
import { base64UrlText } from '../internal/bytes.js';
import type { DocumentFetcher } from '../internal/fetch.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { parseJsonText } from '../internal/json-scan.js';
import { DEFAULT_MAX_JSON_DEPTH } from '../internal/limits.js';
import type { StatusList, StatusListType } from './bitstring.js';
import type { CheckStatusOptions, ListVerification, StatusCheckCode } from './check.js';
import type { ListProofOptions } from './list-proof.js';
import {
  decodeStatusListOnce,
  type LoadedStatusDocument,
  loadStatusDocument,
  type StatusLoadCode,
  statusFetcher,
} from './load.js';

/** How a status list credential is verified when the caller gave no `verifyListCredential`. */
export type DefaultListVerifier = (
  listCredential: JsonObject | string,
  options: ListProofOptions,
) => Promise<ListVerification>;

/** A list credential that was obtained, with the outcome of verifying its proof. */
export interface ListReady {
  ok: true;
  credential: JsonObject;
  verification: ListVerification | undefined;
}

/** A list credential, or why there is none. */
export type LoadedList = ListReady | { ok: false; code: StatusCheckCode; message: string };

/** Message of any thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The credential inside a compact VC-JWT: the payload (VC 2.0, `nbf` and `exp` standing in for a
 * missing `validFrom` and `validUntil`), or the `vc` claim (VC 1.1) with `iss`, `nbf` and `exp`
 * standing in for a missing `issuer`, `issuanceDate` and `expirationDate`.
 */
function jwtCredential(jwt: string): JsonObject | undefined {
  const text = base64UrlText(jwt.split('.')[1] ?? '');
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text, { maxJsonDepth: DEFAULT_MAX_JSON_DEPTH + 1 });
  const payload = parsed.ok ? parsed.value : undefined;
  if (!isObject(payload)) return undefined;
  const seconds = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000).toISOString() : undefined;
  if (!isObject(payload.vc)) {
    if (!('@context' in payload)) return undefined;
    // `nbf` and `exp` bound the list as `validFrom` and `validUntil` would (the JWT verifier
    // requires them to agree when both are there, and leaves the period to the entry check).
    const vc: JsonObject = { ...payload };
    if (vc.validFrom === undefined && seconds(payload.nbf)) vc.validFrom = seconds(payload.nbf);
    if (vc.validUntil === undefined && seconds(payload.exp)) vc.validUntil = seconds(payload.exp);
    return vc;
  }
  const vc: JsonObject = { ...payload.vc };
  if (vc.issuer === undefined && typeof payload.iss === 'string') vc.issuer = payload.iss;
  if (vc.issuanceDate === undefined && seconds(payload.nbf)) vc.issuanceDate = seconds(payload.nbf);
  if (vc.expirationDate === undefined && seconds(payload.exp))
    vc.expirationDate = seconds(payload.exp);
  return vc;
}

/**
 * Issue codes of a list verification that say the proof could not be checked (a key document
 * not at hand, a method or suite not supported), as opposed to a proof that is wrong.
 */
const UNCHECKABLE = new Set([
  'verification_method_offline',
  'verification_method_unsupported',
  'jsonld_context_unknown',
  'proof_suite_unsupported',
  'jwt_key_unresolved',
  'jwt_alg_unsupported',
]);

/**
 * Whether a failed list verification only says the proof could not be checked (every issue is
 * of that kind, a `fetch_*` failure included).
 */
export function uncheckable(v: ListVerification): boolean {
  const issues = v.issues ?? [];
  if (issues.length === 0) return false;
  return issues.every((i) => {
    if (!isObject(i) || typeof i.code !== 'string') return false;
    return UNCHECKABLE.has(i.code) || i.code.startsWith('fetch_');
  });
}

/** The first issue of a failed list verification, as `code: message`. */
export function verificationMessage(v: ListVerification): string {
  const first = v.issues?.[0];
  if (isObject(first)) {
    const code = typeof first.code === 'string' ? first.code : undefined;
    const message = typeof first.message === 'string' ? first.message : undefined;
    return [code, message].filter(Boolean).join(': ');
  }
  return first === undefined ? 'no reason given' : String(first);
}

/** The lists of one `checkStatus` call. */
export class StatusRun {
  private readonly fetcher: DocumentFetcher;
  private readonly loads = new Map<string, Promise<LoadedStatusDocument>>();
  private readonly lists = new Map<string, Promise<LoadedList>>();
  readonly now: Date;

  constructor(
    readonly options: CheckStatusOptions,
    private readonly verifyDefault: DefaultListVerifier,
  ) {
    this.fetcher = statusFetcher(options);
    this.now = options.now ?? new Date();
  }

  /** Get a document by URL from `documents`, else through the fetcher (once per URL per run). */
  load(url: string): Promise<LoadedStatusDocument> {
    let p = this.loads.get(url);
    if (!p) {
      p = loadStatusDocument(this.fetcher, url);
      this.loads.set(url, p);
    }
    return p;
  }

  /** Load and verify a status list credential (once per URL per run). */
  list(url: string): Promise<LoadedList> {
    let p = this.lists.get(url);
    if (!p) {
      p = this.listOnce(url);
      this.lists.set(url, p);
    }
    return p;
  }

  private async listOnce(url: string): Promise<LoadedList> {
    const loaded = await this.load(url);
    if (!loaded.ok) return loaded;
    const doc = loaded.document;
    const credential = typeof doc === 'string' ? jwtCredential(doc) : doc;
    if (!credential) {
      return {
        ok: false,
        code: 'status_list_malformed',
        message: `The status list at ${url} is a JWT without a credential in its payload`,
      };
    }
    return { ok: true, credential, verification: await this.verify(doc) };
  }

  private async verify(doc: JsonObject | string): Promise<ListVerification | undefined> {
    const custom = this.options.verifyListCredential;
    if (custom === false) return undefined;
    try {
      if (custom) return await custom(doc);
      const shared = {
        ...(this.options.documents ? { documents: this.options.documents } : {}),
        ...(this.options.resolvers ? { resolvers: this.options.resolvers } : {}),
        ...(this.options.webJwkBinding ? { webJwkBinding: this.options.webJwkBinding } : {}),
        fetch: this.fetcher.handle,
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        now: this.now,
      };
      // As a credential: the list's key must be its own issuer's, whatever the list's type says.
      return await this.verifyDefault(doc, shared);
    } catch (e) {
      return { verified: false, issues: [{ code: 'verifier_error', message: errorText(e) }] };
    }
  }

  /** Decode a list's encodedList (once per list URL and format per run, within the run's budget). */
  decode(
    url: string,
    encoded: string,
    type: StatusListType,
  ): Promise<StatusList | { code: StatusLoadCode; message: string }> {
    // Every length is read (a short list is a finding, not a reason not to read the entry).
    return decodeStatusListOnce(this.fetcher, url, encoded, type, {
      ...(this.options.maxListBytes !== undefined
        ? { maxListBytes: this.options.maxListBytes }
        : {}),
      minLength: 0,
    });
  }
}
