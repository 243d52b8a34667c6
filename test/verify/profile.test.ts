/**
 * Verification profiles: a credential that is not an Open Badge is verified by the VC Data Model
 * rules (`vc`), an Open Badge by the OB 3.0 algorithm (`ob3`); the report says which. The
 * reference stack (@digitalbazaar/vc) is the oracle for the proofs of plain credentials.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import { signCredential } from '../../src/proof/index.js';
import { verify, verifyCredential } from '../../src/verify/index.js';
import { baseCredential, codes, type Loose, outcomes } from './helpers.js';
import { makeIssuer, signDi, type TestIssuer } from './signed-helpers.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const EXAMPLES_URL = 'https://www.w3.org/ns/credentials/examples/v2';
const contexts = {
  [EXAMPLES_URL]: { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } },
};

function plainVc(issuer: string): Record<string, Loose> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES_URL],
    id: 'urn:uuid:5f0c2b9e-8d0b-4b8e-a8a4-1f1d0d6f3c11',
    type: ['VerifiableCredential', 'ExampleAlumniCredential'],
    issuer,
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      alumniOf: { id: 'did:example:c276e12ec21ebfeb1f712ebc6f1', name: 'Example University' },
    },
  };
}

/** The reference stack's verdict on a credential signed by a did:key. */
async function referenceVerified(credential: object, issuer: TestIssuer): Promise<boolean> {
  const contextsLoader = createDocumentLoader({ contexts });
  const { createDidKey } = await import('../../src/keys/index.js');
  const didDoc = createDidKey(issuer.keyPair).document as Record<string, Loose>;
  const loader = async (url: string) => {
    const [base] = url.split('#');
    if (base === issuer.did) {
      if (url.includes('#')) {
        const vm = (didDoc.verificationMethod as Array<{ id: string }>).find((m) => m.id === url);
        return {
          contextUrl: null,
          documentUrl: url,
          document: { '@context': didDoc['@context'], ...vm },
        };
      }
      return { contextUrl: null, documentUrl: url, document: didDoc };
    }
    return contextsLoader(url);
  };
  const r = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: loader,
    now: NOW,
  });
  return r.verified === true;
}

