/**
 * Open Badges 2.0 verification (internal pipeline; `verify()` and {@link verifyOb2} call it).
 *
 * Hosted assertions are read from their own `id` (the fetched copy wins over any copy given),
 * and that `id` must lie in the issuer's verification scope (`allowedOrigins`, by default the
 * host of the issuer Profile `id`, and `startsWith`); HTTP 410 or `revoked: true` is revocation.
 * Signed assertions are compact JWS (RS256) whose key is the `CryptographicKey` at
 * `verification.creator` (or one the issuer lists), owned by the issuer (`owner`) and listed by
 * its Profile (`publicKey`); the issuer's `revocationList` is consulted. The issuer Profile that
 * decides (scope, keys, revocation list) is always the one published at its own `id`, never a
 * copy embedded in what is being verified.
 */

import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject, jsonEqual } from '../internal/json.js';
import type { IdentityObject } from '../model/types.generated.js';
import type { ParsedJws } from '../proof/jwt/index.js';
import {
  checkHeader,
  checkJwsSignature,
  DEFAULT_MAX_JWT_LENGTH,
  parseCompactJws,
} from '../proof/jwt/jws.js';
import type { RunState } from '../verify/state.js';
import type { CheckOutcome, CheckResult, KnownRecipient } from '../verify/types.js';
import { ambiguousMembers, checkContexts } from './context.js';
import { ob2Generation } from './detect.js';
import { loadOb2, shapeProblem } from './load.js';
import { importRsaPem } from './pem.js';
import type { Ob2Toolbox } from './toolbox.js';
import type { Ob2Details, Ob2VerificationType } from './types.js';
import {
  hasClass,
  type Ob2Issue,
  parseOb2DateTime,
  readXsdBoolean,
  validateAssertion,
  validateBadgeClass,
  validateIssuer,
  validateKey,
  validateRevocationList,
} from './validate.js';

/** What was handed to Open Badges 2.0 verification. */
export type Ob2Input =
  /** An assertion object (given as JSON, or baked as JSON). */
  | { kind: 'json'; assertion: JsonObject }
  /** A signed assertion: a compact JWS. */
  | { kind: 'jws'; jws: string }
  /** A hosted assertion's URL; `copy` is a JSON copy that came with it (an SVG body). */
  | { kind: 'url'; url: string; copy?: JsonObject };

/** Most keys tried when the assertion names none (`verification.creator` absent). */
const MAX_KEYS = 8;

/** The order of checks in a report. */
const ORDER = [
  'parse',
  'context',
  'jsonld',
  'type',
  'schema',
  'proof',
  'issuer',
  'status',
  'validity',
  'recipient',
  'endorsement',
];

