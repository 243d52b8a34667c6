/** `createVcApiHandler`: the VC-API routes, authentication and error mapping. */
import { isObject } from '../internal/json.js';
import { createDocumentLoader } from '../jsonld/loader.js';
import type { VerifyOptions } from '../verify/index.js';
import { empty, fail, HttpProblem, json, problem, readJsonBody, TokenSet } from './http.js';
import { issueCredential, type ResolvedIssuer, resolveIssuer } from './issue.js';
import { StatusLists, setCredentialStatus } from './status.js';
import type { VcApiHandler, VcApiOptions, VcApiRequest, VcApiResponse } from './types.js';
import { verifyCredentialRequest, verifyPresentationRequest } from './verify.js';

/** Default largest request body: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Minimum length of an API token (random tokens of 32 characters or more are advised). */
const MIN_TOKEN_LENGTH = 16;

/** HTTP statuses for the stable codes of thrown ob3kit errors (others: 400 or 500). */
const ERROR_STATUS: Record<string, number> = {
  ERR_LEDGER_NOT_FOUND: 404,
  ERR_LEDGER_CONFLICT: 409,
  ERR_LEDGER_NO_STATUS: 409,
  ERR_LEDGER_LIST_FULL: 503,
  ERR_CANONIZE_LIMIT: 413,
  // A Signer answered something that is not a signature of its key: the service's fault.
  ERR_SIGNER_OUTPUT: 502,
  // The key was matched with the issuer at start: a credential naming no single issuer id.
  ERR_ISSUER_KEY_MISMATCH: 400,
};

/** Client-error code families: a document that cannot be signed as given. */
const CLIENT_ERRORS =
  /^ERR_(JSONLD|CONTEXT|CANONIZE|PROOF|VALIDATION|CREDENTIAL|PRESENTATION|MODEL|JWT|STATUS|KEY)/;

function snake(code: string): string {
  return code.replace(/^ERR_/, '').toLowerCase();
}

/** Turn a thrown error into a response: problems as they are, ob3kit errors by code, else 500. */
function errorResponse(e: unknown): VcApiResponse {
  if (e instanceof HttpProblem) return e.response;
  const code = isObject(e) && typeof e.code === 'string' ? e.code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  if (code?.startsWith('ERR_')) {
    const status = ERROR_STATUS[code] ?? (CLIENT_ERRORS.test(code) ? 400 : 500);
    if (status >= 500 && ERROR_STATUS[code] === undefined) {
      return problem(status, snake(code), 'The service failed to answer this request', {
        error: code,
      });
    }
    // A validation error names every issue it found (code, path, message).
    const issues = (e as { issues?: unknown }).issues;
    return problem(status, snake(code), message, {
      error: code,
      ...(Array.isArray(issues) ? { issues: issues.map((i) => ({ ...i })) } : {}),
    });
  }
  if (e instanceof TypeError) return problem(400, 'request_invalid', message);
  return problem(500, 'internal_error', 'The service failed to answer this request');
}

/** Split `/issuers/{name}/credentials/issue` and friends. */
function route(path: string): { kind: string; name?: string } {
  if (path === '/credentials/issue') return { kind: 'issue' };
  const m = /^\/issuers\/([^/]+)\/credentials\/issue$/.exec(path);
  if (m) {
    // A malformed escape names no issuer (decodeURIComponent throws URIError on it).
    let name: string;
    try {
      name = decodeURIComponent(m[1] as string);
    } catch {
      fail(404, 'issuer_unknown', `No issuer ${m[1]}`);
    }
    return { kind: 'issue', name };
  }
  if (path === '/credentials/verify') return { kind: 'verify-credential' };
  if (path === '/presentations/verify') return { kind: 'verify-presentation' };
  if (path === '/credentials/status') return { kind: 'status' };
  if (path === '/health') return { kind: 'health' };
  return { kind: 'other' };
}

