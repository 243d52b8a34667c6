/**
 * The JSON-LD rules `verify()` holds every credential and presentation to, whatever its proof,
 * in one place for the `jsonld` check and for signing (which refuses what verifiers would).
 */
import type { JsonObject } from '../internal/json.js';
import { checkToRdf } from './canonize.js';
import { checkCompactForm } from './compact-form.js';
import type { DocumentLoader } from './loader.js';
import { compareReadView } from './read-view.js';
import type { WorkBudget } from './work.js';

/** The report codes of the errors of JSON-LD processing. */
const CODES: Readonly<Record<string, string>> = {
  ERR_CONTEXT_UNKNOWN: 'context_unknown',
  ERR_CONTEXT_LOAD: 'context_unknown',
  ERR_JSONLD_UNDEFINED_TERM: 'jsonld_undefined_term',
  ERR_JSONLD_SAFE_MODE: 'jsonld_undefined_term',
  ERR_JSONLD_PROTECTED_TERM: 'jsonld_protected_term',
  ERR_CANONIZE_LIMIT: 'jsonld_too_large',
};

/** A broken JSON-LD rule: its report code, message and, when known, its JSON path. @internal */
export interface JsonLdRuleIssue {
  code: string;
  message: string;
  path?: string;
}

/**
 * The first JSON-LD rule `document` breaks, or `undefined`: it converts to RDF in safe mode
 * with the offline loader (no unknown context, no undefined term, no protected-term
 * redefinition; the path is where, when the conversion could place it), it is in its one
 * compact form, and the members the checks read on its node are what its graph says there.
 *
 * @throws what is thrown that is not an `ERR_*` error of the conversion (a bug, not the input).
 * @internal
 */
export async function jsonLdRuleIssue(
  document: JsonObject,
  options: { documentLoader?: DocumentLoader; runBudget?: WorkBudget },
): Promise<JsonLdRuleIssue | undefined> {
  const { documentLoader, runBudget } = options;
  let quads: Awaited<ReturnType<typeof checkToRdf>>;
  try {
    quads = await checkToRdf(document, { documentLoader, safe: true, runBudget });
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !code.startsWith('ERR_')) throw e;
    const path = (e as { details?: { path?: unknown } }).details?.path;
    return {
      code: CODES[code] ?? 'jsonld_invalid',
      message: e instanceof Error ? e.message : String(e),
      ...(typeof path === 'string' ? { path } : {}),
    };
  }
  const form = await checkCompactForm(document, { documentLoader });
  if (form !== undefined) return { code: form.code, message: form.message, path: form.path };
  const mismatch = compareReadView(document, quads);
  if (mismatch === undefined) return undefined;
  return { code: 'jsonld_graph_mismatch', message: mismatch.message, path: mismatch.path };
}
