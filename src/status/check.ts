/**
 * `checkStatus`: look a credential's `credentialStatus` entries up in their lists
 * (BitstringStatusListEntry, StatusList2021Entry, 1EdTechRevocationList). Never throws for a bad
 * credential or list; every entry gets a result with a stable code.
 */

import { fromBase64Url, fromUtf8 } from '../internal/bytes.js';
import { hasEnded, hasNotBegun, parseDateTime } from '../internal/datetime.js';
import type { DocumentFetcher, FetchReportCode } from '../internal/fetch.js';
import { isObject, type JsonObject, joinPath } from '../internal/json.js';
import { parseJsonText } from '../internal/json-scan.js';
import { DEFAULT_MAX_JSON_DEPTH } from '../internal/limits.js';
import type { FetchLike } from '../keys/index.js';
import { verifyCredentialProof } from '../proof/index.js';
import { verifyCredentialJwt } from '../proof/jwt/index.js';
import type { StatusList, StatusListType } from './bitstring.js';
import {
  decodeStatusListOnce,
  type LoadedStatusDocument,
  loadStatusDocument,
  type StatusLoadCode,
  statusFetcher,
} from './load.js';

/**
 * Stable snake_case codes of {@link StatusCheck} entries (see docs/revocation.md).
 *
 * @example
 * ```ts
 * const offline: StatusCheckCode = 'status_unchecked_offline';
 * ```
 */
export type StatusCheckCode =
  | 'status_revoked'
  | 'status_suspended'
  | 'status_flag_set'
  | 'status_unchecked_offline'
  | 'status_entry_malformed'
  | 'status_type_unsupported'
  | 'status_size_unsupported'
  | 'status_credential_id_missing'
  | 'status_list_malformed'
  | 'status_list_type_mismatch'
  | 'status_list_unverified'
  | 'status_list_proof_invalid'
  | 'status_issuer_mismatch'
  | 'status_list_not_yet_valid'
  | 'status_list_expired'
  | 'status_purpose_mismatch'
  | 'status_list_too_large'
  | 'status_list_total_too_large'
  | 'status_list_too_short'
  | 'status_index_out_of_range'
  | FetchReportCode;

/**
 * The result for one `credentialStatus` entry.
 *
 * @example
 * ```ts
 * const check: StatusCheck = {
 *   path: '$.credentialStatus', type: 'BitstringStatusListEntry', purpose: 'revocation',
 *   index: 94567, listId: 'https://example.edu/status/3', status: 'revoked', value: 1,
 *   code: 'status_revoked',
 * };
 * ```
 */
export interface StatusCheck {
  /** Where the entry is: `$.credentialStatus` or `$.credentialStatus[i]`. */
  path: string;
  /** The entry's `type`. */
  type: string;
  /** The entry's `statusPurpose` (`revocation` for a 1EdTechRevocationList). */
  purpose?: string;
  /** The entry's index in the list (bitstring lists). */
  index?: number;
  /** The list's URL: `statusListCredential`, or the 1EdTechRevocationList `id`. */
  listId?: string;
  /**
   * `ok`: checked, not revoked or suspended. `revoked` / `suspended`: checked and set.
   * `unknown`: could not be checked (offline, list unverifiable, malformed, ...); never a pass.
   */
  status: 'ok' | 'revoked' | 'suspended' | 'unknown';
  /** The bit read (bitstring lists). */
  value?: 0 | 1;
  /** Why, as a stable code: set for every status other than a plain `ok`. */
  code?: StatusCheckCode;
  /** Human-readable explanation (for a revocation list: the issuer's `revocationReason`). */
  message?: string;
}

/**
 * What {@link checkStatus} returns.
 *
 * @example
 * ```ts
 * const { revoked, suspended, ok, checks }: StatusResult = await checkStatus(credential, { documents });
 * ```
 */
