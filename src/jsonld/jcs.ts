/**
 * The JSON Canonicalization Scheme (JCS, RFC 8785): the canonical text of a JSON value, as the
 * `eddsa-jcs-2022` and `ecdsa-jcs-2019` Data Integrity cryptosuites sign it. Object members
 * sorted by their names' UTF-16 code units, no white space, strings and numbers serialized as
 * ECMAScript's `JSON.stringify` does (RFC 8785 section 3.2.2 defines them that way).
 *
 * Bounded like every other canonicalization here: nesting depth, number of values and output
 * length are checked, and anything that is not I-JSON (RFC 7493) is refused instead of being
 * silently changed: lone UTF-16 surrogates, non-finite numbers, `undefined`, functions, class
 * instances.
 */
import { JsonLdError, LimitError } from '../errors.js';
import { DEFAULT_LIMITS, DEFAULT_MAX_INPUT_BYTES, measureJson } from '../internal/limits.js';

/**
 * Deepest nesting {@link canonicalizeJcs} accepts by default: 1,000 levels (the same bound as
 * RDFC-1.0 canonicalization here).
 *
 * @example
 * ```ts
 * import { canonicalizeJcs, DEFAULT_JCS_MAX_DEPTH } from 'ob3kit/jsonld';
 * canonicalizeJcs(value, { maxDepth: DEFAULT_JCS_MAX_DEPTH });
 * ```
 */
export const DEFAULT_JCS_MAX_DEPTH = 1000;

/**
 * Options of {@link canonicalizeJcs}.
 *
 * @example
 * ```ts
 * import { canonicalizeJcs } from 'ob3kit/jsonld';
 * canonicalizeJcs({ b: 1, a: [true, null] }, { maxLength: 1024 }); // '{"a":[true,null],"b":1}'
 * ```
 */
export interface JcsOptions {
  /** Deepest nesting (the root object or array is 1). Default {@link DEFAULT_JCS_MAX_DEPTH}. */
  maxDepth?: number;
  /** Most JSON values (objects, arrays and scalars). Default 100,000. */
  maxValues?: number;
  /** Longest canonical text, in UTF-16 code units. Default 16 MiB. */
  maxLength?: number;
}

/**
 * The RFC 8785 canonical text of a JSON value.
 *
 * Throws `JsonLdError` `ERR_JSONLD_INVALID_STRING` for a string or member name holding an unpaired
 * UTF-16 surrogate (it has no UTF-8 form: hashing would change it), `ERR_JCS_INVALID_VALUE` for a
 * value JSON cannot hold (`NaN`, `Infinity`, `undefined`, a function, a bigint, a `Date` or other
 * class instance, a sparse array), and `LimitError` `ERR_CANONIZE_LIMIT` past a bound.
 *
 * @example
 * ```ts
 * import { canonicalizeJcs } from 'ob3kit/jsonld';
 * canonicalizeJcs({ numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000001] });
 * // '{"numbers":[333333333.3333333,1e+30,4.5,0.002,0.000001]}'
 * ```
 */
export function canonicalizeJcs(value: unknown, options: JcsOptions = {}): string {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('canonicalizeJcs(value, options): options must be an object');
  }
  const maxDepth = limit(options.maxDepth, DEFAULT_JCS_MAX_DEPTH, 'maxDepth');
  const maxValues = limit(options.maxValues, DEFAULT_LIMITS.maxJsonValues, 'maxValues');
  const maxLength = limit(options.maxLength, DEFAULT_MAX_INPUT_BYTES, 'maxLength');
  // Bound before work: depth (the serializer below recurses) and number of values.
  const shape = measureJson(value, {
    maxJsonDepth: maxDepth,
    maxJsonValues: maxValues,
    maxArrayLength: Number.MAX_SAFE_INTEGER,
  });
  if (shape.exceeded !== undefined) {
    throw new LimitError(
      'ERR_CANONIZE_LIMIT',
      `JCS: the value is too large to canonicalize (it exceeds ${shape.exceeded === 'maxJsonDepth' ? `${maxDepth} levels` : `${maxValues} values`})`,
      { limit: shape.exceeded === 'maxJsonDepth' ? 'maxDepth' : 'maxValues' },
    );
  }
  const out = new Writer(maxLength);
  write(value, '$', out);
  return out.text();
}

function limit(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`canonicalizeJcs: options.${name} must be a non-negative integer`);
  }
  return value;
}

/** Collects the output and fails as soon as it grows past its bound. */
class Writer {
  readonly #parts: string[] = [];
  #length = 0;
  constructor(readonly max: number) {}
  push(s: string): void {
    this.#length += s.length;
    if (this.#length > this.max) {
      throw new LimitError(
        'ERR_CANONIZE_LIMIT',
        `JCS: the canonical text is longer than ${this.max} characters`,
        { limit: 'maxLength', max: this.max },
      );
    }
    this.#parts.push(s);
  }
  text(): string {
    return this.#parts.join('');
  }
}

function write(value: unknown, path: string, out: Writer): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) invalid(path, `the number ${String(value)} has no JSON form`);
      // ECMAScript Number-to-String is exactly RFC 8785 section 3.2.2.3 (and -0 becomes "0").
      out.push(JSON.stringify(value));
      return;
    case 'string':
      out.push(quote(value, path));
      return;
    case 'object':
      break;
    default:
      invalid(path, `a ${typeof value} is not a JSON value`);
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (!Object.hasOwn(value, i)) invalid(`${path}[${i}]`, 'a sparse array hole is not JSON');
      if (i > 0) out.push(',');
      write(value[i], `${path}[${i}]`, out);
    }
    out.push(']');
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    invalid(path, 'only plain objects are JSON objects (found a class instance)');
  }
  // Sort by UTF-16 code units (RFC 8785 section 3.2.3): the default string comparison.
  const keys = Object.keys(value as object).sort();
  out.push('{');
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const at = `${path}[${JSON.stringify(key)}]`;
    if (i > 0) out.push(',');
    out.push(quote(key, at));
    out.push(':');
    write((value as Record<string, unknown>)[key], at, out);
  }
  out.push('}');
}

/** A JSON string literal (ECMAScript escaping, RFC 8785 section 3.2.2.2); lone surrogates refused. */
function quote(text: string, path: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    throw new JsonLdError(
      'ERR_JSONLD_INVALID_STRING',
      `JCS: ${path} holds an unpaired UTF-16 surrogate (\\u${c.toString(16)}): it is not Unicode text and cannot be signed or verified`,
      { path },
    );
  }
  return JSON.stringify(text);
}

function invalid(path: string, why: string): never {
  throw new JsonLdError('ERR_JCS_INVALID_VALUE', `JCS: ${path}: ${why}`, { path });
}
