/** The EU micro-credential profile as a `verify()` application profile. */
import type { ApplicationProfile, CheckResult } from '../../verify/types.js';
import { checkEuMicroCredential } from './check.js';

/**
 * `eu_profile` entries of a report: each mandatory Annex I element missing
 * (`eu_element_missing`) or invalid (`eu_element_invalid`), and each optional element present but
 * invalid, named by its title in the Recommendation; a pass when all are there.
 */
function euProfileChecks(credential: Record<string, unknown>): CheckResult[] {
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

/**
 * The EU micro-credential profile for `verify()`: pass it in `options.profiles` to get
 * `eu_profile` entries in the report (never added by default). Each mandatory element of the
 * Council Recommendation's Annex I that a badge lacks is a warning `eu_element_missing` (or
 * `eu_element_invalid`) naming it by its title, with its path; a complete badge gets one pass.
 *
 * @example
 * ```ts
 * import { euMicroCredentialProfile } from 'ob3kit/model';
 * import { verify } from 'ob3kit/verify';
 * const report = await verify(badge, { profiles: [euMicroCredentialProfile] });
 * console.log(report.checks.filter((c) => c.id === 'eu_profile'));
 * ```
 */
export const euMicroCredentialProfile: ApplicationProfile = Object.freeze({
  name: 'eu_profile',
  check: euProfileChecks,
});
