/** Per-run state shared by the checks (internal). */
import { isObject } from '../internal/json.js';
import { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_MAX_FETCHES, limitFetch } from '../internal/limits.js';
import { createDocumentLoader, type DocumentLoader } from '../jsonld/index.js';
import type { CheckResult, FetchLike, VerifyLimits, VerifyOptions } from './types.js';

/** Defaults of {@link VerifyLimits}. */
export const DEFAULT_LIMITS: Required<VerifyLimits> = {
  maxInputBytes: 16 * 1024 * 1024,
  maxEndorsements: 100,
  maxJsonDepth: 64,
  maxCredentials: 100,
  maxFetches: DEFAULT_MAX_FETCHES,
  fetchTimeoutMs: DEFAULT_FETCH_TIMEOUT_MS,
};

/** Default of `maxEndorsementDepth`. */
export const DEFAULT_MAX_ENDORSEMENT_DEPTH = 3;

/** What a credential is being verified as. */
export type CredentialRole = 'credential' | 'endorsement';

/** Everything a check may need besides the credential. */
export interface RunState {
  readonly options: VerifyOptions;
  readonly now: Date;
  readonly limits: Required<VerifyLimits>;
  readonly maxEndorsementDepth: number;
  /** Endorsements still allowed in this run (shared by every nesting level). */
  readonly budget: { endorsements: number };
  /** 0 for the top-level credential, 1 for its endorsements, ... */
  readonly depth: number;
  /** Whether a refresh service may be followed (never for an already refreshed credential). */
  readonly allowRefresh: boolean;
  /** Offline JSON-LD loader: bundled contexts plus `options.contexts`. */
  readonly documentLoader: DocumentLoader;
}

/** Validate the options (misuse throws `TypeError`) and build the initial state. */
export function createRunState(options: unknown): RunState {
  if (options === undefined || options === null) options = {};
  if (!isObject(options)) throw new TypeError('verify: options must be an object');
  const o = options as VerifyOptions;
  if (o.now !== undefined && (!(o.now instanceof Date) || Number.isNaN(o.now.getTime()))) {
    throw new TypeError('verify: options.now must be a valid Date');
  }
  if (o.fetch !== undefined && typeof o.fetch !== 'function') {
    throw new TypeError('verify: options.fetch must be a function');
  }
  if (o.documents !== undefined && !isObject(o.documents)) {
    throw new TypeError('verify: options.documents must be an object keyed by URL');
  }
  if (o.contexts !== undefined && !isObject(o.contexts)) {
    throw new TypeError('verify: options.contexts must be an object keyed by URL');
  }
  if (o.resolvers !== undefined) {
    if (!isObject(o.resolvers) || Object.values(o.resolvers).some((r) => typeof r !== 'function')) {
      throw new TypeError('verify: options.resolvers must map DID method names to functions');
    }
  }
  if (o.recipient !== undefined) {
    const r = o.recipient as unknown;
    const ok =
      typeof r === 'string' ||
      (isObject(r) &&
        typeof r.identity === 'string' &&
        (r.type === undefined || typeof r.type === 'string'));
    if (!ok) {
      throw new TypeError(
        'verify: options.recipient must be a string or { identity: string, type?: string }',
      );
    }
  }
  for (const k of ['challenge', 'domain'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'string') {
      throw new TypeError(`verify: options.${k} must be a string`);
    }
  }
  const depth = o.maxEndorsementDepth ?? DEFAULT_MAX_ENDORSEMENT_DEPTH;
  if (!Number.isInteger(depth) || depth < 0) {
    throw new TypeError('verify: options.maxEndorsementDepth must be a non-negative integer');
  }
  if (o.limits !== undefined && !isObject(o.limits)) {
    throw new TypeError('verify: options.limits must be an object');
  }
  const limits = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(o.limits ?? {})) {
    if (v === undefined) continue;
    if (!(k in DEFAULT_LIMITS)) throw new TypeError(`verify: unknown limit ${k}`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new TypeError(`verify: options.limits.${k} must be a non-negative integer`);
    }
    limits[k as keyof VerifyLimits] = v;
  }
  let documentLoader: DocumentLoader;
  try {
    documentLoader = createDocumentLoader(o.contexts ? { contexts: o.contexts } : {});
  } catch (e) {
    throw new TypeError(`verify: options.contexts: ${errorMessage(e)}`);
  }
  // One request budget and a per-request timeout for the whole run, nested verifications included.
  const guarded: VerifyOptions =
    o.fetch === undefined ? o : { ...o, fetch: limitFetch(o.fetch as FetchLike, limits) };
  return {
    documentLoader,
    options: guarded,
    now: o.now ?? new Date(),
    limits,
    maxEndorsementDepth: depth,
    budget: { endorsements: limits.maxEndorsements },
    depth: 0,
    allowRefresh: true,
  };
}

