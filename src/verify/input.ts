/** Input detection and decoding for `verify()` (internal). */

import { base64UrlText } from '../internal/bytes.js';
import { ENVELOPED_JWT_MEDIA_TYPES, envelopeContent } from '../internal/envelope.js';
import { isObject, type JsonObject } from '../internal/json.js';
import {
  describeJsonTextProblem,
  type JsonTextLimits,
  jsonTextReportCode,
  parseJsonText,
} from '../internal/json-scan.js';
import {
  DEFAULT_MAX_ARRAY_LENGTH,
  DEFAULT_MAX_JSON_VALUES,
  measureJson,
} from '../internal/limits.js';
import { ob2Generation } from '../ob2/detect.js';
import type { Ob2Input } from '../ob2/verify.js';
import { result } from './checks/util.js';
import type { RunState } from './state.js';
import type { CheckResult, InputFormat } from './types.js';

const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** What the input turned out to be. */
export interface DecodedInput {
  format: InputFormat;
  /** The credential or presentation object, when decoding succeeded. */
  document?: JsonObject;
  /** The compact JWT, when the credential (or presentation) came as one. */
  jwt?: string;
  /** The JWT payload, when it came as one. */
  jwtPayload?: JsonObject;
  /** Whether the document is a presentation. */
  presentation: boolean;
  /** The `parse` check's entries. */
  checks: CheckResult[];
  /** An Open Badges 2.0 assertion (or its URL or JWS): verified by the Open Badges 2.0 rules. */
  ob2?: Ob2Input;
}

/** A hosted Open Badges 2.0 assertion's URL, given on its own. */
const ASSERTION_URL = /^https?:\/\/\S+$/i;

/** Route an Open Badges 2.0 (or older) assertion to its own verification. */
function ob2Decoded(format: InputFormat, ob2: Ob2Input, checks: CheckResult[] = []): DecodedInput {
  return { format, presentation: false, checks, ob2 };
}

/** Throw `TypeError` for inputs `verify()` cannot take at all (API misuse). */
export function assertInputType(input: unknown): void {
  if (typeof input === 'string' || input instanceof Uint8Array || input instanceof ArrayBuffer)
    return;
  if (isObject(input)) return;
  throw new TypeError(
    `verify: expected a credential object, JSON text, a compact JWT, SVG text or image bytes (Uint8Array); got ${
      input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input
    }`,
  );
}

/**
 * Decode a compact JWT's payload without verifying it (the `proof` check verifies). The JSON text
 * is bounded (`limits`) and checked for a member name given twice before it is parsed; a refusal
 * is returned as such.
 */
export function decodeJwtPayloadChecked(
  jwt: string,
  limits?: Partial<JsonTextLimits>,
): { payload: JsonObject } | { code: string; message: string } | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  const text = base64UrlText(parts[1] as string);
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text, limits);
  if (!parsed.ok) {
    if (parsed.problem.kind === 'syntax') return undefined;
    return {
      code: jsonTextReportCode(parsed.problem),
      message: `The JWT payload ${describeJsonTextProblem(parsed.problem)}`,
    };
  }
  return isObject(parsed.value) ? { payload: parsed.value } : undefined;
}

/** Decode a compact JWT's payload without verifying it (the `proof` check verifies). */
export function decodeJwtPayload(jwt: string): JsonObject | undefined {
  const decoded = decodeJwtPayloadChecked(jwt);
  return decoded !== undefined && 'payload' in decoded ? decoded.payload : undefined;
}

/** True when a JSON object is a Verifiable Presentation. */
export function isPresentation(doc: JsonObject): boolean {
  const t = doc.type;
  return (
    t === 'VerifiablePresentation' || (Array.isArray(t) && t.includes('VerifiablePresentation'))
  );
}

/**
 * Refuse a document that nests too deeply, holds too many JSON values (a shared sub-object
 * counts each time it is reached, so a small but heavily shared object graph cannot pass) or has
 * a huge array (JSON-LD to RDF is quadratic in the values of one property). The walk is
 * iterative and its work bounded, before anything walks the document recursively.
 */
function shapeFailure(
  doc: unknown,
  format: InputFormat,
  state: RunState,
): DecodedInput | undefined {
  const max = state.limits.maxJsonDepth;
  const shape = measureJson(doc, {
    maxJsonDepth: max,
    maxJsonValues: DEFAULT_MAX_JSON_VALUES,
    maxArrayLength: DEFAULT_MAX_ARRAY_LENGTH,
  });
  if (shape.exceeded === 'maxJsonDepth') {
    return fail(format, 'input_too_deep', `The credential nests deeper than ${max} levels`);
  }
  if (shape.exceeded === 'maxJsonValues') {
    return fail(
      format,
      'input_too_large',
      `The credential holds more than ${DEFAULT_MAX_JSON_VALUES} JSON values`,
    );
  }
  if (shape.exceeded === 'maxArrayLength') {
    return fail(
      format,
      'input_too_large',
      `The credential has an array of more than ${DEFAULT_MAX_ARRAY_LENGTH} items`,
    );
  }
  return undefined;
}

/** The bounds JSON text is measured against before it is parsed (those of `shapeFailure`). */
function textLimits(state: RunState): JsonTextLimits {
  return {
    maxJsonDepth: state.limits.maxJsonDepth,
    maxJsonValues: DEFAULT_MAX_JSON_VALUES,
    maxArrayLength: DEFAULT_MAX_ARRAY_LENGTH,
  };
}

