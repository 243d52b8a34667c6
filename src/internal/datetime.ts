/**
 * One reading of XML Schema `dateTime` values for every check that compares a date with the
 * clock (validity periods, JWT date claims, proof `created` / `expires`, status lists, key
 * revocation), the same in every JavaScript engine.
 *
 * `Date.parse` is not fit for this: V8 reads `2024-02-30T00:00:00Z` as 1 March and
 * `2024-01-01T24:00:00Z` as the next day, other engines refuse them, so one credential would be
 * valid in one runtime and `date_invalid` in another, and valid for a check while the JSON
 * Schema `date-time` format refuses it. Here a date must be a real day of the proleptic
 * Gregorian calendar, the hour 00 to 23, the minute 00 to 59, the second 00 to 59 (60 only for
 * a leap second, at 23:59 UTC, as the schema format allows), an offset at most 23:59.
 *
 * And one rule for ends: a period ends at its end (`validUntil`, `expirationDate`, `exp`,
 * `expires`): at that instant the credential is no longer valid ({@link hasEnded}).
 *
 * @internal
 */

const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))?$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Options of {@link parseDateTime}. */
export interface ParseDateTimeOptions {
  /** Refuse a value without a time zone (an XSD `dateTimeStamp`). Default: read it as UTC. */
  requireZone?: boolean;
}

/**
 * The instant (milliseconds since the epoch) an XML Schema `dateTime` names, or `undefined`
 * when the value is not one (not a string, not the lexical form, an impossible date or time).
 * A value without a time zone is read as UTC unless `requireZone` is set.
 *
 * @example
 * ```ts
 * parseDateTime('2024-02-29T12:00:00Z'); // 1709208000000
 * parseDateTime('2023-02-29T12:00:00Z'); // undefined (2023 is not a leap year)
 * parseDateTime('2024-01-01T24:00:00Z'); // undefined
 * ```
 */
export function parseDateTime(
  value: unknown,
  options: ParseDateTimeOptions = {},
): number | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const m = DATE_TIME.exec(value);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const zone = m[8];
  if (zone === undefined && options.requireZone) return undefined;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > days || hour > 23 || minute > 59 || second > 60) return undefined;
  let offset = 0;
  if (zone !== undefined && m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  if (second === 60) {
    // A leap second: only the last second of a UTC day.
    const utc = (((hour * 60 + minute - offset) % 1440) + 1440) % 1440;
    if (utc !== 23 * 60 + 59) return undefined;
  }
  // Milliseconds, rounded up when finer digits are not zero: against a clock in whole
  // milliseconds, `now < start` and `now >= end` then read exactly as written (truncating would
  // let a period begin up to a millisecond before its start).
  const fraction = m[7] ?? '';
  const ms =
    Number(fraction.slice(0, 3).padEnd(3, '0')) + (/[1-9]/.test(fraction.slice(3)) ? 1 : 0);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offset, second, ms);
  const t = date.getTime();
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Whether a period that ends at `end` (ms) is over at `now` (ms): at its end instant it is.
 * `validUntil`, `expirationDate`, a JWT's `exp` (RFC 7519: the time must be before it), a
 * proof's `expires` and a status list's end all follow this one rule.
 *
 * @example
 * ```ts
 * hasEnded(Date.parse('2025-01-01T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z')); // true
 * ```
 */
export function hasEnded(end: number, now: number): boolean {
  return now >= end;
}

/**
 * Whether a period that starts at `start` (ms) has not begun at `now` (ms): at its start instant
 * it has (`validFrom`, `issuanceDate`, `nbf`, a status list's start).
 *
 * @example
 * ```ts
 * hasNotBegun(Date.parse('2025-01-01T00:00:00Z'), Date.parse('2024-12-31T23:59:59Z')); // true
 * ```
 */
export function hasNotBegun(start: number, now: number): boolean {
  return now < start;
}

/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds since the epoch. */
const FIRST_NUMERIC_DATE = -62167219200;
const LAST_NUMERIC_DATE = 253402300799;

/**
 * Whether a JWT claim value is a NumericDate (RFC 7519: seconds since the epoch) that names an
 * instant of the years 0000 to 9999: one that a `Date` holds and an XML Schema `dateTime` with
 * a four-digit year writes. A number past that range names no date the credential could state
 * (`new Date(1e20 * 1000)` is an invalid date): it is refused, never compared.
 *
 * @example
 * ```ts
 * isNumericDate(1735689600); // true
 * isNumericDate(1e20); // false
 * isNumericDate('1735689600'); // false
 * ```
 */
export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && value >= FIRST_NUMERIC_DATE && value <= LAST_NUMERIC_DATE;
}
