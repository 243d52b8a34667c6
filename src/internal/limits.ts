/**
 * Shared resource limits: the documented defaults that keep hostile input from exhausting
 * memory, stack, CPU or the network, and helpers to apply them. Every value is an upper bound;
 * exceeding one is a clear failure with a code (a `LimitError` or a report entry), never a
 * crash or a hang. See docs/security.md.
 *
 * @packageDocumentation
 */
import { LimitError } from '../errors.js';
import { describeValue } from './describe.js';
import {
  DEFAULT_MAX_ARRAY_LENGTH,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_JSON_VALUES,
} from './json-limits.js';

export { DEFAULT_MAX_ARRAY_LENGTH, DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_JSON_VALUES };

/**
 * Largest input accepted (JSON text, JWT, PNG or SVG bytes), in bytes: 16 MiB.
 *
 * @example
 * ```ts
 * if (bytes.length > DEFAULT_MAX_INPUT_BYTES) throw new LimitError('ERR_LIMIT_SIZE', 'too large');
 * ```
 */
export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * How deep endorsements of endorsements are followed: 3 (0 checks none).
 *
 * @example
 * ```ts
 * const { maxEndorsementDepth } = resolveLimits({});
 * ```
 */
export const DEFAULT_MAX_ENDORSEMENT_DEPTH = 3;

/**
 * Most endorsements verified in one run, nested ones included: 100.
 *
 * @example
 * ```ts
 * const budget = { endorsements: DEFAULT_MAX_ENDORSEMENTS };
 * ```
 */
export const DEFAULT_MAX_ENDORSEMENTS = 100;

/**
 * Largest decoded (decompressed) status list, in bytes: 16 MiB, i.e. 134,217,728 entries of
 * one bit. The Bitstring Status List minimum is 16 KiB; a gzip bomb past this bound fails.
 *
 * @example
 * ```ts
 * gunzipBounded(encoded, DEFAULT_MAX_STATUS_LIST_BYTES);
 * ```
 */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/**
 * Largest decompressed text taken out of an image (a compressed PNG `iTXt` chunk), in bytes:
 * 16 MiB, the same as the largest input.
 *
 * @example
 * ```ts
 * const { maxDecompressedBytes } = resolveLimits({});
 * ```
 */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

/**
 * Largest compact JWT accepted, in characters: 1 MiB.
 *
 * @example
 * ```ts
 * if (jwt.length > DEFAULT_MAX_JWT_BYTES) return fail('jwt_too_large');
 * ```
 */
export const DEFAULT_MAX_JWT_BYTES = 1024 * 1024;

/**
 * Most RDF quads a document may produce before canonicalization: 100,000.
 *
 * @example
 * ```ts
 * await canonize(doc, { maxQuads: DEFAULT_MAX_QUADS });
 * ```
 */
export const DEFAULT_MAX_QUADS = 100_000;

/**
 * Bound on RDFC-1.0 work (rdf-canonize `maxWorkFactor`): 1, linear in the number of
 * indistinguishable blank nodes. Poison graphs fail with `ERR_CANONIZE_LIMIT`.
 *
 * @example
 * ```ts
 * await canonize(doc, { maxWorkFactor: DEFAULT_MAX_WORK_FACTOR });
 * ```
 */
export const DEFAULT_MAX_WORK_FACTOR = 1;

/**
 * Bound on the total work of one RDFC-1.0 canonicalization, in units: a blank node's quad
 * hashed, an identifier copied when a hash path branches, a node of a permutation, 64
 * characters of hash path built or compared. Time and memory grow with the units spent, so
 * this bounds both; a typical badge spends a few dozen, the largest documents within the other
 * limits a few hundred thousand. Chains, cycles, cliques and other symmetric graphs of
 * indistinguishable blank nodes fail with `ERR_CANONIZE_LIMIT` instead.
 *
 * @example
 * ```ts
 * await canonize(doc, { maxCanonizeWork: DEFAULT_MAX_CANONIZE_WORK });
 * ```
 */
export const DEFAULT_MAX_CANONIZE_WORK = 4_000_000;

/**
 * Most network requests one verification may make, when the caller allows the network: 64
 * (DID documents, key documents, status lists, schemas, refresh), nested verifications included.
 *
 * @example
 * ```ts
 * const { maxFetches } = resolveLimits({}); // 64
 * ```
 */
export const DEFAULT_MAX_FETCHES = 64;

/**
 * Time allowed for one network request, body included, in milliseconds: 10 s. The request is
 * aborted after it.
 *
 * @example
 * ```ts
 * const { fetchTimeoutMs } = resolveLimits({}); // 10000
 * ```
 */
export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;

