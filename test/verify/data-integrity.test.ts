/**
 * verify() on credentials with embedded Data Integrity proofs, signed in the test with did:key
 * and did:web keys: proof, key binding, offline and fetch-allowed key resolution, endorsements.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { formatReport, verify, verifyCredential } from '../../src/verify/index.js';
import { codes, entries, fakeFetch, forbiddenFetch, type Loose, outcomes } from './helpers.js';
import {
  credentialFrom,
  endorsementFrom,
  makeDidWebIssuer,
  makeIssuer,
  signDi,
  type TestIssuer,
} from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
let issuer: TestIssuer;
let other: TestIssuer;

beforeAll(async () => {
  issuer = await makeIssuer();
  other = await makeIssuer('Someone Else');
});

describe('embedded proofs', () => {
  it('a credential signed by its did:key issuer is valid offline; fetch is never called', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    const r = await verify(signed, { now: NOW, fetch: forbiddenFetch as never });
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(outcomes(r, 'issuer')).toEqual(['pass']);
    expect(r.verdict).toBe('valid');
    expect(formatReport(r)).toContain('Verdict: VALID');
  });
  it('every signing suite verifies (eddsa-rdfc-2022, ecdsa-rdfc-2019, Ed25519Signature2020)', async () => {
    const p256 = await makeIssuer('P-256 issuer', 'P-256');
    expect(
      outcomes(
        await verify(await signDi(credentialFrom(p256), p256, 'ecdsa-rdfc-2019'), { now: NOW }),
        'proof',
      ),
    ).toEqual(['pass']);
    const r = await verify(await signDi(credentialFrom(issuer), issuer, 'Ed25519Signature2020'), {
      now: NOW,
    });
    expect(outcomes(r, 'proof')).toEqual(['pass']);
  });
  it('the JCS suites and P-384 verify in the pipeline; a mutation fails them as any other proof', async () => {
    const p384 = await makeIssuer('P-384 issuer', 'P-384');
    const p256 = await makeIssuer('P-256 issuer', 'P-256');
    for (const [who, suite] of [
      [issuer, 'eddsa-jcs-2022'],
      [p256, 'ecdsa-jcs-2019'],
      [p384, 'ecdsa-jcs-2019'],
      [p384, 'ecdsa-rdfc-2019'],
    ] as const) {
      const signed = await signDi(credentialFrom(who), who, suite);
      const r = await verify(signed, { now: NOW, fetch: forbiddenFetch as never });
      expect(outcomes(r, 'proof'), suite).toEqual(['pass']);
      expect(outcomes(r, 'issuer'), suite).toEqual(['pass']);
      expect(r.verdict, suite).toBe('valid');
      const copy = structuredClone(signed);
      copy.credentialSubject.achievement.name = 'Other';
      expect(codes(await verify(copy, { now: NOW }), 'proof'), suite).toEqual([
        'proof_signature_invalid',
      ]);
    }
  });
  it('a proof chain verifies in the pipeline; removing the proof it names is reported', async () => {
    const first: Loose = await signCredential(credentialFrom(issuer), {
      key: issuer.keyPair,
      id: 'urn:uuid:0d9d2a36-1f4e-4c5e-9e0a-5b0f3b7a1c01',
    });
    const chained: Loose = await signCredential(first, {
      key: issuer.keyPair,
      suite: 'eddsa-jcs-2022',
      previousProof: first.proof[0].id,
    });
    const r = await verify(chained, { now: NOW });
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(r.verdict).toBe('valid');
    const cut = structuredClone(chained);
    cut.proof.shift();
    const bad = await verify(cut, { now: NOW });
    expect(codes(bad, 'proof')).toEqual(['proof_previous_missing']);
    expect(bad.verdict).toBe('invalid');
  });
  it('no mutation of a signed credential verifies', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    const mutations: Array<(c: Loose) => void> = [
      (c) => (c.name = 'Other Badge'),
      (c) => (c.credentialSubject.id = 'did:example:someone-else'),
      (c) => (c.credentialSubject.achievement.criteria.narrative += '!'),
      (c) => (c.validFrom = '2010-01-01T00:00:01Z'),
      (c) => (c.issuer.name = 'Evil Corp'),
    ];
    for (const mutate of mutations) {
      const copy = structuredClone(signed);
      mutate(copy);
      const r = await verify(copy, { now: NOW });
      expect(codes(r, 'proof')).toEqual(['proof_signature_invalid']);
      expect(r.verdict).toBe('invalid');
    }
  });
  it('one verified proof is enough; another that fails is a warning', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    const good = signed.proof[0];
    const bad = { ...good, proofValue: `${good.proofValue.slice(0, -4)}AAAA` };
    signed.proof = [good, bad];
    const r = await verify(signed, { now: NOW });
    expect(entries(r, 'proof').map((e) => [e.outcome, e.code])).toEqual([
      ['pass', undefined],
      ['warn', 'proof_additional_invalid'],
    ]);
    expect(r.verdict).toBe('warning');
  });
  it('a missing proof fails (1EdTech: error)', async () => {
    const r = await verify(credentialFrom(issuer), { now: NOW });
    expect(codes(r, 'proof')).toEqual(['proof_missing']);
    expect(r.verdict).toBe('invalid');
  });
  it('a key not controlled by the issuer fails the issuer check; the signature itself is still checked', async () => {
    // signCredential refuses another party's key unless told: verify must catch it too.
    const signed = await signCredential(credentialFrom(issuer), {
      key: other.keyPair,
      checkIssuer: false,
    });
    const r = await verify(signed, { now: NOW });
    expect(codes(r, 'issuer')).toEqual(['issuer_key_mismatch']);
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(r.verdict).toBe('invalid');
  });
  it('verifyCredential is verify for an object', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    const r = await verifyCredential(signed, { now: NOW });
    expect(r.verdict).toBe('valid');
    expect(r.format).toBe('json');
  });
});

describe('key resolution: offline, documents, fetch', () => {
  it('a did:web key is a warning offline, verified from documents, and fetched only when allowed', async () => {
    const web = await makeDidWebIssuer('issuer.example');
    const signed = await signDi(credentialFrom(web), web);
    const offline = await verify(signed, { now: NOW });
    expect(codes(offline, 'proof')).toEqual(['proof_unchecked_offline']);
    expect(offline.verdict).toBe('warning');

    const fromDocs = await verify(signed, {
      now: NOW,
      documents: { [web.did]: web.document },
      fetch: forbiddenFetch as never,
    });
    expect(outcomes(fromDocs, 'proof')).toEqual(['pass']);
    expect(fromDocs.verdict).toBe('valid');

    const { fetch, requested } = fakeFetch({ [web.url]: web.document });
    const fetched = await verify(signed, { now: NOW, fetch });
    expect(outcomes(fetched, 'proof')).toEqual(['pass']);
    expect(requested).toEqual([web.url]);
  });
  it('other DID methods resolve through options.resolvers', async () => {
    const did = 'did:example:issuer-123';
    const keyPair = await generateKeyPair({ controller: did, id: `${did}#key-1` });
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [keyPair.toJSON()],
      assertionMethod: [`${did}#key-1`],
    };
    const custom = {
      did,
      keyPair,
      profile: { id: did, type: ['Profile'], name: 'Example DID issuer' },
    };
    const signed = await signDi(credentialFrom(custom), custom);
    const asked: string[] = [];
    const r = await verify(signed, {
      now: NOW,
      resolvers: {
        example: async (d: string) => {
          asked.push(d);
          return document as never;
        },
      },
    });
    expect(asked).toEqual([did]);
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    const without = await verify(signed, { now: NOW });
    expect(outcomes(without, 'proof')).not.toEqual(['pass']);
  });
  it('a key document that cannot be fetched: could not be checked (fetch_status), a failure under the conformance policy', async () => {
    const web = await makeDidWebIssuer('gone.example');
    const signed = await signDi(credentialFrom(web), web);
    const { fetch, requested } = fakeFetch({});
    const r = await verify(signed, { now: NOW, fetch });
    expect(requested).toEqual([web.url]);
    // "Could not be checked", not "wrong": the key document answered 404.
    expect(codes(r, 'proof')).toEqual(['fetch_status']);
    expect(entries(r, 'proof')[0]).toMatchObject({
      category: 'completeness',
      unchecked: 'authenticity',
    });
    expect(r.answers.authentic.value).toBe('unknown');
    expect(r.answers.fullyChecked.value).toBe('no');
    expect(r.verdict).toBe('warning');
    const strict = await verify(signed, { now: NOW, fetch, policy: 'conformance' });
    expect(outcomes(strict, 'proof')).toEqual(['fail']);
    expect(strict.verdict).toBe('invalid');
  });
});

describe('signed endorsements', () => {
  it('valid endorsements on the credential, issuer and achievement give a valid badge', async () => {
    const endorser = await makeIssuer('Endorser');
    const plain = credentialFrom(issuer);
    // Each endorses the object it is attached to (on the credential: an achievement or profile
    // in it; its own id would make the endorsement's subject one node with the credential).
    const of = (subject: string) => (e: Loose) => {
      e.credentialSubject.id = subject;
    };
    const e1 = await signDi(
      endorsementFrom(
        endorser,
        'urn:uuid:00000000-0000-4000-8000-0000000000d1',
        of(plain.credentialSubject.achievement.id),
      ),
      endorser,
    );
    const e2 = await signDi(
      endorsementFrom(
        endorser,
        'urn:uuid:00000000-0000-4000-8000-0000000000d2',
        of(plain.issuer.id),
      ),
      endorser,
    );
    const e3 = await signDi(
      endorsementFrom(
        endorser,
        'urn:uuid:00000000-0000-4000-8000-0000000000d3',
        of(plain.credentialSubject.achievement.id),
      ),
      endorser,
    );
    const badge = (first: Loose, second: Loose, third: Loose) =>
      signDi(
        credentialFrom(issuer, (c) => {
          c.endorsement = [first];
          c.issuer.endorsement = [second];
          c.credentialSubject.achievement.endorsement = [third];
        }),
        issuer,
      );
    const r = await verify(await badge(e1, e2, e3), { now: NOW });
    expect(r.endorsements?.map((e) => e.verdict)).toEqual(['valid', 'valid', 'valid']);
    expect(outcomes(r, 'endorsement')).toEqual(['pass']);
    expect(r.verdict).toBe('valid');
    // Each on another object: each endorses something else.
    const elsewhere = await signDi(
      endorsementFrom(
        endorser,
        'urn:uuid:00000000-0000-4000-8000-0000000000d5',
        of('https://elsewhere.example/achievements/1'),
      ),
      endorser,
    );
    const moved = await verify(await badge(elsewhere, e3, e2), { now: NOW });
    expect(moved.endorsements?.map((e) => codes(e, 'endorsed'))).toEqual([
      ['endorsement_subject_mismatch'],
      ['endorsement_subject_mismatch'],
      ['endorsement_subject_mismatch'],
    ]);
    expect(codes(moved, 'endorsement')).toEqual([
      'endorsement_invalid',
      'endorsement_invalid',
      'endorsement_invalid',
    ]);
    expect(moved.verdict).toBe('invalid');
  });
  it('a forged endorsement makes the badge invalid, with the nested report saying why', async () => {
    const endorser = await makeIssuer('Endorser');
    const forged = await signDi(
      endorsementFrom(endorser, 'urn:uuid:00000000-0000-4000-8000-0000000000d4', (e) => {
        e.credentialSubject.id = credentialFrom(issuer).credentialSubject.achievement.id;
      }),
      endorser,
    );
    forged.credentialSubject.endorsementComment = 'Changed after signing';
    const signed = await signDi(
      credentialFrom(issuer, (c) => (c.endorsement = [forged])),
      issuer,
    );
    // Under the conformance policy (1EdTech: an endorsement's errors count in the parent).
    const r = await verify(signed, { now: NOW, policy: 'conformance' });
    expect(codes(r.endorsements![0]!, 'proof')).toEqual(['proof_signature_invalid']);
    expect(r.endorsements![0]!.answers.authentic.value).toBe('no');
    expect(codes(r, 'endorsement')).toEqual(['endorsement_invalid']);
    expect(entries(r, 'endorsement')[0]?.path).toBe('$.endorsement[0]');
    expect(r.verdict).toBe('invalid');
    // Under the default policy the badge itself is authentic and in force: the endorsement's
    // own report says it is invalid, the badge's verdict is a warning.
    const trust = await verify(signed, { now: NOW });
    expect(trust.endorsements![0]!.verdict).toBe('invalid');
    expect(entries(trust, 'endorsement')[0]).toMatchObject({
      outcome: 'warn',
      code: 'endorsement_invalid',
      fixBy: 'issuer',
    });
    expect(trust.answers.authentic.value).toBe('yes');
    expect(trust.answers.inForce.value).toBe('yes');
    expect(trust.verdict).toBe('warning');
  });
});

describe('refresh with Data Integrity credentials', () => {
  it('a refreshed credential given as a JSON object is verified into report.refreshed', async () => {
    const URL = 'https://issuer.example/refresh/di';
    const make = (name: string) =>
      signDi(
        credentialFrom(issuer, (c) => {
          c.name = name;
          c['@context'].push('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json');
          c.refreshService = { id: URL, type: '1EdTechCredentialRefresh' };
        }),
        issuer,
      );
    const { fetch, requested } = fakeFetch({ [URL]: await make('Refreshed') });
    const r = await verify(await make('Original'), { now: NOW, fetch });
    expect(requested).toEqual([URL]);
    expect(codes(r, 'refresh')).toEqual(['refreshed']);
    expect(r.refreshed?.format).toBe('json');
    expect(r.refreshed?.verdict).toBe('valid');
    expect(r.refreshed?.credential).toMatchObject({ name: 'Refreshed' });
    expect(formatReport(r)).toContain('Refreshed credential: VALID');
  });
});
