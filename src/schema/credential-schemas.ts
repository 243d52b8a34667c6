/**
 * `credentialSchema` entries: which bundled schema an official Open Badges 3.0 schema URL maps to.
 */
import type { Issue } from '../errors.js';
import { asArray, isObject, joinPath } from '../internal/json.js';
import { VC_V1_CONTEXT } from '../internal/urls.js';
import type { SchemaForm, SchemaKind, Validator } from './types.js';

const OB_SCHEMA_BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/';

const FILE_KINDS: Record<string, SchemaKind> = {
  'ob_v3p0_achievementcredential_schema.json': 'AchievementCredential',
  'ob_v3p0_anyachievementcredential_schema.json': 'AchievementCredential',
  'ob_v3p0_endorsementcredential_schema.json': 'EndorsementCredential',
  'ob_v3p0_anyendorsementcredential_schema.json': 'EndorsementCredential',
  'ob_v3p0_profile_schema.json': 'Profile',
};

/**
 * The official Open Badges 3.0 JSON Schema URLs ob3kit knows, and the class each one describes.
 * Both the `schema/json/` and `schema/json-ld/` folders are listed: 1EdTech has published the
 * same files under both.
 *
 * @example
 * ```ts
 * import { OFFICIAL_SCHEMA_URLS } from 'ob3kit/schema';
 * OFFICIAL_SCHEMA_URLS['https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json']; // 'Profile'
 * ```
 */
export const OFFICIAL_SCHEMA_URLS: Readonly<Record<string, SchemaKind>> = Object.freeze(
  Object.fromEntries(
    ['json/', 'json-ld/'].flatMap((folder) =>
      Object.entries(FILE_KINDS).map(([file, kind]) => [`${OB_SCHEMA_BASE}${folder}${file}`, kind]),
    ),
  ),
);

/** `credentialSchema` types that name a JSON Schema. */
const JSON_SCHEMA_TYPES = new Set(['1EdTechJsonSchemaValidator2019', 'JsonSchema']);

/** File names of the bundled schemas, by class. @internal */
export const BUNDLED_FILES: Readonly<Record<SchemaKind, string>> = Object.freeze({
  AchievementCredential: 'achievement-credential',
  EndorsementCredential: 'endorsement-credential',
  Profile: 'profile',
  Achievement: 'achievement',
});

/** The name of a bundled schema: `vc2/achievement-credential` (its file is `schemas/<name>.json`). @internal */
export function bundledSchemaName(kind: SchemaKind, form: SchemaForm): string {
  return `${form}/${BUNDLED_FILES[kind]}`;
}

/**
 * The VC data model version of a document: `1.1` when its `@context` includes
 * `https://www.w3.org/2018/credentials/v1`, `2.0` otherwise.
 *
 * @example
 * ```ts
 * import { detectVcVersion } from 'ob3kit/schema';
 * detectVcVersion({ '@context': ['https://www.w3.org/2018/credentials/v1'] }); // '1.1'
 * detectVcVersion({ '@context': ['https://www.w3.org/ns/credentials/v2'] }); // '2.0'
 * ```
 */
export function detectVcVersion(document: unknown): '1.1' | '2.0' {
  if (!isObject(document)) return '2.0';
  const contexts = asArray(document['@context'] as unknown);
  return contexts.includes(VC_V1_CONTEXT) ? '1.1' : '2.0';
}

/**
 * One `credentialSchema` entry and what it maps to.
 *
 * @example
 * ```ts
 * import { resolveCredentialSchemas, type CredentialSchemaEntry } from 'ob3kit/schema';
 * const entries: CredentialSchemaEntry[] = resolveCredentialSchemas(credential).entries;
 * for (const e of entries) console.log(e.path, e.id, e.bundled ?? 'not checked');
 * ```
 */
export interface CredentialSchemaEntry {
  /** Where the entry is (`$.credentialSchema[0]`). */
  path: string;
  /** The entry's `id` (the schema URL). */
  id: string;
  /** The entry's `type`. */
  type: string;
  /** The class the official schema describes, when `id` is an official OB 3.0 schema URL. */
  kind?: SchemaKind;
  /** The bundled schema used for it (`vc2/achievement-credential`), when there is one. */
  bundled?: string;
  /** `true` when the caller supplied a validator for this URL (`options.schemas`). */
  supplied: boolean;
}

