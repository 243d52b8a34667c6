/** The EU micro-credential profile in `verify()` (loaded only when a caller asks for it). */
import type { JsonObject } from '../../internal/json.js';
import type { CheckResult } from '../../verify/types.js';
import { checkEuMicroCredential } from './check.js';

/**
 * `eu_profile` entries of a report: each mandatory Annex I element missing
 * (`eu_element_missing`) or invalid (`eu_element_invalid`), and each optional element present but
 * invalid, named by its title in the Recommendation; a pass when all are there.
 */
export function euProfileChecks(credential: JsonObject): CheckResult[] {
  const r = checkEuMicroCredential(credential);
  const out: CheckResult[] = [];
  for (const e of r.elements) {
    if (e.status === 'present' || (!e.mandatory && e.status === 'missing')) continue;
    out.push({
      id: 'eu_profile',
      outcome: 'warn',
      code: e.status === 'missing' ? 'eu_element_missing' : 'eu_element_invalid',
      message: `${e.title}: ${e.message ?? e.status}`,
      path: e.path,
    });
  }
  if (out.length > 0) return out;
  const optional = r.elements.filter((e) => !e.mandatory && e.status === 'present').length;
  return [
    {
      id: 'eu_profile',
      outcome: 'pass',
      message: `All 11 mandatory elements of the EU micro-credential profile are present (and ${optional} of 5 optional ones)`,
    },
  ];
}
