/**
 * The one way ob3kit reads a remote document. Every check that needs a DID document, a key or
 * controller document, a status list, a JSON Schema or a refreshed credential asks a
 * {@link DocumentFetcher}: caller-supplied `documents` first (no network), then the caller's
 * `fetch` under one set of rules:
 *
 * - the caller's `fetch` only (never a global one); nothing is fetched without it;
 * - the URL is canonicalised (WHATWG URL parsing: case, percent-encoding, IDNA, every numeric
 *   IPv4 spelling) before any rule reads it, and that canonical URL is what is requested;
 * - https only, no user name or password in the URL;
 * - loopback, private, link-local, unique-local, IPv4-mapped and other special-purpose addresses,
 *   `localhost`-style and single-label names are refused unless `allowPrivateAddresses`;
 * - `redirect: 'manual'`: a 3xx answer (or a response the `fetch` function followed to another
 *   URL) is refused with the `Location` named, never followed;
 * - the body is read as a stream with a byte cap (`maxDocumentBytes`), and all bodies of one run
 *   share a byte budget (`maxFetchBytes`) and a request budget (`maxFetches`); each request,
 *   body included, has a deadline (`fetchTimeoutMs`);
 * - the Content-Type, when given, must be a JSON (or, for status lists and refresh results, a
 *   JWT) type, `text/plain` or `application/octet-stream`, in UTF-8;
 * - each URL is fetched at most once a run (failures included).
 *
 * Every refusal is a {@link FetchError} with an `ERR_FETCH_*` code; verification reports show
 * the same code in snake_case (`fetch_redirect`, ...) via {@link fetchReportCode}.
 *
 * @packageDocumentation
 */
import { FetchError, Ob3Error } from '../errors.js';
import { describeValue } from './describe.js';
import { describeJsonTextProblem, parseJsonText } from './json-scan.js';
import { onDemand } from './lazy.js';
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DEFAULT_MAX_FETCH_BYTES,
  DEFAULT_MAX_FETCHES,
  DEFAULT_MAX_STATUS_LIST_TOTAL_BYTES,
} from './limits.js';

/**
 * What ob3kit passes to `fetch`: always a GET with `redirect: 'manual'`, no credentials
 * (cookies), and an abort signal that fires at the deadline.
 *
 * @example
 * ```ts
 * const init: FetchInit = {
 *   method: 'GET', headers: { accept: 'application/json' }, redirect: 'manual',
 *   credentials: 'omit', signal: new AbortController().signal,
 * };
 * ```
 */
export interface FetchInit {
  method: 'GET';
  headers: Record<string, string>;
  redirect: 'manual';
  credentials: 'omit';
  signal: AbortSignal;
}

/**
 * The reader of a response body stream (what `ReadableStream.getReader()` returns).
 *
 * @example
 * ```ts
 * const reader: FetchBodyReader = new Response('{}').body!.getReader();
 * ```
 */
export interface FetchBodyReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

/**
 * The parts of a `fetch` `Response` ob3kit reads. The global `Response` fits; so does a plain
 * object with `status` and `text()` (then the body is read whole and measured afterwards, as in
 * runtimes without response streams).
 *
 * @example
 * ```ts
 * const res: FetchResponse = { status: 200, text: async () => '{"id":"did:web:a.example"}' };
 * ```
 */
export interface FetchResponse {
  status: number;
  ok?: boolean;
  /** `'opaqueredirect'` when a browser stopped at a redirect. */
  type?: string;
  /** The URL the response came from (another one means the `fetch` followed a redirect). */
  url?: string;
  redirected?: boolean;
  headers?: { get(name: string): string | null };
  body?: { getReader(): FetchBodyReader } | null;
  text(): Promise<string>;
}

/**
 * A `fetch`-compatible function (the global `fetch` fits). It is only ever called with a
 * canonical https URL that passed the rules, and with {@link FetchInit}.
 *
 * @example
 * ```ts
 * const fetchFn: FetchFunction = globalThis.fetch;
 * ```
 */
export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponse>;

/**
 * What kind of document is wanted: it decides the `Accept` header and the media types
 * accepted. `status` and `refresh` documents may be a compact JWT; `ob2` is an Open Badges 2.0
 * badge object (assertion, badge class, issuer profile, key, revocation list).
 *
 * @example
 * ```ts
 * const kind: DocumentKind = 'status';
 * ```
 */
