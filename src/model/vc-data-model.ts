/**
 * The W3C Verifiable Credentials Data Model rules (2.0 and 1.1) that a JSON Schema cannot say
 * well or that hold for every credential, Open Badges or not: contexts, types, identifiers,
 * issuer, subjects, dates, the objects that must carry a `type`, names and descriptions, language
 * value objects and `relatedResource`. One implementation, used before signing and by anyone who
 * wants to know whether a document is a conforming credential or presentation.
 *
 * Each rule, with its section of the specification and its issue code, is listed in
 * docs/validation.md.
 */
import { type Issue, ValidationError } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject, joinPath } from '../internal/json.js';
import { DEFAULT_LIMITS, measureJson } from '../internal/limits.js';
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../internal/urls.js';
import { isDateTimeString } from './dates.js';

/**
 * Options of {@link validateVerifiableCredential} and {@link validateVerifiablePresentation}.
 *
 * @example
 * ```ts
 * import { validateVerifiableCredential } from 'ob3kit/model';
 * validateVerifiableCredential(credential, { version: '1.1' });
 * ```
 */
export interface DataModelValidationOptions {
  /**
   * The data model whose rules apply. `'auto'` (default): VC 1.1 when `@context` starts with
   * `https://www.w3.org/2018/credentials/v1`, VC 2.0 otherwise.
   */
  version?: 'auto' | '2.0' | '1.1';
}

/**
 * Options of {@link validateVerifiablePresentation}.
 *
 * @example
 * ```ts
 * import { validateVerifiablePresentation } from 'ob3kit/model';
 * // The presentation's own members only; its credentials are checked one by one elsewhere.
 * validateVerifiablePresentation(presentation, { credentials: false });
 * ```
 */
export interface PresentationValidationOptions extends DataModelValidationOptions {
  /**
   * Also check each credential the presentation embeds (not enveloped ones) by the credential
   * rules, its issues located inside the presentation (`$.verifiableCredential[0].issuer`).
   * Default `true`. With `false`, each entry must still be a credential object (VC 1.1: or a
   * compact JWT) or an `EnvelopedVerifiableCredential` with a `data:` id; `verify()` uses it,
   * since it verifies each credential on its own, by the profile its type calls for.
   */
  credentials?: boolean;
}

/**
 * What {@link validateVerifiableCredential} and {@link validateVerifiablePresentation} return.
 *
 * @example
 * ```ts
 * const r: DataModelValidationResult = validateVerifiableCredential(credential);
 * if (!r.ok) for (const i of r.issues) console.log(i.path, i.code, i.message);
 * ```
 */
export interface DataModelValidationResult {
  /** `true` when no rule is broken. */
  ok: boolean;
  /** Every broken rule: a stable snake_case `code`, a JSON `path` and a `message`. */
  issues: Issue[];
  /** The data model the document was checked against. */
  version: '2.0' | '1.1';
}

/** The objects whose entries must each carry a `type` (VC 2.0 section 4.5), and what else each needs. */
const TYPED_ENTRIES: ReadonlyArray<{
  name: string;
  /** `id` required (and a URL): in both versions, or in VC 1.1 only. */
  id: 'always' | 'v1' | 'optional';
}> = [
  { name: 'credentialStatus', id: 'v1' },
  { name: 'credentialSchema', id: 'always' },
  { name: 'refreshService', id: 'v1' },
  { name: 'termsOfUse', id: 'optional' },
  { name: 'evidence', id: 'optional' },
];

/** A presentation's typed entries: terms of use of the holder (VC 2.0 section 5.6). */
const PRESENTATION_TYPED_ENTRIES: typeof TYPED_ENTRIES = [{ name: 'termsOfUse', id: 'optional' }];

/** A well-formed BCP 47 language tag, loosely (RFC 5646 syntax, not the registry). */
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
/**
 * Absolute IRI syntax as JSON-LD processors test it: a scheme, a colon, no white space, no
 * control character (RFC 3987 has none) and none of the characters RFC 3986 never allows.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\u0000-\u001f\u007f<>"{}|\\^`]*$/;
/** SRI hash expression (W3C Subresource Integrity, section 3.5): algorithm, base64 digest, options. */
const SRI_EXPRESSION = /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})(\?[\x21-\x7e]*)?$/;
/** Multibase in the two bases W3C Controlled Identifiers require: base64url ('u') and base58btc ('z'). */
const MULTIBASE = /^(u[A-Za-z0-9_-]+|z[1-9A-HJ-NP-Za-km-z]+)$/;
/** A media type (RFC 6838 syntax: type "/" subtype, optional parameters). */
const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\s*;.*)?$/;
/** A compact JWS: three base64url segments (VC 1.1 presentations carry JWT credentials so). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** SRI digest sizes in bytes, by algorithm. */
const SRI_BYTES: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

