/**
 * Language values with a base direction (`@direction`, VC 2.0 section 11.1): signed and verified
 * both ways with the reference stack, and canonicalized byte for byte as jsonld.js +
 * rdf-canonize do with `rdfDirection: 'i18n-datatype'` (what the Data Integrity cryptosuites use).
 */
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { canonize } from '../../src/jsonld/index.js';
import { bindKeyPair, exportKeyPair, generateKeyPair } from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import {
  controllerDocument,
  type Json,
  referenceIssue,
  referenceLoader,
  referenceVerify,
  vectorLoader,
} from './helpers.js';

const ISSUER = 'https://example.edu/issuers/565049';

/** A plain VC 2.0 credential with directional names, as the W3C VC 2.0 test suite writes them. */
function directional(issuer: string): Json {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:4f1c7f2e-0b7a-4b53-9a8e-6a2b0c1d2e3f',
    type: ['VerifiableCredential'],
    issuer: {
      id: issuer,
      name: [
        { '@value': 'جامعة المثال', '@language': 'ar', '@direction': 'rtl' },
        { '@value': 'Example University', '@language': 'en', '@direction': 'ltr' },
      ],
    },
    validFrom: '2024-01-01T00:00:00Z',
    name: { '@value': 'شهادة العمل الجماعي', '@language': 'ar-EG', '@direction': 'rtl' },
    description: { '@value': 'No language, a direction', '@direction': 'ltr' },
    credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', name: 'Alice' },
  };
}

async function setup(type: 'Ed25519' | 'P-256') {
  const key = bindKeyPair(
    await generateKeyPair({ type, seed: new Uint8Array(32).fill(type === 'Ed25519' ? 5 : 6) }),
    { id: `${ISSUER}#key-1`, controller: ISSUER },
  );
  const doc = controllerDocument(ISSUER, [exportKeyPair(key)]);
  return { key, loader: referenceLoader({ [ISSUER]: doc }), documents: { [ISSUER]: doc } };
}

describe('@direction (i18n-datatype)', () => {
  it('canonicalizes byte for byte as jsonld.js with rdfDirection i18n-datatype', async () => {
    const doc = directional(ISSUER);
    const ours = await canonize(doc);
    const reference = await jsonld.canonize(structuredClone(doc), {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: vectorLoader(),
      safe: true,
      rdfDirection: 'i18n-datatype',
    } as never);
    expect(ours).toBe(reference);
    // The direction and the (lower-cased) language are in the signed data.
    expect(ours).toContain('"شهادة العمل الجماعي"^^<https://www.w3.org/ns/i18n#ar-eg_rtl>');
    expect(ours).toContain('"No language, a direction"^^<https://www.w3.org/ns/i18n#_ltr>');
  });

  it.each([
    ['eddsa-rdfc-2022', 'Ed25519'],
    ['ecdsa-rdfc-2019', 'P-256'],
  ] as const)(
    '%s: ob3kit signs, the reference verifies; the reference signs, ob3kit verifies',
    async (suite, type) => {
      const { key, loader, documents } = await setup(type);
      const signed = await signCredential(directional(ISSUER), { key, suite });
      const ref = await referenceVerify(signed, suite, loader);
      expect(ref.error).toBeUndefined();
      expect(ref.verified).toBe(true);
      expect((await verifyCredentialProof(signed, { documents })).verified).toBe(true);

      const theirs = await referenceIssue(directional(ISSUER), key, suite, loader);
      const ours = await verifyCredentialProof(theirs, { documents });
      expect(ours.issues).toEqual([]);
      expect(ours.verified).toBe(true);
    },
  );

  it('changing a direction, or dropping it, breaks the signature', async () => {
    const { key, documents } = await setup('Ed25519');
    const signed = await signCredential(directional(ISSUER), { key });
    const flipped = structuredClone(signed);
    flipped.name['@direction'] = 'ltr';
    expect((await verifyCredentialProof(flipped, { documents })).verified).toBe(false);
    const dropped = structuredClone(signed);
    delete dropped.name['@direction'];
    expect((await verifyCredentialProof(dropped, { documents })).verified).toBe(false);
  });

  it('verify() reads it: the JSON-LD and proof checks pass', async () => {
    const { key, documents } = await setup('Ed25519');
    const signed = await signCredential(directional(ISSUER), { key });
    const report = await verify(signed, { documents });
    expect(report.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');
    expect(report.checks.find((c) => c.id === 'jsonld')?.outcome).toBe('pass');
  });

  it('refuses a direction other than ltr or rtl, before JSON-LD sees it', async () => {
    const { key } = await setup('Ed25519');
    const bad = directional(ISSUER);
    bad.name['@direction'] = 'up';
    await expect(signCredential(bad, { key })).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_INVALID',
      issues: [
        {
          code: 'direction_invalid',
          path: '$.name.@direction',
          message: '@direction must be "ltr" or "rtl", found "up"',
        },
      ],
    });
  });
});
