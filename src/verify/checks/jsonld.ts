/** `jsonld` check: the credential is valid JSON-LD under the bundled contexts (safe mode). */
import type { JsonObject } from '../../internal/json.js';
import { checkToRdf } from '../../jsonld/canonize.js';
import type { DocumentLoader } from '../../jsonld/index.js';
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
 * Expand the credential to RDF in JSON-LD safe mode with the offline loader: an unknown
 * (unbundled, unregistered) context, a term no context defines, or a protected-term
 * redefinition fails — as 1EdTech's JSON-LD validation probe does. Remote contexts are never
 * fetched.
 */
export async function checkJsonLd(
  credential: JsonObject,
  documentLoader: DocumentLoader,
): Promise<CheckResult[]> {
  try {
    // The conversion alone decides; the N-Quads text is not needed.
    await checkToRdf(credential, { documentLoader, safe: true });
    return [result(ID, 'pass')];
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined || !code.startsWith('ERR_')) throw e;
    return [result(ID, 'fail', CODES[code] ?? 'jsonld_invalid', errorMessage(e))];
  }
}