/**
 * The implementation of `isAbsoluteUrl`, which the package exports from `vc-data-model-api.ts`
 * (see there); ob3kit's own modules call this one.
 */
export function isAbsoluteUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !ABSOLUTE_IRI.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** A member with a value (`undefined` is not JSON: `JSON.stringify` drops it, as is done here). */
function has(node: JsonObject, key: string): boolean {
  return Object.hasOwn(node, key) && node[key] !== undefined;
}

/** Collects issues. */
class Issues {
  readonly list: Issue[] = [];
  add(code: string, path: string, message: string): void {
    this.list.push({ code, path, message });
  }
}

function checkOptions(fn: string, options: unknown): PresentationValidationOptions {
  if (options === undefined) return {};
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  const v = options.version;
  if (v !== undefined && v !== 'auto' && v !== '2.0' && v !== '1.1')
    throw new TypeError(`${fn}: options.version must be 'auto', '2.0' or '1.1'`);
  const c = options.credentials;
  if (c !== undefined && typeof c !== 'boolean')
    throw new TypeError(`${fn}: options.credentials must be a boolean`);
  return options as PresentationValidationOptions;
}

/** The data model of a document by its first context (VC 1.1 context first: 1.1; else 2.0). */
function versionOf(document: unknown, options: DataModelValidationOptions): '2.0' | '1.1' {
  if (options.version === '2.0' || options.version === '1.1') return options.version;
  if (!isObject(document)) return '2.0';
  const ctx = document['@context'];
  const first = Array.isArray(ctx) ? ctx[0] : ctx;
  return first === VC_V1_CONTEXT ? '1.1' : '2.0';
}

/** Bound before walking: a document too deep or too large gets one issue and no walk. */
function tooLarge(document: unknown, issues: Issues): boolean {
  const shape = measureJson(document, DEFAULT_LIMITS);
  if (shape.exceeded === undefined) return false;
  issues.add(
    shape.exceeded === 'maxJsonDepth' ? 'input_too_deep' : 'input_too_large',
    '$',
    `The document exceeds ${shape.exceeded} (${String(DEFAULT_LIMITS[shape.exceeded])}); it is not checked further`,
  );
  return true;
}

/** `@context`: present, the base context first, then URLs and objects. */
function checkContext(
  doc: JsonObject,
  version: '2.0' | '1.1',
  what: 'credential' | 'presentation',
  issues: Issues,
): void {
  const ctx = doc['@context'];
  if (ctx === undefined) {
    issues.add('context_missing', '$', `A verifiable ${what} must have an @context`);
    return;
  }
  const base = version === '1.1' ? VC_V1_CONTEXT : VC_V2_CONTEXT;
  if (typeof ctx === 'string') {
    if (ctx !== base) {
      issues.add(
        'context_vc_missing',
        '$["@context"]',
        `The first @context entry must be ${base}, found ${describeValue(ctx)}`,
      );
    }
    return;
  }
  if (!Array.isArray(ctx) || ctx.length === 0) {
    issues.add(
      'context_invalid',
      '$["@context"]',
      `@context must be an ordered set (an array) starting with ${base}, found ${describeValue(ctx)}`,
    );
    return;
  }
  if (ctx[0] !== base) {
    issues.add(
      'context_vc_missing',
      '$["@context"][0]',
      `The first @context entry must be ${base}, found ${describeValue(ctx[0])}`,
    );
  }
  ctx.forEach((entry, i) => {
    if (i === 0 && entry === base) return;
    const path = `$["@context"][${i}]`;
    if (typeof entry === 'string') {
      if (!isAbsoluteUrl(entry)) {
        issues.add(
          'context_invalid',
          path,
          `A context entry must be a URL, found ${describeValue(entry)}`,
        );
      } else if (i > 0 && (entry === VC_V1_CONTEXT || entry === VC_V2_CONTEXT)) {
        issues.add(
          'context_invalid',
          path,
          `${entry} may only be the first @context entry (VC 1.1 and 2.0 contexts do not mix)`,
        );
      }
    } else if (!isObject(entry)) {
      issues.add(
        'context_invalid',
        path,
        `A context entry must be a URL or a context object, found ${describeValue(entry)}`,
      );
    }
  });
}