/**
 * Most bytes read from the network in one verification, all documents together: 16 MiB.
 *
 * @example
 * ```ts
 * const { maxFetchBytes } = resolveLimits({}); // 16 MiB
 * ```
 */
export const DEFAULT_MAX_FETCH_BYTES = 16 * 1024 * 1024;

/**
 * Largest single fetched document (its body as received, after any transfer decompression):
 * 4 MiB. A status list of ten million entries is well under it.
 *
 * @example
 * ```ts
 * const { maxDocumentBytes } = resolveLimits({}); // 4 MiB
 * ```
 */
export const DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/**
 * Most decoded status list bytes in one verification, all lists together: 64 MiB (each list is
 * also bounded by {@link DEFAULT_MAX_STATUS_LIST_BYTES}).
 *
 * @example
 * ```ts
 * const { maxStatusListTotalBytes } = resolveLimits({}); // 64 MiB
 * ```
 */
export const DEFAULT_MAX_STATUS_LIST_TOTAL_BYTES = 64 * 1024 * 1024;

/**
 * The largest legitimate size, in bytes, of each binary value ob3kit decodes from text. Each
 * decoder is given its bound and refuses a longer text before decoding anything (compare the
 * text's length with `maxEncodedLength(encoding, bytes)` from `internal/bytes.ts`); the exact
 * size is checked after decoding, as before. These are facts of the formats, not settings.
 *
 * @example
 * ```ts
 * const bytes = fromBase64Url(jwk.x, MAX_DECODED_BYTES.jwkEcMember);
 * ```
 */
export const MAX_DECODED_BYTES = Object.freeze({
  /**
   * A Multikey or did:key value: a 2-byte multicodec header and the largest key, a P-384
   * public point written uncompressed (97 bytes; Ed25519 is 32, a 64-byte Ed25519 secret with
   * its public key appended is the largest secret).
   */
  multikey: 2 + 97,
  /** An Ed25519VerificationKey2018 `publicKeyBase58` (32 bytes) or `privateKeyBase58` (64). */
  base58Key: 64,
  /**
   * A JWK member of an OKP or EC key (`x`, `y`, `d`): 64 bytes (an Ed25519 `d` some libraries
   * write with the public key appended; coordinates: 48 bytes for P-384, 32 for P-256).
   */
  jwkEcMember: 64,
  /**
   * A JWK member of an RSA key (`n`, `d`, `p`, `q`, `dp`, `dq`, `qi`): an 8,192-bit modulus,
   * and the leading zero byte some libraries write.
   */
  jwkRsaMember: 1025,
  /** An RSA public exponent (`e`). */
  jwkRsaExponent: 8,
  /** A Data Integrity `proofValue` signature: 96 bytes (P-384; Ed25519 and P-256: 64). */
  proofValue: 96,
  /** A JWS signature: 1,024 bytes (RS256 with an 8,192-bit key; EdDSA and ES256: 64). */
  jwsSignature: 1024,
  /**
   * A JWS protected header, as JSON: 8 KiB (`alg`, `typ`, a `kid` that may be a did:jwk URL,
   * a public `jwk` of up to an 8,192-bit RSA key).
   */
  jwsHeader: 8 * 1024,
  /** The JWK inside a did:jwk, as JSON: 2 KiB (an 8,192-bit RSA public key takes 1.4 KiB). */
  didJwk: 2 * 1024,
  /** A hashed identity (`sha256$...`, `md5$...`): 32 bytes. */
  identityHash: 32,
});

/**
 * Every limit, by name. All are non-negative integers.
 *
 * @example
 * ```ts
 * const limits: Limits = resolveLimits({ maxInputBytes: 1024 * 1024 });
 * ```
 */