export type DocumentKind = 'did' | 'key' | 'status' | 'schema' | 'refresh' | 'ob2';

/**
 * Options of a {@link DocumentFetcher}. Numbers are upper bounds (non-negative integers).
 *
 * @example
 * ```ts
 * const options: FetcherOptions = { fetch: globalThis.fetch, maxFetches: 8 };
 * ```
 */
export interface FetcherOptions {
  /** The caller's fetch. Without it nothing is fetched (`ERR_FETCH_OFFLINE`). */
  fetch?: FetchFunction | undefined;
  /** Caller-supplied documents by URL or DID, looked up before any request. */
  documents?: Record<string, unknown> | undefined;
  /** Let requests reach loopback, private and link-local addresses and local names. Default false. */
  allowPrivateAddresses?: boolean | undefined;
  /** The caller's abort signal; aborting fails the request with `ERR_ABORTED`. */
  signal?: AbortSignal | undefined;
  /** Most requests (default {@link DEFAULT_MAX_FETCHES}). */
  maxFetches?: number | undefined;
  /** Deadline of one request, body included, in ms (default {@link DEFAULT_FETCH_TIMEOUT_MS}). */
  fetchTimeoutMs?: number | undefined;
  /** Most bytes read, all bodies together (default {@link DEFAULT_MAX_FETCH_BYTES}). */
  maxFetchBytes?: number | undefined;
  /** Largest body (default {@link DEFAULT_MAX_DOCUMENT_BYTES}). */
  maxDocumentBytes?: number | undefined;
  /** Most decoded status list bytes (default {@link DEFAULT_MAX_STATUS_LIST_TOTAL_BYTES}). */
  maxStatusListTotalBytes?: number | undefined;
}

/**
 * A document found by {@link DocumentFetcher.load}: given by the caller (`value` as given: an
 * object, or text) or fetched (`value` is the body text, UTF-8 decoded, BOM removed).
 *
 * @example
 * ```ts
 * const loaded: LoadedDocument = { source: 'documents', key: 'did:web:a.example', value: {} };
 * ```
 */
export type LoadedDocument =
  | { source: 'documents'; key: string; value: unknown }
  | { source: 'fetch'; url: string; value: string };

/** Longest URL accepted, in characters. */
const MAX_URL_LENGTH = 4096;

const JSON_TYPES = 'application/json, application/ld+json;q=0.9';
const ACCEPT: Record<DocumentKind, string> = {
  did: `application/did+json, application/did+ld+json, ${JSON_TYPES}`,
  key: `application/did+json, application/did+ld+json, application/jwk+json, application/jwk-set+json, ${JSON_TYPES}`,
  status: `application/vc+jwt, application/vc+ld+json, application/vc, application/jwt, ${JSON_TYPES}`,
  schema: `application/schema+json, ${JSON_TYPES}`,
  refresh: `application/vc+jwt, application/vc+ld+json, application/vc, application/jwt, ${JSON_TYPES}`,
  // Open Badges 2.0 badge objects: JSON-LD first, as the 2.0 specification asks servers to send.
  ob2: 'application/ld+json, application/json;q=0.9',
};
const JWT_KINDS: ReadonlySet<DocumentKind> = new Set(['status', 'refresh']);

/** The network half (request, response checks, body), loaded when a document is really fetched. */
const networkCode = /* @__PURE__ */ onDemand(() => import('./fetch-request.js'));

/** Fetchers by the handle function that stands for them (see {@link DocumentFetcher.handle}). */
const REGISTRY = new WeakMap<object, DocumentFetcher>();

/** Budgets and caches shared by every view of one run. @internal */
export interface RunShared {
  requests: number;
  bytes: number;
  statusBytes: number;
  readonly cache: Map<string, Promise<string>>;
  readonly memo: Map<string, unknown>;
  /** Serialises status list decoding so that the total bound holds under concurrency. */
  statusQueue: Promise<unknown>;
}

/** A fetcher's rules and limits. @internal */
export interface Settings {
  fetch: FetchFunction | undefined;
  /** Why nothing is fetched, when a run that may fetch withholds it (see `withoutNetwork`). */
  offlineReason?: string;
  allowPrivateAddresses: boolean;
  signal: AbortSignal | undefined;
  maxFetches: number;
  fetchTimeoutMs: number;
  maxFetchBytes: number;
  maxDocumentBytes: number;
  maxStatusListTotalBytes: number;
}