/** `type`: one or more terms or absolute URLs, including `required`. */
function checkType(
  node: JsonObject,
  path: string,
  required: string | undefined,
  missingCode: string,
  issues: Issues,
): void {
  const raw = node.type;
  const at = joinPath(path, 'type');
  if (raw === undefined) {
    issues.add(missingCode, path, `${path === '$' ? 'The document' : path} must have a type`);
    return;
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) {
    issues.add('type_invalid', at, 'type must hold one or more terms or URLs, found []');
    return;
  }
  list.forEach((t, i) => {
    const p = Array.isArray(raw) ? `${at}[${i}]` : at;
    if (typeof t !== 'string' || t.length === 0) {
      issues.add(
        'type_invalid',
        p,
        `A type must be a term or an absolute URL, found ${describeValue(t)}`,
      );
    } else if (t.includes(':') && !isAbsoluteUrl(t)) {
      issues.add(
        'type_invalid',
        p,
        `A type must be a term or an absolute URL, found ${describeValue(t)}`,
      );
    }
  });
  if (required !== undefined && !list.includes(required)) {
    issues.add(
      required === 'VerifiableCredential' ? 'type_not_vc' : 'type_not_vp',
      at,
      `type must include "${required}", found ${describeValue(raw)}`,
    );
  }
}

/** An optional `id`: a single URL. */
function checkId(node: JsonObject, path: string, issues: Issues): void {
  if (!has(node, 'id')) return;
  const id = node.id;
  if (!isAbsoluteUrl(id)) {
    issues.add(
      'id_invalid',
      joinPath(path, 'id'),
      `id must be a single URL, found ${describeValue(id)}${Array.isArray(id) ? ' (more than one value)' : ''}`,
    );
  }
}

/** A party (`issuer`, `holder`): a URL, or an object whose `id` is a URL. */
function checkParty(
  doc: JsonObject,
  name: 'issuer' | 'holder',
  required: boolean,
  issues: Issues,
): void {
  const path = `$.${name}`;
  if (!has(doc, name)) {
    if (required)
      issues.add(`${name}_missing`, '$', `A verifiable credential must have an ${name}`);
    return;
  }
  const party = doc[name];
  if (typeof party === 'string') {
    if (!isAbsoluteUrl(party))
      issues.add(`${name}_invalid`, path, `${name} must be a URL, found ${describeValue(party)}`);
    return;
  }
  if (!isObject(party)) {
    issues.add(
      `${name}_invalid`,
      path,
      `${name} must be a URL or an object with an id URL, found ${describeValue(party)}`,
    );
    return;
  }
  if (!has(party, 'id')) {
    issues.add(`${name}_id_missing`, path, `${name} must have an id (a URL that identifies it)`);
  } else if (!isAbsoluteUrl(party.id)) {
    issues.add(
      `${name}_invalid`,
      `${path}.id`,
      `${name}.id must be a single URL, found ${describeValue(party.id)}`,
    );
  }
  checkNameAndDescription(party, path, issues);
}

/** `credentialSubject`: one or more objects, each with at least one claim. */
function checkSubjects(doc: JsonObject, issues: Issues): void {
  if (!has(doc, 'credentialSubject') || doc.credentialSubject === null) {
    issues.add('subject_missing', '$', 'A verifiable credential must have a credentialSubject');
    return;
  }
  const raw = doc.credentialSubject;
  if (Array.isArray(raw) && raw.length === 0) {
    issues.add(
      'subject_missing',
      '$.credentialSubject',
      'credentialSubject must hold at least one subject, found []',
    );
    return;
  }
  const list = Array.isArray(raw) ? raw : [raw];
  list.forEach((subject, i) => {
    const path = Array.isArray(raw) ? `$.credentialSubject[${i}]` : '$.credentialSubject';
    if (!isObject(subject)) {
      issues.add(
        'subject_not_object',
        path,
        `credentialSubject must be an object, found ${describeValue(subject)}`,
      );
      return;
    }
    if (Object.keys(subject).length === 0) {
      issues.add(
        'subject_empty',
        path,
        'A credential subject must make at least one claim, found an empty object',
      );
      return;
    }
    checkId(subject, path, issues);
  });
}