export interface StatusResult {
  /** One entry per `credentialStatus` entry, in order. Empty when there is none. */
  checks: StatusCheck[];
  /** Some entry says the credential is revoked. */
  revoked: boolean;
  /** Some entry says the credential is suspended. */
  suspended: boolean;
  /** Every entry was checked and none is revoked or suspended (true when there is no entry). */
  ok: boolean;
}

/**
 * The outcome of verifying a status list credential (what `verifyListCredential` returns).
 *
 * @example
 * ```ts
 * const verifyListCredential = async (vc: object | string): Promise<ListVerification> =>
 *   myVerifier(vc) ? { verified: true } : { verified: false, issues: ['bad signature'] };
 * ```
 */
export interface ListVerification {
  verified: boolean;
  issues?: unknown[];
}

/**
 * Options of {@link checkStatus}.
 *
 * @example
 * ```ts
 * const options: CheckStatusOptions = {
 *   documents: { 'https://example.edu/status/3': statusListCredential },
 *   fetch: globalThis.fetch, // only if the network is allowed
 *   now: new Date(),
 * };
 * ```
 */
export interface CheckStatusOptions {
  /**
   * Known documents by URL: status list credentials (objects, or VC-JWT strings), revocation
   * lists, and the DID / key documents their proofs need. Looked up before `fetch`.
   */
  documents?: Record<string, unknown>;
  /**
   * Fetch for lists (and keys) not in `documents`. Without it nothing is fetched. Requests
   * follow ob3kit's fetch rules (https only, no redirects, no private addresses, bounded size,
   * time and count; each URL once a call); a refused or failed one gives its `fetch_*` code.
   */
  fetch?: FetchLike;
  /**
   * Verifies a status list credential (an object, or a compact JWT string). Default: ob3kit's
   * own Data Integrity (`verifyCredentialProof`) and VC-JWT (`verifyCredentialJwt`)
   * verification with the same `documents`, `fetch` and `now`; `false` skips verification, and
   * every list is then reported `status_list_unverified`.
   */
  verifyListCredential?: ((listCredential: object | string) => Promise<ListVerification>) | false;
  /** Clock for the list's validity period. Default: now. */
  now?: Date;
  /** Require the list credential's issuer to be the credential's issuer. Default `true`. */
  requireSameIssuer?: boolean;
  /** Smallest accepted list, in entries. Default 131,072. */
  minLength?: number;
  /** Largest decompressed list, in bytes. Default 16 MiB. */
  maxListBytes?: number;
  /** Largest fetched document, in bytes. Default 4 MiB. */
  maxDocumentSize?: number;
  /**
   * Let requests reach loopback, private and link-local addresses and local names. Default
   * `false` (`fetch_private_address`). Meant for tests against a local https server.
   */
  allowPrivateAddresses?: boolean;
  /** Abort signal passed to `fetch`. */
  signal?: AbortSignal;
}

type Loaded = LoadedStatusDocument;

interface ListReady {
  ok: true;
  credential: JsonObject;
  verification: ListVerification | undefined;
}
type LoadedList = ListReady | { ok: false; code: StatusCheckCode; message: string };

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

function hasType(value: unknown, type: string): boolean {
  const t = isObject(value) ? value.type : undefined;
  return t === type || (Array.isArray(t) && t.includes(type));
}

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The credential inside a compact VC-JWT: the payload (VC 2.0), or the `vc` claim (VC 1.1) with
 * `iss`, `nbf` and `exp` standing in for a missing `issuer`, `issuanceDate` and `expirationDate`.
 */
function jwtCredential(jwt: string): JsonObject | undefined {
  const bytes = fromBase64Url(jwt.split('.')[1] ?? '');
  if (!bytes) return undefined;
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    return undefined;
  }
  const parsed = parseJsonText(text, { maxJsonDepth: DEFAULT_MAX_JSON_DEPTH + 1 });
  const payload = parsed.ok ? parsed.value : undefined;
  if (!isObject(payload)) return undefined;
  if (!isObject(payload.vc)) return '@context' in payload ? payload : undefined;
  const vc: JsonObject = { ...payload.vc };
  const seconds = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000).toISOString() : undefined;
  if (vc.issuer === undefined && typeof payload.iss === 'string') vc.issuer = payload.iss;
  if (vc.issuanceDate === undefined && seconds(payload.nbf)) vc.issuanceDate = seconds(payload.nbf);
  if (vc.expirationDate === undefined && seconds(payload.exp))
    vc.expirationDate = seconds(payload.exp);
  return vc;
}