/**
 * One run's access to remote documents: the caller's `documents`, then the caller's `fetch`
 * under the rules of this module, with the run's budgets. Nested verifications share it.
 *
 * @example
 * ```ts
 * const fetcher = new DocumentFetcher({ fetch: globalThis.fetch, maxFetches: 8 });
 * const loaded = await fetcher.load('https://issuer.example/.well-known/did.json', 'did', ['did:web:issuer.example']);
 * const doc = parseJsonDocument(loaded);
 * ```
 */
export class DocumentFetcher {
  /** Caller-supplied documents (never mutated). */
  readonly documents: Readonly<Record<string, unknown>> | undefined;
  /**
   * A `fetch`-compatible function standing for this fetcher: ob3kit functions given it as
   * their `fetch` use this fetcher (its rules, budgets and cache) instead of wrapping it again.
   * Called directly, it fetches under the same rules and answers with the body read.
   */
  readonly handle: FetchFunction;
  private readonly settings: Settings;
  private readonly shared: RunShared;

  constructor(options: FetcherOptions = {}, shared?: { settings: Settings; run: RunShared }) {
    this.documents = options.documents;
    if (shared) {
      this.settings = shared.settings;
      this.shared = shared.run;
    } else {
      const fetchFn = options.fetch;
      if (fetchFn !== undefined && typeof fetchFn !== 'function') {
        throw new TypeError('options.fetch must be a function');
      }
      this.settings = {
        fetch: fetchFn,
        allowPrivateAddresses: options.allowPrivateAddresses === true,
        signal: options.signal,
        maxFetches: bound(options.maxFetches, DEFAULT_MAX_FETCHES, 'maxFetches'),
        fetchTimeoutMs: bound(options.fetchTimeoutMs, DEFAULT_FETCH_TIMEOUT_MS, 'fetchTimeoutMs'),
        maxFetchBytes: bound(options.maxFetchBytes, DEFAULT_MAX_FETCH_BYTES, 'maxFetchBytes'),
        maxDocumentBytes: bound(
          options.maxDocumentBytes,
          DEFAULT_MAX_DOCUMENT_BYTES,
          'maxDocumentBytes',
        ),
        maxStatusListTotalBytes: bound(
          options.maxStatusListTotalBytes,
          DEFAULT_MAX_STATUS_LIST_TOTAL_BYTES,
          'maxStatusListTotalBytes',
        ),
      };
      this.shared = {
        requests: 0,
        bytes: 0,
        statusBytes: 0,
        cache: new Map(),
        memo: new Map(),
        statusQueue: Promise.resolve(),
      };
    }
    const handle: FetchFunction = async (url, init) => {
      const text = await this.fetchText(String(url), 'key', init?.headers?.accept);
      return { status: 200, ok: true, text: async () => text };
    };
    this.handle = handle;
    REGISTRY.set(handle, this);
  }

  /** True when the caller gave a `fetch`: documents not given may be requested. */
  get online(): boolean {
    return this.settings.fetch !== undefined;
  }

  /**
   * The same run (rules, budgets, cache) with other caller-supplied documents, or this very
   * fetcher when `documents` is the same object (or not given).
   */
  withDocuments(documents: Record<string, unknown> | undefined): DocumentFetcher {
    if (documents === undefined || documents === this.documents) return this;
    return new DocumentFetcher(
      { documents },
      {
        settings: this.settings,
        run: this.shared,
      },
    );
  }

  /**
   * The same run (budgets, cache, documents) without the network: a document not given in
   * `documents` fails with `ERR_FETCH_OFFLINE`, whose message is `reason`. This very fetcher
   * when it has no `fetch` anyway.
   */
  withoutNetwork(reason: string): DocumentFetcher {
    if (this.settings.fetch === undefined) return this;
    const view = new DocumentFetcher(
      { documents: this.documents },
      { settings: { ...this.settings, fetch: undefined, offlineReason: reason }, run: this.shared },
    );
    return view;
  }

