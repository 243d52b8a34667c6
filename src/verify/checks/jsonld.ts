/**
 * `jsonld` check: the document is valid JSON-LD under the bundled contexts (safe mode), in the
 * one compact form its own contexts give, and what the checks read on it is what its RDF graph
 * (the graph a proof signs) says.
 */
import type { JsonObject } from '../../internal/json.js';
import { checkToRdf } from '../../jsonld/canonize.js';
import { checkCompactForm } from '../../jsonld/compact-form.js';
import type { DocumentLoader } from '../../jsonld/index.js';
import { compareReadView } from '../../jsonld/read-view.js';
import type { WorkBudget } from '../../jsonld/work.js';
import { errorCode, errorMessage } from '../state.js';
import type { CheckResult } from '../types.js';
import { result } from './util.js';

const ID = 'jsonld';

const CODES: Record<string, string> = {
  ERR_CONTEXT_UNKNOWN: 'context_unknown',
  ERR_CONTEXT_LOAD: 'context_unknown',
  ERR_JSONLD_UNDEFINED_TERM: 'jsonld_undefined_term',
  ERR_JSONLD_SAFE_MODE: 'jsonld_undefined_term',
  ERR_JSONLD_PROTECTED_TERM: 'jsonld_protected_term',
  ERR_CANONIZE_LIMIT: 'jsonld_too_large',
};

/**
 * Expand the document to RDF in JSON-LD safe mode with the offline loader: an unknown
 * (unbundled, unregistered) context, a term no context defines, or a protected-term
 * redefinition fails — as 1EdTech's JSON-LD validation probe does; the entry's `path` is where
 * (the undefined member or value, the `@context` entry), when the conversion could place it.
 * Remote contexts are never fetched. Then the document must be in its one compact form (`jsonld_not_compact`,
 * `jsonld_context_unsupported`: a member under another spelling would keep a proof valid while
 * the checks, which read members by name, miss it), and the members the checks read on the
 * document's own node must be what the graph says there (`jsonld_graph_mismatch`).
 */
export async function checkJsonLd(
  document: JsonObject,
  documentLoader: DocumentLoader,
  runBudget?: WorkBudget,
): Promise<CheckResult[]> {
  let quads: Awaited<ReturnType<typeof checkToRdf>>;
  try {
    quads = await checkToRdf(document, { documentLoader, safe: true, runBudget });
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined || !code.startsWith('ERR_')) throw e;
    // The member, value or @context entry at fault, when the conversion could place it.
    const path = (e as { details?: { path?: unknown } }).details?.path;
    return [
      result(
        ID,
        'fail',
        CODES[code] ?? 'jsonld_invalid',
        errorMessage(e),
        typeof path === 'string' ? path : undefined,
      ),
    ];
  }
  const issue = await checkCompactForm(document, { documentLoader });
  if (issue !== undefined) return [result(ID, 'fail', issue.code, issue.message, issue.path)];
  const mismatch = compareReadView(document, quads);
  if (mismatch !== undefined) {
    return [result(ID, 'fail', 'jsonld_graph_mismatch', mismatch.message, mismatch.path)];
  }
  return [result(ID, 'pass')];
}