class StatusRun {
  private readonly fetcher: DocumentFetcher;
  private readonly loads = new Map<string, Promise<Loaded>>();
  private readonly lists = new Map<string, Promise<LoadedList>>();
  readonly now: Date;

  constructor(readonly options: CheckStatusOptions) {
    this.fetcher = statusFetcher(options);
    this.now = options.now ?? new Date();
  }

  /** Get a document by URL from `documents`, else through the fetcher (once per URL per run). */
  load(url: string): Promise<Loaded> {
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
        fetch: this.fetcher.handle,
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        now: this.now,
      };
      if (typeof doc === 'string') {
        const r = await verifyCredentialJwt(doc, shared);
        return { verified: r.verified, issues: r.issues };
      }
      // As a credential: the list's key must be its issuer's (compared with the credential's
      // issuer below), whatever the list's type says.
      const r = await verifyCredentialProof(doc, { ...shared, role: 'credential' });
      return { verified: r.verified, issues: r.issues };
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
    return decodeStatusListOnce(this.fetcher, url, encoded, type, this.options);
  }
}

function verificationMessage(v: ListVerification): string {
  const first = v.issues?.[0];
  if (isObject(first)) {
    const code = typeof first.code === 'string' ? first.code : undefined;
    const message = typeof first.message === 'string' ? first.message : undefined;
    return [code, message].filter(Boolean).join(': ');
  }
  return first === undefined ? 'no reason given' : String(first);
}

function parseTime(value: unknown): number | undefined {
  return parseDateTime(value);
}

const BITSTRING = {
  entry: 'BitstringStatusListEntry',
  credential: 'BitstringStatusListCredential',
  subject: 'BitstringStatusList',
  list: 'BitstringStatusList' as StatusListType,
};
const SL2021 = {
  entry: 'StatusList2021Entry',
  credential: 'StatusList2021Credential',
  subject: 'StatusList2021',
  list: 'StatusList2021' as StatusListType,
};

