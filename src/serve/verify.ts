/** `POST /credentials/verify` and `POST /presentations/verify` (internal). */
import { isObject, type JsonObject } from '../internal/json.js';
import { VC_V2_CONTEXT } from '../internal/urls.js';
import { finalizeReport } from '../verify/report.js';
import type { CheckResult, VerificationReport, VerifyOptions } from '../verify/types.js';
import { verify, verifyCredential } from '../verify/verify.js';
import { fail, json, onlyMembers } from './http.js';
import type { VcApiResponse } from './types.js';

/**
 * The VC-API check names a client may require (`options.checks`), and the report checks each
 * one stands for. A required check must pass outright: a warning or a skip (a proof whose key
 * could not be resolved, a status list that could not be read) makes the answer `verified:
 * false`. A credential without `credentialStatus` satisfies `credentialStatus`.
 */
const CHECKS: Record<string, string[]> = {
  proof: ['proof'],
  credentialStatus: ['status'],
  validFrom: ['validity'],
  validUntil: ['validity'],
  issuanceDate: ['validity'],
  expirationDate: ['validity'],
  credentialSchema: ['schema'],
};

/** The checks required when the request names none. */
const DEFAULT_CHECKS = ['proof', 'credentialStatus'];

/** Outcomes of a required check that count as satisfied without a `pass`. */
const SATISFIED_SKIPS = new Set(['status_absent']);

const JWT_MEDIA = /^data:application\/(vc\+jwt|vc-ld\+jwt|vp\+jwt|vp-ld\+jwt|jwt),(.+)$/s;

/** Options the verify endpoints accept. */
interface VerifyRequestOptions {
  checks: string[];
  challenge?: string;
  domain?: string;
  returnCredential: boolean;
}

function readOptions(body: JsonObject, presentation: boolean): VerifyRequestOptions {
  const raw = body.options;
  if (raw === undefined) return { checks: DEFAULT_CHECKS, returnCredential: false };
  if (!isObject(raw)) fail(400, 'options_invalid', '"options" must be an object');
  onlyMembers(
    raw,
    [
      'checks',
      'challenge',
      'domain',
      'returnCredential',
      'returnPresentation',
      'returnResults',
      'returnProblemDetails',
    ],
    'options',
  );
  let checks = DEFAULT_CHECKS;
  if (raw.checks !== undefined) {
    if (!Array.isArray(raw.checks) || !raw.checks.every((c) => typeof c === 'string')) {
      fail(400, 'options_invalid', 'options.checks must be an array of check names');
    }
    for (const c of raw.checks as string[]) {
      if (!(c in CHECKS)) {
        fail(
          400,
          'check_unsupported',
          `options.checks names ${JSON.stringify(c)}; this verifier knows ${Object.keys(CHECKS).join(', ')}`,
          { check: c },
        );
      }
    }
    // The proof is always required: `verified: true` for a signature never checked (a key that
    // could not be resolved) would be a pass for anything; other checks may be left out.
    checks = [...new Set(['proof', ...(raw.checks as string[])])];
  }
  for (const k of ['challenge', 'domain'] as const) {
    if (raw[k] !== undefined && (typeof raw[k] !== 'string' || raw[k] === '')) {
      fail(400, 'options_invalid', `options.${k} must be a non-empty string`);
    }
  }
  for (const k of [
    'returnCredential',
    'returnPresentation',
    'returnResults',
    'returnProblemDetails',
  ]) {
    if (raw[k] !== undefined && typeof raw[k] !== 'boolean') {
      fail(400, 'options_invalid', `options.${k} must be a boolean`);
    }
  }
  return {
    checks,
    ...(typeof raw.challenge === 'string' ? { challenge: raw.challenge } : {}),
    ...(typeof raw.domain === 'string' ? { domain: raw.domain } : {}),
    returnCredential: (presentation ? raw.returnPresentation : raw.returnCredential) === true,
  };
}

/**
 * The JWT an `EnvelopedVerifiableCredential` (or presentation) carries: the envelope must have
 * the VC 2.0 context first, the type, and a `data:` URL of a JWT media type as id; else 400.
 */
function unwrapEnvelope(envelope: JsonObject, type: string): string {
  const ctx = envelope['@context'];
  const first = Array.isArray(ctx) ? ctx[0] : ctx;
  if (first !== VC_V2_CONTEXT) {
    fail(400, 'envelope_invalid', `An ${type} must have the context ${VC_V2_CONTEXT} first`);
  }
  const types = Array.isArray(envelope.type) ? envelope.type : [envelope.type];
  if (!types.includes(type)) fail(400, 'envelope_invalid', `The envelope's type must be ${type}`);
  const m = typeof envelope.id === 'string' ? JWT_MEDIA.exec(envelope.id) : null;
  if (!m) {
    fail(
      400,
      'envelope_invalid',
      `An ${type}'s id must be a data: URL holding a JWT (data:application/vc+jwt,...)`,
    );
  }
  return m[2] as string;
}

