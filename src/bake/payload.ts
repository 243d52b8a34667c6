/** The text that goes into an image, and what a baked text turns out to be. Internal. */
import { BakeError } from '../errors.js';
import { base64UrlText, utf8 } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import {
  describeJsonTextProblem,
  type JsonTextLimits,
  jsonTextReportCode,
  parseJsonText,
} from '../internal/json-scan.js';
import type { ResolvedLimits } from './types.js';

/** A compact JWS/JWT: three base64url parts (the signature may be empty; verification decides). */
export const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The credential text to bake and whether it is a JWT. */
export interface BakePayload {
  kind: 'json' | 'jwt';
  text: string;
  bytes: Uint8Array;
}

/**
 * Turn `bakeBadge`'s credential argument into the text to bake.
 *
 * An object is serialized with `JSON.stringify` (compact); U+FFFE and U+FFFF, which XML forbids
 * and `JSON.stringify` leaves as they are, are written as `\ufffe` / `\uffff` escapes (the same
 * JSON value). A string is baked exactly as given: a compact JWT, or the JSON text of an object.
 */
export function toBakePayload(
  credential: unknown,
  limits: ResolvedLimits,
  fn: string,
): BakePayload {
  let kind: 'json' | 'jwt';
  let text: string;
  if (typeof credential === 'string') {
    const t = credential.trim();
    if (COMPACT_JWT.test(t)) {
      const payload = jwtPayloadOf(t);
      if (payload !== undefined) refusePresentation(payload, fn);
      kind = 'jwt';
      text = t;
    } else if (t.startsWith('{')) {
      const parsed = parseJsonText(t);
      if (!parsed.ok) {
        throw new BakeError(
          'ERR_BAKE_PAYLOAD',
          `${fn}: the credential text ${describeJsonTextProblem(parsed.problem)}`,
          { reason: jsonTextReportCode(parsed.problem) },
        );
      }
      if (!isObject(parsed.value)) {
        throw new BakeError('ERR_BAKE_PAYLOAD', `${fn}: the credential JSON must be an object`);
      }
      refusePresentation(parsed.value, fn);
      kind = 'json';
      text = credential;
    } else {
      throw new BakeError(
        'ERR_BAKE_PAYLOAD',
        `${fn}: expected the credential as an object, its JSON text or a compact JWT; got a string starting with ${JSON.stringify(t.slice(0, 20))}`,
      );
    }
  } else if (isObject(credential)) {
    let json: string | undefined;
    try {
      json = JSON.stringify(credential);
    } catch (e) {
      throw new TypeError(
        `${fn}: the credential object cannot be serialized as JSON: ${(e as Error).message}`,
      );
    }
    refusePresentation(credential, fn);
    kind = 'json';
    text = json.replace(/[\ufffe\uffff]/g, (c) => (c === '\ufffe' ? '\\ufffe' : '\\uffff'));
  } else {
    throw new TypeError(
      `${fn}: credential must be a credential object, its JSON text or a compact JWT string; got ${describeValue(credential)}`,
    );
  }
  const bytes = utf8(text);
  if (bytes.length > limits.maxCredentialBytes) {
    throw new BakeError(
      'ERR_BAKE_TOO_LARGE',
      `${fn}: the credential is ${bytes.length} bytes, more than maxCredentialBytes (${limits.maxCredentialBytes})`,
      { size: bytes.length, limit: limits.maxCredentialBytes },
    );
  }
  return { kind, text, bytes };
}

/** What an Open Badges 3.0 baked text holds. */
export type Ob3Payload = { kind: 'json'; credential: JsonObject } | { kind: 'jwt'; jwt: string };

/**
 * True when a JSON object is (or a JWT payload carries) a verifiable presentation. An image
 * carries one credential; a presentation holds any number, under its holder's proof.
 */
export function isPresentationPayload(doc: JsonObject): boolean {
  if (doc.vp !== undefined) return true;
  const inner = isObject(doc.vc) ? doc.vc : doc;
  const t = inner.type;
  return (
    t === 'VerifiablePresentation' || (Array.isArray(t) && t.includes('VerifiablePresentation'))
  );
}

