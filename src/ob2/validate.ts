/**
 * Data validation of Open Badges 2.0 badge objects (internal): the required properties of each
 * class and the types of their values, as the 2.0 vocabulary tables state them. Members are read
 * in the one spelling the 2.0 context gives them (`ambiguity.ts` refuses a second spelling).
 */
import { isObject, type JsonObject, joinPath } from '../internal/json.js';

/** One problem found in a badge object. */
export interface Ob2Issue {
  code: string;
  message: string;
  path: string;
}

/** Full IRIs and compact forms that stand for the Open Badges 2.0 class `name`. */
function classNames(name: string): string[] {
  return [name, `obi:${name}`, `https://w3id.org/openbadges#${name}`];
}

/** The string values of `type` (one string or an array). */
export function typesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** True when a `type` value names the class (short name, `obi:` compact IRI or full IRI). */
export function hasClass(node: unknown, name: string, aliases: readonly string[] = []): boolean {
  if (!isObject(node)) return false;
  const names = [...classNames(name), ...aliases];
  return typesOf(node.type).some((t) => names.includes(t));
}

/**
 * A boolean as a JSON-LD reader takes a value of an `xsd:boolean` term of the 2.0 context
 * (`revoked`, `hashed`): `true`, `"true"`, `"1"` and `1` are true, `false`, `"false"`, `"0"` and
 * `0` false, a value object `{"@value": ...}` as its value; `undefined` for anything else.
 */