/** Dates: XML Schema dateTimeStamp (with time zone); the end not before the start. */
function checkDates(doc: JsonObject, version: '2.0' | '1.1', issues: Issues): void {
  const [start, end] =
    version === '1.1' ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  const [otherStart, otherEnd] =
    version === '1.1' ? ['validFrom', 'validUntil'] : ['issuanceDate', 'expirationDate'];
  for (const other of [otherStart, otherEnd]) {
    if (has(doc, other)) {
      const own = other === otherStart ? start : end;
      issues.add(
        'date_property_version',
        `$.${other}`,
        `${other} belongs to VC ${version === '1.1' ? '2.0' : '1.1'}; a VC ${version} credential states it as ${own}`,
      );
    }
  }
  if (version === '1.1' && !has(doc, 'issuanceDate')) {
    issues.add('issuance_date_missing', '$', 'A VC 1.1 credential must have an issuanceDate');
  }
  const times: Record<string, number> = {};
  for (const name of [start, end] as const) {
    if (!has(doc, name)) continue;
    const value = doc[name];
    if (typeof value !== 'string' || !isDateTimeString(value)) {
      issues.add(
        'date_invalid',
        `$.${name}`,
        `${name} must be an XML Schema dateTimeStamp with a time zone (2024-01-31T09:00:00Z), found ${describeValue(value)}`,
      );
      continue;
    }
    times[name] = Date.parse(value);
  }
  const a = times[start];
  const b = times[end];
  if (a !== undefined && b !== undefined && b < a) {
    issues.add(
      'validity_inverted',
      `$.${end}`,
      `${end} (${String(doc[end])}) is before ${start} (${String(doc[start])})`,
    );
  }
}

/** The objects that must each have a `type` (and for some an `id` URL). */
function checkTypedEntries(
  doc: JsonObject,
  version: '2.0' | '1.1',
  issues: Issues,
  entries: typeof TYPED_ENTRIES = TYPED_ENTRIES,
): void {
  for (const { name, id } of entries) {
    if (!has(doc, name)) continue;
    const raw = doc[name];
    const list = Array.isArray(raw) ? raw : [raw];
    if (Array.isArray(raw) && raw.length === 0) {
      issues.add('entry_invalid', `$.${name}`, `${name} must hold one or more objects, found []`);
      continue;
    }
    list.forEach((entry, i) => {
      const path = Array.isArray(raw) ? `$.${name}[${i}]` : `$.${name}`;
      if (!isObject(entry)) {
        issues.add(
          'entry_invalid',
          path,
          `${name} must be an object, found ${describeValue(entry)}`,
        );
        return;
      }
      if (!has(entry, 'type')) {
        issues.add('entry_type_missing', path, `Each ${name} entry must have a type`);
      } else {
        checkType(entry, path, undefined, 'entry_type_missing', issues);
      }
      const idRequired = id === 'always' || (id === 'v1' && version === '1.1');
      if (idRequired && !has(entry, 'id')) {
        issues.add('entry_id_missing', path, `Each ${name} entry must have an id (a URL)`);
      } else {
        checkId(entry, path, issues);
      }
    });
  }
}

/** `proof` entries (already there when a proof is added to a signed document): objects with a type. */
function checkProofs(doc: JsonObject, issues: Issues): void {
  if (!has(doc, 'proof')) return;
  const raw = doc.proof;
  const list = Array.isArray(raw) ? raw : [raw];
  list.forEach((p, i) => {
    const path = Array.isArray(raw) ? `$.proof[${i}]` : '$.proof';
    if (!isObject(p))
      issues.add('proof_invalid', path, `A proof must be an object, found ${describeValue(p)}`);
    else if (typeof p.type !== 'string' || p.type.length === 0)
      issues.add('proof_type_missing', path, 'Each proof must have a type');
  });
}

/** A language value object, as section 11.1 of VC 2.0 defines it. */
function isLanguageValue(v: unknown): boolean {
  if (!isObject(v) || typeof v['@value'] !== 'string') return false;
  return Object.keys(v).every((k) => k === '@value' || k === '@language' || k === '@direction');
}