  /**
   * A caller-supplied document: the exact key, else the key without its fragment. Own
   * properties only.
   */
  known(key: string): { key: string; value: unknown } | undefined {
    const docs = this.documents;
    if (docs === undefined || typeof key !== 'string') return undefined;
    if (Object.hasOwn(docs, key)) return { key, value: docs[key] };
    const hash = key.indexOf('#');
    if (hash >= 0) {
      const bare = key.slice(0, hash);
      if (Object.hasOwn(docs, bare)) return { key: bare, value: docs[bare] };
    }
    return undefined;
  }

  /**
   * Find a document: in `documents` under each of `aliases` (for example a DID) and then under
   * `url` (each also without its fragment), else fetched from `url` under the rules. Throws
   * {@link FetchError} (`ERR_FETCH_OFFLINE` when it is not given and no `fetch` was), or
   * `Ob3Error` `ERR_ABORTED` when the caller aborted.
   */
  async load(
    url: string,
    kind: DocumentKind,
    aliases: readonly string[] = [],
  ): Promise<LoadedDocument> {
    for (const key of [...aliases, url]) {
      const found = this.known(key);
      if (found !== undefined) return { source: 'documents', ...found };
    }
    const target = canonicalUrl(url, this.settings.allowPrivateAddresses);
    const text = await this.fetchText(target, kind);
    return { source: 'fetch', url: target, value: text };
  }

  /**
   * Fetch the body of `url` as text under the rules (no `documents` lookup). The result (or
   * failure) is kept for the run: each URL is requested at most once.
   */
  fetchText(url: string, kind: DocumentKind, accept?: string): Promise<string> {
    let target: string;
    try {
      target = canonicalUrl(url, this.settings.allowPrivateAddresses);
    } catch (e) {
      return Promise.reject(e);
    }
    const cached = this.shared.cache.get(target);
    if (cached) return cached;
    const p = this.request(target, kind, accept);
    // A caller's abort is not a property of the URL: do not remember it.
    p.catch((e: unknown) => {
      if (e instanceof Ob3Error && e.code === 'ERR_ABORTED') this.shared.cache.delete(target);
    });
    this.shared.cache.set(target, p);
    return p;
  }

  /** A fetched body already read in this run (undefined when not fetched or failed). */
  async fetched(url: string): Promise<string | undefined> {
    let target: string;
    try {
      target = canonicalUrl(url, true);
    } catch {
      return undefined;
    }
    const p = this.shared.cache.get(target);
    if (!p) return undefined;
    try {
      return await p;
    } catch {
      return undefined;
    }
  }

  /** Make a value once a run (for example a decoded status list), by key. */
  memo<T>(key: string, make: () => T): T {
    if (this.shared.memo.has(key)) return this.shared.memo.get(key) as T;
    const value = make();
    this.shared.memo.set(key, value);
    return value;
  }

  /**
   * Run `decode` with a byte allowance taken from the run's status list budget: at most `max`,
   * and no more than what is left of `maxStatusListTotalBytes`. Decodings run one at a time so
   * the total holds; `decode` returns the bytes it really used, and the rest is given back.
   * `allowance` is 0 when the budget is spent.
   */
  withStatusBudget<T>(
    max: number,
    decode: (allowance: number, budgetLimited: boolean) => Promise<{ used: number; value: T }>,
  ): Promise<T> {
    const run = async (): Promise<T> => {
      const left = Math.max(0, this.settings.maxStatusListTotalBytes - this.shared.statusBytes);
      const allowance = Math.min(max, left);
      this.shared.statusBytes += allowance;
      let used = allowance;
      try {
        const out = await decode(allowance, allowance < max);
        used = Math.min(allowance, Math.max(0, out.used));
        return out.value;
      } catch (e) {
        used = 0;
        throw e;
      } finally {
        this.shared.statusBytes -= allowance - used;
      }
    };
    const next = this.shared.statusQueue.then(run, run);
    this.shared.statusQueue = next.catch(() => undefined);
    return next;
  }

  /** The run's limit on decoded status list bytes. */
  get maxStatusListTotalBytes(): number {
    return this.settings.maxStatusListTotalBytes;
  }

