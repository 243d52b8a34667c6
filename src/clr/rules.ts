/**
 * The CLR 2.0 rules a record must meet before it is signed: the CLR 2.0 JSON Schema (VC 2.0
 * records), the record's own structural checks (context order, type, ClrSubject), and no bundled
 * credential that claims to be a presentation. The same functions `verify()` reports with, so a
 * record ob3kit signs passes ob3kit's own conformance checks. Loaded by the signing functions
 * only when a `ClrCredential` is signed.
 *
 * @internal
 */
import type { Issue } from '../errors.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { roleIssue } from '../internal/roles.js';
import { VC_V1_CONTEXT } from '../internal/urls.js';
import type { Validator } from '../schema/types.js';
import type { CheckResult } from '../verify/types.js';
import { listOf } from './record.js';
import { loadClrValidators } from './validators.js';
import { checkClrContext, checkClrSubject, checkClrType, validateForVerify } from './verify.js';

const BUNDLED = '$.credentialSubject.verifiableCredential';

/**
 * Every CLR 2.0 issue of a record (without its proofs): schema issues, then the failed
 * structural checks, then bundled credentials whose type claims a presentation (their own
 * issuer's key signed them as credentials; a record's graph holding a presentation is refused
 * by verifiers).
 *
 * @internal
 */
export async function clrIssues(
  record: JsonObject,
  options: { lenient?: boolean | undefined; schemas?: Readonly<Record<string, Validator>> },
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const ctx = record['@context'];
  // CLR 2.0 has JSON Schemas for VC 2.0 records only (verify() warns, schema_clr_vc1_unchecked).
  if (!(Array.isArray(ctx) ? ctx : [ctx]).includes(VC_V1_CONTEXT)) {
    const validators = await loadClrValidators();
    issues.push(
      ...validateForVerify(validators, record, {
        schemas: options.schemas ?? {},
        lenient: options.lenient,
      }).issues,
    );
  }
  const seen = new Set(issues.map((i) => `${i.path}\u0000${i.code}`));
  const structural: CheckResult[] = [
    ...checkClrContext(record),
    ...checkClrType(record),
    ...checkClrSubject(record),
  ];
  const subject = record.credentialSubject;
  const raw = isObject(subject) ? subject.verifiableCredential : undefined;
  listOf(raw).forEach((item, i) => {
    if (!isObject(item)) return;
    const refused = roleIssue(
      item,
      'credential',
      Array.isArray(raw) ? `${BUNDLED}[${i}]` : BUNDLED,
    );
    if (refused) structural.push({ id: 'type', outcome: 'fail', ...refused });
  });
  for (const c of structural) {
    if (c.outcome !== 'fail' || c.code === undefined) continue;
    const path = c.path ?? '$';
    const key = `${path}\u0000${c.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ code: c.code, path, message: c.message ?? c.code });
  }
  return issues;
}
