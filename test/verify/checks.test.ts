/**
 * Structural checks of the verification pipeline: context, type, subject, evidence, issuer,
 * validity, recipient, refresh, endorsements, parse, misuse and internal errors. Expectations
 * follow the OB 3.0 verification algorithm and 1EdTech's validator (see docs/conformance.md).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeVerdict, formatReport, verify, verifyCredential } from '../../src/verify/index.js';
import {
  baseCredential,
  baseEndorsement,
  codes,
  entries,
  forbiddenFetch,
  type Loose,
  outcomes,
} from './helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const offline = { now: NOW, fetch: undefined };

describe('verdict', () => {
  it('any fail => invalid; else any warn => warning; skip does not count', () => {
    expect(computeVerdict([{ id: 'a', outcome: 'pass' }])).toBe('valid');
    expect(computeVerdict([{ id: 'a', outcome: 'skip' }])).toBe('valid');
    expect(
      computeVerdict([
        { id: 'a', outcome: 'warn' },
        { id: 'b', outcome: 'skip' },
      ]),
    ).toBe('warning');
    expect(
      computeVerdict([
        { id: 'a', outcome: 'warn' },
        { id: 'b', outcome: 'fail' },
      ]),
    ).toBe('invalid');
  });
});

describe('context', () => {
  it('passes with the VC 2.0 and OB 3.0.3 contexts first', async () => {
    const r = await verify(baseCredential(), offline);
    expect(outcomes(r, 'context')).toEqual(['pass']);
  });
  it('notes the VC 1.1 context: a warning under the conformance policy (1EdTech: warning)', async () => {
    const c = baseCredential();
    c['@context'][0] = 'https://www.w3.org/2018/credentials/v1';
    const r = await verify(c, offline);
    expect(codes(r, 'context')).toEqual(['context_vc_v1']);
    expect(outcomes(r, 'context')).toEqual(['pass']);
    const strict = await verify(c, { ...offline, policy: 'conformance' });
    expect(codes(strict, 'context')).toEqual(['context_vc_v1']);
    expect(outcomes(strict, 'context')).toEqual(['warn']);
  });
  it('warns on an older OB context version or alias', async () => {
    for (const url of [
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld',
    ]) {
      const c = baseCredential();
      c['@context'][1] = url;
      const r = await verify(c, offline);
      expect(codes(r, 'context')).toEqual(['context_ob_version']);
    }
  });
  it('fails when the OB context is missing or not second', async () => {
    const c = baseCredential();
    c['@context'] = ['https://www.w3.org/ns/credentials/v2'];
    const r = await verify(c, offline);
    expect(codes(r, 'context')).toEqual(['context_ob_missing']);
    expect(r.verdict).toBe('invalid');
    const d = baseCredential();
    d['@context'].reverse();
    expect(codes(await verify(d, offline), 'context')).toEqual([
      'context_vc_missing',
      'context_ob_missing',
    ]);
  });
  it('fails with no @context', async () => {
    const c = baseCredential();
    delete c['@context'];
    expect(codes(await verify(c, offline), 'context')).toEqual(['context_missing']);
  });
});

describe('jsonld', () => {
  it('passes for a credential using only defined terms', async () => {
    expect(outcomes(await verify(baseCredential(), offline), 'jsonld')).toEqual(['pass']);
  });
  it('fails on a term no context defines (safe mode, as 1EdTech)', async () => {
    const c = baseCredential();
    c.favouriteColour = 'blue';
    expect(codes(await verify(c, offline), 'jsonld')).toEqual(['jsonld_undefined_term']);
  });
  it('fails on an unknown context, which is never fetched, and passes once the caller registers it', async () => {
    const c = baseCredential();
    c['@context'].push('https://contexts.example/extra/v1');
    c.extra = 'x';
    const r = await verify(c, { now: NOW, fetch: forbiddenFetch as never });
    expect(codes(r, 'jsonld')).toEqual(['context_unknown']);
    const contexts = {
      'https://contexts.example/extra/v1': {
        '@context': { extra: 'https://contexts.example/vocab#extra' },
      },
    };
    expect(outcomes(await verify(c, { now: NOW, contexts }), 'jsonld')).toEqual(['pass']);
  });
});

describe('type', () => {
  it('passes for OpenBadgeCredential and AchievementCredential', async () => {
    expect(outcomes(await verify(baseCredential(), offline), 'type')).toEqual(['pass']);
    const c = baseCredential();
    c.type = ['VerifiableCredential', 'AchievementCredential'];
    expect(outcomes(await verify(c, offline), 'type')).toEqual(['pass']);
  });
  it('fails without VerifiableCredential or an Open Badges type (profile ob3)', async () => {
    const asBadge = { ...offline, profile: 'ob3' as const };
    const c = baseCredential();
    c.type = ['VerifiableCredential', 'SomethingElse'];
    const r = await verify(c, asBadge);
    expect(r.profile).toBe('ob3');
    expect(codes(r, 'type')).toEqual(['type_not_open_badge']);
    expect(r.verdict).toBe('invalid');
    const d = baseCredential();
    d.type = ['OpenBadgeCredential'];
    expect(codes(await verify(d, offline), 'type')).toEqual(['type_not_vc']);
    const e = baseCredential();
    delete e.type;
    expect(codes(await verify(e, asBadge), 'type')).toEqual(['type_missing']);
  });
  it('without an Open Badges type, the vc profile applies (auto) and reads type as VC DM', async () => {
    const c = baseCredential();
    c.type = ['VerifiableCredential', 'SomethingElse'];
    const r = await verify(c, offline);
    expect(r.profile).toBe('vc');
    expect(r.checks.some((x) => x.id === 'schema' || x.id === 'context')).toBe(false);
    const e = baseCredential();
    delete e.type;
    const r2 = await verify(e, offline);
    expect(r2.profile).toBe('vc');
    expect(codes(r2, 'data_model')).toEqual(['type_missing']);
    expect(r2.verdict).toBe('invalid');
  });
});

describe('subject', () => {
  it('passes for an identified AchievementSubject', async () => {
    expect(outcomes(await verify(baseCredential(), offline), 'subject')).toEqual(['pass']);
  });
  it('accepts an identifier instead of an id', async () => {
    const c = baseCredential();
    delete c.credentialSubject.id;
    c.credentialSubject.identifier = [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: false,
        identityHash: 'a@b.c',
      },
    ];
    expect(outcomes(await verify(c, offline), 'subject')).toEqual(['pass']);
  });
  it('fails when neither id nor identifier identifies the subject', async () => {
    const c = baseCredential();
    delete c.credentialSubject.id;
    expect(codes(await verify(c, offline), 'subject')).toEqual(['subject_unidentified']);
  });
  it('fails on wrong nested types (1EdTech CredentialSubjectProbe)', async () => {
    const c = baseCredential();
    c.credentialSubject.type = ['Other'];
    c.credentialSubject.identifier = [{ type: 'Nope', identityHash: 'x', hashed: false }];
    c.credentialSubject.result = [{ type: ['NotResult'] }];
    c.credentialSubject.source = { id: 'https://x.example', type: ['Thing'] };
    c.credentialSubject.achievement.resultDescription = [{ type: 'X' }];
    c.credentialSubject.achievement.criteria = {};
    expect(codes(await verify(c, offline), 'subject').sort()).toEqual(
      [
        'achievement_criteria',
        'achievement_result_description_type',
        'subject_identifier_type',
        'subject_result_type',
        'subject_source_type',
        'subject_type',
      ].sort(),
    );
  });
  it('fails when a badge has no achievement or no subject', async () => {
    const c = baseCredential();
    delete c.credentialSubject.achievement;
    expect(codes(await verify(c, offline), 'subject')).toEqual(['subject_achievement_missing']);
    const d = baseCredential();
    delete d.credentialSubject;
    expect(codes(await verify(d, offline), 'subject')).toEqual(['subject_missing']);
  });
});

describe('evidence', () => {
  it('is skipped when absent, passes when typed, fails otherwise', async () => {
    expect(codes(await verify(baseCredential(), offline), 'evidence')).toEqual(['evidence_absent']);
    const c = baseCredential();
    c.evidence = [{ type: ['Evidence'], id: 'https://x.example/e' }];
    expect(outcomes(await verify(c, offline), 'evidence')).toEqual(['pass']);
    c.evidence.push({ id: 'https://x.example/f' });
    const r = await verify(c, offline);
    expect(codes(r, 'evidence')).toEqual(['evidence_type']);
    expect(entries(r, 'evidence')[0]?.path).toBe('$.evidence[1]');
  });
});

describe('issuer', () => {
  it('passes for a Profile', async () => {
    expect(outcomes(await verify(baseCredential(), offline), 'issuer')).toContain('pass');
  });
  it('fails for a string issuer, a missing one, and wrong nested types (1EdTech IssuerProbe)', async () => {
    const c = baseCredential();
    c.issuer = 'https://example.com/issuers/876543';
    expect(codes(await verify(c, offline), 'issuer')).toContain('issuer_type');
    const d = baseCredential();
    delete d.issuer;
    expect(codes(await verify(d, offline), 'issuer')).toContain('issuer_missing');
    const e = baseCredential();
    e.issuer.otherIdentifier = [{ type: 'Other', identifier: 'x', identifierType: 'name' }];
    e.issuer.parentOrg = { id: 'https://p.example', type: 'Org' };
    expect(codes(await verify(e, offline), 'issuer')).toEqual(
      expect.arrayContaining(['issuer_other_identifier_type', 'issuer_parent_org_type']),
    );
  });
});

describe('validity', () => {
  it('passes inside the period', async () => {
    const c = baseCredential();
    c.validUntil = '2030-01-01T00:00:00Z';
    expect(outcomes(await verify(c, offline), 'validity')).toEqual(['pass']);
  });
  it('fails when expired or not yet valid (VC 2.0 and VC 1.1 names), using the injected clock', async () => {
    const c = baseCredential();
    c.validUntil = '2025-05-31T23:59:59Z';
    expect(codes(await verify(c, offline), 'validity')).toEqual(['expired']);
    expect(
      outcomes(await verify(c, { now: new Date('2025-05-01T00:00:00Z') }), 'validity'),
    ).toEqual(['pass']);
    const d = baseCredential();
    d.validFrom = '2025-06-02T00:00:00Z';
    expect(codes(await verify(d, offline), 'validity')).toEqual(['not_yet_valid']);
    const e = baseCredential();
    delete e.validFrom;
    e.issuanceDate = '2026-01-01T00:00:00Z';
    e.expirationDate = '2020-01-01T00:00:00Z';
    expect(codes(await verify(e, offline), 'validity').sort()).toEqual([
      'expired',
      'not_yet_valid',
    ]);
  });
  it('fails on an unreadable date', async () => {
    const c = baseCredential();
    c.validFrom = 'yesterday';
    expect(codes(await verify(c, offline), 'validity')).toEqual(['date_invalid']);
  });
});

describe('recipient', () => {
  const hashed = (identity: string, salt: string) =>
    `sha256$${createHash('sha256')
      .update(identity + salt)
      .digest('hex')}`;

  it('is skipped when no identity is given', async () => {
    expect(codes(await verify(baseCredential(), offline), 'recipient')).toEqual([
      'recipient_not_requested',
    ]);
  });
  it('matches credentialSubject.id', async () => {
    const r = await verify(baseCredential(), {
      ...offline,
      recipient: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    });
    expect(outcomes(r, 'recipient')).toEqual(['pass']);
  });
  it('matches a salted sha256 identityHash of the right type, and rejects others', async () => {
    const c = baseCredential();
    c.credentialSubject.identifier = [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        identityHash: hashed('learner@example.com', 'pepper'),
        salt: 'pepper',
      },
    ];
    const ok = await verify(c, {
      ...offline,
      recipient: { identity: 'learner@example.com', type: 'emailAddress' },
    });
    expect(outcomes(ok, 'recipient')).toEqual(['pass']);
    const wrongType = await verify(c, {
      ...offline,
      recipient: { identity: 'learner@example.com', type: 'phone' },
    });
    expect(codes(wrongType, 'recipient')).toEqual(['recipient_mismatch']);
    const wrong = await verify(c, { ...offline, recipient: 'other@example.com' });
    expect(codes(wrong, 'recipient')).toEqual(['recipient_mismatch']);
    expect(wrong.verdict).toBe('invalid');
  });
  it('matches an md5 hash and an unhashed identifier', async () => {
    const c = baseCredential();
    c.credentialSubject.identifier = [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        identityHash: `md5$${createHash('md5').update('a@example.com').digest('hex').toUpperCase()}`,
      },
      { type: 'IdentityObject', identityType: 'studentId', hashed: false, identityHash: 'S-42' },
    ];
    expect(
      outcomes(await verify(c, { ...offline, recipient: 'a@example.com' }), 'recipient'),
    ).toEqual(['pass']);
    expect(
      outcomes(
        await verify(c, { ...offline, recipient: { identity: 'S-42', type: 'studentId' } }),
        'recipient',
      ),
    ).toEqual(['pass']);
  });
});

describe('refresh', () => {
  it('is skipped when absent', async () => {
    expect(codes(await verify(baseCredential(), offline), 'refresh')).toEqual(['refresh_absent']);
  });
  it('is not followed before a proof verified (an unsigned credential), even with fetch', async () => {
    const c = baseCredential();
    c.refreshService = { id: 'https://issuer.example/refresh/1', type: '1EdTechCredentialRefresh' };
    const r = await verify(c, { now: NOW, fetch: forbiddenFetch as never });
    expect(codes(r, 'refresh')).toEqual(['refresh_proof_not_verified']);
  });
  it('ignores refresh services of other types', async () => {
    const c = baseCredential();
    c.refreshService = { id: 'https://issuer.example/refresh/1', type: 'ManualRefreshService2018' };
    expect(codes(await verify(c, offline), 'refresh')).toEqual(['refresh_type_unsupported']);
  });
});

describe('endorsements', () => {
  it('are found on the credential, issuer and achievement and verified into nested reports', async () => {
    const c = baseCredential();
    c.endorsement = [baseEndorsement('urn:uuid:00000000-0000-4000-8000-000000000001')];
    c.issuer.endorsement = [baseEndorsement('urn:uuid:00000000-0000-4000-8000-000000000002')];
    c.credentialSubject.achievement.endorsement = [
      baseEndorsement('urn:uuid:00000000-0000-4000-8000-000000000003'),
    ];
    const r = await verify(c, offline);
    expect(r.endorsements).toHaveLength(3);
    for (const e of r.endorsements ?? []) {
      expect(outcomes(e, 'type')).toEqual(['pass']);
      expect(outcomes(e, 'subject')).toEqual(['pass']);
      expect(entries(e, 'recipient')).toEqual([]);
    }
  });
  it('an invalid endorsement fails the endorsement check of its parent', async () => {
    const c = baseCredential();
    const bad = baseEndorsement();
    bad.validUntil = '2020-01-01T00:00:00Z';
    c.endorsement = [bad];
    const r = await verify(c, offline);
    expect(r.endorsements?.[0]?.verdict).toBe('invalid');
    expect(codes(r.endorsements![0]!, 'validity')).toEqual(['expired']);
    expect(codes(r, 'endorsement')).toEqual(['endorsement_invalid']);
    expect(entries(r, 'endorsement')[0]?.path).toBe('$.endorsement[0]');
    expect(r.verdict).toBe('invalid');
  });
  it('an endorsement must be an EndorsementCredential', async () => {
    const c = baseCredential();
    const notAnEndorsement = baseCredential();
    notAnEndorsement.id = 'urn:uuid:00000000-0000-4000-8000-0000000000f2';
    c.endorsement = [notAnEndorsement];
    const r = await verify(c, offline);
    expect(codes(r.endorsements![0]!, 'type')).toEqual(['type_not_endorsement']);
  });
  it('stops at maxEndorsementDepth', async () => {
    const inner = baseEndorsement('urn:uuid:00000000-0000-4000-8000-0000000000b2');
    const outer = baseEndorsement('urn:uuid:00000000-0000-4000-8000-0000000000b1');
    outer.issuer.endorsement = [inner];
    const c = baseCredential();
    c.endorsement = [outer];
    const r1 = await verify(c, { ...offline, maxEndorsementDepth: 1 });
    expect(codes(r1.endorsements![0]!, 'endorsement')).toEqual(['endorsement_depth_exceeded']);
    const r2 = await verify(c, offline);
    expect(r2.endorsements![0]!.endorsements).toHaveLength(1);
  });
  // An id is a claim, not an identity: an endorsement reusing an id is never skipped as a
  // "cycle". Embedded in the credential that has its id, it is one node with it in the graph
  // (its issuer, dates and subject become the credential's): that credential is refused.
  it('an endorsement that reuses the id of the credential it sits in is refused, never skipped', async () => {
    const selfish = baseEndorsement('urn:uuid:00000000-0000-4000-8000-0000000000c1');
    selfish.endorsement = [baseEndorsement('urn:uuid:00000000-0000-4000-8000-0000000000c1')];
    const d = baseCredential();
    d.endorsement = [selfish];
    const r = await verify(d, offline);
    const nested = r.endorsements![0]!;
    expect(codes(nested, 'jsonld')).toEqual(['jsonld_not_compact']);
    expect(entries(nested, 'jsonld')[0]?.path).toBe('$.endorsement[0]');
    // The inner one is verified too (it is a well-formed endorsement on its own).
    expect(nested.endorsements).toHaveLength(1);
    expect(codes(r, 'endorsement')).toEqual(['endorsement_invalid']);
    expect(r.verdict).toBe('invalid');
  });
  it('a top-level credential embedding an endorsement with its own id is refused', async () => {
    const c = baseEndorsement('urn:uuid:00000000-0000-4000-8000-0000000000f1');
    c.endorsement = [baseEndorsement('urn:uuid:00000000-0000-4000-8000-0000000000f1')];
    const r = await verify(c, offline);
    expect(codes(r, 'jsonld')).toEqual(['jsonld_not_compact']);
    expect(r.endorsements).toHaveLength(1);
    expect(r.verdict).toBe('invalid');
  });
  it('the same endorsement embedded twice is verified twice (no id-based skipping)', async () => {
    const c = baseCredential();
    const e = baseEndorsement('urn:uuid:00000000-0000-4000-8000-0000000000d1');
    c.endorsement = [e];
    c.issuer.endorsement = [structuredClone(e)];
    const r = await verify(c, offline);
    expect(r.endorsements).toHaveLength(2);
  });
  it('respects limits.maxEndorsements across nesting levels', async () => {
    const c = baseCredential();
    c.endorsement = [1, 2, 3].map((i) =>
      baseEndorsement(`urn:uuid:00000000-0000-4000-8000-00000000000${i}`),
    );
    const r = await verify(c, { ...offline, limits: { maxEndorsements: 2 } });
    expect(r.endorsements).toHaveLength(2);
    expect(codes(r, 'endorsement')).toContain('endorsement_limit');
  });
  it('is skipped when there are none', async () => {
    expect(codes(await verify(baseCredential(), offline), 'endorsement')).toEqual([
      'endorsement_absent',
    ]);
  });
});

describe('parse and input formats', () => {
  it('accepts JSON text and JSON bytes', async () => {
    const text = JSON.stringify(baseCredential());
    const r1 = await verify(text, offline);
    expect(r1.format).toBe('json');
    expect(outcomes(r1, 'parse')).toEqual(['pass']);
    const r2 = await verify(new TextEncoder().encode(text), offline);
    expect(r2.format).toBe('json');
    expect(r2.credential).toEqual(baseCredential());
  });
  it('fails on malformed JSON, unknown text and oversized input', async () => {
    expect(codes(await verify('{ not json', offline), 'parse')).toEqual(['json_invalid']);
    expect(codes(await verify('hello', offline), 'parse')).toEqual(['format_unknown']);
    const big = JSON.stringify(baseCredential());
    expect(
      codes(await verify(big, { ...offline, limits: { maxInputBytes: 10 } }), 'parse'),
    ).toEqual(['input_too_large']);
    const r = await verify('[1,2]', offline);
    expect(r.verdict).toBe('invalid');
  });
  it('rejects hostile nesting without crashing', async () => {
    let deep: Loose = {};
    for (let i = 0; i < 500; i++) deep = { a: deep };
    const c = baseCredential();
    c.credentialSubject.deep = deep;
    expect(codes(await verify(c, offline), 'parse')).toEqual(['input_too_deep']);
  });
  it('throws TypeError on API misuse', async () => {
    await expect(verify(42 as never)).rejects.toThrow(TypeError);
    await expect(verify(null as never)).rejects.toThrow(TypeError);
    await expect(verify(baseCredential(), { now: 'today' as never })).rejects.toThrow(TypeError);
    await expect(verify(baseCredential(), { fetch: 'x' as never })).rejects.toThrow(TypeError);
    await expect(verify(baseCredential(), { resolvers: { web: 1 } as never })).rejects.toThrow(
      TypeError,
    );
    await expect(verify(baseCredential(), { recipient: 7 as never })).rejects.toThrow(TypeError);
    await expect(verify(baseCredential(), { limits: { maxInputBytes: -1 } })).rejects.toThrow(
      TypeError,
    );
    await expect(verify(baseCredential(), { maxEndorsementDepth: 1.5 })).rejects.toThrow(TypeError);
    await expect(verifyCredential('{}' as never)).rejects.toThrow(TypeError);
  });
  it('turns an unexpected exception inside a check into internal_error, never a throw', async () => {
    const c = baseCredential();
    Object.defineProperty(c, 'evidence', {
      enumerable: false,
      get() {
        throw new Error('boom');
      },
    });
    const r = await verify(c, offline);
    expect(codes(r, 'evidence')).toEqual(['internal_error']);
    expect(entries(r, 'evidence')[0]?.message).toContain('boom');
    expect(r.verdict).toBe('invalid');
  });
});

describe('formatReport', () => {
  it('renders every check and nested endorsements as plain text', async () => {
    const c = baseCredential();
    c.endorsement = [baseEndorsement()];
    const r = await verify(c, offline);
    const text = formatReport(r);
    expect(text).toMatch(/^Verdict: (VALID|WARNING|INVALID) \(policy: default, format: json\)/);
    for (const check of r.checks) expect(text).toContain(check.id);
    expect(text).toContain('Endorsement 1:');
    // What an employer reads first: the achievement, recipient, issuer and dates, then the answers.
    expect(text).toContain('Achievement:  Teamwork: Collaboration within a group.');
    expect(text).toContain('Criteria:     Nominated by peers.');
    expect(text).toContain('Recipient:    <did:example:ebfeb1f712ebc6f1c276e12ec21>');
    expect(text).toContain('Issuer:       Example Corp <https://example.com/issuers/876543>');
    expect(text).toContain('Issued:       2010-01-01T00:00:00Z');
    expect(text).toContain('Valid until:  no end date');
    expect(text).toMatch(/Authentic: +NO: The document has no "proof"/);
    expect(text.indexOf('Authentic:')).toBeLessThan(text.indexOf('[PASS] parse'));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting no ANSI colour codes
    expect(text).not.toMatch(/\u001b\[/);
    expect(() => formatReport({} as never)).toThrow(TypeError);
  });
});
