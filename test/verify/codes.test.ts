/**
 * Every report code is classified (authenticity, in force, completeness, conformance, security),
 * the classification is what docs/verifying.md says, and the policies turn it into the verdict
 * they promise. The list of codes is read from the source, so a new code without a
 * classification fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECK_CODES,
  type CheckCategory,
  type CheckResult,
  classifyCheck,
} from '../../src/verify/index.js';
import { finalizeReport } from '../../src/verify/report.js';

const ROOT = path.resolve(__dirname, '../..');

/** The source files whose string literals include every code a report entry can carry. */
function reportingSources(): string[] {
  const dirs = ['src/verify', 'src/verify/checks', 'src/status', 'src/ob2', 'src/proof/jwt'];
  const files = [
    'src/proof/data-integrity/verify.ts',
    'src/present/verify.ts',
    'src/jsonld/compact-form.ts',
    'src/internal/fetch.ts',
    'src/internal/roles.ts',
    'src/schema/credential-schemas.ts',
    'src/clr/verify.ts',
    'src/model/vc-data-model.ts',
    'src/profiles/eu/verify.ts',
  ];
  for (const d of dirs) {
    for (const f of readdirSync(path.join(ROOT, d))) {
      if (f.endsWith('.ts')) files.push(path.join(d, f));
    }
  }
  return files;
}

/**
 * Snake_case literals in those files that are not report codes, and why. Anything else that
 * looks like a code must be in CHECK_CODES.
 */
const NOT_REPORT_CODES: Record<string, string> = {
  data_model: 'a check id (the vc profile)',
  eu_profile: 'a check id (the EU micro-credential profile, on request)',
  has_image: 'a check id in an example of ApplicationProfile',
  credential_schema_unknown:
    'an issue of resolveCredentialSchemas, reported as a fetch or offline code',
  jwt_expired: 'reported by the validity check as expired',
  jwt_not_yet_valid: 'reported by the validity check as not_yet_valid',
  ob2_not_verified: "the details of upgradeOb2's ERR_OB2_NOT_VERIFIED, not a report entry",
  presentation_credential_invalid:
    'the presentation module summary; verify() reports each credential itself',
  too_large: 'an internal inflate status',
  verifier_error: 'a status list verification issue, quoted in a status message',
};

const CATEGORIES: CheckCategory[] = [
  'authenticity',
  'inForce',
  'completeness',
  'conformance',
  'security',
];

describe('every report code is classified', () => {
  it('each snake_case code in the reporting source has a classification (or is known not to be a code)', () => {
    const literals = new Set<string>();
    for (const file of reportingSources()) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'/g)) {
        literals.add(m[1] as string);
      }
    }
    expect(literals.size).toBeGreaterThan(200);
    const unclassified = [...literals].filter(
      (l) => !Object.hasOwn(CHECK_CODES, l) && !Object.hasOwn(NOT_REPORT_CODES, l),
    );
    expect(unclassified).toEqual([]);
    // The exceptions are real literals of the source (no stale entries).
    for (const k of Object.keys(NOT_REPORT_CODES)) expect(literals.has(k), k).toBe(true);
  });

  it('each classification names a known category; completeness says what it leaves open', () => {
    for (const [code, c] of Object.entries(CHECK_CODES)) {
      expect(CATEGORIES, code).toContain(c.category);
      for (const v of Object.values(c.checks ?? {})) expect(CATEGORIES, code).toContain(v);
      const { category, unchecked } = classifyCheck({ id: 'status', outcome: 'warn', code });
      if (category === 'completeness') expect(unchecked, code).toBeDefined();
    }
  });

  it('docs/verifying.md lists every code with the same category', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/verifying.md'), 'utf8');
    const start = doc.indexOf('## Every code');
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
    expect(section.length).toBeGreaterThan(100);
    const rows = new Map<string, string>();
    for (const m of section.matchAll(/^\| `([a-z0-9_]+)` \| ([a-zA-Z]+)/gm)) {
      rows.set(m[1] as string, m[2] as string);
    }
    const missing = Object.keys(CHECK_CODES).filter((c) => !rows.has(c));
    expect(missing).toEqual([]);
    const wrong = Object.entries(CHECK_CODES)
      .filter(([code, c]) => rows.get(code) !== c.category)
      .map(([code, c]) => `${code}: table says ${rows.get(code)}, code says ${c.category}`);
    expect(wrong).toEqual([]);
    const extra = [...rows.keys()].filter((c) => !Object.hasOwn(CHECK_CODES, c));
    expect(extra).toEqual([]);
  });

  it('an entry without a listed code takes its check’s category; an unknown failing code fails closed', () => {
    expect(classifyCheck({ id: 'schema', outcome: 'fail', code: 'required' }).category).toBe(
      'conformance',
    );
    expect(classifyCheck({ id: 'proof', outcome: 'pass' }).category).toBe('authenticity');
    expect(classifyCheck({ id: 'status', outcome: 'pass' }).category).toBe('inForce');
    expect(classifyCheck({ id: 'proof', outcome: 'fail', code: 'something_new' }).category).toBe(
      'security',
    );
    expect(classifyCheck({ id: 'status', outcome: 'warn', code: 'fetch_status' })).toEqual({
      category: 'completeness',
      unchecked: 'inForce',
    });
    expect(classifyCheck({ id: 'proof', outcome: 'fail', code: 'fetch_timeout' })).toEqual({
      category: 'completeness',
      unchecked: 'authenticity',
    });
    expect(classifyCheck({ id: 'refresh', outcome: 'skip', code: 'fetch_status' }).category).toBe(
      'conformance',
    );
    expect(classifyCheck({ id: 'proof', outcome: 'fail', code: 'fetch_too_large' }).category).toBe(
      'security',
    );
    expect(
      classifyCheck({ id: 'proof', outcome: 'fail', code: 'jwt_alg_unsupported' }, 'ob2').category,
    ).toBe('authenticity');
    // A category set by the check (a nested report's summary) is kept.
    expect(
      classifyCheck({
        id: 'credentials',
        outcome: 'fail',
        code: 'credential_invalid',
        category: 'inForce',
      }).category,
    ).toBe('inForce');
  });
});

