/** Date and date-time checks and normalisation used by the builders (internal). */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d <= days;
}

/**
 * True for an RFC 3339 / ISO 8601 date-time with a time zone (`Z` or `±hh:mm`), the form the
 * model's `DateTime` and `DateTimeZ` take (and JSON Schema's `date-time` format accepts).
 */
export function isDateTimeString(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

/** True for an ISO 8601 calendar date `YYYY-MM-DD` (the model's `Date`). */
export function isDateString(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A valid `Date` as `YYYY-MM-DDTHH:mm:ssZ` (UTC, whole seconds). */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A valid `Date` as `YYYY-MM-DD` (UTC). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for a `Date` object holding a real time. */
export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