export function readXsdBoolean(value: unknown): boolean | undefined {
  if (isObject(value) && Object.hasOwn(value, '@value')) {
    const rest = Object.keys(value).filter((k) => k !== '@value' && k !== '@type');
    return rest.length === 0 ? readXsdBoolean(value['@value']) : undefined;
  }
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

/** An IRI as the 2.0 `@id` properties take them: an absolute IRI (any scheme). */
export function isIri(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Parse an Open Badges 2.0 DateTime: ISO 8601 with the time and a time zone designator
 * (`2016-12-31T23:59:59Z`, `+00:00`, `+0000`, `+00`). `undefined` for anything else (the 2.0
 * specification no longer allows Unix timestamps or a missing time zone).
 */
export function parseOb2DateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  let tz = zone.toUpperCase();
  if (tz !== 'Z') {
    const digits = tz.slice(1).replace(':', '');
    tz = `${tz[0]}${digits.slice(0, 2)}:${digits.length > 2 ? digits.slice(2) : '00'}`;
  }
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${tz}`);
  return Number.isNaN(t) ? undefined : new Date(t);
}

class Checker {
  readonly issues: Ob2Issue[] = [];
  constructor(
    readonly node: JsonObject,
    readonly base: string,
    readonly what: string,
  ) {}

  private add(code: string, key: string, message: string): void {
    this.issues.push({ code, path: joinPath(this.base, key), message: `${this.what}: ${message}` });
  }

  required(key: string): boolean {
    const v = this.node[key];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) {
      this.add('ob2_property_missing', key, `"${key}" is required`);
      return false;
    }
    return true;
  }

  text(key: string, required = false): void {
    if (required && !this.required(key)) return;
    const v = this.node[key];
    if (v === undefined) return;
    if (typeof v !== 'string') {
      this.add('ob2_property_invalid', key, `"${key}" must be text, found ${kind(v)}`);
    }
  }

  texts(key: string): void {
    const v = this.node[key];
    if (v === undefined) return;
    const list = Array.isArray(v) ? v : [v];
    if (list.some((x) => typeof x !== 'string')) {
      this.add('ob2_property_invalid', key, `"${key}" must be text or a list of text`);
    }
  }

  boolean(key: string, required = false): void {
    if (required && !this.required(key)) return;
    const v = this.node[key];
    if (v !== undefined && typeof v !== 'boolean') {
      this.add('ob2_property_invalid', key, `"${key}" must be true or false, found ${kind(v)}`);
    }
  }

  iri(key: string, required = false): void {
    if (required && !this.required(key)) return;
    const v = this.node[key];
    if (v !== undefined && !isIri(v)) {
      this.add('ob2_property_invalid', key, `"${key}" must be an IRI, found ${kind(v)}`);
    }
  }

  /** An `@id` property: an IRI, or an embedded object (with an IRI `id` when `idRequired`). */
  ref(key: string, required: boolean, idRequired: boolean, many = false): void {
    if (required && !this.required(key)) return;
    const v = this.node[key];
    if (v === undefined) return;
    const list = many && Array.isArray(v) ? v : [v];
    if (!many && Array.isArray(v)) {
      this.add('ob2_property_invalid', key, `"${key}" takes one value, found a list`);
      return;
    }
    list.forEach((item, i) => {
      const path = list.length > 1 || Array.isArray(v) ? `${key}[${i}]` : key;
      if (isIri(item)) return;
      if (isObject(item)) {
        if (item.id !== undefined ? !isIri(item.id) : idRequired) {
          this.add(
            'ob2_property_invalid',
            path,
            `"${key}" must have an IRI "id", found ${kind(item.id)}`,
          );
        }
        return;
      }
      this.add(
        'ob2_property_invalid',
        path,
        `"${key}" must be an IRI or an object, found ${kind(item)}`,
      );
    });
  }

  dateTime(key: string, required = false): void {
    if (required && !this.required(key)) return;
    const v = this.node[key];
    if (v === undefined) return;
    if (!parseOb2DateTime(v)) {
      this.add(
        'ob2_date_invalid',
        key,
        `"${key}" must be an ISO 8601 date and time with a time zone, found ${kind(v)}`,
      );
    }
  }

  type(name: string, aliases: readonly string[] = [], required = true): void {
    if (this.node.type === undefined) {
      if (required) this.add('ob2_property_missing', 'type', `"type" is required (${name})`);
      return;
    }
    if (!hasClass(this.node, name, aliases)) {
      this.add(
        'ob2_type_mismatch',
        'type',
        `"type" must include ${name}, found ${kind(this.node.type)}`,
      );
    }
  }
}

function kind(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** The Assertion class (`IdentityObject` and the verification object included). */
export function validateAssertion(node: JsonObject, base = '$'): Ob2Issue[] {
  const c = new Checker(node, base, 'Assertion');
  c.iri('id', true);
  c.type('Assertion');
  if (c.required('recipient')) {
    const r = node.recipient;
    if (!isObject(r)) {
      c.issues.push({
        code: 'ob2_property_invalid',
        path: joinPath(base, 'recipient'),
        message: 'Assertion: "recipient" must be an IdentityObject',
      });
    } else {
      const rc = new Checker(r, joinPath(base, 'recipient'), 'IdentityObject');
      rc.text('identity', true);
      rc.text('type', true);
      rc.boolean('hashed');
      rc.text('salt');
      if (readXsdBoolean(r.hashed) === true && typeof r.identity === 'string') {
        if (!/^(sha256\$[0-9a-f]{64}|md5\$[0-9a-f]{32})$/i.test(r.identity)) {
          rc.issues.push({
            code: 'ob2_identity_hash_invalid',
            path: joinPath(joinPath(base, 'recipient'), 'identity'),
            message:
              'IdentityObject: a hashed "identity" must be sha256$ and 64 hex digits or md5$ and 32 hex digits',
          });
        }
      }
      c.issues.push(...rc.issues);
    }
  }
  c.ref('badge', true, true);
  const verification = node.verification ?? node.verify;
  if (verification === undefined) {
    c.issues.push({
      code: 'ob2_property_missing',
      path: joinPath(base, 'verification'),
      message: 'Assertion: "verification" is required',
    });
  } else if (!isObject(verification) || verification.type === undefined) {
    c.issues.push({
      code: 'ob2_property_invalid',
      path: joinPath(base, 'verification'),
      message: 'Assertion: "verification" must be a VerificationObject with a "type"',
    });
  }
  c.dateTime('issuedOn', true);
  c.dateTime('expires');
  c.ref('image', false, true);
  c.ref('evidence', false, false, true);
  c.text('narrative');
  c.boolean('revoked');
  c.text('revocationReason');
  return c.issues;
}

/** The BadgeClass class. */
export function validateBadgeClass(node: JsonObject, base = '$.badge'): Ob2Issue[] {
  const c = new Checker(node, base, 'BadgeClass');
  c.iri('id', true);
  c.type('BadgeClass');
  c.text('name', true);
  c.text('description', true);
  c.ref('image', true, true);
  c.ref('criteria', true, false);
  c.ref('issuer', true, true);
  c.texts('tags');
  const alignment = node.alignment;
  if (alignment !== undefined) {
    const list = Array.isArray(alignment) ? alignment : [alignment];
    list.forEach((a, i) => {
      const path = Array.isArray(alignment)
        ? `${joinPath(base, 'alignment')}[${i}]`
        : joinPath(base, 'alignment');
      if (!isObject(a)) {
        c.issues.push({
          code: 'ob2_property_invalid',
          path,
          message: 'BadgeClass: each "alignment" must be an AlignmentObject',
        });
        return;
      }
      const ac = new Checker(a, path, 'AlignmentObject');
      ac.text('targetName', true);
      ac.iri('targetUrl', true);
      ac.text('targetDescription');
      ac.text('targetFramework');
      ac.text('targetCode');
      c.issues.push(...ac.issues);
    });
  }
  return c.issues;
}

/** An issuer Profile (`Issuer` or `Profile`), with the properties an issuer must have. */
export function validateIssuer(node: JsonObject, base = '$.badge.issuer'): Ob2Issue[] {
  const c = new Checker(node, base, 'issuer Profile');
  c.iri('id', true);
  c.type('Profile', ['Issuer', 'obi:Issuer', 'https://w3id.org/openbadges#Issuer']);
  c.text('name', true);
  c.iri('url', true);
  c.text('email', true);
  c.text('telephone');
  c.text('description');
  c.ref('image', false, true);
  c.ref('publicKey', false, true, true);
  c.iri('revocationList');
  return c.issues;
}

/** A CryptographicKey document. */
export function validateKey(node: JsonObject, base: string): Ob2Issue[] {
  const c = new Checker(node, base, 'CryptographicKey');
  c.iri('id', true);
  c.iri('owner', true);
  c.text('publicKeyPem', true);
  return c.issues;
}

/** A RevocationList document. */
export function validateRevocationList(node: JsonObject, base: string): Ob2Issue[] {
  const c = new Checker(node, base, 'RevocationList');
  c.type('RevocationList');
  const list = node.revokedAssertions;
  if (list !== undefined) {
    const items = Array.isArray(list) ? list : [list];
    items.forEach((item, i) => {
      if (typeof item === 'string') return;
      if (isObject(item) && (typeof item.id === 'string' || typeof item.uid === 'string')) return;
      c.issues.push({
        code: 'ob2_property_invalid',
        path: `${joinPath(base, 'revokedAssertions')}[${i}]`,
        message:
          'RevocationList: each revoked assertion must be an id, or an object with "id" or "uid"',
      });
    });
  }
  return c.issues;
}