/** A report from entries, under a policy (the pipeline's last step). */
function reportOf(checks: CheckResult[], policy: 'default' | 'conformance') {
  return finalizeReport({ format: 'json', checks }, policy);
}

const base: CheckResult[] = [
  { id: 'parse', outcome: 'pass' },
  { id: 'schema', outcome: 'pass' },
  { id: 'proof', outcome: 'pass' },
  { id: 'issuer', outcome: 'pass' },
  { id: 'status', outcome: 'pass' },
  { id: 'validity', outcome: 'pass' },
];

describe('the policies', () => {
  const codesOf = (category: CheckCategory) =>
    Object.entries(CHECK_CODES)
      .filter(([, c]) => c.category === category && !c.checks)
      .map(([code]) => code);
  const idFor: Record<CheckCategory, string> = {
    authenticity: 'proof',
    inForce: 'validity',
    completeness: 'status',
    conformance: 'subject',
    security: 'jsonld',
  };
  const entry = fc
    .record({
      category: fc.constantFrom(...CATEGORIES),
      outcome: fc.constantFrom('fail', 'warn', 'skip', 'pass') as fc.Arbitrary<
        CheckResult['outcome']
      >,
      pick: fc.nat(),
    })
    .map(({ category, outcome, pick }) => {
      const list = codesOf(category);
      return { id: idFor[category], outcome, code: list[pick % list.length] } as CheckResult;
    });

  it('default: invalid exactly when an authenticity, in-force or security check fails', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (extra) => {
        const r = reportOf([...base, ...extra], 'default');
        // A security entry blocks even when its check gave it as a warning (a limit reached).
        const blocking = extra.some((e) => {
          const category = classifyCheck(e).category;
          return (
            (e.outcome === 'fail' && ['authenticity', 'inForce'].includes(category)) ||
            (category === 'security' && (e.outcome === 'fail' || e.outcome === 'warn'))
          );
        });
        expect(r.verdict === 'invalid').toBe(blocking);
        // Conformance and completeness findings are never failures under the default policy.
        for (const c of r.checks) {
          if (c.category === 'conformance' || c.category === 'completeness') {
            expect(c.outcome).not.toBe('fail');
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('conformance: invalid when any check fails, as the checks give them', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (extra) => {
        const r = reportOf([...base, ...extra], 'conformance');
        expect(r.verdict === 'invalid').toBe(
          extra.some(
            (e) =>
              e.outcome === 'fail' ||
              (e.outcome === 'warn' && classifyCheck(e).category === 'security'),
          ),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('the answers: each rests on the entries of its question', () => {
    const ok = reportOf(base, 'default');
    expect(ok.answers).toMatchObject({
      authentic: { value: 'yes' },
      inForce: { value: 'yes' },
      fullyChecked: { value: 'yes', checks: [] },
      conformant: { value: 'yes' },
    });
    expect(ok.reportVersion).toBe(2);
    expect(ok.policy).toBe('default');
    const revoked = reportOf(
      [...base, { id: 'status', outcome: 'fail', code: 'status_revoked', message: 'revoked' }],
      'default',
    );
    expect(revoked.answers.inForce.value).toBe('no');
    expect(revoked.checks[revoked.answers.inForce.checks.at(-1)!]?.code).toBe('status_revoked');
    const offline = reportOf(
      [...base, { id: 'status', outcome: 'warn', code: 'status_unchecked_offline' }],
      'default',
    );
    expect(offline.answers.inForce.value).toBe('unknown');
    expect(offline.answers.fullyChecked).toEqual({ value: 'no', checks: [6] });
    expect(offline.checks[6]).toMatchObject({ category: 'completeness', fixBy: 'verifier' });
    expect(offline.verdict).toBe('warning');
    // A conformance question left open matters to the conformance policy only.
    const schemaOpen = [
      ...base,
      { id: 'schema', outcome: 'warn', code: 'credential_schema_unchecked_offline' } as const,
    ];
    expect(reportOf(schemaOpen, 'default').answers.fullyChecked.value).toBe('yes');
    expect(reportOf(schemaOpen, 'conformance').answers.fullyChecked.value).toBe('no');
    expect(reportOf(schemaOpen, 'default').answers.conformant.value).toBe('unknown');
    // Nothing ran: nothing is known, nothing was fully checked.
    const unreadable = reportOf(
      [{ id: 'parse', outcome: 'fail', code: 'json_invalid' }],
      'default',
    );
    expect(unreadable.answers).toMatchObject({
      authentic: { value: 'unknown' },
      inForce: { value: 'unknown' },
      fullyChecked: { value: 'no' },
      conformant: { value: 'unknown' },
    });
    expect(unreadable.verdict).toBe('invalid');
    // A proof that passed over a document that breaks a security rule: not "authentic: yes".
    const respelled = reportOf(
      [...base, { id: 'jsonld', outcome: 'fail', code: 'jsonld_not_compact' }],
      'default',
    );
    expect(respelled.answers.authentic.value).toBe('unknown');
    expect(respelled.verdict).toBe('invalid');
  });
});