/** `name` and `description`: a string, a language value object, or several of those. */
function checkNameAndDescription(node: JsonObject, path: string, issues: Issues): void {
  for (const name of ['name', 'description']) {
    if (!has(node, name)) continue;
    const raw = node[name];
    const list = Array.isArray(raw) ? raw : [raw];
    list.forEach((v, i) => {
      if (typeof v === 'string' || isLanguageValue(v)) return;
      const p = Array.isArray(raw) ? `${joinPath(path, name)}[${i}]` : joinPath(path, name);
      const extra = isObject(v)
        ? Object.keys(v).filter((k) => k !== '@value' && k !== '@language' && k !== '@direction')
        : [];
      issues.add(
        'language_value_invalid',
        p,
        `${name} must be a string or a language value object ({ "@value", "@language", "@direction" })${
          extra.length > 0
            ? `; found the extra member(s) ${extra.join(', ')}`
            : `, found ${describeValue(v)}`
        }`,
      );
    });
  }
}

/**
 * Every value object in the document (an object with `@value`): `@language` a language tag,
 * `@direction` `ltr` or `rtl` (with a string `@value` and no `@type`), nothing but keywords.
 */
function checkValueObjects(document: unknown, issues: Issues): void {
  const stack: Array<[unknown, string]> = [[document, '$']];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
      continue;
    }
    if (!isObject(v)) continue;
    if (Object.hasOwn(v, '@value')) {
      checkValueObject(v, path, issues);
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      if (k === '@context') continue; // contexts are JSON-LD processing's business
      stack.push([v[k], joinPath(path, k)]);
    }
  }
}

function checkValueObject(v: JsonObject, path: string, issues: Issues): void {
  const allowed = new Set(['@value', '@language', '@direction', '@type', '@index']);
  const extra = Object.keys(v).filter((k) => !allowed.has(k));
  if (extra.length > 0) {
    issues.add(
      'value_object_invalid',
      path,
      `A value object holds only @value, @language, @direction, @type and @index; found ${extra.join(', ')}`,
    );
  }
  if (Object.hasOwn(v, '@language')) {
    const lang = v['@language'];
    if (typeof lang !== 'string' || !LANGUAGE_TAG.test(lang)) {
      issues.add(
        'language_invalid',
        joinPath(path, '@language'),
        `@language must be a BCP 47 language tag (en, fr-CA, ...), found ${describeValue(lang)}`,
      );
    }
  }
  if (Object.hasOwn(v, '@direction')) {
    const dir = v['@direction'];
    if (dir !== 'ltr' && dir !== 'rtl') {
      issues.add(
        'direction_invalid',
        joinPath(path, '@direction'),
        `@direction must be "ltr" or "rtl", found ${describeValue(dir)}`,
      );
    }
    if (typeof v['@value'] !== 'string' || Object.hasOwn(v, '@type')) {
      issues.add(
        'direction_invalid',
        path,
        'A value with @direction must be a string with no @type',
      );
    }
  }
}

