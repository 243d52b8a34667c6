/**
 * `jsonld` check: the document is valid JSON-LD under the bundled contexts (safe mode), in the
 * one compact form its own contexts give, and what the checks read on it is what its RDF graph
 * (the graph a proof signs) says.
 */
import type { JsonObject } from '../../internal/json.js';
import type { DocumentLoader } from '../../jsonld/index.js';
import { jsonLdRuleIssue } from '../../jsonld/rules.js';
import type { WorkBudget } from '../../jsonld/work.js';
import type { CheckResult } from '../types.js';
import { result } from './util.js';

const ID = 'jsonld';

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
  const issue = await jsonLdRuleIssue(document, { documentLoader, runBudget });
  if (issue === undefined) return [result(ID, 'pass')];
  return [result(ID, 'fail', issue.code, issue.message, issue.path)];
}