  private async request(url: string, kind: DocumentKind, accept?: string): Promise<string> {
    const s = this.settings;
    const fetchFn = s.fetch;
    if (fetchFn === undefined) {
      throw new FetchError(
        'ERR_FETCH_OFFLINE',
        s.offlineReason !== undefined
          ? `${url} was not requested: ${s.offlineReason}`
          : `${url} is needed and no fetch was given (pass it in documents, or pass fetch)`,
        { url, ...(s.offlineReason !== undefined ? { withheld: true } : {}) },
      );
    }
    const outer = s.signal;
    if (outer?.aborted) throw aborted(url, outer.reason);
    if (this.shared.requests >= s.maxFetches) {
      throw new FetchError(
        'ERR_FETCH_LIMIT_REQUESTS',
        `Not fetching ${url}: this run already made ${this.shared.requests} requests (limits.maxFetches ${s.maxFetches})`,
        { url, limit: 'maxFetches', max: s.maxFetches },
      );
    }
    this.shared.requests++;
    const { requestText } = await networkCode();
    return requestText(s, this.shared, fetchFn, url, accept ?? ACCEPT[kind], JWT_KINDS.has(kind));
  }
}

/**
 * The fetcher to use for a call that received `options`: the run's own when `options.fetch` is
 * a fetcher's {@link DocumentFetcher.handle} (its budgets and cache carry on), else a new one
 * with the given `fetch`, `documents` and rules.
 *
 * @example
 * ```ts
 * const fetcher = fetcherFor({ fetch: options.fetch, documents: options.documents });
 * ```
 */
export function fetcherFor(
  options: {
    fetch?: unknown;
    documents?: Record<string, unknown> | undefined;
    signal?: AbortSignal | undefined;
    allowPrivateAddresses?: boolean | undefined;
  },
  defaults: Omit<FetcherOptions, 'fetch' | 'documents' | 'signal' | 'allowPrivateAddresses'> = {},
): DocumentFetcher {
  const f = options.fetch;
  if (f !== undefined && typeof f !== 'function') {
    throw new TypeError('options.fetch must be a function');
  }
  const existing = f === undefined ? undefined : REGISTRY.get(f);
  if (existing) return existing.withDocuments(options.documents);
  return new DocumentFetcher({
    ...defaults,
    fetch: f as FetchFunction | undefined,
    documents: options.documents,
    signal: options.signal,
    allowPrivateAddresses: options.allowPrivateAddresses,
  });
}

/**
 * The fetcher a `fetch` function stands for, when it is a {@link DocumentFetcher.handle}.
 *
 * @example
 * ```ts
 * if (fetcherOf(options.fetch)) console.log('shares the run budget');
 * ```
 */
export function fetcherOf(fetchFn: unknown): DocumentFetcher | undefined {
  return typeof fetchFn === 'function' ? REGISTRY.get(fetchFn) : undefined;
}

/**
 * Canonicalise a URL and apply the address rules: parse (WHATWG URL), require https, refuse
 * user info, refuse non-public hosts unless `allowPrivate`, drop the fragment. Returns the URL
 * to request. Throws {@link FetchError} `ERR_FETCH_URL`, `ERR_FETCH_NOT_HTTPS` or
 * `ERR_FETCH_PRIVATE_ADDRESS`.
 *
 * @example
 * ```ts
 * canonicalUrl('HTTPS://Issuer.Example/a#b', false); // 'https://issuer.example/a'
 * canonicalUrl('https://0x7f.1/', false); // throws ERR_FETCH_PRIVATE_ADDRESS (127.0.0.1)
 * ```
 */
export function canonicalUrl(raw: string, allowPrivate: boolean): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) {
    throw new FetchError(
      'ERR_FETCH_URL',
      `Not a URL ob3kit fetches: ${describeUrl(raw)} (empty, not a string, or longer than ${MAX_URL_LENGTH} characters)`,
      { url: describeUrl(raw) },
    );
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError('ERR_FETCH_URL', `${describeUrl(raw)} is not a URL`, {
      url: describeUrl(raw),
    });
  }
  if (u.protocol !== 'https:') {
    throw new FetchError(
      'ERR_FETCH_NOT_HTTPS',
      `${describeUrl(raw)} is not an https URL; only https documents are fetched (pass it in documents)`,
      { url: describeUrl(raw) },
    );
  }
  if (u.username !== '' || u.password !== '') {
    throw new FetchError(
      'ERR_FETCH_URL',
      `${describeUrl(raw)} carries a user name or password; such URLs are not fetched`,
      { url: describeUrl(raw) },
    );
  }
  if (!allowPrivate) {
    const why = nonPublicHost(u.hostname);
    if (why !== undefined) {
      throw new FetchError(
        'ERR_FETCH_PRIVATE_ADDRESS',
        `${describeUrl(raw)} names ${u.hostname}, ${why}; not fetched (allowPrivateAddresses is off)`,
        { url: describeUrl(raw), host: u.hostname, reason: why },
      );
    }
  }
  u.hash = '';
  return u.href;
}