/** `relatedResource` (VC 2.0 section 5.3): objects with a unique `id` and at least one digest. */
function checkRelatedResources(doc: JsonObject, issues: Issues): void {
  if (!has(doc, 'relatedResource')) return;
  const raw = doc.relatedResource;
  const list = Array.isArray(raw) ? raw : [raw];
  if (Array.isArray(raw) && raw.length === 0) {
    issues.add(
      'related_resource_invalid',
      '$.relatedResource',
      'relatedResource must hold one or more objects, found []',
    );
    return;
  }
  const seen = new Map<string, string>();
  list.forEach((r, i) => {
    const path = Array.isArray(raw) ? `$.relatedResource[${i}]` : '$.relatedResource';
    if (!isObject(r)) {
      issues.add(
        'related_resource_invalid',
        path,
        `Each relatedResource must be an object with an id and a digest, found ${describeValue(r)}`,
      );
      return;
    }
    if (!has(r, 'id')) {
      issues.add('related_resource_id_missing', path, 'Each relatedResource must have an id');
    } else if (!isAbsoluteUrl(r.id)) {
      issues.add(
        'id_invalid',
        `${path}.id`,
        `relatedResource.id must be a single URL, found ${describeValue(r.id)}`,
      );
    } else {
      const first = seen.get(r.id);
      if (first !== undefined) {
        issues.add(
          'related_resource_duplicate',
          `${path}.id`,
          `relatedResource ids must be unique: ${r.id} is also at ${first}`,
        );
      } else {
        seen.set(r.id, `${path}.id`);
      }
    }
    const hasSri = has(r, 'digestSRI');
    const hasMultibase = has(r, 'digestMultibase');
    if (!hasSri && !hasMultibase) {
      issues.add(
        'related_resource_digest_missing',
        path,
        'Each relatedResource must have a digestSRI or a digestMultibase',
      );
    }
    if (hasSri) {
      forEachDigest(r.digestSRI, `${path}.digestSRI`, issues, 'digest_sri_invalid', (d, p) => {
        for (const expr of d.trim().split(/\s+/)) {
          if (!isSriExpression(expr)) {
            issues.add(
              'digest_sri_invalid',
              p,
              `digestSRI must be an SRI hash expression (sha256-, sha384- or sha512- and the base64 digest), found ${describeValue(expr)}`,
            );
          }
        }
      });
    }
    if (hasMultibase) {
      forEachDigest(
        r.digestMultibase,
        `${path}.digestMultibase`,
        issues,
        'digest_multibase_invalid',
        (d, p) => {
          if (!MULTIBASE.test(d)) {
            issues.add(
              'digest_multibase_invalid',
              p,
              `digestMultibase must be a multibase digest in base64url ("u...") or base58btc ("z..."), found ${describeValue(d)}`,
            );
          }
        },
      );
    }
    if (has(r, 'mediaType')) {
      const m = r.mediaType;
      if (typeof m !== 'string' || !MEDIA_TYPE.test(m)) {
        issues.add(
          'media_type_invalid',
          `${path}.mediaType`,
          `mediaType must be a media type such as "image/png", found ${describeValue(m)}`,
        );
      }
    }
  });
}

function forEachDigest(
  value: unknown,
  path: string,
  issues: Issues,
  code: string,
  each: (digest: string, path: string) => void,
): void {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) {
    issues.add(code, path, 'A digest must be a string (or strings), found []');
    return;
  }
  list.forEach((d, i) => {
    const p = Array.isArray(value) ? `${path}[${i}]` : path;
    if (typeof d !== 'string' || d.length === 0) {
      issues.add(code, p, `A digest must be a non-empty string, found ${describeValue(d)}`);
      return;
    }
    each(d, p);
  });
}

/** True for one SRI hash expression whose digest has the algorithm's length. */
export function isSriExpression(expr: string): boolean {
  const m = SRI_EXPRESSION.exec(expr);
  if (!m) return false;
  const b64 = m[2] as string;
  const size = SRI_BYTES[m[1] as string] as number;
  return b64.length === Math.ceil(size / 3) * 4 && base64Length(b64) === size;
}

function base64Length(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - pad;
}

/** The rules shared by credentials, for one credential object. */
function credentialIssues(doc: JsonObject, version: '2.0' | '1.1', issues: Issues): void {
  checkContext(doc, version, 'credential', issues);
  checkType(doc, '$', 'VerifiableCredential', 'type_missing', issues);
  checkId(doc, '$', issues);
  checkParty(doc, 'issuer', true, issues);
  checkSubjects(doc, issues);
  checkDates(doc, version, issues);
  checkTypedEntries(doc, version, issues);
  checkNameAndDescription(doc, '$', issues);
  if (version === '2.0') checkRelatedResources(doc, issues);
  checkProofs(doc, issues);
  checkValueObjects(doc, issues);
}

/**
 * The implementation of `validateVerifiableCredential`, which the package exports from `vc-data-model-api.ts`
 * (see there); ob3kit's own modules call this one.
 */
export function validateVerifiableCredential(
  credential: unknown,
  options?: DataModelValidationOptions,
): DataModelValidationResult {
  const opts = checkOptions('validateVerifiableCredential', options);
  const version = versionOf(credential, opts);
  const issues = new Issues();
  if (!isObject(credential)) {
    issues.add(
      'not_object',
      '$',
      `A credential must be a JSON object, found ${describeValue(credential)}`,
    );
  } else if (!tooLarge(credential, issues)) {
    credentialIssues(credential, version, issues);
  }
  return { ok: issues.list.length === 0, issues: issues.list, version };
}

/**
 * The implementation of `assertValidVerifiableCredential`, which the package exports from `vc-data-model-api.ts`
 * (see there); ob3kit's own modules call this one.
 */
