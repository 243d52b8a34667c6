/**
 * The options of credential and presentation JWT verification, checked, and the clock check of
 * a payload: what presentation verification needs before it knows whether it holds a JWT.
 *
 * @internal
 */
import { isNumericDate } from '../../internal/datetime.js';
import { describeValue } from '../../internal/describe.js';
import { isObject } from '../../internal/json.js';
import type { JwsAlgorithm } from '../../keys/types.js';
import { DEFAULT_CLOCK_TOLERANCE, DEFAULT_MAX_JWT_LENGTH, pickAlgorithms } from './jws.js';
import type { JwtIssue, VerifyCredentialJwtOptions } from './types.js';

/** Validated verification options. @internal */
export interface CheckedVerifyOptions {
  now: Date;
  clockTolerance: number;
  maxLength: number;
  algorithms: readonly JwsAlgorithm[];
}

/** Check the options shared by credential and presentation JWT verification. @internal */
export function checkVerifyOptions(
  options: VerifyCredentialJwtOptions,
  fn: string,
): CheckedVerifyOptions {
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError(`${fn}: options.now must be a valid Date`);
  const clockTolerance = options.clockTolerance ?? DEFAULT_CLOCK_TOLERANCE;
  if (typeof clockTolerance !== 'number' || !(clockTolerance >= 0))
    throw new TypeError(`${fn}: options.clockTolerance must be a number of seconds >= 0`);
  const maxLength = options.maxLength ?? DEFAULT_MAX_JWT_LENGTH;
  if (typeof maxLength !== 'number' || !(maxLength > 0))
    throw new TypeError(`${fn}: options.maxLength must be a positive number`);
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new TypeError(`${fn}: options.fetch must be a function`);
  if (options.documents !== undefined && !isObject(options.documents))
    throw new TypeError(`${fn}: options.documents must be an object`);
  if (options.resolvers !== undefined && !isObject(options.resolvers))
    throw new TypeError(`${fn}: options.resolvers must be an object`);
  return { now, clockTolerance, maxLength, algorithms: pickAlgorithms(options.algorithms, fn) };
}

/**
 * `exp` and `nbf` claims that are there but are no NumericDate of the years 0000 to 9999 (a
 * string, `1e20`): `jwt_claim_invalid`. Such a claim is never compared with the clock, so a
 * token must not pass with it. @internal
 */
export function timeClaimIssues(payload: Record<string, unknown>): JwtIssue[] {
  const issues: JwtIssue[] = [];
  for (const claim of ['nbf', 'exp'] as const) {
    const value = payload[claim];
    if (value === undefined || isNumericDate(value)) continue;
    issues.push({
      code: 'jwt_claim_invalid',
      path: `payload.${claim}`,
      message: `The "${claim}" claim must be a NumericDate (seconds since 1970) of the years 0000 to 9999, found ${describeValue(value)}`,
    });
  }
  return issues;
}

/** `exp` and `nbf` against the clock (a claim that is no NumericDate is left to {@link timeClaimIssues}). Issues: `jwt_expired`, `jwt_not_yet_valid`. @internal */
export function checkTime(
  payload: Record<string, unknown>,
  now: Date,
  tolerance: number,
): JwtIssue[] {
  const issues: JwtIssue[] = [];
  const t = now.getTime() / 1000;
  const { exp, nbf } = payload;
  // Expired at `exp` itself (RFC 7519: now must be before it), as every other end.
  if (isNumericDate(exp) && t >= exp + tolerance) {
    issues.push({
      code: 'jwt_expired',
      path: 'payload.exp',
      message: `The JWT expired at ${new Date(exp * 1000).toISOString()} (now is ${now.toISOString()})`,
    });
  }
  if (isNumericDate(nbf) && t < nbf - tolerance) {
    issues.push({
      code: 'jwt_not_yet_valid',
      path: 'payload.nbf',
      message: `The JWT is not valid before ${new Date(nbf * 1000).toISOString()} (now is ${now.toISOString()})`,
    });
  }
  return issues;
}