async function checkBitstringEntry(
  credential: JsonObject,
  entry: JsonObject,
  base: StatusCheck,
  kind: typeof BITSTRING,
  run: StatusRun,
): Promise<StatusCheck> {
  const unknown = (code: StatusCheckCode, message: string): StatusCheck => ({
    ...base,
    status: 'unknown',
    code,
    message,
  });
  const { statusPurpose, statusListIndex, statusListCredential, statusSize } = entry;
  if (typeof statusPurpose !== 'string' || statusPurpose.length === 0) {
    return unknown('status_entry_malformed', `${base.path}.statusPurpose must be a string`);
  }
  base.purpose = statusPurpose;
  // The spec says a base-10 string; a JSON integer is read too (1EdTech's own fixtures use one),
  // and the message says so.
  let index: number;
  let indexNote = '';
  if (typeof statusListIndex === 'string' && /^[0-9]+$/.test(statusListIndex)) {
    index = Number(statusListIndex);
  } else if (
    typeof statusListIndex === 'number' &&
    Number.isInteger(statusListIndex) &&
    statusListIndex >= 0
  ) {
    index = statusListIndex;
    indexNote = ' (statusListIndex is a number; the spec requires a base-10 string)';
  } else {
    return unknown(
      'status_entry_malformed',
      `${base.path}.statusListIndex must be a non-negative integer written as a base-10 string; found ${JSON.stringify(statusListIndex)}`,
    );
  }
  if (!Number.isSafeInteger(index)) {
    return unknown(
      'status_index_out_of_range',
      `${base.path}.statusListIndex ${String(statusListIndex)} is too large`,
    );
  }
  base.index = index;
  if (typeof statusListCredential !== 'string' || !isUrl(statusListCredential)) {
    return unknown('status_entry_malformed', `${base.path}.statusListCredential must be a URL`);
  }
  base.listId = statusListCredential;
  // Read by its value, as the signed graph reads it (`xsd:integer`): `1`, `"1"` and `[1]` are
  // one literal, so a holder cannot turn a revoked entry into an unsupported one by re-spelling it
  // (`verify()` also refuses the string spellings as not compact).
  const one = Array.isArray(statusSize) && statusSize.length === 1 ? statusSize[0] : statusSize;
  const size = typeof one === 'string' && /^[+-]?[0-9]+$/.test(one) ? Number(one) : one;
  if (size !== undefined && size !== 1) {
    return unknown(
      'status_size_unsupported',
      `${base.path}.statusSize is ${JSON.stringify(statusSize)}; only one-bit entries are supported`,
    );
  }

  const loaded = await run.list(statusListCredential);
  if (!loaded.ok) return unknown(loaded.code, loaded.message);
  const list = loaded.credential;
  const where = `the status list ${statusListCredential}`;

  if (!hasType(list, kind.credential)) {
    return unknown('status_list_type_mismatch', `${where} is not a ${kind.credential}`);
  }
  if (!loaded.verification) {
    return unknown(
      'status_list_unverified',
      `${where} was not verified (verifyListCredential: false), so its entries are not trusted`,
    );
  }
  if (!loaded.verification.verified) {
    return unknown(
      'status_list_proof_invalid',
      `The proof of ${where} does not verify (${verificationMessage(loaded.verification)})`,
    );
  }
  if (run.options.requireSameIssuer !== false) {
    const mine = idOf(credential.issuer);
    const theirs = idOf(list.issuer);
    if (!mine || mine !== theirs) {
      return unknown(
        'status_issuer_mismatch',
        `${where} is issued by ${theirs ?? '(no issuer)'}, not by the credential's issuer ${mine ?? '(no issuer)'}`,
      );
    }
  }
  const fromText = list.validFrom ?? list.issuanceDate;
  const untilText = list.validUntil ?? list.expirationDate;
  const from = parseTime(fromText);
  const until = parseTime(untilText);
  if (
    (fromText !== undefined && from === undefined) ||
    (untilText !== undefined && until === undefined)
  ) {
    return unknown('status_list_malformed', `${where} has an unreadable validity date`);
  }
  const now = run.now.getTime();
  if (from !== undefined && hasNotBegun(from, now)) {
    return unknown('status_list_not_yet_valid', `${where} is not valid before ${String(fromText)}`);
  }
  if (until !== undefined && hasEnded(until, now)) {
    return unknown('status_list_expired', `${where} expired at ${String(untilText)}`);
  }
  const subjects = Array.isArray(list.credentialSubject)
    ? list.credentialSubject
    : [list.credentialSubject];
  const subject = subjects.length === 1 ? subjects[0] : undefined;
  if (
    !isObject(subject) ||
    !hasType(subject, kind.subject) ||
    typeof subject.encodedList !== 'string'
  ) {
    return unknown(
      'status_list_malformed',
      `${where} must have one credentialSubject of type ${kind.subject} with an encodedList`,
    );
  }
  const listPurposes = Array.isArray(subject.statusPurpose)
    ? subject.statusPurpose
    : [subject.statusPurpose];
  if (!listPurposes.includes(statusPurpose)) {
    return unknown(
      'status_purpose_mismatch',
      `${where} has statusPurpose ${JSON.stringify(subject.statusPurpose)}, the entry ${JSON.stringify(statusPurpose)}`,
    );
  }
  const bits = await run.decode(statusListCredential, subject.encodedList, kind.list);
  if (!('bytes' in bits)) return unknown(bits.code, bits.message);
  if (index >= bits.length) {
    return unknown(
      'status_index_out_of_range',
      `Index ${index} is outside ${where} (${bits.length} entries)`,
    );
  }
  const value = ((bits.bytes[index >>> 3] as number) >>> (7 - (index & 7))) & 1 ? 1 : 0;
  if (value === 0) {
    return {
      ...base,
      status: 'ok',
      value,
      ...(indexNote ? { message: `Entry ${index} is clear${indexNote}` } : {}),
    };
  }
  if (statusPurpose === 'revocation') {
    return {
      ...base,
      status: 'revoked',
      value,
      code: 'status_revoked',
      message: `Entry ${index} of ${where} is set: the credential is revoked${indexNote}`,
    };
  }
  if (statusPurpose === 'suspension') {
    return {
      ...base,
      status: 'suspended',
      value,
      code: 'status_suspended',
      message: `Entry ${index} of ${where} is set: the credential is suspended${indexNote}`,
    };
  }
  return {
    ...base,
    status: 'ok',
    value,
    code: 'status_flag_set',
    message: `Entry ${index} of ${where} is set for purpose '${statusPurpose}', which does not invalidate the credential${indexNote}`,
  };
}