function checkOptions(options: VcApiOptions): void {
  const fn = 'createVcApiHandler(options)';
  if (!isObject(options as unknown)) throw new TypeError(`${fn}: options must be an object`);
  if (options.issuers !== undefined && !Array.isArray(options.issuers)) {
    throw new TypeError(`${fn}: options.issuers must be an array`);
  }
  if (options.tokens !== undefined) {
    if (
      !Array.isArray(options.tokens) ||
      !options.tokens.every(
        (t) => typeof t === 'string' && t.length >= MIN_TOKEN_LENGTH && !/\s/.test(t),
      )
    ) {
      throw new TypeError(
        `${fn}: options.tokens must be strings of at least ${MIN_TOKEN_LENGTH} characters without spaces`,
      );
    }
  }
  for (const k of ['failureStatus', 'maxBodyBytes'] as const) {
    const v = options[k];
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) {
      throw new TypeError(`${fn}: options.${k} must be a positive integer`);
    }
  }
  const fs = options.failureStatus;
  if (fs !== undefined && (fs < 400 || fs > 499)) {
    throw new TypeError(`${fn}: options.failureStatus must be a 4xx status`);
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TypeError(`${fn}: options.now must be a function returning a Date`);
  }
  if (options.publicUrl !== undefined) {
    let ok = false;
    try {
      const u = new URL(options.publicUrl);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch {}
    if (!ok) throw new TypeError(`${fn}: options.publicUrl must be an http(s) URL`);
  }
}

/**
 * Make the VC-API handler: one framework-agnostic function that takes a request (`method`,
 * `path`, `headers`, `body`) and returns a response (`status`, `headers`, JSON `body`). Mount
 * it in any server; `ob3kit serve` is a thin Node shell around it.
 *
 * Routes (request and response shapes of the W3C VC-API / VCALM):
 * - `POST /credentials/issue` (the first issuer) and `POST /issuers/{name}/credentials/issue`:
 *   `{ credential, options? }` → 201 `{ verifiableCredential }`. The credential gets the
 *   issuer's id when it names none (another issuer is refused, `issuer_mismatch`), must obey the
 *   VC Data Model (and the OB 3.0 schema for an Open Badge), gets status entries from the ledger
 *   when the issuer has `status`, and is signed. Invalid input: 400 with located `issues`.
 * - `POST /credentials/verify`: `{ verifiableCredential, options? }` (an object, or an
 *   `EnvelopedVerifiableCredential`) → 200 `{ verified: true, problemDetails, report }`, or
 *   `failureStatus` (400) with `verified: false` and the report. `options.checks` (default
 *   `['proof', 'credentialStatus']`) must pass outright.
 * - `POST /presentations/verify`: `{ verifiablePresentation, options: { challenge, domain } }`.
 * - `POST /credentials/status`: `{ credentialId, credentialStatus: { type, statusPurpose },
 *   status }` → 200.
 * - `GET <status list path>` → the signed status list credential; `POST <path>/publish` → 204.
 * - `GET /health` → 200.
 *
 * With `tokens`, issuing, status changes and publishing need `Authorization: Bearer <token>`
 * (401 otherwise). Misuse of the options throws `TypeError`; a bad request never throws.
 *
 * @example
 * ```ts
 * import { createVcApiHandler } from 'ob3kit/serve';
 * import { createDidKey, generateKeyPair } from 'ob3kit/keys';
 *
 * const { keyPair } = createDidKey(await generateKeyPair());
 * const handle = createVcApiHandler({ issuers: [{ name: 'main', key: keyPair }] });
 * const res = await handle({
 *   method: 'POST',
 *   path: '/credentials/issue',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ credential }),
 * });
 * res.status; // 201
 * ```
 */