/**
 * Turn a decoded text (JSON or JWT) into the document to verify.
 * `format` is the outer format (png/svg keep theirs; JSON/JWT get 'json'/'jwt').
 */
export function decodeText(
  text: string,
  outer: InputFormat | undefined,
  state: RunState,
): DecodedInput {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.length === 0) {
    return fail(outer ?? 'json', 'input_empty', 'The input is empty: there is no credential in it');
  }
  if (t.startsWith('{')) {
    // Measured before it is parsed (depth, values, array length: bound before work), and one
    // text must have one meaning: JSON.parse keeps the last of two members with one name,
    // another parser (a display layer) may show the first.
    const parsed = parseJsonText(t, textLimits(state));
    if (!parsed.ok) {
      const problem = parsed.problem;
      return fail(
        outer ?? 'json',
        jsonTextReportCode(problem),
        problem.kind === 'syntax'
          ? `The input ${describeJsonTextProblem(problem)}`
          : `The JSON text ${describeJsonTextProblem(problem)}`,
      );
    }
    return fromObject(parsed.value, outer ?? 'json', state);
  }
  if (JWT_PATTERN.test(t)) {
    // The credential sits one level down in the payload (its `vc` or `vp` claim).
    const limits = textLimits(state);
    const decodedPayload = decodeJwtPayloadChecked(t, {
      ...limits,
      maxJsonDepth: limits.maxJsonDepth + 1,
    });
    if (decodedPayload !== undefined && 'code' in decodedPayload) {
      return fail(outer ?? 'jwt', decodedPayload.code, decodedPayload.message);
    }
    const payload = decodedPayload?.payload;
    if (!payload) {
      return fail(
        outer ?? 'jwt',
        'jwt_invalid',
        'The input looks like a compact JWT but its payload is not a JSON object',
      );
    }
    // An Open Badges 2.0 signed assertion: a JWS whose payload is the assertion itself.
    if (payload.vc === undefined && payload.vp === undefined && ob2Generation(payload)) {
      return ob2Decoded(outer ?? 'jwt', { kind: 'jws', jws: t });
    }
    const vp = payload.vp;
    const vc = payload.vc;
    let doc: JsonObject;
    let presentation = false;
    if (isObject(vp)) {
      doc = vp;
      presentation = true;
    } else if (isObject(vc)) {
      doc = vc;
    } else if ('@context' in payload || 'type' in payload) {
      doc = payload;
      presentation = isPresentation(payload);
    } else {
      return fail(
        outer ?? 'jwt',
        'jwt_no_credential',
        'The JWT payload holds no "vc" claim and is not a credential',
      );
    }
    const refused = shapeFailure(doc, outer ?? 'jwt', state);
    if (refused) return refused;
    return {
      format: presentation && outer === undefined ? 'presentation' : (outer ?? 'jwt'),
      document: doc,
      jwt: t,
      jwtPayload: payload,
      presentation,
      checks: [
        result('parse', 'pass', undefined, presentation ? 'Decoded a VP-JWT' : 'Decoded a VC-JWT'),
      ],
    };
  }
  if (outer === undefined && ASSERTION_URL.test(t)) {
    return ob2Decoded('url', { kind: 'url', url: t });
  }
  return fail(
    outer ?? 'json',
    'format_unknown',
    'The input is neither JSON, a compact JWT, a hosted assertion URL, PNG nor SVG',
  );
}

/** Wrap an already-parsed object. */
export function fromObject(doc: unknown, format: InputFormat, state: RunState): DecodedInput {
  if (!isObject(doc)) {
    return fail(format, 'json_not_object', 'The credential must be a JSON object');
  }
  const refused = shapeFailure(doc, format, state);
  if (refused) return refused;
  if (ob2Generation(doc)) return ob2Decoded(format, { kind: 'json', assertion: doc });
  const presentation = isPresentation(doc);
  return {
    format: presentation && format === 'json' ? 'presentation' : format,
    document: doc,
    presentation,
    checks: [result('parse', 'pass')],
  };
}

/**
 * A credential written where only a compact JWT goes (a presentation's or a CLR's string entry,
 * an envelope's data, an `endorsementJwt`), decoded: JSON text there is `jwt_invalid`, never read
 * as a credential (as `verifyPresentation` refuses it), other text `format_unknown`.
 */
export function decodeJwtText(text: string, state: RunState): DecodedInput {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.startsWith('{')) {
    return fail('jwt', 'jwt_invalid', 'Expected a compact JWT here; found JSON text');
  }
  return decodeText(text, 'jwt', state);
}

/**
 * The credential an `EnvelopedVerifiableCredential` carries, decoded: the JWT of its `data:`
 * URL. An envelope of another media type (or with parameters such as `;base64`) is not read
 * (`envelope_unsupported`, as `verifyPresentation` refuses it); one whose `id` is no `data:` URL
 * is read as the object it is (a credential without a proof).
 */
export function decodeEnvelope(envelope: JsonObject, state: RunState): DecodedInput {
  const content = envelopeContent(envelope.id);
  if ('jwt' in content) return decodeJwtText(content.jwt, state);
  if (content.problem === 'unsupported') {
    return fail(
      'jwt',
      'envelope_unsupported',
      `Enveloped credentials of media type "${content.mediaType}" are not read; expected ${ENVELOPED_JWT_MEDIA_TYPES.join(', ')} (no parameters)`,
    );
  }
  return fromObject(envelope, 'json', state);
}

/** A failed parse. */
export function fail(format: InputFormat, code: string, message: string): DecodedInput {
  return { format, presentation: false, checks: [result('parse', 'fail', code, message)] };
}
