/**
 * The suites and curves added beside the RDFC ones, checked both ways against the reference
 * stack (@digitalbazaar/vc with DataIntegrityProof and the ecdsa-rdfc-2019, eddsa-jcs-2022 and
 * ecdsa-jcs-2019 cryptosuites, @digitalbazaar/ecdsa-multikey for P-384), and proof chains
 * against the reference's DataIntegrityProof run on the document with the proofs a chained proof
 * names (the reference's proof-set code does not follow `previousProof` itself).
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as ecdsaJcs2019 from '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as eddsaJcs2022 from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { describe, expect, it } from 'vitest';
import {
  bindKeyPair,
  exportKeyPair,
  generateKeyPair,
  type KeyPair,
  type KeyType,
} from '../../src/keys/index.js';
import { type SuiteName, signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import {
  controllerDocument,
  type Json,
  obCredential,
  obCredentialV1,
  referenceLoader,
} from './helpers.js';

const ISSUER = 'https://example.edu/issuers/565049';
type Suite = 'ecdsa-rdfc-2019' | 'eddsa-jcs-2022' | 'ecdsa-jcs-2019';

async function setup(type: KeyType, seedByte: number) {
  const seed = new Uint8Array(type === 'P-384' ? 48 : 32).fill(seedByte);
  const key = bindKeyPair(await generateKeyPair({ type, seed }), {
    id: `${ISSUER}#key-${seedByte}`,
    controller: ISSUER,
  });
  const doc = controllerDocument(ISSUER, [exportKeyPair(key)]);
  return { key, loader: referenceLoader({ [ISSUER]: doc }), documents: { [ISSUER]: doc } };
}

async function referenceKey(key: KeyPair) {
  const multikey = {
    ...exportKeyPair(key, { includeSecret: true, includeContext: true }),
    id: key.id,
    controller: key.controller,
  };
  return key.type === 'Ed25519' ? Ed25519Multikey.from(multikey) : EcdsaMultikey.from(multikey);
}

function referenceSuite(suite: Suite, use: 'sign' | 'verify', signer?: unknown, date?: string) {
  const cryptosuite =
    suite === 'ecdsa-rdfc-2019'
      ? ecdsaRdfc2019
      : suite === 'eddsa-jcs-2022'
        ? use === 'sign'
          ? eddsaJcs2022.createSignCryptosuite()
          : eddsaJcs2022.createVerifyCryptosuite()
        : use === 'sign'
          ? ecdsaJcs2019.createSignCryptosuite()
          : ecdsaJcs2019.createVerifyCryptosuite();
  return new DataIntegrityProof({ signer, cryptosuite, date });
}

function tamper(signed: Json): Json {
  const copy = structuredClone(signed);
  copy.credentialSubject.achievement.name = 'Leadership';
  return copy;
}

const CASES: Array<[Suite, KeyType, 'VC 2.0' | 'VC 1.1']> = [
  ['ecdsa-rdfc-2019', 'P-384', 'VC 2.0'],
  ['ecdsa-rdfc-2019', 'P-384', 'VC 1.1'],
  ['eddsa-jcs-2022', 'Ed25519', 'VC 2.0'],
  ['eddsa-jcs-2022', 'Ed25519', 'VC 1.1'],
  ['ecdsa-jcs-2019', 'P-256', 'VC 2.0'],
  ['ecdsa-jcs-2019', 'P-384', 'VC 2.0'],
  ['ecdsa-jcs-2019', 'P-384', 'VC 1.1'],
];

describe('interop with the reference stack: P-384 and the JCS suites', () => {
  it.each(CASES)(
    '%s with %s / %s: ob3kit signs, the reference verifies; tampering fails both',
    async (suite, type, version) => {
      const { key, loader, documents } = await setup(type, 21);
      const credential = version === 'VC 2.0' ? obCredential(ISSUER) : obCredentialV1(ISSUER);
      const signed = await signCredential(credential, {
        key,
        suite: suite as SuiteName,
        created: '2024-02-02T10:00:00Z',
      });
      const ref = await vc.verifyCredential({
        credential: signed,
        suite: referenceSuite(suite, 'verify'),
        documentLoader: loader,
      });
      expect(ref.error).toBeUndefined();
      expect(ref.verified).toBe(true);
      expect((await verifyCredentialProof(signed, { documents })).verified).toBe(true);

      const bad = tamper(signed);
      const refBad = await vc.verifyCredential({
        credential: bad,
        suite: referenceSuite(suite, 'verify'),
        documentLoader: loader,
      });
      expect(refBad.verified).toBe(false);
      const ours = await verifyCredentialProof(bad, { documents });
      expect(ours.issues.map((i) => i.code)).toEqual(['proof_signature_invalid']);
    },
  );

  it.each(CASES)(
    '%s with %s / %s: the reference signs, ob3kit verifies; tampering fails',
    async (suite, type, version) => {
      const { key, loader, documents } = await setup(type, 22);
      const credential = version === 'VC 2.0' ? obCredential(ISSUER) : obCredentialV1(ISSUER);
      const ref = await referenceKey(key);
      const signed = await vc.issue({
        credential: structuredClone(credential),
        suite: referenceSuite(suite, 'sign', ref.signer(), '2024-02-02T10:00:00Z'),
        documentLoader: loader,
      });
      expect(signed.proof.cryptosuite).toBe(suite);
      const ours = await verifyCredentialProof(signed, { documents });
      expect(ours.issues).toEqual([]);
      expect(ours.verified).toBe(true);
      const bad = await verifyCredentialProof(tamper(signed), { documents });
      expect(bad.issues.map((i) => i.code)).toEqual(['proof_signature_invalid']);
      // Both sign the same: for Ed25519 (deterministic) the very same document.
      if (type === 'Ed25519') {
        const mine = await signCredential(credential, {
          key,
          suite: suite as SuiteName,
          created: '2024-02-02T10:00:00Z',
          proofForm: 'object',
        });
        expect(mine).toEqual(signed);
      }
    },
  );
});

describe('proof chains against the reference DataIntegrityProof', () => {
  const purpose = new jsigs.purposes.AssertionProofPurpose();

  async function proofSet() {
    const a = await setup('Ed25519', 31);
    const b = await setup('Ed25519', 32);
    const doc = controllerDocument(ISSUER, [exportKeyPair(a.key), exportKeyPair(b.key)]);
    const documents = { [ISSUER]: doc };
    let signed: Json = await signCredential(obCredential(ISSUER), {
      key: a.key,
      id: 'urn:uuid:1b4e2c90-5d6f-4b3a-9c1e-000000000001',
      created: '2024-01-01T00:00:00Z',
    });
    signed = await signCredential(signed, {
      key: b.key,
      id: 'urn:uuid:1b4e2c90-5d6f-4b3a-9c1e-000000000002',
      created: '2024-01-01T00:00:00Z',
    });
    return { a, b, documents, loader: referenceLoader(documents), signed };
  }

  it('ob3kit chains a proof; the reference verifies it over the document with the proofs it names', async () => {
    const { a, loader, documents, signed } = await proofSet();
    const ids = signed.proof.map((p: Json) => p.id);
    const chained: Json = await signCredential(signed, {
      key: a.key,
      created: '2024-01-02T00:00:00Z',
      previousProof: ids,
    });
    expect((await verifyCredentialProof(chained, { documents })).verified).toBe(true);
    const { proof: all, ...unsecured } = chained;
    const last = all[2];
    const eddsa = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const withPrevious = { ...unsecured, proof: all.slice(0, 2) };
    const ok = await eddsa.verifyProof({
      proof: structuredClone(last),
      document: withPrevious,
      documentLoader: loader,
      purpose,
    });
    expect(ok.error).toBeUndefined();
    expect(ok.verified).toBe(true);
    // Without the previous proofs (a plain proof set member) the signature does not hold.
    const alone = await eddsa.verifyProof({
      proof: structuredClone(last),
      document: unsecured,
      documentLoader: loader,
      purpose,
    });
    expect(alone.verified).toBe(false);
  });

  it('the reference chains a proof (over the document with the named proofs); ob3kit verifies the chain', async () => {
    const { b, loader, documents, signed } = await proofSet();
    const previousProof = signed.proof[0].id;
    const ref = await referenceKey(b.key);
    const eddsa = new DataIntegrityProof({
      signer: ref.signer(),
      cryptosuite: eddsaRdfc2022,
      date: '2024-01-03T00:00:00Z',
    });
    // The reference writes no previousProof itself: add it before it signs.
    eddsa.updateProof = async ({ proof }: { proof: Json }) => ({ ...proof, previousProof });
    const { proof: all, ...unsecured } = signed;
    const proof = await eddsa.createProof({
      document: { ...unsecured, proof: [all[0]] },
      purpose,
      proofSet: [],
      documentLoader: loader,
    });
    const chained = { ...signed, proof: [...all, proof] };
    const ours = await verifyCredentialProof(chained, { documents });
    expect(ours.issues).toEqual([]);
    expect(ours.proofs.map((p) => p.verified)).toEqual([true, true, true]);
    // Change the proof it names: the named proof and the chained one fail.
    const forged = structuredClone(chained);
    forged.proof[0].created = '2024-01-01T00:00:01Z';
    const r = await verifyCredentialProof(forged, { documents });
    expect(r.proofs.map((p) => p.code ?? 'ok')).toEqual([
      'proof_signature_invalid',
      'ok',
      'proof_previous_invalid',
    ]);
  });
});
