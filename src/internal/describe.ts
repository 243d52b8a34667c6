/**
 * How a message shows a value it found, in one wording across ob3kit (internal):
 * `expected a non-empty string, found number 42`.
 */

/** Longest text shown of a string, or of an array as JSON. */
const MAX_SHOWN = 60;

/**
 * A short description of a found value for a message: `undefined`, `null`, `an empty string`,
 * a string as JSON (shortened past 60 characters), `number 42`, `boolean true`, `an empty
 * array`, a short array as JSON (`["a"]`) or `an array of 12 items`, `a Date`, `an invalid
 * Date`, `a Uint8Array of 32 bytes`, `a function`, `a symbol`, `an object`.
 *
 * @example
 * ```ts
 * describeValue(42); // 'number 42'
 * describeValue(['VerifiableCredential']); // '["VerifiableCredential"]'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (value === '') return 'an empty string';
      return JSON.stringify(
        value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 3)}...` : value,
      );
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      break;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty array';
    let shown: string | undefined;
    try {
      shown = JSON.stringify(value);
    } catch {
      shown = undefined;
    }
    return shown !== undefined && shown.length <= MAX_SHOWN
      ? shown
      : `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (value instanceof Uint8Array) return `a Uint8Array of ${value.length} bytes`;
  return 'an object';
}