export interface Limits {
  /** Largest input, in bytes (default {@link DEFAULT_MAX_INPUT_BYTES}). */
  maxInputBytes: number;
  /** Deepest JSON nesting (default {@link DEFAULT_MAX_JSON_DEPTH}). */
  maxJsonDepth: number;
  /** Deepest endorsement chain followed (default {@link DEFAULT_MAX_ENDORSEMENT_DEPTH}). */
  maxEndorsementDepth: number;
  /** Most endorsements verified in a run (default {@link DEFAULT_MAX_ENDORSEMENTS}). */
  maxEndorsements: number;
  /** Most JSON values in a document (default {@link DEFAULT_MAX_JSON_VALUES}). */
  maxJsonValues: number;
  /** Longest JSON array (default {@link DEFAULT_MAX_ARRAY_LENGTH}). */
  maxArrayLength: number;
  /** Largest decoded status list, in bytes (default {@link DEFAULT_MAX_STATUS_LIST_BYTES}). */
  maxStatusListBytes: number;
  /** Largest decompressed image text, in bytes (default {@link DEFAULT_MAX_DECOMPRESSED_BYTES}). */
  maxDecompressedBytes: number;
  /** Largest compact JWT, in characters (default {@link DEFAULT_MAX_JWT_BYTES}). */
  maxJwtBytes: number;
  /** Most RDF quads a document may produce (default {@link DEFAULT_MAX_QUADS}). */
  maxQuads: number;
  /** RDFC-1.0 N-degree step bound (default {@link DEFAULT_MAX_WORK_FACTOR}). */
  maxWorkFactor: number;
  /** RDFC-1.0 total work bound, in units (default {@link DEFAULT_MAX_CANONIZE_WORK}). */
  maxCanonizeWork: number;
  /** Most network requests in one run (default {@link DEFAULT_MAX_FETCHES}). */
  maxFetches: number;
  /** Time allowed for one request, in ms (default {@link DEFAULT_FETCH_TIMEOUT_MS}). */
  fetchTimeoutMs: number;
  /** Most bytes fetched in one run (default {@link DEFAULT_MAX_FETCH_BYTES}). */
  maxFetchBytes: number;
  /** Largest fetched document, in bytes (default {@link DEFAULT_MAX_DOCUMENT_BYTES}). */
  maxDocumentBytes: number;
  /** Most decoded status list bytes in one run (default {@link DEFAULT_MAX_STATUS_LIST_TOTAL_BYTES}). */
  maxStatusListTotalBytes: number;
}

/**
 * The default limits, frozen.
 *
 * @example
 * ```ts
 * console.log(DEFAULT_LIMITS.maxJsonDepth); // 64
 * ```
 */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
  maxJsonDepth: DEFAULT_MAX_JSON_DEPTH,
  maxEndorsementDepth: DEFAULT_MAX_ENDORSEMENT_DEPTH,
  maxEndorsements: DEFAULT_MAX_ENDORSEMENTS,
  maxJsonValues: DEFAULT_MAX_JSON_VALUES,
  maxArrayLength: DEFAULT_MAX_ARRAY_LENGTH,
  maxStatusListBytes: DEFAULT_MAX_STATUS_LIST_BYTES,
  maxDecompressedBytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
  maxJwtBytes: DEFAULT_MAX_JWT_BYTES,
  maxQuads: DEFAULT_MAX_QUADS,
  maxWorkFactor: DEFAULT_MAX_WORK_FACTOR,
  maxCanonizeWork: DEFAULT_MAX_CANONIZE_WORK,
  maxFetches: DEFAULT_MAX_FETCHES,
  fetchTimeoutMs: DEFAULT_FETCH_TIMEOUT_MS,
  maxFetchBytes: DEFAULT_MAX_FETCH_BYTES,
  maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
  maxStatusListTotalBytes: DEFAULT_MAX_STATUS_LIST_TOTAL_BYTES,
});

/**
 * Fill in the defaults for the limits a caller did not set, and check the ones it did.
 * `undefined` values take the default. Throws `TypeError` (API misuse) for an unknown limit
 * name or a value that is not a non-negative integer (`Infinity` is refused: every limit is
 * finite on purpose).
 *
 * @param partial - the caller's limits (any subset); `undefined` means all defaults.
 * @param fn - the public function name, for error messages.
 * @returns a new frozen object with every limit.
 * @example
 * ```ts
 * const limits = resolveLimits({ maxInputBytes: 1_000_000 });
 * limits.maxInputBytes; // 1000000
 * limits.maxJsonDepth; // 64 (default)
 * ```
 */
