/** `validity` check: the credential is within its validity period. */
import {
  hasEnded,
  hasNotBegun,
  isNumericDate,
  parseDateTime as parseDateTimeMs,
} from '../../internal/datetime.js';
import { describeValue } from '../../internal/describe.js';
import type { JsonObject } from '../../internal/json.js';
import type { CheckResult } from '../types.js';
import { result } from './util.js';

const ID = 'validity';

/**
 * Parse an XML Schema `dateTime` (a value without a time zone is read as UTC); an impossible
 * date or time (30 February, hour 24) is `undefined`, in every runtime. Returns `undefined` for
 * anything else.
 */
export function parseDateTime(value: unknown): Date | undefined {
  const t = parseDateTimeMs(typeof value === 'string' ? value.trim() : value);
  return t === undefined ? undefined : new Date(t);
}

/** JWT claims that bound validity (`nbf`, `exp`), in seconds since the epoch. */
export interface JwtTimeClaims {
  nbf?: unknown;
  exp?: unknown;
}

/**
 * Check `validFrom`/`validUntil` (VC 2.0) and `issuanceDate`/`expirationDate` (VC 1.1), and the
 * JWT `nbf`/`exp` claims when the credential came as a JWT: a start in the future is
 * `not_yet_valid`, an end now or in the past is `expired` (a period ends at its end), an
 * unreadable or impossible date is `date_invalid`.
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
    if (kind === 'start' && hasNotBegun(date.getTime(), now.getTime())) {
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
    if (kind === 'end' && hasEnded(date.getTime(), now.getTime())) {
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
      if (!isNumericDate(v)) {
        out.push(
          result(
            ID,
            'fail',
            'date_invalid',
            `The JWT ${claim} claim must be a NumericDate of the years 0000 to 9999, found ${describeValue(v)}`,
          ),
        );
        continue;
      }
      const ms = v * 1000;
      if (claim === 'nbf' && hasNotBegun(ms, now.getTime())) {
        out.push(
          result(
            ID,
            'fail',
            'not_yet_valid',
            `The JWT is not valid before ${new Date(ms).toISOString()} (nbf)`,
          ),
        );
      }
      if (claim === 'exp' && hasEnded(ms, now.getTime())) {
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
