/**
 * Hosted Open Badges 2.0 verification, on the 2.0 specification's own examples (fixtures/ob2/spec)
 * with the outcomes the specification states, and on the ways a hosted badge goes wrong.
 */
import { describe, expect, it } from 'vitest';
import { verifyOb2 } from '../../src/ob2/index.js';
import { verify } from '../../src/verify/index.js';
import {
  codes,
  expectWellFormed,
  failCodes,
  fakeFetch,
  fixture,
  type Loose,
  outcomes,
  specDocuments,
} from './helpers.js';

const ASSERTION_URL = 'https://example.org/beths-robotics-badge.json';
/** Between the example's issuedOn (2016-12-31) and expires (2017-06-30). */
const IN_2017 = new Date('2017-01-15T00:00:00Z');

function hostedDocs(
  assertion: Loose = fixture('spec/assertion-hosted.json'),
): Record<string, Loose> {
  return { ...specDocuments(), [assertion.id]: assertion };
}

describe('the specification examples, with the outcomes it states', () => {
  it('Assertion + BadgeClass + Issuer examples: valid while unexpired, through fetch', async () => {
    const { fetch, requested } = fakeFetch(hostedDocs());
    const report = await verify(fixture('spec/assertion-hosted.json'), { fetch, now: IN_2017 });
    expectWellFormed(report);
    expect(report.verdict).toBe('valid');
    expect(codes(report, 'proof')).toEqual(['ob2_hosted']);
    expect(outcomes(report, 'issuer')).toEqual(['pass']);
    expect(report.ob2?.verificationType).toBe('hosted');
    expect(report.ob2?.badgeClass?.name).toBe('Awesome Robotics Badge');
    expect(report.ob2?.issuer?.id).toBe('https://example.org/organization.json');
    // The assertion at its id, its BadgeClass, its issuer: nothing else.
    expect(requested.sort()).toEqual(
      [
        ASSERTION_URL,
        'https://example.org/organization.json',
        'https://example.org/robotics-badge.json',
      ].sort(),
    );
  });

  it('the same assertion after its expires date is expired', async () => {
    const report = await verify(fixture('spec/assertion-hosted.json'), {
      documents: hostedDocs(),
      now: new Date('2018-01-01T00:00:00Z'),
    });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toEqual(['expired']);
  });

  it('the Linked Data example (embedded BadgeClass and issuer) verifies against the hosted copies', async () => {
    const embedded = fixture('spec/assertion-embedded.json');
    const report = await verify(embedded, { documents: hostedDocs(embedded), now: IN_2017 });
    expect(report.verdict).toBe('valid');
    // The embedded issuer's email differs from the published Profile, which is the one used.
    expect(report.ob2?.issuer?.email).toBe('contact@example.org');
  });

  it('the introduction example: embedded issuer with allowedOrigins, plaintext email recipient', async () => {
    const intro = fixture('spec/assertion-intro.json');
    const issuer = {
      '@context': 'https://w3id.org/openbadges/v2',
      ...intro.badge.issuer,
    };
    const documents = { [intro.id]: intro, [issuer.id]: issuer };
    const report = await verify(intro, { documents, recipient: 'alice@example.org', now: IN_2017 });
    expectWellFormed(report);
    expect(report.verdict).toBe('valid');
    expect(outcomes(report, 'recipient')).toEqual(['pass']);
    const other = await verify(intro, { documents, recipient: 'bob@example.org', now: IN_2017 });
    expect(failCodes(other)).toEqual(['recipient_mismatch']);
  });

  it('the revoked hosted assertion example: HTTP 410 Gone, or a body with revoked true', async () => {
    const gone = fakeFetch({
      ...specDocuments(),
      [ASSERTION_URL]: () =>
        new Response(JSON.stringify(fixture('spec/revoked-hosted.json')), { status: 410 }),
    });
    const r410 = await verify(fixture('spec/assertion-hosted.json'), {
      fetch: gone.fetch,
      now: IN_2017,
    });
    expect(r410.verdict).toBe('invalid');
    expect(codes(r410, 'status')).toEqual(['ob2_revoked']);
    expect(codes(r410, 'proof')).toEqual(['ob2_hosted_gone']);
    const body = await verify(ASSERTION_URL, {
      documents: { [ASSERTION_URL]: fixture('spec/revoked-hosted.json') },
      now: IN_2017,
    });
    expect(body.verdict).toBe('invalid');
    expect(body.format).toBe('url');
    const status = body.checks.find((c) => c.id === 'status');
    expect(status?.code).toBe('ob2_revoked');
    expect(status?.message).toContain('three stacked children in a trenchcoat');
  });
});

