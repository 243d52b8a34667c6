/**
 * (Internal; used by `verify()`'s `vc` profile and the VC-API issuer.) The rules of the W3C
 * Verifiable Credentials Data Model (2.0, and 1.1 for documents in its
 * context) that hold for every credential and presentation, whatever its type: the base
 * context first, a `type`, URL identifiers, an issuer, claims about a subject, dates, typed
 * status, schema, evidence, terms-of-use and refresh entries, language value objects, related
 * resources, and a presentation's holder and credentials. Open Badges credentials obey them too;
 * their own rules are in the OB 3.0 schemas.
 */
import type { Issue } from '../errors.js';
import type { ValidationResult } from '../schema/types.js';
import { isObject, type JsonObject, joinPath } from './json.js';
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from './urls.js';

/**
 * Options of {@link validateVcDataModel}.
 *
 * @example
 * ```ts
 * const options: VcDataModelOptions = { role: 'presentation' };
 * ```
 */
export interface VcDataModelOptions {
  /**
   * What the document is validated as. Default: `'presentation'` when its `type` includes
   * `VerifiablePresentation`, else `'credential'`.
   */
  role?: 'credential' | 'presentation';
  /**
   * For a presentation: also validate each credential it embeds (not enveloped ones), its
   * issues located inside it. Default `true`.
   */
  embedded?: boolean;
}