/** Result of looking a document up. */
export type LoadResult =
  | { status: 'ok'; document: unknown; source: 'documents' | 'fetch' }
  | { status: 'offline' }
  | { status: 'error'; message: string };

/**
 * Find a document by URL: first in `options.documents` (exact URL, then without fragment),
 * then through `options.fetch` when the caller allowed it. Nothing is fetched otherwise.
 */
export async function loadDocument(url: string, state: RunState): Promise<LoadResult> {
  const docs = state.options.documents;
  if (docs) {
    if (Object.hasOwn(docs, url)) return { status: 'ok', document: docs[url], source: 'documents' };
    const noFragment = url.split('#')[0] as string;
    if (Object.hasOwn(docs, noFragment)) {
      return { status: 'ok', document: docs[noFragment], source: 'documents' };
    }
  }
  const fetchFn: FetchLike | undefined = state.options.fetch;
  if (!fetchFn) return { status: 'offline' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 'error', message: `${url} is not a URL` };
  }
  // https only (as keys and status lists): the URL comes from the credential, and over plain
  // http a network attacker could answer in the issuer's place.
  if (parsed.protocol !== 'https:') {
    return {
      status: 'error',
      message: `${url} is not an https URL; only https documents are fetched (pass it in documents)`,
    };
  }
  try {
    const res = await fetchFn(url, {
      method: 'GET',
      headers: { accept: 'application/ld+json, application/json, text/plain;q=0.5, */*;q=0.1' },
    });
    if (!res.ok) return { status: 'error', message: `GET ${url} answered HTTP ${res.status}` };
    const text = await res.text();
    if (text.length > state.limits.maxInputBytes) {
      return { status: 'error', message: `GET ${url} returned more than the size limit` };
    }
    try {
      return { status: 'ok', document: JSON.parse(text), source: 'fetch' };
    } catch {
      return { status: 'ok', document: text, source: 'fetch' };
    }
  } catch (e) {
    return { status: 'error', message: `GET ${url} failed: ${errorMessage(e)}` };
  }
}

/** Message of any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The stable code of an error, when it has one. */
export function errorCode(e: unknown): string | undefined {
  if (isObject(e) && typeof e.code === 'string') return e.code;
  if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string') {
    return (e as { code?: string }).code;
  }
  return undefined;
}

/** One check as the pipeline runs it. */
export type CheckFn = () => CheckResult | CheckResult[] | Promise<CheckResult | CheckResult[]>;

/**
 * Run one check; an unexpected exception becomes a `fail` with code `internal_error`, so a bad
 * credential never makes verification throw.
 */
export async function runCheck(id: string, fn: CheckFn): Promise<CheckResult[]> {
  try {
    const r = await fn();
    return Array.isArray(r) ? r : [r];
  } catch (e) {
    return [
      {
        id,
        outcome: 'fail',
        code: 'internal_error',
        message: `Unexpected error: ${errorMessage(e)}`,
      },
    ];
  }
}
