/** Per-run state shared by the checks (internal). */
import {
  type DocumentFetcher,
  type DocumentKind,
  type FetchReportCode,
  fetcherFor,
  fetchReportCode,
  parseJsonDocument,
} from '../internal/fetch.js';
import { isObject } from '../internal/json.js';
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_CANONIZE_WORK,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DEFAULT_MAX_FETCH_BYTES,
  DEFAULT_MAX_FETCHES,
  DEFAULT_MAX_STATUS_LIST_TOTAL_BYTES,
} from '../internal/limits.js';
import { createDocumentLoader, type DocumentLoader } from '../jsonld/loader.js';
import { WorkBudget } from '../jsonld/work.js';
import type { CheckResult, VerifyLimits, VerifyOptions, VerifyPolicy } from './types.js';

/** Defaults of {@link VerifyLimits}. */
export const DEFAULT_LIMITS: Required<VerifyLimits> = {
  maxInputBytes: 16 * 1024 * 1024,
  maxEndorsements: 100,
  maxJsonDepth: 64,
  maxCredentials: 100,
  maxFetches: DEFAULT_MAX_FETCHES,
  fetchTimeoutMs: DEFAULT_FETCH_TIMEOUT_MS,
  maxFetchBytes: DEFAULT_MAX_FETCH_BYTES,
  maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
  maxStatusListTotalBytes: DEFAULT_MAX_STATUS_LIST_TOTAL_BYTES,
  maxBundledCredentials: 200,
  maxCanonizeWorkTotal: 2 * DEFAULT_MAX_CANONIZE_WORK,
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
  /**
   * Endorsements, and credentials bundled in CLRs, still allowed in this run (shared by every
   * nesting level).
   */
  readonly budget: { endorsements: number; bundledCredentials: number };
  /** True inside a CLR's bundled credentials: a CLR there is not read as one (no nesting). */
  readonly inClr?: boolean;
  /** 0 for the top-level credential, 1 for its endorsements, ... */
  readonly depth: number;
  /** Whether a refresh service may be followed (never for an already refreshed credential). */
  readonly allowRefresh: boolean;
  /** The policy every report of the run follows. */
  readonly policy: VerifyPolicy;
  /** Offline JSON-LD loader: bundled contexts plus `options.contexts`. */
  readonly documentLoader: DocumentLoader;
  /**
   * The run's one way to remote documents: `documents`, then the caller's `fetch` under the
   * fetch rules, with one request, byte and status-list budget for the whole run (nested
   * verifications included). `options.fetch` is its handle, so every module shares it.
   */
  readonly fetcher: DocumentFetcher;
  /**
   * The canonicalization work the whole run may do (`maxCanonizeWorkTotal`), nested
   * verifications included: every JSON-LD conversion and canonicalization spends from it as well
   * as from its own `maxCanonizeWork`.
   */
  readonly canonizeWork: WorkBudget;
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
  if (o.allowPrivateAddresses !== undefined && typeof o.allowPrivateAddresses !== 'boolean') {
    throw new TypeError('verify: options.allowPrivateAddresses must be a boolean');
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
  if (
    o.profiles !== undefined &&
    !(
      Array.isArray(o.profiles) &&
      o.profiles.every(
        (p) => isObject(p) && typeof p.name === 'string' && typeof p.check === 'function',
      )
    )
  ) {
    throw new TypeError(
      'verify: options.profiles must be an array of application profiles ({ name, check }), such as euMicroCredentialProfile',
    );
  }
  if (o.webJwkBinding !== undefined && o.webJwkBinding !== 'path' && o.webJwkBinding !== 'origin') {
    throw new TypeError("verify: options.webJwkBinding must be 'path' or 'origin'");
  }
  if (o.requireNestedProofs !== undefined && typeof o.requireNestedProofs !== 'boolean') {
    throw new TypeError('verify: options.requireNestedProofs must be a boolean');
  }
  for (const k of ['challenge', 'domain'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'string') {
      throw new TypeError(`verify: options.${k} must be a string`);
    }
  }
  if (o.policy !== undefined && o.policy !== 'default' && o.policy !== 'conformance') {
    throw new TypeError("verify: options.policy must be 'default' or 'conformance'");
  }
  if (o.profile !== undefined && !['auto', 'ob3', 'vc'].includes(o.profile as string)) {
    throw new TypeError(`verify: options.profile must be 'auto', 'ob3' or 'vc'`);
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
  // One fetcher for the whole run, nested verifications included: every module reaches it
  // through `options.fetch` (its handle), offline runs too (then it only serves `documents`).
  const fetcher = fetcherFor(
    {
      fetch: o.fetch,
      documents: o.documents,
      allowPrivateAddresses: o.allowPrivateAddresses,
    },
    {
      maxFetches: limits.maxFetches,
      fetchTimeoutMs: limits.fetchTimeoutMs,
      maxFetchBytes: limits.maxFetchBytes,
      maxDocumentBytes: limits.maxDocumentBytes,
      maxStatusListTotalBytes: limits.maxStatusListTotalBytes,
    },
  );
  const guarded: VerifyOptions = { ...o, fetch: fetcher.handle };
  return {
    documentLoader,
    fetcher,
    canonizeWork: new WorkBudget(
      limits.maxCanonizeWorkTotal,
      undefined,
      'limits.maxCanonizeWorkTotal',
    ),
    options: guarded,
    now: o.now ?? new Date(),
    limits,
    maxEndorsementDepth: depth,
    budget: {
      endorsements: limits.maxEndorsements,
      bundledCredentials: limits.maxBundledCredentials,
    },
    depth: 0,
    allowRefresh: true,
    policy: o.policy ?? 'default',
  };
}

/**
 * The same run without the network (documents only, same budgets), for what is checked on
 * behalf of a credential that is not authentic so far: no request is made for it. The run itself
 * when it has no network anyway.
 */
export function withoutNetwork(state: RunState, reason: string): RunState {
  if (!state.fetcher.online) return state;
  const fetcher = state.fetcher.withoutNetwork(reason);
  return { ...state, fetcher, options: { ...state.options, fetch: fetcher.handle } };
}

/** Result of looking a document up. */
export type LoadResult =
  | { status: 'ok'; document: unknown; source: 'documents' | 'fetch' }
  | { status: 'offline' }
  | { status: 'error'; code: FetchReportCode; message: string };

/**
 * Find a document by URL through the run's fetcher: first in `options.documents` (exact URL,
 * then without fragment), then through `options.fetch` under the fetch rules when the caller
 * allowed it. Nothing is fetched otherwise. Text (given or fetched) that is JSON is parsed (a
 * duplicate member name is `fetch_malformed`); other text is returned as is (a compact JWT).
 */
export async function loadDocument(
  url: string,
  state: RunState,
  kind: DocumentKind,
): Promise<LoadResult> {
  try {
    const loaded = await state.fetcher.load(url, kind);
    const v = loaded.value;
    const text = typeof v === 'string' ? v.replace(/^\uFEFF/, '').trim() : undefined;
    const document =
      text !== undefined && (text.startsWith('{') || text.startsWith('['))
        ? parseJsonDocument({ ...loaded, value: text })
        : (text ?? v);
    return { status: 'ok', document, source: loaded.source };
  } catch (e) {
    const code = fetchReportCode(e);
    if (code === 'fetch_offline') return { status: 'offline' };
    return { status: 'error', code: code ?? 'fetch_failed', message: errorMessage(e) };
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