export function createVcApiHandler(options: VcApiOptions): VcApiHandler {
  checkOptions(options);
  const now = options.now ?? (() => new Date());
  const contexts = { ...(options.verify?.contexts ?? {}), ...(options.contexts ?? {}) };
  const documentLoader = createDocumentLoader({ contexts });
  const issuers: ResolvedIssuer[] = (options.issuers ?? []).map((i, n) =>
    resolveIssuer(i, n, documentLoader, now),
  );
  const names = new Set<string>();
  for (const i of issuers) {
    if (names.has(i.name))
      throw new TypeError(`createVcApiHandler: issuer name ${i.name} is used twice`);
    names.add(i.name);
  }
  const ledger = options.ledger;
  if (issuers.some((i) => i.status) && !ledger) {
    throw new TypeError('createVcApiHandler: an issuer with status: true needs options.ledger');
  }
  let lists: StatusLists | undefined;
  if (ledger) {
    const wanted = options.statusIssuer;
    const signer =
      wanted !== undefined ? issuers.find((i) => i.name === wanted) : issuers.find((i) => i.status);
    if (!signer) {
      throw new TypeError(
        `createVcApiHandler: ${wanted !== undefined ? `statusIssuer ${wanted} is not an issuer` : 'a ledger needs an issuer with status: true (or statusIssuer) to sign its lists'}`,
      );
    }
    if (signer.format !== 'di') {
      throw new TypeError('createVcApiHandler: the status issuer must sign Data Integrity proofs');
    }
    lists = new StatusLists(
      ledger,
      signer,
      options.publicUrl !== undefined ? new URL(options.publicUrl).origin : undefined,
      now,
    );
  }
  const tokens = new TokenSet(options.tokens ?? []);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const failureStatus = options.failureStatus ?? 400;
  const baseVerify: VerifyOptions = { ...(options.verify ?? {}), contexts };

  function authorize(request: VcApiRequest): void {
    if (tokens.size === 0) return;
    if (!tokens.accepts(request)) {
      fail(
        401,
        'unauthorized',
        'This endpoint needs an API token (Authorization: Bearer ...)',
        {},
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
  }

  function only(request: VcApiRequest, method: 'GET' | 'POST'): void {
    if (request.method.toUpperCase() !== method) {
      fail(405, 'method_not_allowed', `Use ${method} here`, {}, { allow: method });
    }
  }

  async function handle(request: VcApiRequest): Promise<VcApiResponse> {
    if (
      !isObject(request) ||
      typeof request.method !== 'string' ||
      typeof request.path !== 'string'
    ) {
      return problem(400, 'request_invalid', 'A request needs a method and a path');
    }
    const path = request.path.split('?')[0] as string;
    const r = route(path);
    switch (r.kind) {
      case 'health':
        only(request, 'GET');
        return json(200, { status: 'ok' });
      case 'issue': {
        only(request, 'POST');
        authorize(request);
        const issuer = r.name === undefined ? issuers[0] : issuers.find((i) => i.name === r.name);
        if (!issuer) {
          fail(
            404,
            'issuer_unknown',
            r.name === undefined ? 'This service has no issuer' : `No issuer ${r.name}`,
          );
        }
        const body = readJsonBody(request, maxBody);
        const vc = await issueCredential(body, issuer, ledger, documentLoader);
        return json(201, { verifiableCredential: vc }, 'issued');
      }
      case 'verify-credential':
      case 'verify-presentation': {
        only(request, 'POST');
        if (options.tokensForVerify) authorize(request);
        const body = readJsonBody(request, maxBody);
        const base = { ...baseVerify, now: now() };
        return r.kind === 'verify-credential'
          ? verifyCredentialRequest(body, base, failureStatus)
          : verifyPresentationRequest(body, base, failureStatus);
      }
      case 'status': {
        only(request, 'POST');
        authorize(request);
        if (!ledger) fail(404, 'status_unsupported', 'This service keeps no status lists');
        await setCredentialStatus(readJsonBody(request, maxBody), ledger);
        return json(200, {}, 'status_set');
      }
      default: {
        if (lists) {
          const publish = path.endsWith('/publish');
          const listPath = publish ? path.slice(0, -'/publish'.length) : path;
          const url = await lists.urlOf(listPath);
          if (url !== undefined) {
            if (publish) {
              only(request, 'POST');
              authorize(request);
              await lists.get(url, true);
              return empty(204, 'published');
            }
            only(request, 'GET');
            const list = await lists.get(url);
            return {
              status: 200,
              headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
              body: list,
              code: 'status_list',
            };
          }
        }
        fail(404, 'not_found', `No endpoint ${path}`);
      }
    }
  }

  return async (request) => {
    try {
      return await handle(request);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