/**
 * Options of {@link resolveCredentialSchemas}.
 *
 * @example
 * ```ts
 * import { resolveCredentialSchemas } from 'ob3kit/schema';
 * resolveCredentialSchemas(credential, { lenient: true, schemas: { [customUrl]: customValidator } });
 * ```
 */
export interface ResolveCredentialSchemasOptions {
  /** Accept JSON-LD compacted values (see `validateCredential`). Default `false`. */
  lenient?: boolean;
  /** Validators supplied by the caller, by schema URL. */
  schemas?: Readonly<Record<string, Validator>>;
}

/**
 * Map each `credentialSchema` entry of a credential to the bundled schema ob3kit uses for it.
 *
 * An entry of type `1EdTechJsonSchemaValidator2019` (or VC 2.0's `JsonSchema`) whose `id` is an
 * official Open Badges 3.0 schema URL maps to the bundled schema of that class, in the form of
 * the credential's VC version (the same URL has served the VC 1.1 schema and then the VC 2.0 one).
 * Entries ob3kit cannot check are reported as issues: `credential_schema_unknown` (a URL that is
 * neither official nor supplied in `options.schemas`), `credential_schema_type` (not a JSON
 * Schema type) and `credential_schema_invalid` (not an object with string `id` and `type`).
 *
 * @example
 * ```ts
 * import { resolveCredentialSchemas } from 'ob3kit/schema';
 * const { entries, issues } = resolveCredentialSchemas({
 *   '@context': ['https://www.w3.org/ns/credentials/v2'],
 *   credentialSchema: [{
 *     id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
 *     type: '1EdTechJsonSchemaValidator2019',
 *   }],
 * });
 * console.log(entries[0]?.bundled, issues.length); // 'vc2/achievement-credential' 0
 * ```
 */
export function resolveCredentialSchemas(
  credential: unknown,
  options: ResolveCredentialSchemasOptions = {},
): { entries: CredentialSchemaEntry[]; issues: Issue[] } {
  if (!isObject(options))
    throw new TypeError('resolveCredentialSchemas: options must be an object');
  const entries: CredentialSchemaEntry[] = [];
  const issues: Issue[] = [];
  if (!isObject(credential) || credential.credentialSchema === undefined)
    return { entries, issues };
  const form = formFor(detectVcVersion(credential), options.lenient === true);
  const raw = credential.credentialSchema;
  const list = Array.isArray(raw) ? raw : [raw];
  list.forEach((entry, index) => {
    const path = Array.isArray(raw)
      ? joinPath(joinPath('$', 'credentialSchema'), index)
      : joinPath('$', 'credentialSchema');
    if (!isObject(entry) || typeof entry.id !== 'string' || typeof entry.type !== 'string') {
      issues.push({
        code: 'credential_schema_invalid',
        path,
        message: 'expected an object with string "id" and "type", found something else',
      });
      return;
    }
    const { id, type } = entry;
    const supplied = isObject(options.schemas) && Object.hasOwn(options.schemas, id);
    if (!JSON_SCHEMA_TYPES.has(type)) {
      issues.push({
        code: 'credential_schema_type',
        path: joinPath(path, 'type'),
        message: `expected "1EdTechJsonSchemaValidator2019" (a JSON Schema), found "${type}"; this schema is not checked`,
      });
      entries.push({ path, id, type, supplied });
      return;
    }
    const kind = OFFICIAL_SCHEMA_URLS[id];
    if (kind === undefined) {
      if (!supplied) {
        issues.push({
          code: 'credential_schema_unknown',
          path: joinPath(path, 'id'),
          message: `expected an official Open Badges 3.0 schema URL or one supplied in options.schemas, found "${id}"; this schema is not checked`,
        });
      }
      entries.push({ path, id, type, supplied });
      return;
    }
    entries.push({ path, id, type, kind, bundled: bundledSchemaName(kind, form), supplied });
  });
  return { entries, issues };
}

/** The bundled form for a VC version. @internal */
export function formFor(version: '1.1' | '2.0', lenient: boolean): SchemaForm {
  if (version === '1.1') return 'vc1';
  return lenient ? 'lenient' : 'vc2';
}