async function checkRevocationList(
  credential: JsonObject,
  entry: JsonObject,
  base: StatusCheck,
  run: StatusRun,
): Promise<StatusCheck> {
  const unknown = (code: StatusCheckCode, message: string): StatusCheck => ({
    ...base,
    status: 'unknown',
    code,
    message,
  });
  base.purpose = 'revocation';
  const url = entry.id;
  if (typeof url !== 'string' || !isUrl(url)) {
    return unknown(
      'status_entry_malformed',
      `${base.path}.id must be the URL of the revocation list`,
    );
  }
  base.listId = url;
  const credentialId = credential.id;
  if (typeof credentialId !== 'string') {
    return unknown(
      'status_credential_id_missing',
      'A 1EdTechRevocationList names revoked credentials by id, and the credential has no id',
    );
  }
  const loaded = await run.load(url);
  if (!loaded.ok) return unknown(loaded.code, loaded.message);
  const doc = loaded.document;
  const where = `the revocation list ${url}`;
  if (!isObject(doc)) return unknown('status_list_malformed', `${where} is not a JSON object`);
  const revoked = doc.revokedCredentials;
  if (revoked !== undefined && !Array.isArray(revoked)) {
    return unknown('status_list_malformed', `${where}: revokedCredentials must be an array`);
  }
  if (run.options.requireSameIssuer !== false && doc.issuer !== undefined) {
    const mine = idOf(credential.issuer);
    const theirs = idOf(doc.issuer);
    if (mine !== theirs) {
      return unknown(
        'status_issuer_mismatch',
        `${where} belongs to ${theirs ?? '(unreadable issuer)'}, not to the credential's issuer ${mine ?? '(no issuer)'}`,
      );
    }
  }
  for (const item of revoked ?? []) {
    if (isObject(item) && item.id === credentialId && item.revoked !== false) {
      const reason = typeof item.revocationReason === 'string' ? item.revocationReason : undefined;
      return {
        ...base,
        status: 'revoked',
        code: 'status_revoked',
        message: reason
          ? `${where} lists the credential as revoked: ${reason}`
          : `${where} lists the credential as revoked`,
      };
    }
  }
  return { ...base, status: 'ok' };
}

