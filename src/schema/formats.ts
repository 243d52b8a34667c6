/**
 * The two JSON Schema formats the bundled schemas use, `date` and `date-time` (RFC 3339 section
 * 5.6), for the precompiled validators. They accept exactly what ajv-formats' `fullFormats`
 * accept (a property test holds them to it), without loading that CommonJS module, which costs
 * a Node process several milliseconds at start-up and a browser bundle 10 KB.
 *
 * @internal
 */

/** A format as the precompiled validators call it (`formats.validate(value)`). */
interface Format {
  validate(value: string): boolean;
}

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** RFC 3339 `full-date`: a real day of the proleptic Gregorian calendar. */
function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month] as number));
}

/**
 * RFC 3339 `full-time` with its offset required; second 60 only at 23:59 UTC (a leap second,
 * once the offset is taken away).
 */
function isTime(value: string): boolean {
  const m = TIME.exec(value);
  if (!m || m[4] === undefined) return false;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3]);
  const sign = m[5] === '-' ? -1 : 1;
  const offsetHour = Number(m[6] ?? 0);
  const offsetMinute = Number(m[7] ?? 0);
  if (offsetHour > 23 || offsetMinute > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  const utcMinute = minute - offsetMinute * sign;
  const utcHour = hour - offsetHour * sign - (utcMinute < 0 ? 1 : 0);
  return (
    (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61
  );
}

/** RFC 3339 `date-time`: a date and a time separated by `T`, `t` or one white-space character. */
function isDateTime(value: string): boolean {
  const parts = value.split(/t|\s/i);
  return parts.length === 2 && isDate(parts[0] as string) && isTime(parts[1] as string);
}

/** The formats the generated validators import, under ajv-formats' names. @internal */
export const fullFormats: Readonly<{ date: Format; 'date-time': Format }> = Object.freeze({
  date: Object.freeze({ validate: isDate }),
  'date-time': Object.freeze({ validate: isDateTime }),
});
