/** `validity` check: the credential is within its validity period. */

import { describeValue } from '../../internal/describe.js';
import type { JsonObject } from '../../internal/json.js';
import type { CheckResult } from '../types.js';
import { result } from './util.js';

const ID = 'validity';

const DATE_TIME = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * Parse an XML Schema `dateTime` (RFC 3339 profile; a value without a time zone is read as
 * UTC). Returns `undefined` for anything else.
 */
export function parseDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, , mo, d, h, mi, s] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  if (Number(h) > 24 || Number(mi) > 59 || Number(s) > 60) return undefined;
  const text = m[8] ? value.trim() : `${value.trim()}Z`;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** JWT claims that bound validity (`nbf`, `exp`), in seconds since the epoch. */
export interface JwtTimeClaims {
  nbf?: unknown;
  exp?: unknown;
}

/**
 * Check `validFrom`/`validUntil` (VC 2.0) and `issuanceDate`/`expirationDate` (VC 1.1), and the
 * JWT `nbf`/`exp` claims when the credential came as a JWT: a start in the future is
 * `not_yet_valid`, an end in the past is `expired`, an unreadable date is `date_invalid`.
 */
export function checkValidity(
  credential: JsonObject,
  now: Date,
  jwtClaims?: JwtTimeClaims,
): CheckResult[] {
  const out: CheckResult[] = [];
  let bounded = false;
  for (const [field, kind] of [
    ['validFrom', 'start'],
    ['issuanceDate', 'start'],
    ['validUntil', 'end'],
    ['expirationDate', 'end'],
  ] as const) {
    const raw = credential[field];
    if (raw === undefined || raw === null) continue;
    bounded = true;
    const date = parseDateTime(raw);
    const path = `$.${field}`;
    if (!date) {
      out.push(
        result(
          ID,
          'fail',
          'date_invalid',
          `${field} must be an XML Schema dateTime, found ${describeValue(raw)}`,
          path,
        ),
      );
      continue;
    }
    if (kind === 'start' && date.getTime() > now.getTime()) {
      out.push(
        result(
          ID,
          'fail',
          'not_yet_valid',
          `The credential is not valid before ${field} ${raw} (now ${now.toISOString()})`,
          path,
        ),
      );
    }
    if (kind === 'end' && date.getTime() < now.getTime()) {
      out.push(
        result(
          ID,
          'fail',
          'expired',
          `The credential expired at ${field} ${raw} (now ${now.toISOString()})`,
          path,
        ),
      );
    }
  }
  const validFrom = parseDateTime(credential.validFrom);
  const validUntil = parseDateTime(credential.validUntil);
  if (validFrom && validUntil && validUntil.getTime() < validFrom.getTime()) {
    out.push(
      result(ID, 'fail', 'validity_inverted', 'validUntil is before validFrom', '$.validUntil'),
    );
  }
  if (jwtClaims) {
    for (const claim of ['nbf', 'exp'] as const) {
      const v = jwtClaims[claim];
      if (v === undefined) continue;
      bounded = true;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        out.push(
          result(
            ID,
            'fail',
            'date_invalid',
            `The JWT ${claim} claim must be a NumericDate, found ${describeValue(v)}`,
          ),
        );
        continue;
      }
      const ms = v * 1000;
      if (claim === 'nbf' && ms > now.getTime()) {
        out.push(
          result(
            ID,
            'fail',
            'not_yet_valid',
            `The JWT is not valid before ${new Date(ms).toISOString()} (nbf)`,
          ),
        );
      }
      if (claim === 'exp' && ms < now.getTime()) {
        out.push(
          result(ID, 'fail', 'expired', `The JWT expired at ${new Date(ms).toISOString()} (exp)`),
        );
      }
    }
  }
  if (out.length > 0) return out;
  return [
    result(
      ID,
      'pass',
      undefined,
      bounded ? `Valid at ${now.toISOString()}` : 'The credential states no validity period',
    ),
  ];
}