/** Refuse to bake a presentation (`ERR_BAKE_PAYLOAD`): an image carries one credential. */
function refusePresentation(doc: JsonObject, fn: string): void {
  if (isPresentationPayload(doc)) {
    throw new BakeError(
      'ERR_BAKE_PAYLOAD',
      `${fn}: the payload is a verifiable presentation; an image carries one credential (bake each credential on its own)`,
    );
  }
}

/** The payload of a compact JWT as a JSON object, bounded and read without verifying it. */
function jwtPayloadOf(jwt: string, limits?: Partial<JsonTextLimits>): JsonObject | undefined {
  const text = base64UrlText(jwt.split('.')[1] as string);
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text, limits);
  return parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
}

/**
 * Classify an Open Badges 3.0 baked text: a JSON object or a compact JWT, else `ERR_BAKE_PAYLOAD`
 * (also for a presentation, and for JSON text past `limits` or with a member name twice: then
 * `details.reason` is the report code `verify()` gives such text, e.g. `input_too_deep`).
 */
export function readOb3Payload(
  text: string,
  where: string,
  limits?: Partial<JsonTextLimits>,
): Ob3Payload {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.startsWith('{')) {
    const parsed = parseJsonText(t, limits);
    if (!parsed.ok) {
      throw new BakeError(
        'ERR_BAKE_PAYLOAD',
        `The credential in ${where} ${describeJsonTextProblem(parsed.problem)}`,
        { reason: jsonTextReportCode(parsed.problem) },
      );
    }
    if (!isObject(parsed.value)) {
      throw new BakeError(
        'ERR_BAKE_PAYLOAD',
        `The credential in ${where} is JSON but not an object`,
      );
    }
    if (isPresentationPayload(parsed.value)) {
      throw new BakeError(
        'ERR_BAKE_PAYLOAD',
        `${where} holds a verifiable presentation; an image carries one credential`,
      );
    }
    return { kind: 'json', credential: parsed.value };
  }
  if (COMPACT_JWT.test(t)) {
    const payload = jwtPayloadOf(t, limits);
    if (payload !== undefined && isPresentationPayload(payload)) {
      throw new BakeError(
        'ERR_BAKE_PAYLOAD',
        `${where} holds a VP-JWT (a verifiable presentation); an image carries one credential`,
      );
    }
    return { kind: 'jwt', jwt: t };
  }
  throw new BakeError(
    'ERR_BAKE_PAYLOAD',
    `The text in ${where} is neither a JSON object nor a compact JWT (it starts with ${JSON.stringify(t.slice(0, 20))})`,
  );
}

/** What an Open Badges 2.0 baked text looks like (never interpreted further). */
export function legacyKind(text: string): 'json' | 'jwt' | 'url' | 'text' {
  const t = text.trim();
  if (t.startsWith('{')) return 'json';
  if (COMPACT_JWT.test(t)) return 'jwt';
  if (/^https?:\/\/\S+$/i.test(t)) return 'url';
  return 'text';
}
/**
 * Whether the credential to bake says it is a CLR 2.0 `ClrCredential` (an object, its JSON text,
 * or a JWT whose payload, or its `vc` claim, is one). Read without verifying: it only chooses
 * the carrier, and the reader verifies.
 */
export function claimsClr(credential: unknown): boolean {
  let doc: unknown = credential;
  if (typeof credential === 'string') {
    const t = credential.trim();
    if (t.startsWith('{')) {
      const parsed = parseJsonText(t);
      doc = parsed.ok ? parsed.value : undefined;
    } else if (COMPACT_JWT.test(t)) {
      const payload = jwtPayloadOf(t);
      doc = isObject(payload) && isObject(payload.vc) ? payload.vc : payload;
    }
  }
  if (!isObject(doc)) return false;
  const t = doc.type;
  return t === 'ClrCredential' || (Array.isArray(t) && t.includes('ClrCredential'));
}
