/**
 * The Open Badges 3.0 rules a credential must meet before it is signed: the JSON Schema of its
 * class and VC version, and the data-model rules 1EdTech's validator adds (context order,
 * types, subject, issuer profile, evidence). The same functions `verify()` reports with, so a
 * credential ob3kit signs passes ob3kit's own conformance checks. (Imported statically: a
 * dynamic import of modules the root barrel also exports would put them in every bundle's first
 * chunk; bundles that never sign drop them by tree-shaking.)
 *
 * @internal
 */
import type { Issue } from '../errors.js';
import type { JsonObject } from '../internal/json.js';
import { type SchemaValidationOptions, validateCredential } from '../schema/validate.js';
import { checkContext } from '../verify/checks/context.js';
import { checkEvidence } from '../verify/checks/evidence.js';
import { checkIssuerProfile } from '../verify/checks/issuer.js';
import { checkSubject } from '../verify/checks/subject.js';
import { checkType, roleOf } from '../verify/checks/type.js';
import type { CheckResult } from '../verify/types.js';

/**
 * Structural findings of 1EdTech's validator that the Open Badges 3.0 data model contradicts, so
 * signing does not refuse them: the model types `Profile.otherIdentifier` as `IdentifierEntry`
 * (the specification's full example uses it), the validator wants `IdentityObject`.
 */
const SPECIFICATION_ALLOWS = new Set(['issuer_other_identifier_type']);

/**
 * Every Open Badges 3.0 issue of a credential: schema issues, then the failed structural checks.
 *
 * @internal
 */
export function openBadgesIssues(
  credential: JsonObject,
  options: Pick<SchemaValidationOptions, 'lenient' | 'schemas'>,
): Issue[] {
  const issues: Issue[] = [...validateCredential(credential, options).issues];
  const role = roleOf(credential);
  const structural: CheckResult[] = [
    ...checkContext(credential),
    ...checkType(credential, role),
    ...checkSubject(credential, role),
    ...checkIssuerProfile(credential),
    ...checkEvidence(credential),
  ];
  const seen = new Set(issues.map((i) => `${i.path}\u0000${i.code}`));
  for (const c of structural) {
    if (c.outcome !== 'fail' || c.code === undefined) continue;
    if (SPECIFICATION_ALLOWS.has(c.code)) continue;
    const path = c.path ?? '$';
    const key = `${path}\u0000${c.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ code: c.code, path, message: c.message ?? c.code });
  }
  return issues;
}