export function assertValidVerifiableCredential(
  credential: unknown,
  options?: DataModelValidationOptions,
): void {
  const r = validateVerifiableCredential(credential, options);
  if (!r.ok) throw invalidError('ERR_CREDENTIAL_INVALID', 'credential', r.issues);
}

/**
 * The implementation of `validateVerifiablePresentation`, which the package exports from `vc-data-model-api.ts`
 * (see there); ob3kit's own modules call this one.
 */
export function validateVerifiablePresentation(
  presentation: unknown,
  options?: PresentationValidationOptions,
): DataModelValidationResult {
  const opts = checkOptions('validateVerifiablePresentation', options);
  const version = versionOf(presentation, opts);
  const issues = new Issues();
  if (!isObject(presentation)) {
    issues.add(
      'not_object',
      '$',
      `A presentation must be a JSON object, found ${describeValue(presentation)}`,
    );
    return { ok: false, issues: issues.list, version };
  }
  if (tooLarge(presentation, issues)) return { ok: false, issues: issues.list, version };
  checkContext(presentation, version, 'presentation', issues);
  checkType(presentation, '$', 'VerifiablePresentation', 'type_missing', issues);
  checkId(presentation, '$', issues);
  checkParty(presentation, 'holder', false, issues);
  checkTypedEntries(presentation, version, issues, PRESENTATION_TYPED_ENTRIES);
  checkProofs(presentation, issues);
  if (has(presentation, 'verifiableCredential')) {
    const raw = presentation.verifiableCredential;
    const list = Array.isArray(raw) ? raw : [raw];
    list.forEach((vc, i) => {
      const path = Array.isArray(raw) ? `$.verifiableCredential[${i}]` : '$.verifiableCredential';
      if (version === '1.1' && typeof vc === 'string' && COMPACT_JWS.test(vc)) return;
      if (!isObject(vc)) {
        issues.add(
          'presentation_credential_invalid',
          path,
          `verifiableCredential entries must be credential objects (a JWT goes in an EnvelopedVerifiableCredential), found ${describeValue(vc)}`,
        );
        return;
      }
      const types = Array.isArray(vc.type) ? vc.type : [vc.type];
      if (types.includes('EnvelopedVerifiableCredential')) {
        if (typeof vc.id !== 'string' || !vc.id.startsWith('data:')) {
          issues.add(
            'presentation_credential_invalid',
            joinPath(path, 'id'),
            `An EnvelopedVerifiableCredential's id must be a data: URL, found ${describeValue(vc.id)}`,
          );
        }
        return;
      }
      if (opts.credentials === false) return;
      const inner = new Issues();
      const nested = validateVerifiableCredential(vc);
      for (const issue of nested.issues) {
        inner.add(issue.code, `${path}${issue.path.slice(1)}`, issue.message);
      }
      issues.list.push(...inner.list);
    });
  }
  checkValueObjectsOutsideCredentials(presentation, issues);
  return { ok: issues.list.length === 0, issues: issues.list, version };
}

/** Value objects of a presentation, leaving embedded credentials to their own validation. */
function checkValueObjectsOutsideCredentials(presentation: JsonObject, issues: Issues): void {
  const { verifiableCredential: _vc, ...rest } = presentation;
  checkValueObjects(rest, issues);
}

/**
 * The implementation of `assertValidVerifiablePresentation`, which the package exports from `vc-data-model-api.ts`
 * (see there); ob3kit's own modules call this one.
 */
export function assertValidVerifiablePresentation(
  presentation: unknown,
  options?: PresentationValidationOptions,
): void {
  const r = validateVerifiablePresentation(presentation, options);
  if (!r.ok) throw invalidError('ERR_PRESENTATION_INVALID', 'presentation', r.issues);
}

/**
 * A `ValidationError` with a given code and a message naming the first issues.
 *
 * @internal
 */
export function invalidError(
  code: 'ERR_CREDENTIAL_INVALID' | 'ERR_PRESENTATION_INVALID',
  what: string,
  issues: Issue[],
): ValidationError {
  const head = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  return new ValidationError(
    issues,
    `The ${what} is not valid (${issues.length} issue${issues.length === 1 ? '' : 's'}): ${head}${issues.length > 3 ? '; ...' : ''}`,
    code,
  );
}