class Entries {
  private readonly byId = new Map<string, CheckResult[]>();
  add(id: string, outcome: CheckOutcome, code?: string, message?: string, path?: string): void {
    const r: CheckResult = { id, outcome };
    if (code !== undefined) r.code = code;
    if (message !== undefined) r.message = message;
    if (path !== undefined) r.path = path;
    this.push(r);
  }
  push(...results: CheckResult[]): void {
    for (const r of results) {
      const list = this.byId.get(r.id) ?? [];
      list.push(r);
      this.byId.set(r.id, list);
    }
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
  failed(id: string): boolean {
    return (this.byId.get(id) ?? []).some((r) => r.outcome === 'fail');
  }
  passed(id: string): boolean {
    const list = this.byId.get(id) ?? [];
    return list.length > 0 && list.every((r) => r.outcome === 'pass');
  }
  list(): CheckResult[] {
    const out: CheckResult[] = [];
    for (const id of ORDER) out.push(...(this.byId.get(id) ?? []));
    for (const [id, list] of this.byId) if (!ORDER.includes(id)) out.push(...list);
    return out;
  }
}

/** True when the hosted copy was read from its id, or the signature verified, and nothing failed. */
function authenticated(entries: Entries): boolean {
  const proof = entries.list().filter((c) => c.id === 'proof');
  return (
    proof.some(
      (c) => c.outcome === 'pass' && (c.code === 'ob2_hosted' || c.code === 'ob2_signed'),
    ) && !proof.some((c) => c.outcome === 'fail')
  );
}

/** The declared verification method of an assertion (reading `verification`, or its alias `verify`). */
function declaredType(assertion: JsonObject): Ob2VerificationType | undefined {
  const v = assertion.verification ?? assertion.verify;
  if (!isObject(v)) return undefined;
  if (hasClass(v, 'HostedBadge', ['hosted'])) return 'hosted';
  if (hasClass(v, 'SignedBadge', ['signed'])) return 'signed';
  return undefined;
}

function verificationObject(assertion: JsonObject): JsonObject | undefined {
  const v = assertion.verification ?? assertion.verify;
  return isObject(v) ? v : undefined;
}

function refId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

function schemaEntries(issues: Ob2Issue[]): CheckResult[] {
  return issues.map((i) => ({
    id: 'schema',
    outcome: 'fail' as const,
    code: i.code,
    message: i.message,
    path: i.path,
  }));
}

interface Run {
  readonly state: RunState;
  readonly tools: Ob2Toolbox;
  readonly entries: Entries;
  readonly details: Ob2Details;
}

/** What Open Badges 2.0 verification found; the caller makes the report of it. */
export interface Ob2Outcome {
  /** Every check's entries, in report order. */
  checks: CheckResult[];
  /** The assertion that was checked. */
  credential?: JsonObject;
  /** The badge objects that were read. */
  details: Ob2Details;
}

// Small local helpers rather than the verify module's: this module is loaded on demand, and
// sharing verify's state module with it would move that module (and what it imports) into a
// chunk every importer of the report formatter loads.
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
function codeOf(e: unknown): string | undefined {
  const code = isObject(e) || e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Verify an Open Badges 2.0 input (`parse` entries as decoded so far are kept first). Never
 * throws for bad input: an unexpected error becomes an `internal_error` entry.
 */
export async function verifyOb2Input(
  input: Ob2Input,
  state: RunState,
  parse: readonly CheckResult[],
  tools: Ob2Toolbox,
): Promise<Ob2Outcome> {
  const run: Run = { state, tools, entries: new Entries(), details: { version: '2.0' } };
  run.entries.push(...parse);
  let assertion: JsonObject | undefined;
  try {
    assertion = await verifyInto(run, input);
  } catch (e) {
    run.entries.add('verify', 'fail', 'internal_error', `Unexpected error: ${messageOf(e)}`);
  }
  return {
    checks: run.entries.list(),
    ...(assertion ? { credential: assertion } : {}),
    details: run.details,
  };
}

async function verifyInto(run: Run, input: Ob2Input): Promise<JsonObject | undefined> {
  const { entries, details, state } = run;
  let given: JsonObject | undefined;
  let parsed: ParsedJws | undefined;
  let url: string | undefined;
  if (input.kind === 'jws') {
    const { parsed: p, issues } = parseCompactJws(input.jws, DEFAULT_MAX_JWT_LENGTH);
    if (!p) {
      for (const i of issues)
        entries.add('parse', 'fail', i.code, `The signed assertion: ${i.message}`);
      return undefined;
    }
    const problem = shapeProblem(p.payload, state);
    if (problem) {
      entries.add('parse', 'fail', 'input_too_large', `The signed assertion ${problem}`);
      return undefined;
    }
    parsed = p;
    given = p.payload;
    details.jws = input.jws;
  } else if (input.kind === 'json') {
    given = input.assertion;
  } else {
    url = input.url;
    given = input.copy;
  }
  if (given && ob2Generation(given) === 'v1') {
    entries.add(
      'parse',
      'fail',
      'ob2_version_unsupported',
      'This is an Open Badges 1.x (or 0.5) assertion; only Open Badges 2.0 assertions are verified',
    );
    return given;
  }
  if (!entries.failed('parse')) {
    entries.add('parse', 'pass', undefined, 'Read as an Open Badges 2.0 assertion');
  }

  // 1. Which verification, and the assertion that is checked.
  let kind: Ob2VerificationType | undefined;
  let assertion: JsonObject | undefined = given;
  if (parsed) {
    kind = declaredType(parsed.payload);
    if (kind !== 'signed') {
      entries.add(
        'proof',
        'fail',
        'ob2_verification_type_mismatch',
        `The assertion came as a JWS but its verification type is ${kind ?? 'missing'}, not SignedBadge`,
        '$.verification.type',
      );
    }
  } else if (input.kind === 'json' && given) {
    kind = declaredType(given);
    if (kind === 'hosted') {
      if (typeof given.id !== 'string') {
        entries.add(
          'proof',
          'fail',
          'ob2_hosted_id_invalid',
          'A hosted assertion needs an id URL',
          '$.id',
        );
      } else url = given.id;
    } else if (kind === 'signed') {
      entries.add(
        'proof',
        'fail',
        'ob2_signature_missing',
        'The assertion declares SignedBadge verification but came without its signature; verify the compact JWS it was issued as',
        '$.verification.type',
      );
    } else {
      entries.add(
        'proof',
        'fail',
        'ob2_verification_missing',
        'The assertion declares neither HostedBadge nor SignedBadge verification, so it cannot be verified',
        '$.verification',
      );
    }
  } else kind = 'hosted';
  if (kind) details.verificationType = kind;

  // 2. Hosted: the copy at the id wins.
  if (url !== undefined && !entries.failed('proof')) {
    const hosted = await fetchHosted(run, url, given);
    if (hosted === 'revoked') return assertion ?? given;
    assertion = hosted ?? given;
    if (hosted) {
      const fetchedKind = declaredType(hosted);
      if (fetchedKind !== 'hosted') {
        entries.add(
          'proof',
          'fail',
          'ob2_verification_type_mismatch',
          `The assertion published at ${url} declares ${fetchedKind ?? 'no'} verification, not HostedBadge`,
          '$.verification.type',
        );
      }
      kind = 'hosted';
      details.verificationType = 'hosted';
    }
  }
  if (!assertion) {
    for (const id of ['schema', 'issuer', 'status', 'validity', 'recipient']) {
      entries.add(id, 'skip', 'ob2_assertion_unavailable', 'The assertion could not be read');
    }
    return undefined;
  }
  details.assertion = assertion;
  const revoked = readRevoked(assertion.revoked);
  if (revoked !== 'no') {
    revokedEntry(run, assertion, url, revoked === 'unclear');
    return assertion;
  }

  // 3. Conformance of the assertion.
  await conformance(run, assertion, '$', true);
  entries.push(...schemaEntries(validateAssertion(assertion)));
  for (const [node, path] of readNodes(assertion)) entries.push(...ambiguousMembers(node, path));

  // 4. The BadgeClass and the issuer Profile (at its own id); not fetched on behalf of an
  // assertion already refused (a hosted one that could not be read from its id, a JWS that does
  // not declare signed verification).
  const unread = entries.failed('proof');
  const badgeClass = unread ? undefined : await loadBadgeClass(run, assertion);
  const issuer = badgeClass ? await loadIssuer(run, badgeClass) : undefined;
  if (issuer && isObject(assertion.badge))
    await checkEmbeddedBadgeClass(run, assertion.badge, issuer);
  if (unread) {
    entries.add(
      'issuer',
      'skip',
      'ob2_issuer_unchecked',
      'The BadgeClass and issuer are not read for an assertion that could not be verified',
    );
  }

  // 5. Authenticity: hosted scope, or the signature and its key.
  if (kind === 'hosted' && url !== undefined && authenticated(entries)) {
    if (issuer) checkScope(run, assertion, issuer);
  } else if (kind === 'signed' && parsed && !entries.failed('proof')) {
    await checkSigned(run, parsed, assertion, issuer, badgeClass);
  }
  const authentic = authenticated(entries);
  if (!entries.has('issuer') && issuer) {
    if (authentic) entries.add('issuer', 'pass', undefined, `Issued by ${refId(issuer)}`);
    else {
      entries.add(
        'issuer',
        'skip',
        'ob2_issuer_unchecked',
        'The issuer binding is checked only once the assertion itself is verified',
      );
    }
  }
  if (!entries.has('status')) {
    if (authentic) {
      entries.add(
        'status',
        'pass',
        undefined,
        'Not revoked: the hosted copy is not marked revoked',
      );
    } else {
      const failed = entries.failed('proof');
      entries.add(
        'status',
        failed ? 'skip' : 'warn',
        'status_unchecked',
        kind === 'signed'
          ? 'The revocation list is consulted only once the signature verifies'
          : 'Revocation is published with the hosted assertion, which could not be read',
      );
    }
  }

  // 6. Validity, recipient, endorsements.
  checkValidity(run, assertion);
  checkRecipient(run, assertion, state.options.recipient);
  const endorsed = [assertion, badgeClass, issuer].some((n) => n?.endorsement !== undefined);
  entries.add(
    'endorsement',
    'skip',
    endorsed ? 'ob2_endorsement_not_verified' : 'endorsement_absent',
    endorsed
      ? 'Open Badges 2.0 endorsements are not verified'
      : 'The assertion, badge class and issuer have no endorsements',
  );
  if (!entries.has('schema')) entries.add('schema', 'pass');
  if (!entries.has('jsonld')) entries.add('jsonld', 'pass');
  if (!entries.has('context')) entries.add('context', 'pass');
  if (!entries.has('type')) entries.add('type', 'pass');
  return assertion;
}

/** The objects of an assertion whose members the checks read. */
function readNodes(assertion: JsonObject): Array<[JsonObject, string]> {
  const out: Array<[JsonObject, string]> = [[assertion, '$']];
  if (isObject(assertion.recipient)) out.push([assertion.recipient, '$.recipient']);
  const v = assertion.verification ?? assertion.verify;
  if (isObject(v)) out.push([v, '$.verification']);
  if (isObject(assertion.badge)) out.push([assertion.badge, '$.badge']);
  return out;
}

/** `context`, `jsonld` and `type` for one top-level badge object. */
async function conformance(run: Run, node: JsonObject, path: string, isAssertion: boolean) {
  const { entries, state } = run;
  entries.push(...(await checkContexts(node, path, true, state.documentLoader)));
  for (const [n, p] of isAssertion ? readNodes(node).slice(1) : []) {
    entries.push(...(await checkContexts(n, p, false, state.documentLoader)));
  }
  try {
    await run.tools.checkToRdf(node, { documentLoader: state.documentLoader, safe: true });
  } catch (e) {
    const code = codeOf(e);
    if (code === undefined || !code.startsWith('ERR_')) throw e;
    const mapped =
      code === 'ERR_CONTEXT_UNKNOWN' || code === 'ERR_CONTEXT_LOAD'
        ? 'ob2_context_unknown'
        : code === 'ERR_CANONIZE_LIMIT'
          ? 'jsonld_too_large'
          : 'ob2_jsonld_invalid';
    // Open Badges 2.0 readers compact the document and drop what they do not understand: a
    // term no context defines, or an extension context that is not bundled, is a warning.
    entries.add(
      'jsonld',
      mapped === 'jsonld_too_large' ? 'fail' : 'warn',
      mapped,
      `${path === '$' ? 'The assertion' : path}: ${messageOf(e)}`,
      path,
    );
  }
  if (isAssertion && !hasClass(node, 'Assertion') && readRevoked(node.revoked) === 'no') {
    entries.add('type', 'fail', 'ob2_type_mismatch', 'The document is not an Assertion', '$.type');
  }
}

async function fetchHosted(
  run: Run,
  url: string,
  given: JsonObject | undefined,
): Promise<JsonObject | 'revoked' | undefined> {
  const { entries, details } = run;
  details.url = url;
  if (!/^https?:\/\//i.test(url)) {
    entries.add(
      'proof',
      'fail',
      'ob2_hosted_id_invalid',
      `A hosted assertion is verified at its id, which must be its URL; found ${describeValue(url)}`,
      '$.id',
    );
    return undefined;
  }
  const loaded = await loadOb2(url, 'The hosted assertion', run.state, run.tools);
  if (loaded.status === 'offline') {
    entries.add(
      'proof',
      'warn',
      'ob2_hosted_unchecked_offline',
      `The assertion is verified by fetching it from ${url}; no fetch was given (pass it in documents, or pass fetch)`,
    );
    return undefined;
  }
  if (loaded.status === 'gone') {
    entries.add(
      'proof',
      'skip',
      'ob2_hosted_gone',
      `The issuer's server answered ${url} with HTTP 410 Gone`,
    );
    entries.add('status', 'fail', 'ob2_revoked', `The assertion is revoked: ${loaded.message}`);
    return 'revoked';
  }
  if (loaded.status === 'error') {
    entries.add(
      'proof',
      'fail',
      loaded.code,
      `The hosted assertion could not be read, so it cannot be verified: ${loaded.message}`,
    );
    return undefined;
  }
  const doc = loaded.document;
  if (doc.id !== url) {
    entries.add(
      'proof',
      'fail',
      'ob2_hosted_id_mismatch',
      `The document at ${url} has the id ${JSON.stringify(doc.id)}; a hosted assertion must be published at its own id`,
      '$.id',
    );
    return undefined;
  }
  entries.add(
    'proof',
    'pass',
    'ob2_hosted',
    `Read from its id ${url}${loaded.source === 'documents' ? ' (given in documents)' : ''}; that copy is what was checked`,
  );
  if (given && !jsonEqual(given, doc)) {
    const keys = new Set([...Object.keys(given), ...Object.keys(doc)]);
    const differ = [...keys].filter((k) => !jsonEqual(given[k], doc[k]));
    entries.add(
      'proof',
      'warn',
      'ob2_hosted_copy_differs',
      `The copy given differs from the one the issuer hosts (${differ.slice(0, 6).join(', ')}); the hosted copy was verified, show that one`,
    );
  }
  return doc;
}

/**
 * How `revoked` reads. The 2.0 context types it `xsd:boolean`, so a JSON-LD reader takes the
 * string `"true"` (or `"1"`), a list holding a true value and a value object `{"@value": true}`
 * as revoked, just as the literal `true`. Anything that is not plainly false (absent, `false`,
 * `"false"`, `"0"`) and not plainly true is `unclear`, and read as revoked too.
 */
function readRevoked(value: unknown): 'yes' | 'no' | 'unclear' {
  if (value === undefined || value === null) return 'no';
  const list = Array.isArray(value) ? value : [value];
  const read = list.map((v) => {
    const b = readXsdBoolean(v);
    return b === undefined ? 'unclear' : b ? 'yes' : 'no';
  });
  if (read.includes('yes')) return 'yes';
  return read.includes('unclear') ? 'unclear' : 'no';
}

function revokedEntry(run: Run, assertion: JsonObject, url: string | undefined, unclear = false) {
  const reason =
    typeof assertion.revocationReason === 'string' ? `: ${assertion.revocationReason}` : '';
  run.entries.add(
    'status',
    'fail',
    'ob2_revoked',
    unclear
      ? `"revoked" is ${JSON.stringify(assertion.revoked).slice(0, 60)}, neither true nor false; it is read as revoked${url ? ` at ${url}` : ''}${reason}`
      : `The issuer marks the assertion revoked${url ? ` at ${url}` : ''}${reason}`,
    '$.revoked',
  );
}

async function loadBadgeClass(run: Run, assertion: JsonObject): Promise<JsonObject | undefined> {
  const { entries, details } = run;
  const badge = assertion.badge;
  let badgeClass: JsonObject | undefined;
  if (isObject(badge)) {
    badgeClass = badge;
  } else if (typeof badge === 'string') {
    const loaded = await loadOb2(badge, 'The BadgeClass', run.state, run.tools);
    if (loaded.status === 'ok') {
      badgeClass = loaded.document;
      if (badgeClass.id !== badge) {
        entries.add(
          'issuer',
          'fail',
          'ob2_badge_id_mismatch',
          `The document at ${badge} has the id ${JSON.stringify(badgeClass.id)}, not its URL`,
          '$.badge',
        );
      }
      await conformance(run, badgeClass, '$.badge', false);
    } else unavailable(run, loaded, 'BadgeClass', badge, '$.badge');
  }
  if (!badgeClass) return undefined;
  details.badgeClass = badgeClass;
  entries.push(...schemaEntries(validateBadgeClass(badgeClass)));
  entries.push(...ambiguousMembers(badgeClass, '$.badge'));
  return badgeClass;
}

/**
 * An embedded BadgeClass whose `id` is a web URL outside the issuer's own hosts (the host of its
 * Profile `id` and its `allowedOrigins`) must be the one published there, as far as whose it is:
 * the published BadgeClass names the same issuer. Otherwise any issuer could embed a BadgeClass
 * under another's id (and an upgrade would relate its credential to that one).
 */
async function checkEmbeddedBadgeClass(run: Run, badge: JsonObject, issuer: JsonObject) {
  const { entries } = run;
  const id = badge.id;
  // A web URL as a URL parser reads it: `https:/host/x`, `https:host/x` and `https:\\host\x`
  // all name https://host/x, so the scheme decides, not the slashes as written.
  const hostOf = (u: unknown): string | undefined => {
    try {
      const url = typeof u === 'string' ? new URL(u) : undefined;
      return url && (url.protocol === 'https:' || url.protocol === 'http:')
        ? url.host.toLowerCase()
        : undefined;
    } catch {
      return undefined;
    }
  };
  if (typeof id !== 'string' || hostOf(id) === undefined) return;
  const policy = isObject(issuer.verification) ? issuer.verification : undefined;
  const own = [
    hostOf(issuer.id),
    ...listOf(policy?.allowedOrigins).map((o) => (typeof o === 'string' ? o.toLowerCase() : '')),
  ];
  const host = hostOf(id);
  if (host !== undefined && own.includes(host)) return;
  const loaded = await loadOb2(id, 'The published BadgeClass', run.state, run.tools);
  if (loaded.status !== 'ok') {
    entries.add(
      'issuer',
      'warn',
      loaded.status === 'offline'
        ? 'ob2_unchecked_offline'
        : loaded.status === 'gone'
          ? 'fetch_status'
          : loaded.code,
      `The embedded BadgeClass has the id ${id}; the BadgeClass published there${loaded.status === 'offline' ? ' is needed and no fetch was given (pass it in documents, or pass fetch)' : ` could not be read: ${loaded.message}`}, so whose it is was not checked`,
      '$.badge.id',
    );
    return;
  }
  const published = loaded.document;
  const claimed = refId(badge.issuer);
  const actual = refId(published.issuer);
  if (published.id !== id || claimed === undefined || actual !== claimed) {
    entries.add(
      'issuer',
      'fail',
      'ob2_badge_id_mismatch',
      published.id !== id
        ? `The document at ${id} has the id ${JSON.stringify(published.id)}, not its URL`
        : `The embedded BadgeClass has the id ${id}, but the BadgeClass published there is issued by ${JSON.stringify(actual)}, not ${JSON.stringify(claimed)}`,
      '$.badge.id',
    );
  }
}

function unavailable(
  run: Run,
  loaded: Exclude<Awaited<ReturnType<typeof loadOb2>>, { status: 'ok' }>,
  what: string,
  url: string,
  path: string,
) {
  if (loaded.status === 'offline') {
    run.entries.add(
      'issuer',
      'warn',
      'ob2_unchecked_offline',
      `The ${what} at ${url} is needed and no fetch was given (pass it in documents, or pass fetch)`,
      path,
    );
  } else {
    run.entries.add(
      'issuer',
      'fail',
      loaded.status === 'gone' ? 'fetch_status' : loaded.code,
      `The ${what} at ${url} could not be read: ${loaded.message}`,
      path,
    );
  }
}

async function loadIssuer(run: Run, badgeClass: JsonObject): Promise<JsonObject | undefined> {
  const { entries, details } = run;
  const ref = badgeClass.issuer;
  const id = refId(ref);
  if (id === undefined) return undefined;
  // The Profile that decides is the one at its own id, even when a copy is embedded.
  const loaded = await loadOb2(id, 'The issuer Profile', run.state, run.tools);
  if (loaded.status !== 'ok') {
    unavailable(run, loaded, 'issuer Profile', id, '$.badge.issuer');
    return undefined;
  }
  const issuer = loaded.document;
  if (issuer.id !== id) {
    entries.add(
      'issuer',
      'fail',
      'ob2_issuer_id_mismatch',
      `The document at ${id} has the id ${JSON.stringify(issuer.id)}, not its URL`,
      '$.badge.issuer',
    );
    return undefined;
  }
  details.issuer = issuer;
  await conformance(run, issuer, '$.badge.issuer', false);
  entries.push(...schemaEntries(validateIssuer(issuer)));
  entries.push(...ambiguousMembers(issuer, '$.badge.issuer'));
  if (isObject(issuer.verification)) {
    const at = '$.badge.issuer.verification';
    entries.push(
      ...(await checkContexts(issuer.verification, at, false, run.state.documentLoader)),
    );
    entries.push(...ambiguousMembers(issuer.verification, at));
  }
  if (isObject(ref) && !jsonEqual(ref, issuer)) {
    const keys = ['verification', 'publicKey', 'revocationList'].filter(
      (k) => ref[k] !== undefined && !jsonEqual(ref[k], issuer[k]),
    );
    if (keys.length > 0) {
      entries.add(
        'issuer',
        'warn',
        'ob2_embedded_issuer_differs',
        `The embedded issuer Profile states ${keys.join(', ')} differently from the one published at ${id}; the published one was used`,
        '$.badge.issuer',
      );
    }
  }
  return issuer;
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The URL a document id is fetched from: parsed as a URL (dot segments resolved), no fragment. */
function fetchedUrl(id: string): string {
  const u = new URL(id);
  u.hash = '';
  return u.href;
}

/** True when the fetched URL starts with `prefix`, as written or as a URL in normal form. */
function withinPrefix(fetched: string, prefix: string): boolean {
  if (fetched.startsWith(prefix)) return true;
  try {
    return fetched.startsWith(fetchedUrl(prefix));
  } catch {
    return false;
  }
}

/** Hosted verification scope: `allowedOrigins` (default the issuer id's host) and `startsWith`. */
function checkScope(run: Run, assertion: JsonObject, issuer: JsonObject) {
  const { entries } = run;
  const id = assertion.id as string;
  const issuerId = typeof issuer.id === 'string' ? issuer.id : '';
  const policy = issuer.verification;
  if (policy !== undefined && !isObject(policy)) {
    entries.add(
      'issuer',
      'fail',
      'ob2_verification_policy_invalid',
      "The issuer's verification policy must be an embedded VerificationObject",
      '$.badge.issuer.verification',
    );
    return;
  }
  const prop = isObject(policy) ? policy.verificationProperty : undefined;
  if (prop !== undefined && prop !== 'id' && prop !== '@id') {
    entries.add(
      'issuer',
      'fail',
      'ob2_verification_policy_invalid',
      `verificationProperty ${JSON.stringify(prop)} is not supported (only "id" is)`,
      '$.badge.issuer.verification.verificationProperty',
    );
    return;
  }
  let host: string;
  let fetched: string;
  let issuerHost: string | undefined;
  try {
    host = new URL(id).host.toLowerCase();
    fetched = fetchedUrl(id);
  } catch {
    entries.add(
      'issuer',
      'fail',
      'ob2_hosted_id_invalid',
      `The assertion id ${id} is not a URL`,
      '$.id',
    );
    return;
  }
  // startsWith is matched against the URL that was fetched, dot segments (`..`, `%2e%2e`)
  // resolved: the id as written may start with a prefix its fetched URL leaves.
  const starts = listOf(isObject(policy) ? policy.startsWith : undefined);
  if (starts.length > 0 && !starts.some((s) => typeof s === 'string' && withinPrefix(fetched, s))) {
    entries.add(
      'issuer',
      'fail',
      'ob2_hosted_out_of_scope',
      `The assertion id ${id}${fetched !== id ? ` (fetched as ${fetched})` : ''} does not start with any of the issuer's startsWith values (${starts.map(String).join(', ')})`,
      '$.id',
    );
    return;
  }
  try {
    issuerHost = /^https?:/i.test(issuerId) ? new URL(issuerId).host.toLowerCase() : undefined;
  } catch {
    issuerHost = undefined;
  }
  const declared = isObject(policy) ? policy.allowedOrigins : undefined;
  const origins = (declared === undefined ? (issuerHost ? [issuerHost] : []) : listOf(declared))
    .filter((o): o is string => typeof o === 'string')
    .map((o) => o.toLowerCase());
  if (origins.length === 0) {
    entries.add(
      'issuer',
      'fail',
      'ob2_hosted_out_of_scope',
      `The issuer ${issuerId} has no web origin to host assertions on (its id is not an http(s) URL and it declares no allowedOrigins)`,
      '$.badge.issuer',
    );
    return;
  }
  if (!origins.includes(host)) {
    entries.add(
      'issuer',
      'fail',
      'ob2_hosted_out_of_scope',
      `The assertion is hosted on ${host}, outside the issuer's allowed origins (${origins.join(', ')})`,
      '$.id',
    );
    return;
  }
  entries.add(
    'issuer',
    'pass',
    undefined,
    `Hosted on ${host}, within the verification scope of the issuer ${issuerId}`,
  );
}

interface CandidateKey {
  id: string;
  pem: unknown;
  path: string;
}

/** Signed verification: key, ownership, signature, revocation list. */
async function checkSigned(
  run: Run,
  parsed: ParsedJws,
  assertion: JsonObject,
  issuer: JsonObject | undefined,
  badgeClass: JsonObject | undefined,
) {
  const { entries, state } = run;
  const header = checkHeader(parsed.header, ['RS256']);
  if (header.length > 0) {
    for (const i of header) entries.add('proof', 'fail', i.code, i.message, i.path);
    return;
  }
  if (!issuer) {
    // Which key may sign follows from the issuer's own Profile; without it nothing can pass.
    const offline = entries.list().some((c) => c.code === 'ob2_unchecked_offline');
    entries.add(
      'proof',
      offline ? 'warn' : 'fail',
      offline ? 'proof_unchecked_offline' : 'ob2_issuer_unavailable',
      `The signature cannot be checked without the issuer Profile${badgeClass ? '' : ' (the BadgeClass could not be read)'}`,
    );
    return;
  }
  const issuerId = issuer.id as string;
  const listed = listOf(issuer.publicKey);
  const listedIds = listed.map(refId).filter((x): x is string => x !== undefined);
  const creator = refId(verificationObject(assertion)?.creator);
  const wanted = creator !== undefined ? [creator] : listedIds.slice(0, MAX_KEYS);
  if (creator !== undefined && !listedIds.includes(creator)) {
    entries.add(
      'issuer',
      'fail',
      'ob2_key_not_listed',
      `The signing key ${creator} is not among the keys the issuer ${issuerId} lists in its publicKey`,
      '$.verification.creator',
    );
    return;
  }
  if (wanted.length === 0) {
    entries.add(
      'proof',
      'fail',
      'ob2_key_missing',
      `The assertion names no key (verification.creator) and the issuer ${issuerId} lists none (publicKey)`,
    );
    return;
  }
  const candidates: CandidateKey[] = [];
  for (const keyId of wanted) {
    const embedded = listed.find(
      (k) => isObject(k) && k.id === keyId && k.publicKeyPem !== undefined,
    );
    let keyDoc: JsonObject;
    if (isObject(embedded)) {
      // A key embedded in the issuer's own published Profile.
      keyDoc = embedded;
    } else {
      const loaded = await loadOb2(keyId, 'The signing key', state, run.tools);
      if (loaded.status === 'offline') {
        entries.add(
          'proof',
          'warn',
          'proof_unchecked_offline',
          `The signing key ${keyId} is needed and no fetch was given (pass it in documents, or pass fetch)`,
        );
        continue;
      }
      if (loaded.status !== 'ok') {
        entries.add(
          'proof',
          'fail',
          loaded.status === 'gone' ? 'fetch_status' : loaded.code,
          `The signing key could not be read: ${loaded.message}`,
          '$.verification.creator',
        );
        continue;
      }
      keyDoc = loaded.document;
    }
    const keyPath = creator !== undefined ? '$.verification.creator' : '$.badge.issuer.publicKey';
    const issues = validateKey(keyDoc, keyPath);
    if (keyDoc.id !== keyId) {
      issues.push({
        code: 'ob2_key_id_mismatch',
        message: `The key document for ${keyId} has the id ${JSON.stringify(keyDoc.id)}`,
        path: keyPath,
      });
    }
    if (issues.length > 0) {
      entries.push(...issues.map((i) => ({ id: 'proof', outcome: 'fail' as const, ...i })));
      continue;
    }
    entries.push(...(await checkContexts(keyDoc, keyPath, false, state.documentLoader)));
    entries.push(...ambiguousMembers(keyDoc, keyPath));
    if (keyDoc.owner !== issuerId) {
      entries.add(
        'issuer',
        'fail',
        'ob2_key_owner_mismatch',
        `The key ${keyId} is owned by ${JSON.stringify(keyDoc.owner)}, not by the issuer ${issuerId}`,
        '$.verification.creator',
      );
      continue;
    }
    candidates.push({ id: keyId, pem: keyDoc.publicKeyPem, path: keyPath });
  }
  if (candidates.length === 0) {
    if (!entries.has('proof') && !entries.failed('issuer')) {
      entries.add('proof', 'fail', 'ob2_key_missing', 'No usable signing key');
    }
    return;
  }
  const problems: CheckResult[] = [];
  for (const c of candidates) {
    let key: Awaited<ReturnType<typeof importRsaPem>>;
    try {
      key = importRsaPem(c.pem, c.id, run.tools.importKeyPair);
    } catch (e) {
      problems.push({
        id: 'proof',
        outcome: 'fail',
        code: 'ob2_key_invalid',
        message: `The key ${c.id} is not a usable RSA public key: ${messageOf(e)}`,
        path: c.path,
      });
      continue;
    }
    const issues = await checkJwsSignature(parsed, parsed.header.alg, key, 'JWS');
    if (issues.length === 0) {
      entries.add(
        'proof',
        'pass',
        'ob2_signed',
        `The JWS signature verifies with the key ${c.id} of the issuer ${issuerId}`,
      );
      entries.add(
        'issuer',
        'pass',
        undefined,
        `The key ${c.id} is owned and listed by the issuer ${issuerId}`,
      );
      await checkRevocationList(run, assertion, issuer);
      return;
    }
    for (const i of issues) {
      problems.push({
        id: 'proof',
        outcome: 'fail',
        code: i.code,
        message: i.message,
        path: i.path,
      });
    }
  }
  entries.push(...problems);
}

/**
 * True when a revocation list entry names the assertion `id`: the same string, or the same
 * identifier spelled another way — a `urn:uuid` in other letter case (UUIDs are
 * case-insensitive, RFC 9562), an http(s) URL with the same normal form (scheme and host case,
 * default port, dot segments).
 */
function sameAssertionId(entry: unknown, id: unknown): boolean {
  if (typeof entry !== 'string' || typeof id !== 'string') return false;
  if (entry === id) return true;
  const uuid = /^urn:uuid:[0-9a-f-]{36}$/i;
  if (uuid.test(entry) && uuid.test(id)) return entry.toLowerCase() === id.toLowerCase();
  if (!/^https?:/i.test(entry) || !/^https?:/i.test(id)) return false;
  try {
    return new URL(entry).href === new URL(id).href;
  } catch {
    return false;
  }
}

async function checkRevocationList(run: Run, assertion: JsonObject, issuer: JsonObject) {
  const { entries } = run;
  const listUrl = issuer.revocationList;
  if (listUrl === undefined) {
    entries.add(
      'status',
      'pass',
      undefined,
      'Not revoked (the issuer publishes no revocation list)',
    );
    return;
  }
  if (typeof listUrl !== 'string') return; // reported by the schema check
  const loaded = await loadOb2(listUrl, 'The revocation list', run.state, run.tools);
  if (loaded.status === 'offline') {
    entries.add(
      'status',
      'warn',
      'status_unchecked_offline',
      `The issuer's revocation list ${listUrl} is needed and no fetch was given (pass it in documents, or pass fetch)`,
    );
    return;
  }
  if (loaded.status !== 'ok') {
    entries.add(
      'status',
      'warn',
      loaded.status === 'gone' ? 'fetch_status' : loaded.code,
      `The revocation status could not be determined: ${loaded.message}`,
    );
    return;
  }
  const list = loaded.document;
  const path = '$.badge.issuer.revocationList';
  // The list is read in the one spelling its context gives, as every other badge object: a
  // `revokedAssertions` (or an entry's `id`) spelled another way would hide a revocation.
  const spelled = [
    ...(await checkContexts(list, path, false, run.state.documentLoader)),
    ...ambiguousMembers(list, path),
    ...listOf(list.revokedAssertions).flatMap((item, i) =>
      isObject(item) ? ambiguousMembers(item, `${path}.revokedAssertions[${i}]`) : [],
    ),
  ];
  const issues = validateRevocationList(list, path);
  if (spelled.length > 0 || issues.length > 0) {
    entries.push(...spelled);
    entries.push(...issues.map((i) => ({ id: 'status', outcome: 'fail' as const, ...i })));
    entries.add(
      'status',
      'warn',
      'status_unchecked',
      `The issuer's revocation list ${listUrl} could not be read as a RevocationList, so whether the assertion is revoked is not known`,
    );
    return;
  }
  const id = assertion.id;
  const uid = assertion.uid;
  for (const item of listOf(list.revokedAssertions)) {
    const hit =
      (typeof item === 'string' && sameAssertionId(item, id)) ||
      (isObject(item) &&
        ((item.id !== undefined && sameAssertionId(item.id, id)) ||
          (item.id === undefined && typeof uid === 'string' && item.uid === uid)));
    if (hit && !(isObject(item) && item.revoked === false)) {
      const reason =
        isObject(item) && typeof item.revocationReason === 'string'
          ? `: ${item.revocationReason}`
          : '';
      entries.add(
        'status',
        'fail',
        'ob2_revoked',
        `The assertion is revoked in the issuer's revocation list ${listUrl}${reason}`,
      );
      return;
    }
  }
  entries.add('status', 'pass', undefined, `Not in the issuer's revocation list ${listUrl}`);
}

function checkValidity(run: Run, assertion: JsonObject) {
  const { entries, state } = run;
  const now = state.now;
  const issued = parseOb2DateTime(assertion.issuedOn);
  const expires = assertion.expires === undefined ? undefined : parseOb2DateTime(assertion.expires);
  let problem = false;
  if (assertion.issuedOn !== undefined && !issued) {
    entries.add(
      'validity',
      'fail',
      'date_invalid',
      'issuedOn is not a date and time',
      '$.issuedOn',
    );
    problem = true;
  }
  if (assertion.expires !== undefined && !expires) {
    entries.add('validity', 'fail', 'date_invalid', 'expires is not a date and time', '$.expires');
    problem = true;
  }
  if (issued && issued.getTime() > now.getTime()) {
    entries.add(
      'validity',
      'fail',
      'not_yet_valid',
      `The assertion is issued on ${String(assertion.issuedOn)}, after now (${now.toISOString()})`,
      '$.issuedOn',
    );
    problem = true;
  }
  if (expires && expires.getTime() < now.getTime()) {
    entries.add(
      'validity',
      'fail',
      'expired',
      `The assertion expired on ${String(assertion.expires)} (now ${now.toISOString()})`,
      '$.expires',
    );
    problem = true;
  }
  if (!problem) {
    entries.add(
      'validity',
      'pass',
      undefined,
      expires ? `Valid at ${now.toISOString()}` : 'The assertion does not expire',
    );
  }
}

/** Open Badges 2.0 identity types a known recipient's type may stand for. */
const TYPE_NAMES: Record<string, string> = {
  email: 'email',
  emailaddress: 'email',
  url: 'url',
  telephone: 'telephone',
  phone: 'telephone',
  id: 'id',
  did: 'id',
};

function checkRecipient(run: Run, assertion: JsonObject, known: KnownRecipient | undefined) {
  const { entries } = run;
  if (known === undefined) {
    entries.add(
      'recipient',
      'skip',
      'recipient_not_requested',
      'No recipient identity was given to check',
    );
    return;
  }
  const r = assertion.recipient;
  if (!isObject(r) || typeof r.identity !== 'string') {
    entries.add(
      'recipient',
      'fail',
      'recipient_mismatch',
      'The assertion has no recipient identity',
      '$.recipient',
    );
    return;
  }
  // `hashed` is an xsd:boolean: "true" is true to a JSON-LD reader; what is neither is refused.
  const hashed = r.hashed === undefined ? false : readXsdBoolean(r.hashed);
  if (hashed === undefined) {
    entries.add(
      'recipient',
      'fail',
      'recipient_mismatch',
      `The assertion's recipient "hashed" is ${JSON.stringify(r.hashed).slice(0, 40)}, neither true nor false`,
      '$.recipient.hashed',
    );
    return;
  }
  // The salt is part of what was hashed: one that is not a string (a number, an array, a value
  // object) is not dropped, which would check the hash against another identity.
  if (hashed && r.salt !== undefined && r.salt !== null && typeof r.salt !== 'string') {
    entries.add(
      'recipient',
      'fail',
      'recipient_mismatch',
      `The assertion's recipient "salt" is ${JSON.stringify(r.salt).slice(0, 40)}, not a string, so the hashed identity cannot be checked`,
      '$.recipient.salt',
    );
    return;
  }
  const identity = typeof known === 'string' ? known : known.identity;
  const wantedType =
    typeof known === 'string' || known.type === undefined
      ? undefined
      : (TYPE_NAMES[known.type.toLowerCase()] ?? known.type);
  const recipientType =
    typeof r.type === 'string' ? (TYPE_NAMES[r.type.toLowerCase()] ?? r.type) : undefined;
  const typeOk = wantedType === undefined || wantedType === recipientType;
  const asObject = {
    type: 'IdentityObject',
    hashed,
    identityHash: r.identity,
    identityType: 'emailAddress',
    ...(typeof r.salt === 'string' ? { salt: r.salt } : {}),
  } as unknown as IdentityObject;
  if (typeOk && run.tools.matchIdentity(asObject, identity)) {
    entries.add(
      'recipient',
      'pass',
      undefined,
      `The recipient (${String(r.type)}${hashed ? ', hashed' : ''}) matches the known identity`,
    );
    return;
  }
  entries.add(
    'recipient',
    'fail',
    'recipient_mismatch',
    `The assertion's recipient${typeOk ? '' : ` (of type ${String(r.type)})`} does not match the known identity`,
    '$.recipient',
  );
}
