/** The VC Data Model validator: one rule at a time (2.0 and 1.1), and any input in bounded time. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertValidVerifiableCredential,
  assertValidVerifiablePresentation,
  isAbsoluteUrl,
  validateVerifiableCredential,
  validateVerifiablePresentation,
} from '../../src/model/index.js';
import { fuzzRuns } from '../hostile/helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: test documents are arbitrary JSON
type Json = any;

const V2 = 'https://www.w3.org/ns/credentials/v2';
const V1 = 'https://www.w3.org/2018/credentials/v1';

function vc2(): Json {
  return {
    '@context': [V2],
    id: 'urn:uuid:4f1c7f2e-0b7a-4b53-9a8e-6a2b0c1d2e3f',
    type: ['VerifiableCredential'],
    issuer: 'did:example:issuer',
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:subject', name: 'Alice' },
  };
}

function vc1(): Json {
  const { validFrom: _v, ...rest } = vc2();
  return { ...rest, '@context': [V1], issuanceDate: '2024-01-01T00:00:00Z' };
}

const issues = (doc: Json, options?: Json) =>
  validateVerifiableCredential(doc, options).issues.map((i) => [i.code, i.path]);

describe('validateVerifiableCredential', () => {
  it('accepts a minimal VC 2.0 and VC 1.1 credential', () => {
    expect(validateVerifiableCredential(vc2())).toEqual({ ok: true, issues: [], version: '2.0' });
    expect(validateVerifiableCredential(vc1())).toEqual({ ok: true, issues: [], version: '1.1' });
  });

  it('contexts: present, the base context first, then URLs or objects', () => {
    const c = vc2();
    delete c['@context'];
    expect(issues(c)).toEqual([['context_missing', '$']]);
    expect(issues({ ...vc2(), '@context': ['https://example.org/ctx', V2] })).toEqual([
      ['context_vc_missing', '$["@context"][0]'],
      ['context_invalid', '$["@context"][1]'],
    ]);
    expect(issues({ ...vc2(), '@context': [V2, 42, 'not a url', { a: 'https://x/a' }] })).toEqual([
      ['context_invalid', '$["@context"][1]'],
      ['context_invalid', '$["@context"][2]'],
    ]);
    expect(issues({ ...vc2(), '@context': V2 })).toEqual([]);
    expect(issues({ ...vc2(), '@context': {} })).toEqual([['context_invalid', '$["@context"]']]);
    const r = validateVerifiableCredential({ ...vc2(), '@context': [V2, V1] });
    expect(r.issues[0]?.message).toBe(
      `${V1} may only be the first @context entry (VC 1.1 and 2.0 contexts do not mix)`,
    );
  });

  it('type: VerifiableCredential included, terms and absolute URLs only', () => {
    expect(issues({ ...vc2(), type: 'VerifiableCredential' })).toEqual([]);
    expect(issues({ ...vc2(), type: ['X'] })).toEqual([['type_not_vc', '$.type']]);
    expect(issues({ ...vc2(), type: [] })).toEqual([['type_invalid', '$.type']]);
    expect(issues({ ...vc2(), type: ['VerifiableCredential', 'https ://x', 7] })).toEqual([
      ['type_invalid', '$.type[1]'],
      ['type_invalid', '$.type[2]'],
    ]);
    const { type: _t, ...noType } = vc2();
    expect(validateVerifiableCredential(noType).issues).toEqual([
      { code: 'type_missing', path: '$', message: 'The document must have a type' },
    ]);
  });

  it('identifiers: one URL', () => {
    for (const id of [null, ['urn:a', 'urn:b'], 'no-scheme', 'https ://x', '', 5]) {
      expect(issues({ ...vc2(), id })).toEqual([['id_invalid', '$.id']]);
    }
    for (const id of ['urn:uuid:1', 'did:example:1', 'https://example.org/c/1']) {
      expect(issues({ ...vc2(), id })).toEqual([]);
    }
  });

  it('issuer: a URL, or an object with an id URL', () => {
    const { issuer: _i, ...none } = vc2();
    expect(issues(none)).toEqual([['issuer_missing', '$']]);
    expect(issues({ ...vc2(), issuer: null })).toEqual([['issuer_invalid', '$.issuer']]);
    expect(issues({ ...vc2(), issuer: 'fake-issuer' })).toEqual([['issuer_invalid', '$.issuer']]);
    expect(issues({ ...vc2(), issuer: { name: 'x' } })).toEqual([
      ['issuer_id_missing', '$.issuer'],
    ]);
    expect(issues({ ...vc2(), issuer: { '@id': 'did:example:i' } })).toEqual([
      ['issuer_id_missing', '$.issuer'],
    ]);
    expect(issues({ ...vc2(), issuer: { id: 'did:example:i', name: 'x' } })).toEqual([]);
    expect(validateVerifiableCredential({ ...vc2(), issuer: { id: null } }).issues).toEqual([
      {
        code: 'issuer_invalid',
        path: '$.issuer.id',
        message: 'issuer.id must be a single URL, found null',
      },
    ]);
  });

  it('credentialSubject: objects, each with a claim', () => {
    const { credentialSubject: _s, ...none } = vc2();
    expect(issues(none)).toEqual([['subject_missing', '$']]);
    expect(issues({ ...vc2(), credentialSubject: [] })).toEqual([
      ['subject_missing', '$.credentialSubject'],
    ]);
    expect(issues({ ...vc2(), credentialSubject: 'did:example:s' })).toEqual([
      ['subject_not_object', '$.credentialSubject'],
    ]);
    expect(issues({ ...vc2(), credentialSubject: [{ name: 'A' }, {}] })).toEqual([
      ['subject_empty', '$.credentialSubject[1]'],
    ]);
    expect(issues({ ...vc2(), credentialSubject: { id: ['did:a:1', 'did:a:2'] } })).toEqual([
      ['id_invalid', '$.credentialSubject.id'],
    ]);
  });

  it('dates: dateTimeStamp with a time zone, the end not before the start', () => {
    for (const bad of [
      '2024-01-01',
      '2024-01-01T00:00:00',
      'Sun, 26 Feb 2023 01:22:14 +0000',
      '2024-02-30T00:00:00Z',
      '2024-01-01T25:00:00Z',
      20240101,
    ]) {
      expect(issues({ ...vc2(), validFrom: bad })).toEqual([['date_invalid', '$.validFrom']]);
    }
    expect(issues({ ...vc2(), validUntil: '2023-12-31T23:59:59Z' })).toEqual([
      ['validity_inverted', '$.validUntil'],
    ]);
    expect(issues({ ...vc2(), validUntil: '2024-01-01T00:00:00Z' })).toEqual([]);
    // The same instant in another time zone form is not before it.
    expect(issues({ ...vc2(), validUntil: '2024-01-01T00:00:00+00:00' })).toEqual([]);
    expect(issues({ ...vc2(), validUntil: '2024-01-01T00:59:59+01:00' })).toEqual([
      ['validity_inverted', '$.validUntil'],
    ]);
    expect(issues({ ...vc2(), validFrom: '2024-01-01T09:00:00.123+09:00' })).toEqual([]);
    expect(
      validateVerifiableCredential({ ...vc2(), issuanceDate: vc2().validFrom }).issues,
    ).toEqual([
      {
        code: 'date_property_version',
        path: '$.issuanceDate',
        message: 'issuanceDate belongs to VC 1.1; a VC 2.0 credential states it as validFrom',
      },
    ]);
  });

  it('VC 1.1: issuanceDate required; expirationDate after it; status and refresh need an id', () => {
    const { issuanceDate: _d, ...none } = vc1();
    expect(issues(none)).toEqual([['issuance_date_missing', '$']]);
    expect(issues({ ...vc1(), expirationDate: '2020-01-01T00:00:00Z' })).toEqual([
      ['validity_inverted', '$.expirationDate'],
    ]);
    expect(issues({ ...vc1(), validFrom: '2024-01-01T00:00:00Z' })).toEqual([
      ['date_property_version', '$.validFrom'],
    ]);
    expect(issues({ ...vc1(), credentialStatus: { type: 'X' } })).toEqual([
      ['entry_id_missing', '$.credentialStatus'],
    ]);
    expect(issues({ ...vc2(), credentialStatus: { type: 'X' } })).toEqual([]);
    expect(issues(vc2(), { version: '1.1' })).toContainEqual([
      'context_vc_missing',
      '$["@context"][0]',
    ]);
  });

  it('credentialStatus, credentialSchema, refreshService, termsOfUse and evidence have a type', () => {
    for (const name of [
      'credentialStatus',
      'credentialSchema',
      'refreshService',
      'termsOfUse',
      'evidence',
    ]) {
      const entry = name === 'credentialSchema' ? { id: 'https://x/s.json' } : {};
      expect(issues({ ...vc2(), [name]: [entry] })).toEqual([
        ['entry_type_missing', `$.${name}[0]`],
      ]);
      expect(issues({ ...vc2(), [name]: 'https://x/y' })).toEqual([['entry_invalid', `$.${name}`]]);
    }
    expect(issues({ ...vc2(), credentialSchema: { type: 'JsonSchema' } })).toEqual([
      ['entry_id_missing', '$.credentialSchema'],
    ]);
    expect(issues({ ...vc2(), evidence: { type: 'Evidence', id: 'nope' } })).toEqual([
      ['id_invalid', '$.evidence.id'],
    ]);
  });

  it('name and description: strings or language value objects; @direction ltr or rtl', () => {
    const ok = [
      'plain',
      { '@value': 'x', '@language': 'en' },
      { '@value': 'x', '@language': 'ar', '@direction': 'rtl' },
      [
        { '@value': 'Dog', '@language': 'en' },
        { '@value': 'Chien', '@language': 'fr' },
      ],
    ];
    for (const name of ok) expect(issues({ ...vc2(), name })).toEqual([]);
    expect(
      validateVerifiableCredential({ ...vc2(), description: { '@value': 'x', url: 'u' } }).issues,
    ).toEqual([
      {
        code: 'language_value_invalid',
        path: '$.description',
        message:
          'description must be a string or a language value object ({ "@value", "@language", "@direction" }); found the extra member(s) url',
      },
      {
        code: 'value_object_invalid',
        path: '$.description',
        message:
          'A value object holds only @value, @language, @direction, @type and @index; found url',
      },
    ]);
    expect(issues({ ...vc2(), name: 42 })).toEqual([['language_value_invalid', '$.name']]);
    expect(issues({ ...vc2(), name: { '@value': 'x', '@direction': 'auto' } })).toEqual([
      ['direction_invalid', '$.name.@direction'],
    ]);
    expect(issues({ ...vc2(), name: { '@value': 'x', '@language': 'not a tag' } })).toEqual([
      ['language_invalid', '$.name.@language'],
    ]);
    // Anywhere in the document, not only name and description.
    const deep = vc2();
    deep.credentialSubject.motto = { '@value': 5, '@direction': 'rtl' };
    expect(issues(deep)).toEqual([['direction_invalid', '$.credentialSubject.motto']]);
  });

  it('relatedResource: objects with a unique URL id and a well-formed digest', () => {
    const sri = `sha384-${'A'.repeat(64)}`;
    const good = { id: 'https://example.org/a.png', digestSRI: sri, mediaType: 'image/png' };
    expect(issues({ ...vc2(), relatedResource: [good] })).toEqual([]);
    expect(issues({ ...vc2(), relatedResource: ['https://example.org/a.png'] })).toEqual([
      ['related_resource_invalid', '$.relatedResource[0]'],
    ]);
    expect(issues({ ...vc2(), relatedResource: [{ digestSRI: sri }] })).toEqual([
      ['related_resource_id_missing', '$.relatedResource[0]'],
    ]);
    expect(
      issues({
        ...vc2(),
        relatedResource: [good, { ...good, digestSRI: undefined, digestMultibase: 'uAAAA' }],
      }),
    ).toEqual([['related_resource_duplicate', '$.relatedResource[1].id']]);
    expect(issues({ ...vc2(), relatedResource: { id: good.id } })).toEqual([
      ['related_resource_digest_missing', '$.relatedResource'],
    ]);
    expect(
      issues({
        ...vc2(),
        relatedResource: {
          id: good.id,
          digestSRI: 'sha1-AAAA',
          digestMultibase: 'mAAAA',
          mediaType: 'png',
        },
      }),
    ).toEqual([
      ['digest_sri_invalid', '$.relatedResource.digestSRI'],
      ['digest_multibase_invalid', '$.relatedResource.digestMultibase'],
      ['media_type_invalid', '$.relatedResource.mediaType'],
    ]);
    // A digest of the wrong length for its algorithm.
    expect(
      issues({ ...vc2(), relatedResource: { id: good.id, digestSRI: 'sha256-AAAA' } }),
    ).toEqual([['digest_sri_invalid', '$.relatedResource.digestSRI']]);
  });

  it('URLs: a scheme, no white space or control characters, parseable', () => {
    for (const ok of ['https://a.example/x', 'did:key:z6Mk', 'urn:uuid:1234', 'data:,x']) {
      expect(isAbsoluteUrl(ok)).toBe(true);
    }
    for (const bad of [
      'https ://a',
      ' https://a',
      'https://a\n',
      'https://a.example/\u0001',
      'did:example:\u007f',
      'fake',
      '',
      7,
      null,
      'a b:c',
    ]) {
      expect(isAbsoluteUrl(bad)).toBe(false);
    }
    expect(issues({ ...vc2(), issuer: 'did:example:\u0000issuer' })).toEqual([
      ['issuer_invalid', '$.issuer'],
    ]);
  });

  it('a proof already there must be an object with a type', () => {
    expect(issues({ ...vc2(), proof: { proofValue: 'z1' } })).toEqual([
      ['proof_type_missing', '$.proof'],
    ]);
    expect(issues({ ...vc2(), proof: [{ type: 'DataIntegrityProof' }, 'x'] })).toEqual([
      ['proof_invalid', '$.proof[1]'],
    ]);
  });

  it('reports every issue at once', () => {
    const r = validateVerifiableCredential({
      '@context': [V2],
      type: ['VerifiableCredential'],
      issuer: null,
      validFrom: 'Sun, 26 Feb 2023 01:22:14 +0000',
      credentialSubject: {},
      credentialStatus: { id: 'https://example.org/s#1' },
      evidence: {},
    });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual([
      'issuer_invalid',
      'subject_empty',
      'date_invalid',
      'entry_type_missing',
      'entry_type_missing',
    ]);
  });

  it('assertValidVerifiableCredential throws ERR_CREDENTIAL_INVALID with the issues', () => {
    expect(() => assertValidVerifiableCredential(vc2())).not.toThrow();
    try {
      assertValidVerifiableCredential({ ...vc2(), issuer: 'x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        name: 'ValidationError',
        code: 'ERR_CREDENTIAL_INVALID',
        issues: [{ code: 'issuer_invalid', path: '$.issuer' }],
        message: 'The credential is not valid (1 issue): $.issuer: issuer must be a URL, found "x"',
      });
    }
  });

  it('misuse throws TypeError; a non-object is an issue', () => {
    expect(() => validateVerifiableCredential(vc2(), { version: '3' as never })).toThrow(TypeError);
    expect(validateVerifiableCredential('x').issues).toEqual([
      { code: 'not_object', path: '$', message: 'A credential must be a JSON object, found "x"' },
    ]);
  });

  it('a document too deep or too large is one issue, checked in bounded time', () => {
    let deep: Json = { name: 'x' };
    for (let i = 0; i < 200; i++) deep = { a: deep };
    expect(issues({ ...vc2(), credentialSubject: deep })).toEqual([['input_too_deep', '$']]);
    const wide = { ...vc2(), credentialSubject: { list: new Array(5000).fill(1) } };
    expect(issues(wide)).toEqual([['input_too_large', '$']]);
  });

  it('never throws for any JSON value, and every issue is located', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              '@context': fc.jsonValue(),
              type: fc.jsonValue(),
              issuer: fc.jsonValue(),
              credentialSubject: fc.jsonValue(),
              validFrom: fc.jsonValue(),
              name: fc.jsonValue(),
              relatedResource: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        ),
        (doc) => {
          const r = validateVerifiableCredential(doc);
          expect(r.ok).toBe(r.issues.length === 0);
          for (const i of r.issues) {
            expect(i.path.startsWith('$')).toBe(true);
            expect(i.code).toMatch(/^[a-z_]+$/);
            expect(i.message.length).toBeGreaterThan(0);
          }
          const p = validateVerifiablePresentation(doc);
          expect(p.ok).toBe(p.issues.length === 0);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });
});

describe('validateVerifiablePresentation', () => {
  const vp = (extra: Json = {}): Json => ({
    '@context': [V2],
    type: ['VerifiablePresentation'],
    ...extra,
  });

  it('accepts credentials, enveloped credentials, and a holder', () => {
    const enveloped = {
      '@context': V2,
      type: 'EnvelopedVerifiableCredential',
      id: 'data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln',
    };
    expect(
      validateVerifiablePresentation(
        vp({ holder: 'did:example:h', verifiableCredential: [vc2(), enveloped] }),
      ),
    ).toEqual({ ok: true, issues: [], version: '2.0' });
  });

  it('refuses a JWT string in VC 2.0 (allowed in VC 1.1) and locates nested issues', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln';
    expect(
      validateVerifiablePresentation(vp({ verifiableCredential: [jwt] })).issues.map((i) => i.code),
    ).toEqual(['presentation_credential_invalid']);
    expect(
      validateVerifiablePresentation({
        '@context': [V1],
        type: ['VerifiablePresentation'],
        verifiableCredential: [jwt],
      }).ok,
    ).toBe(true);
    const bad = vc2();
    bad.issuer = 'nope';
    expect(
      validateVerifiablePresentation(vp({ verifiableCredential: bad })).issues.map((i) => [
        i.code,
        i.path,
      ]),
    ).toEqual([['issuer_invalid', '$.verifiableCredential.issuer']]);
  });

  it('credentials: false leaves the embedded credentials to their own checks, not their form', () => {
    const bad = vc2();
    bad.issuer = 'not a url';
    const doc = vp({ verifiableCredential: [bad, 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln'] });
    expect(validateVerifiablePresentation(doc).issues.map((i) => [i.code, i.path])).toEqual([
      ['issuer_invalid', '$.verifiableCredential[0].issuer'],
      ['presentation_credential_invalid', '$.verifiableCredential[1]'],
    ]);
    expect(
      validateVerifiablePresentation(doc, { credentials: false }).issues.map((i) => [
        i.code,
        i.path,
      ]),
    ).toEqual([['presentation_credential_invalid', '$.verifiableCredential[1]']]);
    expect(() => validateVerifiablePresentation(doc, { credentials: 'no' as never })).toThrow(
      TypeError,
    );
  });

  it('termsOfUse of the holder: objects, each with a type', () => {
    expect(
      validateVerifiablePresentation(vp({ termsOfUse: { type: 'HolderPolicy' } })).issues,
    ).toEqual([]);
    expect(
      validateVerifiablePresentation(
        vp({ termsOfUse: [{ id: 'https://example.org/tou/1' }, 'x'] }),
      ).issues.map((i) => [i.code, i.path]),
    ).toEqual([
      ['entry_type_missing', '$.termsOfUse[0]'],
      ['entry_invalid', '$.termsOfUse[1]'],
    ]);
  });

  it('holder: a URL or an object with an id URL; assert throws ERR_PRESENTATION_INVALID', () => {
    expect(() => assertValidVerifiablePresentation(vp({ holder: { name: 'Acme' } }))).toThrow(
      expect.objectContaining({
        code: 'ERR_PRESENTATION_INVALID',
        issues: [
          {
            code: 'holder_id_missing',
            path: '$.holder',
            message: 'holder must have an id (a URL that identifies it)',
          },
        ],
      }),
    );
  });
});
