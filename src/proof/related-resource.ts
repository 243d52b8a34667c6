/**
 * Integrity of related resources (VC Data Model 2.0 section 5.3, VC Data Integrity 1.0 section
 * 2.6): a credential's `relatedResource` entries pin other documents (images, contexts, PDFs) by
 * digest. This module computes the digests of the resources and compares.
 */
import { bytesEqual, fromBase64, fromBase64Url, utf8 } from '../internal/bytes.js';
import { isObject } from '../internal/json.js';
import { cryptoOnDemand } from '../internal/lazy.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../internal/limits.js';
import { decodeBase58btc } from '../keys/base58.js';
import { isAbsoluteUrl, isSriExpression } from '../model/vc-data-model.js';

/**
 * A `fetch` for related resources (the global `fetch` fits). It is called with https URLs only,
 * with `redirect: 'error'`.
 *
 * @example
 * ```ts
 * const fetchResource: ResourceFetch = globalThis.fetch;
 * ```
 */
export type ResourceFetch = (
  url: string,
  init: { headers: Record<string, string>; signal?: AbortSignal; redirect: 'error' },
) => Promise<{
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  headers?: { get(name: string): string | null };
  body?: { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null;
}>;

/**
 * Options of {@link checkRelatedResources}.
 *
 * @example
 * ```ts
 * const options: CheckRelatedResourcesOptions = {
 *   resources: { 'https://example.edu/badges/1.png': pngBytes },
 * };
 * ```
 */
export interface CheckRelatedResourcesOptions {
  /** The resources by URL: bytes, or text (hashed as UTF-8). Looked up before anything is fetched. */
  resources?: Readonly<Record<string, Uint8Array | string>>;
  /** Fetch resources that are not in `resources` (https only, no redirects). Nothing is fetched without it. */
  fetch?: ResourceFetch;
  /** Abort signal for fetches. */
  signal?: AbortSignal;
  /** Largest resource read, in bytes. Default 16 MiB. */
  maxResourceBytes?: number;
  /** Most resources fetched in one call. Default 16; the rest are not checked. */
  maxFetches?: number;
  /** Time allowed for one fetch, in milliseconds. Default 10,000. */
  fetchTimeoutMs?: number;
}

/**
 * The outcome for one `relatedResource` entry:
 * - `pass` (`related_resource_verified`): every digest given matches the resource;
 * - `fail` (`related_resource_digest_mismatch`): a digest does not match;
 * - `skip`: not checked, never passed: `related_resource_unchecked` (neither given nor
 *   fetchable), `related_resource_unavailable` (the fetch failed or the limit was reached),
 *   `related_resource_digest_unsupported` (no digest in an algorithm ob3kit computes), or
 *   `related_resource_malformed` (the entry itself breaks the data model rules, which
 *   `validateVerifiableCredential` reports).
 *
 * @example
 * ```ts
 * const r: RelatedResourceCheck = { id: 'https://example.edu/a.png', path: '$.relatedResource[0]', outcome: 'pass', code: 'related_resource_verified', message: '...' };
 * ```
 */
export interface RelatedResourceCheck {
  /** The resource URL. */
  id: string;
  /** JSON path of the entry. */
  path: string;
  outcome: 'pass' | 'fail' | 'skip';
  code: string;
  message: string;
}

type Algorithm = 'sha2-256' | 'sha2-384' | 'sha2-512' | 'sha3-256' | 'sha3-384' | 'sha3-512';

type Hashes = Record<Algorithm, (data: Uint8Array) => Uint8Array>;

/**
 * The hash functions, from `@noble/hashes`, imported when a resource is first compared with its
 * digest (verifying a credential without related resources does not load them).
 */
const loadHashes = /* @__PURE__ */ cryptoOnDemand(async (): Promise<Hashes> => {
  const [sha2, sha3] = await Promise.all([
    import('@noble/hashes/sha2.js'),
    import('@noble/hashes/sha3.js'),
  ]);
  return {
    'sha2-256': sha2.sha256,
    'sha2-384': sha2.sha384,
    'sha2-512': sha2.sha512,
    'sha3-256': sha3.sha3_256,
    'sha3-384': sha3.sha3_384,
    'sha3-512': sha3.sha3_512,
  };
}, "ob3kit's hash code (@noble/hashes)");

/** Multihash codes (one-byte varints) and digest sizes. */
const MULTIHASH: Record<number, [Algorithm, number]> = {
  18: ['sha2-256', 32],
  32: ['sha2-384', 48],
  19: ['sha2-512', 64],
  22: ['sha3-256', 32],
  21: ['sha3-384', 48],
  20: ['sha3-512', 64],
};

const SRI_ALGORITHMS: Record<string, Algorithm> = {
  sha256: 'sha2-256',
  sha384: 'sha2-384',
  sha512: 'sha2-512',
};
const SRI_STRENGTH: Record<string, number> = { sha256: 1, sha384: 2, sha512: 3 };

interface Expected {
  algorithm: Algorithm;
  digest: Uint8Array;
  /** For SRI: the algorithm's strength; only the strongest algorithm counts (SRI 3.3.4). */
  sri?: number;
  source: string;
}

/** Decode a `digestMultibase` value: a multihash, or (as the W3C test suite writes it) a bare SHA-2 digest. */
function decodeMultibaseDigest(value: string): Expected | 'malformed' | 'unsupported' {
  if (value.length > 200) return 'malformed';
  const bytes =
    value[0] === 'u'
      ? fromBase64Url(value.slice(1))
      : value[0] === 'z'
        ? decodeBase58btc(value.slice(1))
        : undefined;
  if (bytes === undefined) return 'malformed';
  const head = MULTIHASH[bytes[0] as number];
  if (head !== undefined && bytes.length === 2 + head[1] && bytes[1] === head[1]) {
    return { algorithm: head[0], digest: bytes.subarray(2), source: value };
  }
  // No multihash header: a bare SHA-256 or SHA-384 digest.
  if (bytes.length === 32) return { algorithm: 'sha2-256', digest: bytes, source: value };
  if (bytes.length === 48) return { algorithm: 'sha2-384', digest: bytes, source: value };
  return 'unsupported';
}

function expectedDigests(entry: Record<string, unknown>): {
  expected: Expected[];
  unsupported: number;
  malformed: boolean;
} {
  const expected: Expected[] = [];
  let unsupported = 0;
  let malformed = false;
  const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  for (const value of list(entry.digestMultibase)) {
    if (typeof value !== 'string') {
      malformed = true;
      continue;
    }
    const d = decodeMultibaseDigest(value);
    if (d === 'malformed') malformed = true;
    else if (d === 'unsupported') unsupported++;
    else expected.push(d);
  }
  const sri: Expected[] = [];
  for (const value of list(entry.digestSRI)) {
    if (typeof value !== 'string') {
      malformed = true;
      continue;
    }
    for (const expr of value.trim().split(/\s+/)) {
      if (!isSriExpression(expr)) {
        malformed = true;
        continue;
      }
      const dash = expr.indexOf('-');
      const alg = expr.slice(0, dash);
      const b64 = expr.slice(dash + 1).replace(/\?.*$/, '');
      const digest = fromBase64(b64);
      if (digest === undefined) {
        malformed = true;
        continue;
      }
      sri.push({
        algorithm: SRI_ALGORITHMS[alg] as Algorithm,
        digest,
        sri: SRI_STRENGTH[alg] as number,
        source: expr,
      });
    }
  }
  // SRI: only the strongest algorithm's digests count; one of them must match.
  const strongest = Math.max(0, ...sri.map((e) => e.sri as number));
  expected.push(...sri.filter((e) => e.sri === strongest));
  return { expected, unsupported, malformed };
}

/** Does the resource match? Multibase digests must all match; SRI needs one strongest match. */
function compare(hashes: Hashes, bytes: Uint8Array, expected: Expected[]): Expected | undefined {
  const cache = new Map<Algorithm, Uint8Array>();
  const hash = (a: Algorithm) => {
    let h = cache.get(a);
    if (h === undefined) {
      h = hashes[a](bytes);
      cache.set(a, h);
    }
    return h;
  };
  const sri = expected.filter((e) => e.sri !== undefined);
  if (sri.length > 0 && !sri.some((e) => bytesEqual(hash(e.algorithm), e.digest))) return sri[0];
  return expected.find((e) => e.sri === undefined && !bytesEqual(hash(e.algorithm), e.digest));
}

async function readBounded(
  res: Awaited<ReturnType<ResourceFetch>>,
  max: number,
): Promise<Uint8Array | undefined> {
  const length = Number(res.headers?.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > max) return undefined;
  const reader = res.body?.getReader?.();
  if (reader === undefined) {
    const buf = new Uint8Array(await res.arrayBuffer());
    return buf.length > max ? undefined : buf;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

async function fetchResource(
  url: string,
  options: CheckRelatedResourcesOptions,
): Promise<Uint8Array | string> {
  if (!url.startsWith('https://')) return 'only https resources are fetched';
  const fetch = options.fetch as ResourceFetch;
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(), options.fetchTimeoutMs ?? 10_000);
  try {
    const res = await fetch(url, {
      headers: { accept: '*/*' },
      signal: controller.signal,
      redirect: 'error',
    });
    if (!res.ok) return `GET answered HTTP ${res.status}`;
    const max = options.maxResourceBytes ?? DEFAULT_MAX_INPUT_BYTES;
    const bytes = await readBounded(res, max);
    return bytes ?? `the resource is larger than ${max} bytes (maxResourceBytes)`;
  } catch (e) {
    return `the fetch failed: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/**
 * Check the digests of a credential's `relatedResource` entries against the resources: those
 * given in `options.resources` (by URL), else, when `options.fetch` is given, fetched over
 * https (no redirects, bounded in size, count and time). A resource neither given nor fetchable
 * is reported `skip` with `related_resource_unchecked`: never passed.
 *
 * `digestSRI` follows Subresource Integrity (the strongest algorithm listed counts, one of its
 * digests must match); every `digestMultibase` must match: a multibase (`u` base64url or `z`
 * base58btc) multihash of SHA-2 or SHA-3 (256, 384, 512), or, without a multihash header, a bare
 * SHA-256 (32 bytes) or SHA-384 (48 bytes) digest. The digest is of the resource's bytes.
 *
 * @throws KeyError `ERR_CRYPTO_UNAVAILABLE` when the hash code (imported on first need) fails
 *   to load: nothing is reported then; the next call tries the import again.
 *
 * @example
 * ```ts
 * import { checkRelatedResources } from 'ob3kit/proof';
 * const results = await checkRelatedResources(credential, {
 *   resources: { 'https://example.edu/badges/1.png': pngBytes },
 * });
 * results[0]?.outcome; // 'pass' when the image is the one the credential pins
 * ```
 */
export async function checkRelatedResources(
  credential: unknown,
  options: CheckRelatedResourcesOptions = {},
): Promise<RelatedResourceCheck[]> {
  const fn = 'checkRelatedResources(credential, options)';
  if (!isObject(options as unknown)) throw new TypeError(`${fn}: options must be an object`);
  if (options.resources !== undefined && !isObject(options.resources as unknown))
    throw new TypeError(`${fn}: options.resources must be an object of URL -> bytes or text`);
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new TypeError(`${fn}: options.fetch must be a function`);
  if (!isObject(credential) || !Object.hasOwn(credential, 'relatedResource')) return [];
  const raw = credential.relatedResource;
  const list = Array.isArray(raw) ? raw : [raw];
  const maxFetches = options.maxFetches ?? 16;
  let fetchesLeft = maxFetches;
  const out: RelatedResourceCheck[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    const path = Array.isArray(raw) ? `$.relatedResource[${i}]` : '$.relatedResource';
    const id = isObject(entry) && typeof entry.id === 'string' ? entry.id : '';
    const report = (outcome: RelatedResourceCheck['outcome'], code: string, message: string) =>
      out.push({ id, path, outcome, code, message });
    if (!isObject(entry) || !isAbsoluteUrl(entry.id)) {
      report('skip', 'related_resource_malformed', 'The entry has no URL id; it is not checked');
      continue;
    }
    const { expected, unsupported, malformed } = expectedDigests(entry);
    if (malformed) {
      report(
        'skip',
        'related_resource_malformed',
        `The digests of ${id} are malformed; not checked`,
      );
      continue;
    }
    if (expected.length === 0) {
      report(
        'skip',
        'related_resource_digest_unsupported',
        `${unsupported > 0 ? 'No digest of' : 'No digest for'} ${id} is in an algorithm ob3kit computes (SHA-2, SHA-3); not checked`,
      );
      continue;
    }
    let bytes: Uint8Array | undefined;
    const given = options.resources?.[id];
    if (options.resources !== undefined && Object.hasOwn(options.resources, id)) {
      bytes =
        typeof given === 'string' ? utf8(given) : given instanceof Uint8Array ? given : undefined;
      if (bytes === undefined)
        throw new TypeError(`${fn}: options.resources["${id}"] must be a Uint8Array or a string`);
    } else if (options.fetch !== undefined) {
      if (fetchesLeft <= 0) {
        report(
          'skip',
          'related_resource_unavailable',
          `${id} was not fetched: the call reached maxFetches (${maxFetches})`,
        );
        continue;
      }
      fetchesLeft--;
      const got = await fetchResource(id, options);
      if (typeof got === 'string') {
        report(
          'skip',
          'related_resource_unavailable',
          `${id} could not be read: ${got}; not checked`,
        );
        continue;
      }
      bytes = got;
    } else {
      report(
        'skip',
        'related_resource_unchecked',
        `${id} was neither given (resources) nor fetchable (no fetch): its digest is not checked`,
      );
      continue;
    }
    const wrong = compare(await loadHashes('Checking related-resource digests'), bytes, expected);
    if (wrong !== undefined) {
      report(
        'fail',
        'related_resource_digest_mismatch',
        `The ${wrong.algorithm} digest of ${id} (${bytes.length} bytes) does not match ${wrong.source}`,
      );
    } else {
      report(
        'pass',
        'related_resource_verified',
        `${id} matches its ${[...new Set(expected.map((e) => e.algorithm))].join(', ')} digest`,
      );
    }
  }
  return out;
}
