/**
 * The builders' engine, part two (internal): the rules for scalar, enumeration and derived model
 * types (strings, URIs, dates, numbers, language codes, enumerations and patterns).
 */

import {
  formatDate,
  formatDateTime,
  isDateString,
  isDateTimeString,
  isValidDate,
} from './dates.js';
import { type Ctx, fail } from './engine-context.js';
import { MODEL } from './types.generated.js';

const URI_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\S/;
const LANGUAGE_RE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;
const EXT_RE = /^ext:\S+$/;

export const STRING_TYPES = new Set([
  'String',
  'NormalizedString',
  'ASCIIString',
  'Language',
  'Namespace',
  'Identifier',
  'CountryCode',
  'UUID',
  'BaseTerm',
  'Term',
  'Markdown',
  'IdentityHash',
  'EmailAddress',
  'PhoneNumber',
  'IRI',
]);
export const URI_TYPES = new Set(['URI', 'URL']);
const NUMBER_TYPES = new Set(['Float', 'NumericDate']);
const INTEGER_TYPES = new Set(['Integer', 'PositiveInteger', 'NonNegativeInteger']);

function checkString(ctx: Ctx, path: string, value: unknown, required: boolean): string {
  const expected = required ? 'a non-empty string' : 'a string';
  if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
  if (required && value === '') fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expected, value);
  return value;
}

export function checkDate(ctx: Ctx, path: string, value: unknown, dateOnly: boolean): string {
  const expected = dateOnly
    ? 'a Date or an ISO 8601 date string (YYYY-MM-DD)'
    : 'a Date or an ISO 8601 date-time string with a time zone (YYYY-MM-DDTHH:mm:ssZ)';
  if (value instanceof Date) {
    if (!isValidDate(value)) fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expected, value);
    const year = value.getUTCFullYear();
    if (year < 0 || year > 9999)
      fail(
        ctx,
        'ERR_MODEL_VALUE',
        path,
        'is invalid',
        `${expected} with a year from 0000 to 9999`,
        value,
        `year ${year}`,
      );
    return dateOnly ? formatDate(value) : formatDateTime(value);
  }
  if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
  if (!(dateOnly ? isDateString(value) : isDateTimeString(value)))
    fail(ctx, 'ERR_MODEL_VALUE', path, 'is not a valid date', expected, value);
  return value;
}

/** Check (and for dates convert) one value of a scalar, enumeration or derived model type. */
export function scalar(
  ctx: Ctx,
  path: string,
  type: string,
  value: unknown,
  required: boolean,
): unknown {
  if (STRING_TYPES.has(type)) return checkString(ctx, path, value, required);
  if (URI_TYPES.has(type)) {
    const expected = `an absolute ${type} string`;
    if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
    if (!URI_RE.test(value))
      fail(ctx, 'ERR_MODEL_VALUE', path, 'is not a valid URI', expected, value);
    return value;
  }
  if (type === 'DateTime' || type === 'DateTimeZ') return checkDate(ctx, path, value, false);
  if (type === 'Date') return checkDate(ctx, path, value, true);
  if (NUMBER_TYPES.has(type)) {
    if (typeof value !== 'number' || !Number.isFinite(value))
      fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', 'a finite number', value);
    return value;
  }
  if (INTEGER_TYPES.has(type)) {
    if (typeof value !== 'number' || !Number.isInteger(value))
      fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', 'an integer', value);
    if ((type === 'PositiveInteger' && value < 1) || (type === 'NonNegativeInteger' && value < 0))
      fail(
        ctx,
        'ERR_MODEL_VALUE',
        path,
        'is invalid',
        `a ${type === 'PositiveInteger' ? 'positive' : 'non-negative'} integer`,
        value,
      );
    return value;
  }
  if (type === 'Boolean') {
    if (typeof value !== 'boolean')
      fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', 'a boolean', value);
    return value;
  }
  if (type === 'LanguageCode') {
    const expected = 'a BCP 47 language code such as "en" or "en-US"';
    if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
    if (!LANGUAGE_RE.test(value)) fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expected, value);
    return value;
  }
  const cls = MODEL[type];
  if (cls?.kind === 'enum' || cls?.kind === 'enumext') {
    const values = cls.values ?? [];
    const ext = cls.kind === 'enumext';
    const expected = `one of the ${type} terms${ext ? ' or an "ext:" term' : ''}`;
    if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
    if (!values.includes(value) && !(ext && EXT_RE.test(value)))
      fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expected, value);
    return value;
  }
  if (cls?.kind === 'derived') {
    const pattern = cls.props?.pattern?.pattern;
    const expected = pattern ? `a ${type} string` : 'a string';
    if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
    if (pattern && !new RegExp(pattern).test(value))
      fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', `${expected} matching ${pattern}`, value);
    return value;
  }
  throw new Error(`ob3kit internal error: no rule for model type ${type}`);
}