describe('hosted verification', () => {
  it('offline, nothing is fetched and the hosted checks are warnings, never passes', async () => {
    const report = await verify(fixture('spec/assertion-hosted.json'), { now: IN_2017 });
    expectWellFormed(report);
    expect(report.verdict).toBe('warning');
    expect(codes(report, 'proof')).toEqual(['ob2_hosted_unchecked_offline']);
    expect(outcomes(report, 'proof')).toEqual(['warn']);
    expect(outcomes(report, 'status')).toEqual(['warn']);
    expect(
      report.checks.some(
        (c) => ['proof', 'issuer', 'status'].includes(c.id) && c.outcome === 'pass',
      ),
    ).toBe(false);
    // A bare URL offline: nothing can be read.
    const url = await verify(ASSERTION_URL);
    expect(url.format).toBe('url');
    expect(codes(url, 'proof')).toEqual(['ob2_hosted_unchecked_offline']);
    expect(url.verdict).not.toBe('valid');
  });

  it('the fetched copy wins: a tampered copy in hand is verified as the issuer hosts it, with a warning', async () => {
    const held = fixture('spec/assertion-hosted.json');
    held.recipient.identity = `sha256$${'0'.repeat(64)}`;
    held.expires = '2099-01-01T00:00:00Z';
    const report = await verify(held, {
      documents: hostedDocs(),
      now: new Date('2018-01-01T00:00:00Z'),
    });
    expect(codes(report, 'proof')).toEqual(['ob2_hosted', 'ob2_hosted_copy_differs']);
    expect(report.checks.find((c) => c.code === 'ob2_hosted_copy_differs')?.message).toMatch(
      /recipient, expires|expires, recipient/,
    );
    // The hosted copy expired in 2017: the held copy's 2099 does not count.
    expect(failCodes(report)).toEqual(['expired']);
    expect((report.credential as Loose).expires).toBe('2017-06-30T23:59:59Z');
  });

  it('the document at the URL must carry that id', async () => {
    const moved = fixture('spec/assertion-hosted.json');
    moved.id = 'https://example.org/another-badge.json';
    const report = await verify(ASSERTION_URL, {
      documents: { ...specDocuments(), [ASSERTION_URL]: moved },
    });
    expect(failCodes(report)).toEqual(['ob2_hosted_id_mismatch']);
  });

  it('wrong origin: an assertion hosted outside the issuer host is refused', async () => {
    const evil = fixture('spec/assertion-hosted.json');
    evil.id = 'https://evil.example/beths-robotics-badge.json';
    const report = await verify(evil, { documents: hostedDocs(evil), now: IN_2017 });
    expect(failCodes(report)).toEqual(['ob2_hosted_out_of_scope']);
    expect(report.checks.find((c) => c.code === 'ob2_hosted_out_of_scope')?.message).toContain(
      'evil.example',
    );
  });

  it('an embedded issuer cannot widen its own scope: the published Profile decides', async () => {
    const evil = fixture('spec/assertion-embedded.json');
    evil.id = 'https://evil.example/beths-robotics-badge.json';
    evil.badge.issuer.verification = { allowedOrigins: 'evil.example' };
    const report = await verify(evil, { documents: hostedDocs(evil), now: IN_2017 });
    expect(failCodes(report)).toEqual(['ob2_hosted_out_of_scope']);
    expect(codes(report, 'issuer')).toContain('ob2_embedded_issuer_differs');
  });

  it('allowedOrigins and startsWith from the published issuer Profile', async () => {
    const issuer = fixture('spec/issuer.json');
    issuer.verification = {
      type: 'VerificationObject',
      allowedOrigins: ['badges.example.net'],
      startsWith: 'https://badges.example.net/org/',
    };
    const inScope = fixture('spec/assertion-hosted.json');
    inScope.id = 'https://badges.example.net/org/assertions/1';
    const docs = (a: Loose) => ({
      ...specDocuments(),
      'https://example.org/organization.json': issuer,
      [a.id]: a,
    });
    expect((await verify(inScope, { documents: docs(inScope), now: IN_2017 })).verdict).toBe(
      'valid',
    );
    const wrongPath = { ...inScope, id: 'https://badges.example.net/other/assertions/1' };
    expect(
      failCodes(await verify(wrongPath, { documents: docs(wrongPath), now: IN_2017 })),
    ).toEqual(['ob2_hosted_out_of_scope']);
    // The default (the issuer id's host) no longer applies once allowedOrigins is declared.
    const home = fixture('spec/assertion-hosted.json');
    issuer.verification = { allowedOrigins: 'badges.example.net' };
    expect(failCodes(await verify(home, { documents: docs(home), now: IN_2017 }))).toEqual([
      'ob2_hosted_out_of_scope',
    ]);
  });

  it('a plain-http id is not fetched: unverifiable with a clear message, unless the caller supplies it', async () => {
    const http = fixture('spec/assertion-hosted.json');
    http.id = 'http://example.org/beths-robotics-badge.json';
    const { fetch, requested } = fakeFetch({});
    const report = await verify(http, { fetch, now: IN_2017, policy: 'conformance' });
    expect(requested).toEqual([]);
    expect(failCodes(report)).toEqual(['ob2_not_https']);
    // Under the default policy: it could not be checked (not authentic so far, not fully checked).
    const trusting = await verify(http, { fetch, now: IN_2017 });
    expect(trusting.answers.authentic.value).toBe('unknown');
    expect(trusting.answers.fullyChecked.value).toBe('no');
    expect(report.checks.find((c) => c.code === 'ob2_not_https')?.message).toMatch(
      /https only.*documents/,
    );
    // Fetched by the caller and given in documents, it is verified (its origin is the issuer's).
    const given = await verify(http, { documents: hostedDocs(http), now: IN_2017 });
    expect(given.verdict).toBe('valid');
  });

  it('a hosted assertion whose id is not a URL cannot be verified', async () => {
    const urn = fixture('spec/assertion-hosted.json');
    urn.id = 'urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b';
    const { fetch, requested } = fakeFetch({});
    const report = await verify(urn, { fetch, now: IN_2017 });
    expect(failCodes(report)).toEqual(['ob2_hosted_id_invalid']);
    expect(requested).toEqual([]);
  });

  it('redirects are not followed, failures are failures', async () => {
    const redirect = fakeFetch({
      [ASSERTION_URL]: () =>
        new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/a' } }),
    });
    const r = await verify(fixture('spec/assertion-hosted.json'), {
      fetch: redirect.fetch,
      now: IN_2017,
    });
    expect(codes(r, 'proof')).toEqual(['fetch_redirect']);
    expect(redirect.requested).toEqual([ASSERTION_URL]);
    const missing = fakeFetch({});
    const m = await verify(fixture('spec/assertion-hosted.json'), {
      fetch: missing.fetch,
      now: IN_2017,
      policy: 'conformance',
    });
    expect(codes(m, 'proof')).toEqual(['fetch_status']);
    expect(m.verdict).toBe('invalid');
    const mDefault = await verify(fixture('spec/assertion-hosted.json'), {
      fetch: missing.fetch,
      now: IN_2017,
    });
    expect(mDefault.answers.authentic.value).toBe('unknown');
    expect(mDefault.answers.fullyChecked.value).toBe('no');
    expect(mDefault.verdict).toBe('warning');
    const privateHost = fixture('spec/assertion-hosted.json');
    privateHost.id = 'https://127.0.0.1/a.json';
    const p = await verify(privateHost, { fetch: missing.fetch, now: IN_2017 });
    expect(codes(p, 'proof')).toEqual(['fetch_private_address']);
  });

  it('a BadgeClass or issuer that cannot be read fails the issuer check', async () => {
    const docs = hostedDocs();
    delete docs['https://example.org/organization.json'];
    const { fetch } = fakeFetch(docs);
    const report = await verify(fixture('spec/assertion-hosted.json'), {
      fetch,
      now: IN_2017,
      policy: 'conformance',
    });
    expect(codes(report, 'issuer')).toEqual(['fetch_status']);
    expect(report.verdict).toBe('invalid');
    const trusting = await verify(fixture('spec/assertion-hosted.json'), { fetch, now: IN_2017 });
    expect(trusting.answers.authentic.value).toBe('unknown');
    expect(trusting.verdict).toBe('warning');
  });

  it('one document, one meaning: a second spelling of a member, or a context that redefines a term, is refused', async () => {
    const twice = fixture('spec/assertion-hosted.json');
    twice.verify = { type: 'hosted' };
    let report = await verify(twice, { documents: hostedDocs(twice), now: IN_2017 });
    expect(codes(report, 'jsonld')).toContain('ob2_ambiguous_member');
    const iri = fixture('spec/assertion-hosted.json');
    iri['https://w3id.org/openbadges#revoked'] = true;
    report = await verify(iri, { documents: hostedDocs(iri), now: IN_2017 });
    expect(failCodes(report)).toEqual(['ob2_ambiguous_member']);
    const redefined = fixture('spec/assertion-hosted.json');
    redefined['@context'] = [
      'https://w3id.org/openbadges/v2',
      { expires: 'https://example.org/notExpires' },
    ];
    report = await verify(redefined, { documents: hostedDocs(redefined), now: IN_2017 });
    expect(failCodes(report)).toEqual(['ob2_context_redefines']);
  });

  it('data validation: required properties of the Assertion, BadgeClass and issuer', async () => {
    const badge = fixture('spec/badgeclass.json');
    delete badge.criteria;
    const issuer = fixture('spec/issuer.json');
    delete issuer.email;
    const a = fixture('spec/assertion-hosted.json');
    a.issuedOn = '2016-12-31';
    const report = await verify(a, {
      documents: { [a.id]: a, [badge.id]: badge, [issuer.id]: issuer },
      now: IN_2017,
    });
    const schema = report.checks.filter((c) => c.id === 'schema').map((c) => `${c.code} ${c.path}`);
    expect(schema).toEqual([
      'ob2_date_invalid $.issuedOn',
      'ob2_property_missing $.badge.criteria',
      'ob2_property_missing $.badge.issuer.email',
    ]);
  });

  it('an extension context that is not bundled is a warning, not a failure', async () => {
    const a = fixture('spec/assertion-hosted.json');
    a['extensions:recipientProfile'] = {
      '@context': 'https://openbadgespec.org/extensions/recipientProfile/context.json',
      type: ['Extension', 'extensions:RecipientProfile'],
      name: 'Beth',
    };
    const report = await verify(a, { documents: hostedDocs(a), now: IN_2017 });
    expect(report.verdict).toBe('warning');
    expect(codes(report, 'jsonld')).toEqual(['ob2_context_unknown']);
  });

  it('Open Badges 1.x assertions are recognised and refused with a clear code', async () => {
    const v1 = {
      uid: '123abc',
      recipient: { identity: 'test@example.com', hashed: false, type: 'email' },
      badge: 'https://a.example/badgeclass',
      issuedOn: '2015-04-30',
      verify: { type: 'hosted', url: 'https://a.example/instance' },
    };
    const report = await verify(v1);
    expect(failCodes(report)).toEqual(['ob2_version_unsupported']);
    const v11 = {
      ...fixture('spec/assertion-hosted.json'),
      '@context': 'https://w3id.org/openbadges/v1',
    };
    expect(failCodes(await verify(v11))).toEqual(['ob2_version_unsupported']);
  });

  it('verifyOb2 refuses what is not an Open Badges 2.0 assertion', async () => {
    const report = await verifyOb2({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
    });
    expect(failCodes(report)).toEqual(['ob2_not_assertion']);
    await expect(verifyOb2(42 as unknown as string)).rejects.toThrow(TypeError);
  });
});
