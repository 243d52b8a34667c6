/** `schema` check: the bundled JSON Schema and the credential's own `credentialSchema` entries. */
import type { JsonObject } from '../../internal/json.js';
import { onDemand } from '../../internal/lazy.js';
import { resolveCredentialSchemas } from '../../schema/credential-schemas.js';
import { validateCredentialOnDemand } from '../../schema/forms.js';
import type { ValidationResult, Validator } from '../../schema/types.js';
import { errorMessage, loadDocument, type RunState } from '../state.js';
import type { CheckResult } from '../types.js';
import { result } from './util.js';

const ID = 'schema';

/** The JSON Schema compiler front end, loaded for a `credentialSchema` that is not bundled. */
const compilerCode = /* @__PURE__ */ onDemand(() => import('../../schema/compile.js'));

/**
 * Validate against the bundled schema of the credential's class and VC version (as 1EdTech's
 * canonical-schema probe), and against each `credentialSchema` entry of type
 * `1EdTechJsonSchemaValidator2019`: official OB 3.0 schema URLs map to the bundled schemas;
 * other URLs are loaded from `documents` or, when allowed, `fetch`. When the plain JSON schema
 * fails but the JSON-LD (lenient) one passes, the errors are warnings, as 1EdTech reports them.
 * `bundled`: another class's bundled schema (CLR 2.0) and the official URLs it stands in for.
 */
export async function checkSchema(
  credential: JsonObject,
  state: RunState,
  bundled?: BundledSchema,
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const schemas: Record<string, Validator> = {};
  const { issues: entryIssues } = resolveCredentialSchemas(credential);
  for (const issue of entryIssues) {
    if (issue.code === 'credential_schema_type') {
      out.push(result(ID, 'skip', 'credential_schema_type', issue.message, issue.path));
      continue;
    }
    if (issue.code !== 'credential_schema_unknown') {
      out.push(result(ID, 'fail', issue.code, issue.message, issue.path));
      continue;
    }
    // A schema URL ob3kit does not bundle: load it if the caller allows.
    const entryPath = issue.path.replace(/\.id$/, '');
    const entry = pick(credential, entryPath);
    const url = entry?.id;
    if (typeof url !== 'string') continue;
    if (bundled?.urls.includes(url)) continue;
    const loaded = await loadDocument(url, state, 'schema');
    if (loaded.status === 'offline') {
      out.push(
        result(
          ID,
          'warn',
          'credential_schema_unchecked_offline',
          `credentialSchema ${url} is not bundled and was not fetched (no fetch allowed, not in documents)`,
          issue.path,
        ),
      );
      continue;
    }
    if (loaded.status === 'error') {
      out.push(
        result(
          ID,
          'fail',
          loaded.code,
          `Could not read credentialSchema ${url}: ${loaded.message}`,
          issue.path,
        ),
      );
      continue;
    }
    if (typeof loaded.document !== 'object' || loaded.document === null) {
      out.push(
        result(
          ID,
          'fail',
          'credential_schema_unavailable',
          `Could not read credentialSchema ${url}: not a JSON Schema`,
          issue.path,
        ),
      );
      continue;
    }
    const doc = loaded.document as Record<string, unknown>;
    if (!Array.isArray(doc) && ('@context' in doc || 'credentialSubject' in doc)) {
      // A JSON Schema ignores keywords it does not know: read as one, a credential wrapping a
      // schema (a JsonSchemaCredential) or any JSON-LD document would accept every credential.
      out.push(
        result(
          ID,
          'fail',
          'credential_schema_unavailable',
          `Could not read credentialSchema ${url}: a JSON-LD document or a credential (a JsonSchemaCredential wrapping a schema is not supported), not a JSON Schema`,
          issue.path,
        ),
      );
      continue;
    }
    try {
      const { createValidator } = await compilerCode();
      schemas[url] = await createValidator(loaded.document as object);
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ERR_SCHEMA_COMPILER_UNAVAILABLE') {
        // The schema may be fine; this runtime (a strict CSP) cannot compile it. Not checked is a warning.
        out.push(
          result(
            ID,
            'warn',
            'credential_schema_uncompiled',
            `credentialSchema ${url} was not checked: this runtime cannot compile JSON Schemas (${errorMessage(e)})`,
            issue.path,
          ),
        );
        continue;
      }
      out.push(
        result(
          ID,
          'fail',
          'credential_schema_unavailable',
          `credentialSchema ${url} does not compile: ${errorMessage(e)}`,
          issue.path,
        ),
      );
    }
  }
  const validate = bundled?.validate ?? validateCredentialOnDemand;
  const strict = await validate(credential, { schemas });
  if (strict.ok) {
    if (!out.some((c) => c.outcome === 'fail' || c.outcome === 'warn')) {
      out.unshift(result(ID, 'pass', undefined, `Valid against ${strict.schemas.join(', ')}`));
    }
    return out;
  }
  const lenient = await validate(credential, { schemas, lenient: true });
  const asWarnings = lenient.ok && credentialIsVc2(credential);
  for (const issue of strict.issues) {
    if (asWarnings) {
      out.push(
        result(
          ID,
          'warn',
          'schema_plain_json_invalid',
          `Valid under the JSON-LD schema, but not the plain JSON schema (may matter to plain JSON consumers): ${issue.message}`,
          issue.path,
        ),
      );
    } else {
      out.push(result(ID, 'fail', issue.code, issue.message, issue.path));
    }
  }
  return out;
}

/**
 * The bundled schema of a credential class other than Open Badges 3.0 (CLR 2.0): how to validate
 * against it, and the official schema URLs it stands in for in `credentialSchema`.
 */
export interface BundledSchema {
  validate(
    credential: JsonObject,
    options: { schemas: Record<string, Validator>; lenient?: boolean },
  ): ValidationResult | Promise<ValidationResult>;
  urls: readonly string[];
}

function credentialIsVc2(credential: JsonObject): boolean {
  const ctx = credential['@context'];
  return !(Array.isArray(ctx) ? ctx : [ctx]).includes('https://www.w3.org/2018/credentials/v1');
}

/** Read `$.credentialSchema` or `$.credentialSchema[i]`. */
function pick(credential: JsonObject, path: string): JsonObject | undefined {
  const m = /^\$\.credentialSchema(?:\[(\d+)\])?$/.exec(path);
  if (!m) return undefined;
  const raw = credential.credentialSchema;
  const v = m[1] === undefined ? raw : Array.isArray(raw) ? raw[Number(m[1])] : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}
