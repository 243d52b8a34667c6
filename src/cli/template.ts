/** Filling a credential template from one CSV row (used by `ob3kit issue --batch`). */

/**
 * A template problem found before any row is processed, or a row that cannot fill it.
 *
 * @example
 * ```ts
 * throw new TemplateError("the template uses {{name}} but the CSV has no 'name' column");
 * ```
 */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/**
 * The column names a template refers to with `{{column}}` placeholders.
 *
 * @example
 * ```ts
 * templatePlaceholders({ name: 'Hello {{name}}' }); // ['name']
 * ```
 */
export function templatePlaceholders(template: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(PLACEHOLDER)) found.add(m[1] as string);
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        walk(k);
        walk(x);
      }
    }
  };
  walk(template);
  return [...found];
}

/**
 * Replace every `{{column}}` in the template's strings (keys and values) with the row's value.
 * Values are inserted as text into the parsed JSON, so quotes and backslashes in a CSV cell
 * cannot break the document. An empty cell leaves an empty string.
 *
 * @example
 * ```ts
 * fillTemplate({ credentialSubject: { id: '{{id}}' } }, { id: 'did:example:1' });
 * // { credentialSubject: { id: 'did:example:1' } }
 * ```
 */
export function fillTemplate<T>(template: T, row: Record<string, string>): T {
  const sub = (s: string): string =>
    s.replace(PLACEHOLDER, (_all, name: string) => {
      const value = row[name];
      if (value === undefined) {
        throw new TemplateError(
          `the template uses {{${name}}} but the CSV has no '${name}' column`,
        );
      }
      return value;
    });
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return sub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[sub(k)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(template) as T;
}

/**
 * Turn CSV fields into a row object keyed by the header.
 *
 * @example
 * ```ts
 * rowObject(['name', 'email'], ['Ada', 'ada@example.com']); // { name: 'Ada', email: 'ada@example.com' }
 * ```
 */
export function rowObject(header: string[], fields: string[]): Record<string, string> {
  const row: Record<string, string> = {};
  header.forEach((h, i) => {
    row[h] = (fields[i] ?? '').trim();
  });
  return row;
}

/**
 * A file-name-safe slug for a row, from its `name` or `email` column, or empty.
 *
 * @example
 * ```ts
 * rowSlug({ name: 'Ada Lovelace' }); // 'ada-lovelace'
 * ```
 */
export function rowSlug(row: Record<string, string>): string {
  const base = row.name || row.email?.split('@')[0] || '';
  return base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * Makes an IdentityObject for a recipient identity (the library's builder, injected).
 *
 * @example
 * ```ts
 * const make: IdentityFactory = (identityType, identity, hashed) => ({ type: 'IdentityObject', identityType, identityHash: identity, hashed });
 * ```
 */
export type IdentityFactory = (
  identityType: 'emailAddress' | 'name',
  identity: string,
  hashed: boolean,
) => Record<string, unknown>;

const VC2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/**
 * Fill in what a row implies and the template leaves out: a fresh `urn:uuid:` credential id;
 * `credentialSubject.id` from column `id`; a hashed email identifier from column `email` and a
 * name identifier from column `name` (only when the template has no `identifier`); and
 * `validFrom` (VC 2.0) or `issuanceDate` (VC 1.1) set to `now`.
 *
 * @example
 * ```ts
 * applyRowConventions(filled, { id: 'did:example:ada' }, makeIdentity, new Date());
 * ```
 */
export function applyRowConventions(
  credential: Record<string, unknown>,
  row: Record<string, string>,
  makeIdentity: IdentityFactory,
  now: Date,
  newId: () => string,
): Record<string, unknown> {
  const out: Record<string, unknown> = fillIdAndDate(credential, now, newId).credential;
  const subject = out.credentialSubject;
  if (subject && typeof subject === 'object' && !Array.isArray(subject)) {
    const s: Record<string, unknown> = { ...(subject as Record<string, unknown>) };
    if ((s.id === undefined || s.id === '') && row.id) s.id = row.id;
    if (s.id === '') delete s.id;
    if (s.identifier === undefined) {
      const ids: Record<string, unknown>[] = [];
      if (row.email) ids.push(makeIdentity('emailAddress', row.email, true));
      if (row.name) ids.push(makeIdentity('name', row.name, false));
      if (ids.length) s.identifier = ids;
    }
    out.credentialSubject = s;
  }
  return out;
}

/**
 * Fill what every issued credential needs and an unsigned one often leaves out: an `id` (a
 * fresh `urn:uuid:`) when there is none (or it is empty), and `validFrom` (VC 2.0) or
 * `issuanceDate` (VC 1.1) set to `now` when absent. Returns the new credential and the names of
 * the members it filled, so the caller can say so.
 *
 * @example
 * ```ts
 * const { credential, filled } = fillIdAndDate(unsigned, new Date(), () => `urn:uuid:${randomUUID()}`);
 * filled; // ['id', 'validFrom']
 * ```
 */
export function fillIdAndDate(
  credential: Record<string, unknown>,
  now: Date,
  newId: () => string,
): { credential: Record<string, unknown>; filled: string[] } {
  const out: Record<string, unknown> = { ...credential };
  const filled: string[] = [];
  if (out.id === undefined || out.id === '') {
    out.id = newId();
    filled.push('id');
  }
  const context = Array.isArray(out['@context']) ? out['@context'] : [out['@context']];
  const iso = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (context.includes(VC2_CONTEXT)) {
    if (out.validFrom === undefined) {
      out.validFrom = iso;
      filled.push('validFrom');
    }
  } else if (out.issuanceDate === undefined) {
    out.issuanceDate = iso;
    filled.push('issuanceDate');
  }
  return { credential: out, filled };
}