/** Names that only resolve inside a site or machine (RFC 6761, 6762, 8375, ICANN). */
const LOCAL_SUFFIXES = [
  'localhost',
  'local',
  'localdomain',
  'internal',
  'home.arpa',
  'home',
  'corp',
  'lan',
];

/**
 * Why a canonical host (a WHATWG URL `hostname`) is not a public one, or `undefined` when it
 * is: IPv4 and IPv6 special-purpose ranges (loopback, private, shared, link-local, unique-local,
 * IPv4-mapped and -compatible, NAT64, 6to4 of a private address, documentation, benchmarking,
 * multicast, reserved, unspecified), `localhost`-style and other local names, single-label
 * names. Names are checked as written, not as DNS would resolve them.
 *
 * @example
 * ```ts
 * nonPublicHost('127.0.0.1'); // 'a loopback address'
 * nonPublicHost('issuer.example'); // undefined
 * ```
 */
export function nonPublicHost(hostname: string): string | undefined {
  const host = hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) return nonPublicIpv6(host.slice(1, -1));
  const v4 = parseIpv4(host);
  if (v4 !== undefined) return nonPublicIpv4(v4);
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  const labels = name.split('.');
  if (labels.some((l) => l === '')) return 'a name with an empty label';
  if (/^(?:[0-9]+|0x[0-9a-f]*)$/.test(labels[labels.length - 1] as string)) {
    return 'a numeric name (not a domain)';
  }
  if (labels.length === 1) {
    return name === 'localhost' ? 'a loopback name' : 'a single-label name (resolved locally)';
  }
  for (const suffix of LOCAL_SUFFIXES) {
    if (name === suffix || name.endsWith(`.${suffix}`)) {
      return suffix === 'localhost' ? 'a loopback name' : `a local name (.${suffix})`;
    }
  }
  return undefined;
}

function parseIpv4(host: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return undefined;
    n = n * 256 + part;
  }
  return n;
}

/** IPv4 blocks that are not globally reachable (IANA special-purpose registry). */
const V4_BLOCKS: Array<[number, number, string]> = [
  [0x00000000, 8, 'a "this network" address'],
  [0x0a000000, 8, 'a private address'],
  [0x64400000, 10, 'a shared (carrier-grade NAT) address'],
  [0x7f000000, 8, 'a loopback address'],
  [0xa9fe0000, 16, 'a link-local address'],
  [0xac100000, 12, 'a private address'],
  [0xc0000000, 24, 'an IETF protocol address'],
  [0xc0000200, 24, 'a documentation address'],
  [0xc0586300, 24, 'a 6to4 relay address'],
  [0xc0a80000, 16, 'a private address'],
  [0xc6120000, 15, 'a benchmarking address'],
  [0xc6336400, 24, 'a documentation address'],
  [0xcb007100, 24, 'a documentation address'],
  [0xe0000000, 4, 'a multicast address'],
  [0xf0000000, 4, 'a reserved address'],
];