function isEnvelope(value: JsonObject, type: string): boolean {
  const t = value.type;
  return t === type || (Array.isArray(t) && t.includes(type));
}

function problemDetails(checks: CheckResult[]): JsonObject[] {
  return checks
    .filter((c) => c.outcome === 'fail' || c.outcome === 'warn')
    .map((c) => ({
      type: `urn:ob3kit:check:${c.code ?? c.id}`,
      title: `${c.id}: ${c.code ?? c.outcome}`,
      detail: c.message ?? `The ${c.id} check gave ${c.outcome}`,
      ...(c.path ? { path: c.path } : {}),
      severity: c.outcome === 'fail' ? 'error' : 'warning',
    }));
}

/**
 * The required checks that did not pass outright, for the report and (named `credential N: ...`)
 * every credential it carries, at any depth: a record (CLR) is verified only when what it
 * bundles is. The proof is always required of a carried credential; an unsigned credential a
 * record vouches for (`proof_vouched_by_record`, the record's own proof being required) meets it.
 */
function unmet(report: VerificationReport, checks: string[], depth = 0): string[] {
  const out: string[] = [];
  for (const name of checks) {
    for (const id of CHECKS[name] as string[]) {
      const entries = report.checks.filter((c) => c.id === id);
      const ok =
        entries.length > 0 &&
        entries.every(
          (c) =>
            c.outcome === 'pass' ||
            (c.outcome === 'skip' && SATISFIED_SKIPS.has(c.code ?? '')) ||
            (depth > 0 && c.code === 'proof_vouched_by_record'),
        );
      if (!ok) out.push(name);
    }
  }
  const inner = [...new Set(['proof', ...checks])];
  for (const [i, nested] of (report.credentials ?? []).entries()) {
    if (depth >= MAX_REPORT_DEPTH) {
      out.push(`credential ${i + 1}: not read (nested too deep)`);
      continue;
    }
    out.push(...unmet(nested, inner, depth + 1).map((n) => `credential ${i + 1}: ${n}`));
  }
  return [...new Set(out)];
}

/** Largest depth of nested reports read (records in presentations are two levels). */
const MAX_REPORT_DEPTH = 8;

/**
 * Credentials the report holds but did not verify (past `limits.maxCredentials` or
 * `limits.maxBundledCredentials`), in it or in the reports of its credentials: where each run
 * stopped. A document some of whose credentials were never checked is not verified here.
 */
function unverifiedCredentials(report: VerificationReport, depth = 0): string[] {
  const out = report.checks.filter((c) => c.code === 'credential_limit').map((c) => c.path ?? '$');
  if (depth >= MAX_REPORT_DEPTH) return out;
  for (const [i, inner] of (report.credentials ?? []).entries()) {
    out.push(...unverifiedCredentials(inner, depth + 1).map((p) => `credential ${i + 1}: ${p}`));
  }
  return out;
}

/** The VC-API answer for a report: 200 when verified, `failureStatus` with the report when not. */
function answer(
  report: VerificationReport,
  options: VerifyRequestOptions,
  failureStatus: number,
  presentation: boolean,
): VcApiResponse {
  const missing = unmet(report, options.checks);
  const unchecked = unverifiedCredentials(report);
  const verified = report.verdict !== 'invalid' && missing.length === 0 && unchecked.length === 0;
  const { credential, ...rest } = report;
  const details = problemDetails(report.checks);
  for (const name of missing) {
    if (report.verdict === 'invalid') break;
    details.push({
      type: 'urn:ob3kit:check:check_not_satisfied',
      title: `${name}: not verified`,
      detail: `The required check ${name} did not pass (it could not be completed)`,
      severity: 'error',
    });
  }
  if (unchecked.length > 0 && report.verdict !== 'invalid') {
    details.push({
      type: 'urn:ob3kit:check:check_not_satisfied',
      title: 'credentials: not verified',
      detail: `Credentials it carries were not verified (a verification limit was reached at ${unchecked.join(', ')}); a document is verified only when all it carries is`,
      severity: 'error',
    });
  }
  const body: JsonObject = {
    verified,
    ...(options.returnCredential && credential
      ? { [presentation ? 'presentation' : 'credential']: credential }
      : {}),
    problemDetails: details,
    checks: options.checks,
    report: rest,
  };
  return json(verified ? 200 : failureStatus, body, verified ? report.verdict : 'not_verified');
}

