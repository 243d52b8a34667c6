import { describe, expect, it } from 'vitest';
import {
  bindKeyPair,
  createDidKey,
  exportKeyPair,
  generateKeyPair,
  type KeyPair,
} from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import {
  controllerDocument,
  type Json,
  obCredential,
  obCredentialV1,
  referenceIssue,
  referenceLoader,
  referenceVerify,
} from './helpers.js';

const ISSUER = 'https://example.edu/issuers/565049';
type Suite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'Ed25519Signature2020';

async function setup(suite: Suite, seedByte: number) {
  const type = suite === 'ecdsa-rdfc-2019' ? 'P-256' : 'Ed25519';
  const key = bindKeyPair(
    await generateKeyPair({ type, seed: new Uint8Array(32).fill(seedByte) }),
    {
      id: `${ISSUER}#key-1`,
      controller: ISSUER,
    },
  );
  const vm =
    suite === 'Ed25519Signature2020'
      ? exportKeyPair(key, { format: 'Ed25519VerificationKey2020' })
      : exportKeyPair(key);
  const doc = controllerDocument(
    ISSUER,
    [vm],
    suite === 'Ed25519Signature2020'
      ? 'https://w3id.org/security/suites/ed25519-2020/v1'
      : undefined,
  );
  return { key, doc, loader: referenceLoader({ [ISSUER]: doc }), documents: { [ISSUER]: doc } };
}

function tamper(signed: Record<string, Json>): Record<string, Json> {
  const copy = structuredClone(signed);
  copy.credentialSubject.achievement.name = 'Leadership';
  return copy;
}

const CASES: Array<[Suite, 'VC 2.0' | 'VC 1.1']> = [
  ['eddsa-rdfc-2022', 'VC 2.0'],
  ['eddsa-rdfc-2022', 'VC 1.1'],
  ['ecdsa-rdfc-2019', 'VC 2.0'],
  ['ecdsa-rdfc-2019', 'VC 1.1'],
  ['Ed25519Signature2020', 'VC 2.0'],
  ['Ed25519Signature2020', 'VC 1.1'],
];

describe('interop with the reference stack (@digitalbazaar/vc and suites)', () => {
  it.each(CASES)(
    '%s / %s: ob3kit signs, the reference verifies; tampering fails both',
    async (suite, version) => {
      const { key, loader, documents } = await setup(suite, 11);
      const credential = version === 'VC 2.0' ? obCredential(ISSUER) : obCredentialV1(ISSUER);
      const signed = await signCredential(credential, {
        key,
        suite,
        created: '2024-02-02T10:00:00Z',
      });
      const ref = await referenceVerify(signed, suite, loader);
      expect(ref.error).toBeUndefined();
      expect(ref.verified).toBe(true);
      expect((await verifyCredentialProof(signed, { documents })).verified).toBe(true);

      const bad = tamper(signed);
      expect((await referenceVerify(bad, suite, loader)).verified).toBe(false);
      const ours = await verifyCredentialProof(bad, { documents });
      expect(ours.verified).toBe(false);
      expect(ours.issues.map((i) => i.code)).toEqual(['proof_signature_invalid']);
    },
  );

  it.each(CASES)(
    '%s / %s: the reference signs, ob3kit verifies; tampering fails',
    async (suite, version) => {
      const { key, loader, documents } = await setup(suite, 12);
      const credential = version === 'VC 2.0' ? obCredential(ISSUER) : obCredentialV1(ISSUER);
      const signed = await referenceIssue(credential, key, suite, loader);
      const ours = await verifyCredentialProof(signed, { documents });
      expect(ours.issues).toEqual([]);
      expect(ours.verified).toBe(true);
      expect(ours.proofs[0]).toMatchObject({ verified: true, verificationMethod: key.id });
      const bad = await verifyCredentialProof(tamper(signed), { documents });
      expect(bad.issues.map((i) => i.code)).toEqual(['proof_signature_invalid']);
    },
  );

  it('produces the same proof bytes as the reference for deterministic suites', async () => {
    for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
      const { key, loader } = await setup(suite, 13);
      const ours = await signCredential(obCredential(ISSUER), {
        key,
        suite,
        created: '2024-01-01T00:00:00Z',
        proofForm: 'object', // the reference writes a single proof as an object
      });
      const theirs = await referenceIssue(obCredential(ISSUER), key, suite, loader);
      expect(ours).toEqual(theirs);
    }
  });

  it('verifies the legacy eddsa-2022 cryptosuite name (reference suite under that name)', async () => {
    const { key, loader, documents } = await setup('eddsa-rdfc-2022', 14);
    const signed = await referenceIssue(obCredential(ISSUER), key, 'eddsa-2022', loader);
    expect(signed.proof.cryptosuite).toBe('eddsa-2022');
    const ours = await verifyCredentialProof(signed, { documents });
    expect(ours.verified).toBe(true);
    expect(ours.proofs[0]?.cryptosuite).toBe('eddsa-2022');
    expect((await verifyCredentialProof(tamper(signed), { documents })).verified).toBe(false);
    await expect(
      signCredential(obCredential(ISSUER), { key, suite: 'eddsa-2022' }),
    ).rejects.toMatchObject({
      code: 'ERR_SUITE_UNSUPPORTED',
    });
  });

  it('did:key issuers: both stacks agree on a did:key signed credential', async () => {
    const { did, keyPair, document } = createDidKey(
      await generateKeyPair({ seed: new Uint8Array(32).fill(15) }),
    );
    const loader = referenceLoader({ [did]: document });
    const signed = await signCredential(obCredential(did), {
      key: keyPair,
      created: '2024-01-01T00:00:00Z',
    });
    expect((await referenceVerify(signed, 'eddsa-rdfc-2022', loader)).verified).toBe(true);
    expect((await verifyCredentialProof(signed)).verified).toBe(true);
  });

  it('proof sets: signing adds a proof, both stacks verify both proofs', async () => {
    const ed = await setup('eddsa-rdfc-2022', 16);
    const p256: KeyPair = bindKeyPair(
      await generateKeyPair({ type: 'P-256', seed: new Uint8Array(32).fill(17) }),
      {
        id: `${ISSUER}#key-2`,
        controller: ISSUER,
      },
    );
    const doc = controllerDocument(ISSUER, [exportKeyPair(ed.key), exportKeyPair(p256)]);
    const once = await signCredential(obCredential(ISSUER), {
      key: ed.key,
      created: '2024-01-01T00:00:00Z',
      proofForm: 'object',
    });
    const twice = await signCredential(once, {
      key: p256,
      suite: 'ecdsa-rdfc-2019',
      created: '2024-01-01T00:00:01Z',
    });
    expect(Array.isArray(twice.proof) && twice.proof.length).toBe(2);
    expect(once.proof).not.toBeInstanceOf(Array); // input untouched
    const ours = await verifyCredentialProof(twice, { documents: { [ISSUER]: doc } });
    expect(ours.proofs.map((p) => p.verified)).toEqual([true, true]);
    expect(ours.verified).toBe(true);
    const loader = referenceLoader({ [ISSUER]: doc });
    const ref = await referenceVerify(twice, ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'], loader);
    expect(ref.verified).toBe(true);
    expect(ref.results?.map((r) => r.verified)).toEqual([true, true]);
  });
});