function nonPublicIpv4(ip: number): string | undefined {
  for (const [base, bits, why] of V4_BLOCKS) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((ip & mask) >>> 0 === base) return why;
  }
  return undefined;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const part = (s: string): number[] | undefined => {
    if (s === '') return [];
    const groups: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      groups.push(Number.parseInt(g, 16));
    }
    return groups;
  };
  const head = part(halves[0] as string);
  const tail = halves.length === 2 ? part(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function nonPublicIpv6(text: string): string | undefined {
  const g = parseIpv6(text);
  if (!g) return 'an unreadable IPv6 address';
  const [a = 0, b = 0] = g;
  const embedded = (hi: number, lo: number) => (((hi << 16) >>> 0) + lo) >>> 0;
  if (g.every((x) => x === 0)) return 'the unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'a loopback address';
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return 'an IPv4-mapped address';
  if (g.slice(0, 6).every((x) => x === 0)) return 'an IPv4-compatible address';
  if ((a & 0xfe00) === 0xfc00) return 'a unique-local address';
  if ((a & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((a & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((a & 0xff00) === 0xff00) return 'a multicast address';
  if (a === 0x0064 && b === 0xff9b) return 'a NAT64 address';
  if ((a & 0xe000) !== 0x2000) return 'a reserved address (not global unicast)';
  if (a === 0x2001 && b === 0x0db8) return 'a documentation address';
  if (a === 0x2001 && b < 0x0200) return 'an IETF protocol address';
  if (a === 0x3fff && b < 0x1000) return 'a documentation address';
  if (a === 0x2002) {
    const why = nonPublicIpv4(embedded(b, g[2] ?? 0));
    if (why !== undefined) return `a 6to4 address of ${why}`;
  }
  return undefined;
}

/**
 * Parse a document as JSON: a caller-supplied object passes as is; text (given or fetched)
 * must be JSON without a member name twice in one object. Throws {@link FetchError}
 * `ERR_FETCH_MALFORMED`.
 *
 * @example
 * ```ts
 * parseJsonDocument({ source: 'fetch', url: 'https://a.example/', value: '{"a":1}' }); // { a: 1 }
 * ```
 */
export function parseJsonDocument(loaded: LoadedDocument): unknown {
  const where = loaded.source === 'fetch' ? `GET ${loaded.url}` : `documents['${loaded.key}']`;
  if (typeof loaded.value !== 'string') return loaded.value;
  const text = loaded.value.replace(/^\uFEFF/, '');
  // Measured (depth, values, array length) and checked for a member name given twice in one
  // pass before it is parsed.
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const problem = parsed.problem;
    throw new FetchError(
      'ERR_FETCH_MALFORMED',
      problem.kind === 'syntax'
        ? `${where}: not JSON (${problem.message})`
        : problem.kind === 'duplicate'
          ? `${where}: the member name ${JSON.stringify(problem.key)} appears twice in one object (at character ${problem.offset})`
          : `${where}: the JSON text ${describeJsonTextProblem(problem)}`,
      { url: loaded.source === 'fetch' ? loaded.url : loaded.key },
    );
  }
  return parsed.value;
}

/**
 * Report codes of fetch failures, one for each `ERR_FETCH_*` code (`fetch_redirect` for
 * `ERR_FETCH_REDIRECT`, ...), plus `fetch_aborted` for the caller's abort.
 *
 * @example
 * ```ts
 * const code: FetchReportCode = 'fetch_private_address';
 * ```
 */
export type FetchReportCode =
  | 'fetch_url'
  | 'fetch_not_https'
  | 'fetch_private_address'
  | 'fetch_redirect'
  | 'fetch_status'
  | 'fetch_content_type'
  | 'fetch_too_large'
  | 'fetch_limit_requests'
  | 'fetch_limit_bytes'
  | 'fetch_timeout'
  | 'fetch_encoding'
  | 'fetch_malformed'
  | 'fetch_failed'
  | 'fetch_offline'
  | 'fetch_aborted';

/**
 * The report code for a fetch failure: `ERR_FETCH_REDIRECT` → `fetch_redirect`, and so on;
 * `ERR_ABORTED` → `fetch_aborted`; `undefined` for other errors.
 *
 * @example
 * ```ts
 * fetchReportCode(new FetchError('ERR_FETCH_TIMEOUT', 'slow')); // 'fetch_timeout'
 * ```
 */
export function fetchReportCode(e: unknown): FetchReportCode | undefined {
  if (e instanceof FetchError && e.code.startsWith('ERR_FETCH_')) {
    return `fetch_${e.code.slice('ERR_FETCH_'.length).toLowerCase()}` as FetchReportCode;
  }
  if (e instanceof Ob3Error && e.code === 'ERR_ABORTED') return 'fetch_aborted';
  return undefined;
}

/** The error of a request the caller aborted. @internal */
export function aborted(url: string, reason: unknown): Ob3Error {
  return new Ob3Error('ERR_ABORTED', `GET ${url} aborted: ${errorText(reason)}`, {
    cause: reason,
    details: { url },
  });
}

function bound(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(
      `limits.${name} must be a non-negative integer, found ${describeValue(value)}`,
    );
  }
  return value;
}

/** A URL for a message, cut at 200 characters. @internal */
export function describeUrl(url: unknown): string {
  const s = typeof url === 'string' ? url : String(url);
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

/** The message of any thrown value. @internal */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