/** `POST /credentials/verify`: `{ verifiableCredential, options? }`. */
export async function verifyCredentialRequest(
  body: JsonObject,
  base: VerifyOptions,
  failureStatus: number,
): Promise<VcApiResponse> {
  onlyMembers(body, ['verifiableCredential', 'options'], 'The request');
  const vc = body.verifiableCredential;
  if (!isObject(vc)) {
    fail(400, 'credential_missing', 'The request must have a "verifiableCredential" object');
  }
  const options = readOptions(body, false);
  const verifyOptions: VerifyOptions = {
    ...base,
    // A VC-API verifier says "verified" only for a conforming credential (the W3C suites expect
    // a data model violation to be refused): the conformance policy, unless configured.
    policy: base.policy ?? 'conformance',
    ...(options.challenge !== undefined ? { challenge: options.challenge } : {}),
    ...(options.domain !== undefined ? { domain: options.domain } : {}),
  };
  let report: VerificationReport;
  if (isEnvelope(vc, 'EnvelopedVerifiableCredential')) {
    report = await verify(unwrapEnvelope(vc, 'EnvelopedVerifiableCredential'), verifyOptions);
    if (report.format === 'presentation') {
      fail(400, 'not_a_credential', 'The envelope holds a presentation, not a credential');
    }
  } else {
    report = await verifyCredential(vc, verifyOptions);
  }
  return answer(report, options, failureStatus, false);
}

/** `POST /presentations/verify`: `{ verifiablePresentation, options? }`. */
export async function verifyPresentationRequest(
  body: JsonObject,
  base: VerifyOptions,
  failureStatus: number,
): Promise<VcApiResponse> {
  onlyMembers(body, ['verifiablePresentation', 'options'], 'The request');
  const vp = body.verifiablePresentation;
  if (!isObject(vp)) {
    fail(400, 'presentation_missing', 'The request must have a "verifiablePresentation" object');
  }
  const options = readOptions(body, true);
  const verifyOptions: VerifyOptions = {
    ...base,
    // A VC-API verifier says "verified" only for a conforming credential (the W3C suites expect
    // a data model violation to be refused): the conformance policy, unless configured.
    policy: base.policy ?? 'conformance',
    ...(options.challenge !== undefined ? { challenge: options.challenge } : {}),
    ...(options.domain !== undefined ? { domain: options.domain } : {}),
  };
  const input = isEnvelope(vp, 'EnvelopedVerifiablePresentation')
    ? unwrapEnvelope(vp, 'EnvelopedVerifiablePresentation')
    : vp;
  const report = await verify(input, verifyOptions);
  if (report.format !== 'presentation') {
    // verify() reads a document without the VerifiablePresentation type as a credential.
    const checks: CheckResult[] = [
      ...report.checks.filter((c) => c.id === 'parse'),
      {
        id: 'data_model',
        outcome: 'fail',
        code: 'type_not_vp',
        message:
          'The document is not a verifiable presentation (its type lacks VerifiablePresentation)',
        path: '$.type',
      },
    ];
    return answer(
      finalizeReport({ format: report.format, checks }, report.policy),
      options,
      failureStatus,
      true,
    );
  }
  // The presentation's own proof is always required; the options' checks apply to each credential.
  const presented = report.credentials ?? [];
  const missing = presented.flatMap((r, i) =>
    unmet(r, options.checks).map((name) => `credential ${i + 1}: ${name}`),
  );
  const presentationOk = report.checks
    .filter((c) => c.id === 'presentation')
    .every((c) => c.outcome === 'pass');
  const response = answer(report, { ...options, checks: [] }, failureStatus, true);
  const b = response.body as JsonObject;
  if (b.verified === true && (missing.length > 0 || !presentationOk)) {
    const details = b.problemDetails as JsonObject[];
    for (const m of missing) {
      details.push({
        type: 'urn:ob3kit:check:check_not_satisfied',
        title: `${m}: not verified`,
        detail: `The required check did not pass for ${m}`,
        severity: 'error',
      });
    }
    if (!presentationOk) {
      details.push({
        type: 'urn:ob3kit:check:check_not_satisfied',
        title: 'presentation: not verified',
        detail: 'The presentation proof (with this challenge and domain) did not pass outright',
        severity: 'error',
      });
    }
    return json(failureStatus, { ...b, verified: false, checks: options.checks }, 'not_verified');
  }
  return json(response.status, { ...b, checks: options.checks }, response.code);
}
