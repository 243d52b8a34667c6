/**
 * The builders' engine, part one (internal): the types and the context of a build, and how a
 * builder reports a bad input (a `TypeError` with a stable `code` and the field's `path`).
 */
import type { Ob3ErrorCode } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';

/**
 * Stable codes carried by the `TypeError`s the builders throw (`err.code`).
 * @example
 * ```ts
 * import { createAchievement, type ModelErrorCode } from 'ob3kit/model';
 * try {
 *   createAchievement({ name: '', description: 'd', criteria: {} });
 * } catch (e) {
 *   const code = (e as { code?: ModelErrorCode }).code;
 *   console.log(code); // 'ERR_MODEL_VALUE'
 * }
 * ```
 */
export type ModelErrorCode = Extract<
  Ob3ErrorCode,
  | 'ERR_MODEL_REQUIRED'
  | 'ERR_MODEL_TYPE'
  | 'ERR_MODEL_VALUE'
  | 'ERR_MODEL_UNKNOWN_PROPERTY'
  | 'ERR_MODEL_CONFLICT'
>;

/**
 * A `TypeError` thrown by a builder, with a stable `code` and the `path` of the field.
 * @example
 * ```ts
 * import { createProfile, type ModelTypeError } from 'ob3kit/model';
 * try {
 *   createProfile({ id: 'https://example.com/p', address: { geo: { latitude: 1 } } } as never);
 * } catch (e) {
 *   const err = e as ModelTypeError;
 *   console.log(err.code, err.path); // 'ERR_MODEL_REQUIRED' 'address.geo.longitude'
 * }
 * ```
 */
export type ModelTypeError = TypeError & { code: ModelErrorCode; path: string };

/**
 * Verifiable Credentials Data Model version a credential is built for.
 * @example
 * ```ts
 * import { createEndorsementCredential, type VcVersion } from 'ob3kit/model';
 * const vc: VcVersion = '1.1';
 * const e = createEndorsementCredential(
 *   { name: 'E', issuer: { id: 'https://example.com/e' }, credentialSubject: { id: 'https://example.com/i' } },
 *   { vc },
 * );
 * console.log(e.issuanceDate !== undefined); // true
 * ```
 */
export type VcVersion = '2.0' | '1.1';

/** Where the engine is and what it is building for. */
export interface Ctx {
  /** Objects on the path being built (cycle and depth guard). */
  stack?: Set<object>;
  /** Name of the public builder, prefixed to every message. */
  fn: string;
  vc: VcVersion;
  now: () => Date;
}

/** `a`/`an` + word. */
export function article(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** Display form of a path (`credentialSubject.achievement.name`, `alignment[0].targetUrl`). */
function displayPath(path: string): string {
  return path.replace(/^\$\.?/, '');
}

/** Throw the builders' `TypeError`. */
export function fail(
  ctx: Ctx,
  code: ModelErrorCode,
  path: string,
  problem: string,
  expected: string,
  found: unknown,
  foundText?: string,
): never {
  const err = new TypeError(
    `${ctx.fn}: "${displayPath(path)}" ${problem} (expected ${expected}, found ${foundText ?? describeValue(found)})`,
  ) as ModelTypeError;
  err.code = code;
  err.path = displayPath(path);
  throw err;
}

export function requireObject(
  ctx: Ctx,
  path: string,
  value: unknown,
  what: string,
): Record<string, unknown> {
  if (isObject(value) && !(value instanceof Date)) return value;
  if (path === '$') {
    const err = new TypeError(
      `${ctx.fn}: the input must be ${what} (found ${describeValue(value)})`,
    ) as ModelTypeError;
    err.code = 'ERR_MODEL_TYPE';
    err.path = '';
    throw err;
  }
  return fail(
    ctx,
    value === undefined ? 'ERR_MODEL_REQUIRED' : 'ERR_MODEL_TYPE',
    path,
    value === undefined ? 'is required' : 'is invalid',
    what,
    value,
  );
}

/** Model class name without the VC 1.1 suffix. */
export function baseName(name: string): string {
  return name.replace(/v1p1$/, '');
}

/** Set an own data property, even for the key `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else obj[key] = value;
}

/** Resolve the `now` option. */
export function clock(now: Date | (() => Date) | undefined, fn: string): () => Date {
  if (now === undefined) return () => new Date();
  if (typeof now === 'function') return now;
  if (now instanceof Date) return () => now;
  throw new TypeError(
    `${fn}: options.now must be a Date or a function returning a Date (found ${describeValue(now)})`,
  );
}

/** Check the `options` argument is an object (or absent). */
export function optionsObject(options: unknown, fn: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (!isObject(options))
    throw new TypeError(`${fn}: options must be an object (found ${describeValue(options)})`);
  return options;
}