export function resolveLimits(partial?: Partial<Limits>, fn = 'limits'): Readonly<Limits> {
  if (partial === undefined || partial === null) return DEFAULT_LIMITS;
  if (typeof partial !== 'object' || Array.isArray(partial)) {
    throw new TypeError(`${fn}: limits must be an object`);
  }
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(partial)) {
    if (!Object.hasOwn(DEFAULT_LIMITS, name)) {
      throw new TypeError(
        `${fn}: unknown limit "${name}" (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new TypeError(
        `${fn}: limit ${name} must be a non-negative integer, found ${describeValue(value)}`,
      );
    }
    out[name as keyof Limits] = value;
  }
  return Object.freeze(out);
}

/**
 * Measure JSON nesting depth without recursion (hostile nesting cannot overflow the stack),
 * stopping as soon as `max` is exceeded. Shared sub-objects are visited once, so a
 * hand-built object graph with heavy sharing (or a cycle) cannot make it run long.
 *
 * @returns the depth found, or `max + 1` as soon as it is exceeded.
 * @example
 * ```ts
 * jsonDepth({ a: [1, { b: 2 }] }, 64); // 3
 * ```
 */
export function jsonDepth(value: unknown, max: number): number {
  let deepest = 0;
  const seen = new Map<object, number>();
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const before = seen.get(v);
    if (before !== undefined && before >= d) continue;
    seen.set(v, d);
    if (d > deepest) deepest = d;
    if (deepest > max) return max + 1;
    for (const child of Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return deepest;
}

/**
 * What {@link measureJson} found. `exceeded` names the first limit passed (the walk stops
 * there, so the counts are then partial).
 *
 * @example
 * ```ts
 * const shape: JsonShape = measureJson(doc, DEFAULT_LIMITS);
 * if (shape.exceeded) console.log(`too big: ${shape.exceeded}`);
 * ```
 */
export interface JsonShape {
  /** Deepest nesting seen (the root object or array is 1; a scalar root is 0). */
  depth: number;
  /** JSON values seen, counted as if serialized. */
  values: number;
  /** Longest array seen. */
  longestArray: number;
  /** The first limit exceeded, if any. */
  exceeded?: 'maxJsonDepth' | 'maxJsonValues' | 'maxArrayLength';
  /** Path of the first own `__proto__` key (JSON.parse makes it an own property), if any. */
  protoKeyPath?: string;
}

/**
 * Measure a JSON value without recursion, stopping at the first limit passed: depth, number of
 * values (a shared sub-object counts each time it is reached, as JSON-LD processing would visit
 * it, so a small object graph with heavy sharing cannot pass as small), longest array, and the
 * path of any own `__proto__` key (which jsonld.js silently drops, even in safe mode).
 * Work is bounded by `maxJsonValues`.
 *
 * @example
 * ```ts
 * const shape = measureJson(JSON.parse(text), resolveLimits(options.limits));
 * if (shape.exceeded) throw new LimitError('ERR_LIMIT_SIZE', `too large (${shape.exceeded})`);
 * ```
 */
export function measureJson(
  value: unknown,
  limits: Pick<Limits, 'maxJsonDepth' | 'maxJsonValues' | 'maxArrayLength'> = DEFAULT_LIMITS,
): JsonShape {
  const shape: JsonShape = { depth: 0, values: 0, longestArray: 0 };
  const stack: Array<[unknown, number, string]> = [[value, 1, '$']];
  while (stack.length > 0) {
    const [v, d, path] = stack.pop() as [unknown, number, string];
    shape.values++;
    if (shape.values > limits.maxJsonValues) {
      shape.exceeded = 'maxJsonValues';
      return shape;
    }
    if (v === null || typeof v !== 'object') continue;
    if (d > shape.depth) shape.depth = d;
    if (d > limits.maxJsonDepth) {
      shape.exceeded = 'maxJsonDepth';
      return shape;
    }
    if (Array.isArray(v)) {
      if (v.length > shape.longestArray) shape.longestArray = v.length;
      if (v.length > limits.maxArrayLength) {
        shape.exceeded = 'maxArrayLength';
        return shape;
      }
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], d + 1, `${path}[${i}]`]);
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        if (k === '__proto__' && shape.protoKeyPath === undefined) {
          shape.protoKeyPath = `${path}["__proto__"]`;
        }
        stack.push([(v as Record<string, unknown>)[k], d + 1, `${path}.${k}`]);
      }
    }
  }
  return shape;
}

/**
 * Throw `LimitError` `ERR_LIMIT_DEPTH` when `value` nests deeper than `max`.
 *
 * @example
 * ```ts
 * assertJsonDepth(JSON.parse(text), resolveLimits(options.limits).maxJsonDepth);
 * ```
 */
export function assertJsonDepth(value: unknown, max: number, what = 'The document'): void {
  if (jsonDepth(value, max) > max) {
    throw new LimitError('ERR_LIMIT_DEPTH', `${what} nests deeper than ${max} levels`, {
      limit: 'maxJsonDepth',
      max,
    });
  }
}

/**
 * Throw `LimitError` `ERR_LIMIT_SIZE` when `size` (bytes or characters) exceeds `max`.
 *
 * @example
 * ```ts
 * assertSize(bytes.byteLength, limits.maxInputBytes, 'maxInputBytes', 'The image');
 * ```
 */
export function assertSize(size: number, max: number, limit: keyof Limits, what: string): void {
  if (size > max) {
    throw new LimitError(
      'ERR_LIMIT_SIZE',
      `${what} is ${size} bytes, more than the limit of ${max} (limits.${limit})`,
      { limit, max, found: size },
    );
  }
}