/** The data model version a document's first context selects. */
type Version = '2.0' | '1.1';

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// Spaces, controls and the characters RFC 3986 never allows in a URL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
const NOT_IN_URL = /[\s\u0000-\u001f\u007f<>"{}|\\^`]/;
const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/;
const MAX_SHOWN = 60;

/**
 * An XML Schema dateTime with real calendar values (no leap second); `zone`: the time zone is
 * required (a dateTimeStamp, as VC 2.0 wants). Returns the instant, or `undefined`.
 */
function dateTime(value: string, zone: boolean): number | undefined {
  const m = DATE_TIME.exec(value);
  if (!m || (zone && m[8] === undefined)) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (days === undefined || d < 1 || d > days || h > 23 || mi > 59 || sec > 59) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const t = Date.parse(m[8] === undefined ? `${value}Z` : value);
  return Number.isNaN(t) ? undefined : t;
}

/** A short rendering of a found value for messages. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty array';
    const shown = JSON.stringify(value);
    return shown.length <= MAX_SHOWN ? shown : `an array of ${value.length} items`;
  }
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
  }
  return String(value);
}

/**
 * True for an absolute URL (any scheme: `https:`, `did:`, `urn:`): a scheme, no whitespace or
 * characters a URL cannot hold, and parseable by the WHATWG URL parser.
 *
 * @example
 * ```ts
 * isAbsoluteUrl('did:example:123'); // true (internal helper)
 * isAbsoluteUrl('https ://example.com'); // false
 * ```
 */
export function isAbsoluteUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !SCHEME.test(value) || NOT_IN_URL.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

class Collector {
  readonly issues: Issue[] = [];
  add(code: string, path: string, message: string): void {
    this.issues.push({ code, path, message });
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function versionOf(doc: JsonObject): Version {
  const ctx = doc['@context'];
  const first = Array.isArray(ctx) ? ctx[0] : ctx;
  return first === VC_V1_CONTEXT ? '1.1' : '2.0';
}

function checkContext(doc: JsonObject, out: Collector, kind: string): void {
  const ctx = doc['@context'];
  if (ctx === undefined) {
    out.add('context_missing', '$', `A verifiable ${kind} must have an @context`);
    return;
  }
  const items = list(ctx);
  const first = items[0];
  if (first !== VC_V2_CONTEXT && first !== VC_V1_CONTEXT) {
    out.add(
      'context_base_missing',
      Array.isArray(ctx) ? '$["@context"][0]' : '$["@context"]',
      `The first @context must be ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT} for VC 1.1), found ${describeValue(first)}`,
    );
  }
  items.forEach((item, i) => {
    if (i === 0) return;
    if (isObject(item)) return;
    if (!isAbsoluteUrl(item)) {
      out.add(
        'context_invalid',
        `$["@context"][${i}]`,
        `Each @context item must be a URL or a context object, found ${describeValue(item)}`,
      );
    }
  });
}

function checkId(node: JsonObject, path: string, out: Collector, what: string): void {
  if (!('id' in node)) return;
  const id = node.id;
  if (!isAbsoluteUrl(id)) {
    out.add(
      'id_invalid',
      joinPath(path, 'id'),
      `The id of ${what} must be a single URL, found ${describeValue(id)}`,
    );
  }
}

function checkType(
  node: JsonObject,
  path: string,
  out: Collector,
  what: string,
  required: string | undefined,
): void {
  const typePath = joinPath(path, 'type');
  if (!('type' in node)) {
    out.add('type_missing', path, `${what} must have a type`);
    return;
  }
  const raw = node.type;
  const types = list(raw);
  if (types.length === 0 || types.some((t) => typeof t !== 'string' || t.length === 0)) {
    out.add(
      'type_invalid',
      typePath,
      `The type of ${what} must be a string or an array of strings, found ${describeValue(raw)}`,
    );
    return;
  }
  if (required !== undefined && !types.includes(required)) {
    out.add(
      required === 'VerifiablePresentation' ? 'type_not_vp' : 'type_not_vc',
      typePath,
      `The type of ${what} must include "${required}", found ${describeValue(raw)}`,
    );
  }
}

/** A language value object: `@value` and optionally `@language` / `@direction`, nothing else. */
function checkLanguageValues(node: JsonObject, path: string, out: Collector): void {
  for (const key of ['name', 'description'] as const) {
    if (!(key in node)) continue;
    const value = node[key];
    const p = joinPath(path, key);
    const items = list(value);
    items.forEach((item, i) => {
      const at = Array.isArray(value) ? joinPath(p, i) : p;
      if (typeof item === 'string') return;
      if (isObject(item)) {
        const extra = Object.keys(item).filter(
          (k) => k !== '@value' && k !== '@language' && k !== '@direction',
        );
        const okValue = typeof item['@value'] === 'string';
        const okLang = item['@language'] === undefined || typeof item['@language'] === 'string';
        const okDir =
          item['@direction'] === undefined ||
          item['@direction'] === 'ltr' ||
          item['@direction'] === 'rtl';
        if (extra.length === 0 && okValue && okLang && okDir) return;
        out.add(
          'language_value_invalid',
          at,
          `${key} must be a string or a language value object ({"@value", "@language", "@direction"})${
            extra.length ? `; found the extra member ${JSON.stringify(extra[0])}` : ''
          }`,
        );
        return;
      }
      out.add(
        'language_value_invalid',
        at,
        `${key} must be a string or a language value object, found ${describeValue(item)}`,
      );
    });
  }
}

/** Entries that must each be an object with a `type` (and optionally an `id` URL). */
function checkTypedEntries(
  doc: JsonObject,
  key: string,
  out: Collector,
  options: { idRequired?: boolean } = {},
): void {
  if (!(key in doc)) return;
  const value = doc[key];
  const base = joinPath('$', key);
  const items = list(value);
  if (items.length === 0) {
    out.add('entry_invalid', base, `${key} must be one or more objects, found an empty array`);
  }
  items.forEach((item, i) => {
    const at = Array.isArray(value) ? joinPath(base, i) : base;
    if (!isObject(item)) {
      out.add(
        'entry_invalid',
        at,
        `Each ${key} entry must be an object, found ${describeValue(item)}`,
      );
      return;
    }
    if (!('type' in item)) {
      out.add('entry_type_missing', at, `Each ${key} entry must have a type`);
    } else {
      const types = list(item.type);
      if (types.length === 0 || types.some((t) => typeof t !== 'string' || t.length === 0)) {
        out.add(
          'entry_type_invalid',
          joinPath(at, 'type'),
          `The type of a ${key} entry must be a string or an array of strings, found ${describeValue(item.type)}`,
        );
      }
    }
    if (options.idRequired && !('id' in item)) {
      out.add('entry_id_missing', at, `Each ${key} entry must have an id (a URL)`);
    } else checkId(item, at, out, `a ${key} entry`);
  });
}

function checkIssuer(doc: JsonObject, out: Collector): void {
  if (!('issuer' in doc)) {
    out.add('issuer_missing', '$', 'A verifiable credential must have an issuer');
    return;
  }
  const issuer = doc.issuer;
  if (typeof issuer === 'string') {
    if (!isAbsoluteUrl(issuer)) {
      out.add('issuer_invalid', '$.issuer', `issuer must be a URL, found ${describeValue(issuer)}`);
    }
    return;
  }
  if (isObject(issuer)) {
    if (!isAbsoluteUrl(issuer.id)) {
      out.add(
        'issuer_invalid',
        '$.issuer.id',
        `An issuer object must have an id that is a URL, found ${describeValue(issuer.id)}`,
      );
    }
    checkLanguageValues(issuer, '$.issuer', out);
    return;
  }
  out.add(
    'issuer_invalid',
    '$.issuer',
    `issuer must be a URL or an object with an id, found ${describeValue(issuer)}`,
  );
}

function checkSubject(doc: JsonObject, out: Collector): void {
  if (!('credentialSubject' in doc)) {
    out.add('subject_missing', '$', 'A verifiable credential must have a credentialSubject');
    return;
  }
  const value = doc.credentialSubject;
  const items = list(value);
  if (items.length === 0) {
    out.add('subject_invalid', '$.credentialSubject', 'credentialSubject must not be empty');
  }
  items.forEach((s, i) => {
    const at = Array.isArray(value) ? `$.credentialSubject[${i}]` : '$.credentialSubject';
    if (!isObject(s)) {
      out.add(
        'subject_invalid',
        at,
        `A credential subject must be an object, found ${describeValue(s)}`,
      );
      return;
    }
    if (Object.keys(s).length === 0) {
      out.add('subject_empty', at, 'A credential subject must make at least one claim');
      return;
    }
    checkId(s, at, out, 'a credential subject');
  });
}

function checkDates(doc: JsonObject, version: Version, out: Collector): void {
  const fields =
    version === '2.0' ? ['validFrom', 'validUntil'] : ['issuanceDate', 'expirationDate'];
  const parsed: Record<string, number> = {};
  for (const f of fields) {
    if (!(f in doc)) continue;
    const v = doc[f];
    const t = typeof v === 'string' ? dateTime(v, version === '2.0') : undefined;
    if (t === undefined) {
      out.add(
        'date_invalid',
        `$.${f}`,
        `${f} must be an XML Schema dateTime${version === '2.0' ? 'Stamp (with a time zone)' : ''}, such as 2025-01-01T00:00:00Z; found ${describeValue(v)}`,
      );
      continue;
    }
    parsed[f] = t;
  }
  if (version === '1.1' && !('issuanceDate' in doc)) {
    out.add('date_missing', '$', 'A VC 1.1 credential must have an issuanceDate');
  }
  const [start, end] = fields as [string, string];
  const s = parsed[start];
  const e = parsed[end];
  if (s !== undefined && e !== undefined && s > e) {
    out.add(
      'validity_order',
      `$.${end}`,
      `${end} is before ${start}: the credential is never valid`,
    );
  }
}

function checkRelatedResources(doc: JsonObject, out: Collector): void {
  if (!('relatedResource' in doc)) return;
  const value = doc.relatedResource;
  const items = list(value);
  const seen = new Set<string>();
  if (items.length === 0) {
    out.add('related_resource_invalid', '$.relatedResource', 'relatedResource must not be empty');
  }
  items.forEach((r, i) => {
    const at = Array.isArray(value) ? `$.relatedResource[${i}]` : '$.relatedResource';
    if (!isObject(r)) {
      out.add(
        'related_resource_invalid',
        at,
        `Each relatedResource must be an object with an id and a digest, found ${describeValue(r)}`,
      );
      return;
    }
    if (!isAbsoluteUrl(r.id)) {
      out.add(
        'related_resource_invalid',
        joinPath(at, 'id'),
        `A relatedResource must have an id that is a URL, found ${describeValue(r.id)}`,
      );
    } else if (seen.has(r.id)) {
      out.add(
        'related_resource_duplicate',
        joinPath(at, 'id'),
        `relatedResource ${r.id} is listed twice`,
      );
    } else seen.add(r.id);
    const sri = r.digestSRI;
    const mb = r.digestMultibase;
    if (sri === undefined && mb === undefined) {
      out.add(
        'related_resource_digest_missing',
        at,
        'A relatedResource must have a digestSRI or a digestMultibase',
      );
    }
    for (const [k, v] of [
      ['digestSRI', sri],
      ['digestMultibase', mb],
      ['mediaType', r.mediaType],
    ] as const) {
      if (v !== undefined && (typeof v !== 'string' || v.length === 0)) {
        out.add(
          'related_resource_invalid',
          joinPath(at, k),
          `${k} must be a string, found ${describeValue(v)}`,
        );
      }
    }
  });
}

function checkProofs(doc: JsonObject, out: Collector): void {
  if (!('proof' in doc)) return;
  const value = doc.proof;
  list(value).forEach((p, i) => {
    const at = Array.isArray(value) ? `$.proof[${i}]` : '$.proof';
    if (!isObject(p)) {
      out.add('proof_invalid', at, `A proof must be an object, found ${describeValue(p)}`);
    } else if (typeof p.type !== 'string' || p.type.length === 0) {
      out.add('proof_type_missing', at, 'A proof must have a type (a string)');
    }
  });
}

function validateCredentialRules(doc: JsonObject, out: Collector): Version {
  const version = versionOf(doc);
  checkContext(doc, out, 'credential');
  checkId(doc, '$', out, 'the credential');
  checkType(doc, '$', out, 'A verifiable credential', 'VerifiableCredential');
  checkIssuer(doc, out);
  checkSubject(doc, out);
  checkDates(doc, version, out);
  checkLanguageValues(doc, '$', out);
  checkTypedEntries(doc, 'credentialStatus', out);
  checkTypedEntries(doc, 'credentialSchema', out, { idRequired: true });
  checkTypedEntries(doc, 'evidence', out);
  checkTypedEntries(doc, 'termsOfUse', out);
  checkTypedEntries(doc, 'refreshService', out);
  checkRelatedResources(doc, out);
  checkProofs(doc, out);
  return version;
}

function validatePresentationRules(doc: JsonObject, out: Collector, embedded: boolean): Version {
  const version = versionOf(doc);
  checkContext(doc, out, 'presentation');
  checkId(doc, '$', out, 'the presentation');
  checkType(doc, '$', out, 'A verifiable presentation', 'VerifiablePresentation');
  if ('holder' in doc) {
    const h = doc.holder;
    const id = isObject(h) ? h.id : h;
    if (!isAbsoluteUrl(id)) {
      out.add(
        'holder_invalid',
        isObject(h) ? '$.holder.id' : '$.holder',
        `holder must be a URL or an object with an id that is a URL, found ${describeValue(id)}`,
      );
    }
  }
  if ('verifiableCredential' in doc) {
    const value = doc.verifiableCredential;
    list(value).forEach((vc, i) => {
      const at = Array.isArray(value) ? `$.verifiableCredential[${i}]` : '$.verifiableCredential';
      // VC 1.1 presentations may carry JWT credentials as strings; VC 2.0 wraps them in an
      // EnvelopedVerifiableCredential object.
      if (version === '1.1' && typeof vc === 'string') return;
      if (!isObject(vc)) {
        out.add(
          'presentation_credential_invalid',
          at,
          `Each verifiableCredential must be a credential object or an EnvelopedVerifiableCredential, found ${describeValue(vc)}`,
        );
        return;
      }
      if (!('type' in vc)) {
        out.add('type_missing', at, 'A credential in a presentation must have a type');
        return;
      }
      if (!embedded || list(vc.type).includes('EnvelopedVerifiableCredential')) return;
      // An embedded credential obeys the credential rules; its issues are located inside it.
      const inner = new Collector();
      validateCredentialRules(vc, inner);
      for (const issue of inner.issues) {
        out.add(issue.code, at + issue.path.slice(1), issue.message);
      }
    });
  }
  checkTypedEntries(doc, 'termsOfUse', out);
  checkProofs(doc, out);
  return version;
}

/**
 * Validate a document against the rules of the W3C Verifiable Credentials Data Model that hold
 * for every credential (or presentation), whatever its other types: VC 2.0, or VC 1.1 when its
 * first context is the VC 1.1 context. These are structural rules of the JSON; whether the
 * document is valid JSON-LD (every term defined, no protected term redefined) is checked by
 * canonicalization (signing, or `verify()`'s `jsonld` check).
 *
 * Codes: `context_missing`, `context_base_missing`, `context_invalid`, `id_invalid`,
 * `type_missing`, `type_invalid`, `type_not_vc`, `type_not_vp`, `issuer_missing`,
 * `issuer_invalid`, `subject_missing`, `subject_invalid`, `subject_empty`, `date_invalid`,
 * `date_missing`, `validity_order`, `language_value_invalid`, `entry_invalid`,
 * `entry_type_missing`, `entry_type_invalid`, `entry_id_missing`, `related_resource_invalid`,
 * `related_resource_duplicate`, `related_resource_digest_missing`, `proof_invalid`,
 * `proof_type_missing`, `holder_invalid`, `presentation_credential_invalid`. Throws
 * `TypeError` only when `document` is not an object.
 *
 * @example
 * ```ts
 * import { validateVcDataModel } from '../internal/vc-data-model.js';
 * const r = validateVcDataModel({
 *   '@context': ['https://www.w3.org/ns/credentials/v2'],
 *   type: ['VerifiableCredential'],
 *   issuer: 'did:example:issuer',
 *   credentialSubject: {},
 * });
 * r.ok; // false
 * r.issues[0].code; // 'subject_empty'
 * ```
 */
export function validateVcDataModel(
  document: object,
  options: VcDataModelOptions = {},
): ValidationResult {
  if (!isObject(document)) {
    throw new TypeError('validateVcDataModel(document): document must be a JSON object');
  }
  const role =
    options.role ??
    (list(document.type).includes('VerifiablePresentation') ? 'presentation' : 'credential');
  const out = new Collector();
  const version =
    role === 'presentation'
      ? validatePresentationRules(document, out, options.embedded !== false)
      : validateCredentialRules(document, out);
  return {
    ok: out.issues.length === 0,
    issues: out.issues,
    schemas: [`vc-data-model-${version}/${role}`],
  };
}
