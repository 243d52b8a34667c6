/** JSON helpers shared across capabilities. */

/** A plain JSON object (not an array, not null). */
export type JsonObject = { [key: string]: unknown };

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Wrap a single value in an array; `undefined` becomes `[]`. */
export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Append a property or index to a JSONPath-like location rooted at `$`
 * (`$.credentialSubject.achievement`, `$.type[1]`, `$['odd key']`).
 */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$@][A-Za-z0-9_$@]*$/.test(key)
    ? `${base}.${key}`
    : `${base}[${JSON.stringify(key)}]`;
}

/** Deep clone of JSON-compatible data (structuredClone when present). */
export function cloneJson<T>(value: T): T {
  return typeof structuredClone === 'function'
    ? structuredClone(value)
    : (JSON.parse(JSON.stringify(value)) as T);
}
