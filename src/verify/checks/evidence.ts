/** `evidence` check: each evidence entry is of type `Evidence`. */
import type { JsonObject } from '../../internal/json.js';
import type { CheckResult } from '../types.js';
import { hasType, result, valuesOf } from './util.js';

const ID = 'evidence';

/** Check `evidence` entries (1EdTech's validator rejects entries without type `Evidence`). */
export function checkEvidence(credential: JsonObject): CheckResult[] {
  const list = valuesOf(credential.evidence);
  if (list.length === 0)
    return [result(ID, 'skip', 'evidence_absent', 'The credential has no evidence')];
  const out: CheckResult[] = [];
  list.forEach((e, i) => {
    if (!hasType(e, 'Evidence')) {
      out.push(
        result(
          ID,
          'fail',
          'evidence_type',
          'Each evidence entry must be of type "Evidence"',
          `$.evidence[${i}]`,
        ),
      );
    }
  });
  return out.length > 0 ? out : [result(ID, 'pass')];
}