describe('the vc profile', () => {
  let issuer: TestIssuer;
  let signed: Record<string, Loose>;
  beforeAll(async () => {
    issuer = await makeIssuer();
    signed = (await signCredential(plainVc(issuer.did), {
      key: issuer.keyPair,
      documentLoader: createDocumentLoader({ contexts }),
    })) as Record<string, Loose>;
  });

  it('verifies a plain VC 2.0 credential: valid, profile vc, no Open Badges checks', async () => {
    const r = await verify(signed, { now: NOW, contexts });
    expect(r.profile).toBe('vc');
    expect(r.verdict).toBe('valid');
    expect([...new Set(r.checks.map((c) => c.id))]).toEqual([
      'parse',
      'data_model',
      'jsonld',
      'proof',
      'issuer',
      'status',
      'validity',
      'recipient',
    ]);
    expect(await referenceVerified(signed, issuer)).toBe(true);
  });

  it('agrees with the reference stack that a changed claim breaks the proof', async () => {
    const tampered = structuredClone(signed);
    tampered.credentialSubject.alumniOf.name = 'Another University';
    const r = await verify(tampered, { now: NOW, contexts });
    expect(r.verdict).toBe('invalid');
    expect(outcomes(r, 'proof')).toContain('fail');
    expect(await referenceVerified(tampered, issuer)).toBe(false);
  });

  it('needs the examples context from the caller (never fetched)', async () => {
    const r = await verify(signed, { now: NOW });
    expect(codes(r, 'jsonld')).toEqual(['context_unknown']);
    // Could not be checked (the proof cannot be canonicalized without it): never accepted.
    expect(codes(r, 'proof')).toEqual(['jsonld_context_unknown']);
    expect([r.verdict, r.answers.authentic.value, r.answers.fullyChecked.value]).toEqual([
      'warning',
      'unknown',
      'no',
    ]);
    const strict = await verify(signed, { now: NOW, policy: 'conformance' });
    expect(strict.verdict).toBe('invalid');
  });

  it('fails the data model rules even when the proof verifies', async () => {
    const broken = plainVc(issuer.did);
    broken.validUntil = '2023-01-01T00:00:00Z';
    broken.credentialSubject = [broken.credentialSubject, {}];
    // Signing refuses it (the same rules); signed anyway, verification refuses it too.
    await expect(
      signCredential(broken, {
        key: issuer.keyPair,
        documentLoader: createDocumentLoader({ contexts }),
      }),
    ).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_INVALID' });
    const s = await signCredential(broken, {
      key: issuer.keyPair,
      documentLoader: createDocumentLoader({ contexts }),
      validate: false,
    });
    const r = await verify(s, { now: NOW, contexts });
    expect(r.verdict).toBe('invalid');
    expect(codes(r, 'data_model')).toEqual(['subject_empty', 'validity_inverted']);
    expect(outcomes(r, 'proof')).toEqual(['pass']);
  });

  it('binds the key to the issuer as the ob3 profile does', async () => {
    const other = await makeIssuer('Other');
    const forged = await signCredential(plainVc(issuer.did), {
      key: other.keyPair,
      documentLoader: createDocumentLoader({ contexts }),
      checkIssuer: false,
    });
    const r = await verify(forged, { now: NOW, contexts });
    expect(r.verdict).toBe('invalid');
    expect(outcomes(r, 'issuer')).toContain('fail');
  });

  it('checks the recipient when asked', async () => {
    const ok = await verify(signed, {
      now: NOW,
      contexts,
      recipient: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    });
    expect(outcomes(ok, 'recipient')).toEqual(['pass']);
    const wrong = await verify(signed, { now: NOW, contexts, recipient: 'did:example:other' });
    expect(codes(wrong, 'recipient')).toEqual(['recipient_mismatch']);
  });

  it('verifies a VC 1.1 credential by the VC 1.1 rules', async () => {
    const v1 = {
      '@context': ['https://www.w3.org/2018/credentials/v1', EXAMPLES_URL],
      id: 'urn:uuid:8a9b2c3d-1111-4222-8333-944455566677',
      type: ['VerifiableCredential', 'ExampleCredential'],
      issuer: issuer.did,
      issuanceDate: '2024-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:subject', example: 'value' },
    };
    const s = await signCredential(v1, {
      key: issuer.keyPair,
      documentLoader: createDocumentLoader({ contexts }),
    });
    const r = await verify(s, { now: NOW, contexts });
    expect(r.profile).toBe('vc');
    expect(r.verdict).toBe('valid');
    const { issuanceDate: _, ...undated } = v1;
    const s2 = await signCredential(undated, {
      key: issuer.keyPair,
      documentLoader: createDocumentLoader({ contexts }),
      validate: false,
    });
    expect(codes(await verify(s2, { now: NOW, contexts }), 'data_model')).toEqual([
      'issuance_date_missing',
    ]);
  });
});

describe('profile selection', () => {
  it('auto picks ob3 for an Open Badge, vc for anything else; the option overrides', async () => {
    const badgeIssuer = await makeIssuer();
    const c = baseCredential();
    c.issuer = { ...badgeIssuer.profile };
    const badge = await signDi(c, badgeIssuer);
    const auto = await verify(badge, { now: NOW });
    expect(auto.profile).toBe('ob3');
    expect(auto.verdict).toBe('valid');
    expect(auto.checks.some((x) => x.id === 'schema')).toBe(true);
    const asVc = await verify(badge, { now: NOW, profile: 'vc' });
    expect(asVc.profile).toBe('vc');
    expect(asVc.verdict).toBe('valid');
    expect(asVc.checks.some((x) => x.id === 'schema' || x.id === 'endorsement')).toBe(false);

    const plain = await signCredential(plainVc(badgeIssuer.did), {
      key: badgeIssuer.keyPair,
      documentLoader: createDocumentLoader({ contexts }),
    });
    const asBadge = await verifyCredential(plain, {
      now: NOW,
      contexts,
      profile: 'ob3',
      policy: 'conformance',
    });
    expect(asBadge.profile).toBe('ob3');
    expect(asBadge.verdict).toBe('invalid');
    expect(codes(asBadge, 'type')).toEqual(['type_not_open_badge']);
    expect(codes(asBadge, 'context')).toEqual(['context_ob_missing']);
  });

  it('refuses an unknown profile (TypeError)', async () => {
    await expect(
      verify(baseCredential(), { profile: 'ob2' as unknown as 'vc' }),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('a report that could not read the input names no profile', async () => {
    const r = await verify('{not json');
    expect(r.profile).toBeUndefined();
    expect(r.verdict).toBe('invalid');
  });
});