/**
 * Check a credential's status: every `credentialStatus` entry (one or an array) is looked up,
 * and each gets a {@link StatusCheck}.
 *
 * - `BitstringStatusListEntry` / `StatusList2021Entry` (Bitstring Status List v1.0 section 3.2):
 *   the list credential comes from `documents` or the caller's `fetch` (neither:
 *   `status_unchecked_offline`, never a pass); its proof is verified (`verifyListCredential`);
 *   its issuer must be the credential's (`status_issuer_mismatch`, unless `requireSameIssuer:
 *   false`), it must be within its validity period, have the entry's purpose, hold at least
 *   `minLength` entries, and the index must be in range. A set bit means `revoked` (purpose
 *   `revocation`) or `suspended` (`suspension`); other purposes report `status_flag_set` and stay
 *   `ok`.
 * - `1EdTechRevocationList` (1EdTech Revocation List Status Method): the list at the entry's
 *   `id` revokes the credential when its `revokedCredentials` holds an entry whose `id` is the
 *   credential's `id` and whose `revoked` is not `false`; the `revocationReason` becomes the
 *   message. This list is a plain JSON document, not a credential: there is no proof to verify.
 * - Any other type: `unknown` with `status_type_unsupported`.
 *
 * Each list is fetched, verified and decoded once per call, so several entries pointing at the
 * same list, and lists of millions of entries, stay fast. Never throws for a bad credential or
 * list; throws `TypeError` only for misuse.
 *
 * @example
 * ```ts
 * import { checkStatus } from 'ob3kit/status';
 * const result = await checkStatus(credential, {
 *   documents: { 'https://example.edu/status/3': signedStatusListCredential },
 * });
 * if (result.revoked) console.log('revoked');
 * for (const c of result.checks) if (c.status === 'unknown') console.log(c.code, c.message);
 * ```
 */
export async function checkStatus(
  credential: object,
  options: CheckStatusOptions = {},
): Promise<StatusResult> {
  const fn = 'checkStatus(credential, options)';
  if (!isObject(credential)) throw new TypeError(`${fn}: credential must be a credential object`);
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  if (options.documents !== undefined && !isObject(options.documents)) {
    throw new TypeError(`${fn}: options.documents must be an object mapping URLs to documents`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError(`${fn}: options.fetch must be a function`);
  }
  const v = options.verifyListCredential;
  if (v !== undefined && v !== false && typeof v !== 'function') {
    throw new TypeError(`${fn}: options.verifyListCredential must be a function or false`);
  }
  if (
    options.now !== undefined &&
    !(options.now instanceof Date && !Number.isNaN(options.now.getTime()))
  ) {
    throw new TypeError(`${fn}: options.now must be a valid Date`);
  }
  const run = new StatusRun(options);
  const raw = credential.credentialStatus;
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const checks = await Promise.all(
    entries.map(async (entry, i): Promise<StatusCheck> => {
      const path = Array.isArray(raw) ? joinPath('$.credentialStatus', i) : '$.credentialStatus';
      if (!isObject(entry)) {
        return {
          path,
          type: '(none)',
          status: 'unknown',
          code: 'status_entry_malformed',
          message: `${path} must be an object`,
        };
      }
      const type =
        typeof entry.type === 'string'
          ? entry.type
          : Array.isArray(entry.type)
            ? entry.type.join(',')
            : '(none)';
      const base: StatusCheck = { path, type, status: 'unknown' };
      try {
        if (type === BITSTRING.entry)
          return await checkBitstringEntry(credential, entry, base, BITSTRING, run);
        if (type === SL2021.entry)
          return await checkBitstringEntry(credential, entry, base, SL2021, run);
        if (type === '1EdTechRevocationList')
          return await checkRevocationList(credential, entry, base, run);
      } catch (e) {
        return {
          ...base,
          status: 'unknown',
          code: 'status_list_malformed',
          message: `Unexpected error: ${errorText(e)}`,
        };
      }
      return {
        ...base,
        status: 'unknown',
        code: 'status_type_unsupported',
        message: `${path} has type ${type}, which ob3kit does not check (supported: BitstringStatusListEntry, StatusList2021Entry, 1EdTechRevocationList)`,
      };
    }),
  );
  const revoked = checks.some((c) => c.status === 'revoked');
  const suspended = checks.some((c) => c.status === 'suspended');
  return { checks, revoked, suspended, ok: checks.every((c) => c.status === 'ok') };
}
