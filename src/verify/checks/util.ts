/** Small helpers shared by the checks (internal). */
import { isObject, type JsonObject } from '../../internal/json.js';
import type { CheckOutcome, CheckResult } from '../types.js';

/** The string values of a JSON-LD `type` (string or array); anything else gives `[]`. */
export function typesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** True when `node` is an object whose `type` includes `expected`. */
export function hasType(node: unknown, expected: string): boolean {
  return isObject(node) && typesOf(node.type).includes(expected);
}

/** The values of a property that may hold one value or an array. */
export function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Build one check result (drops undefined fields). */
export function result(
  id: string,
  outcome: CheckOutcome,
  code?: string,
  message?: string,
  path?: string,
): CheckResult {
  const r: CheckResult = { id, outcome };
  if (code !== undefined) r.code = code;
  if (message !== undefined) r.message = message;
  if (path !== undefined) r.path = path;
  return r;
}

/** The issuer's id, whether the issuer is a URL string or a Profile object. */
export function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (isObject(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}
