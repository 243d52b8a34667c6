/**
 * Telling an Open Badges 2.0 assertion (or an older 1.x one) from an Open Badges 3.0 credential.
 * Internal, except {@link isOb2Assertion}.
 */
import { isObject, type JsonObject } from '../internal/json.js';
import { OB2_CONTEXT_URL } from './types.js';

/** URLs of the Open Badges 2.0 context (the w3id.org name and where it redirects). */
export const OB2_CONTEXTS: readonly string[] = [
  OB2_CONTEXT_URL,
  'https://openbadgespec.org/v2/context.json',
];

/** URLs of the Open Badges 1.1 context. */
const OB1_CONTEXTS: readonly string[] = [
  'https://w3id.org/openbadges/v1',
  'https://openbadgespec.org/v1/context.json',
];

/** The VC contexts: a document naming one is a Verifiable Credential, never a 2.0 assertion. */
const VC_CONTEXTS: readonly string[] = [
  'https://www.w3.org/2018/credentials/v1',
  'https://www.w3.org/ns/credentials/v2',
];

function contextList(doc: JsonObject): unknown[] {
  const ctx = doc['@context'];
  if (ctx === undefined) return [];
  return Array.isArray(ctx) ? ctx : [ctx];
}

function typeList(doc: JsonObject): unknown[] {
  const t = doc.type;
  if (t === undefined) return [];
  return Array.isArray(t) ? t : [t];
}

/**
 * Which Open Badges generation a JSON object is, when it is an Open Badges assertion before
 * 3.0: `'v2'` for 2.0 (its `@context` names the 2.0 context, or it has no VC context and its
 * `type` is `Assertion`), `'v1'` for 1.x and 0.5 (the 1.1 context, or no `@context` at all with
 * the 1.0 / 0.5 members `badge` and `recipient`), `undefined` otherwise.
 */
export function ob2Generation(value: unknown): 'v2' | 'v1' | undefined {
  if (!isObject(value)) return undefined;
  const contexts = contextList(value);
  if (contexts.some((c) => typeof c === 'string' && VC_CONTEXTS.includes(c))) return undefined;
  if (contexts.some((c) => typeof c === 'string' && OB2_CONTEXTS.includes(c))) return 'v2';
  if (contexts.some((c) => typeof c === 'string' && OB1_CONTEXTS.includes(c))) return 'v1';
  const types = typeList(value);
  if (types.includes('Assertion')) return 'v2';
  if (
    contexts.length === 0 &&
    value.badge !== undefined &&
    value.recipient !== undefined &&
    (value.verify !== undefined || value.uid !== undefined || typeof value.recipient === 'string')
  ) {
    return 'v1';
  }
  return undefined;
}

/**
 * True when `value` is an Open Badges 2.0 assertion object: its `@context` names
 * `https://w3id.org/openbadges/v2` and its `type` is `Assertion` (or absent, as in a revoked
 * assertion stripped down to `id` and `revoked`), or it names no Verifiable Credentials context
 * and its `type` is `Assertion`. `verify()` sends every Open Badges 2.0 document (and JWS, images
 * and URLs that carry one) to Open Badges 2.0 verification, where a BadgeClass or Profile given
 * in place of an assertion fails its `type` check.
 *
 * @param value Any value.
 * @returns Whether it is an Open Badges 2.0 assertion.
 * @example
 * ```ts
 * import { isOb2Assertion } from 'ob3kit/ob2';
 * isOb2Assertion({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion' }); // true
 * isOb2Assertion(openBadgeCredential); // false
 * ```
 */
export function isOb2Assertion(value: unknown): boolean {
  if (ob2Generation(value) !== 'v2') return false;
  // A revoked hosted assertion may be stripped down to its id and `revoked`.
  const types = typeList(value as JsonObject);
  return types.length === 0 || types.includes('Assertion');
}
