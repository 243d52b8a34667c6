/**
 * Signing and verifying CLR 2.0 records with every proof format: the walk-through vector of the
 * Open Badges implementation guide (linked-data-proof-clr.html) byte for byte, the reference
 * stack as oracle for the RDFC suites, and VC-JWT.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/internal/bytes.js';
import {
  createDidKey,
  decodeBase58btc,
  generateKeyPair,
  importRawKeyPair,
  type KeyPair,
} from '../../src/keys/index.js';
import {
  createProofHashData,
  type SuiteName,
  signCredential,
  signCredentialJwt,
  verifyCredentialJwt,
  verifyCredentialProof,
} from '../../src/proof/index.js';
import { referenceIssue, referenceLoader, referenceVerify } from '../proof/helpers.js';
import type { Loose } from '../verify/helpers.js';
import { badge, guideBlock, guideCode, HAVE_GUIDE, OB3, record, SKIP_GUIDE } from './helpers.js';

const VECTORS = path.join(OB3, 'spec/test-vectors/clrv2p0');

describe.skipIf(!HAVE_GUIDE)('CLR 2.0 walk-through (linked-data-proof-clr.html)', () => {
  if (!HAVE_GUIDE) console.warn(SKIP_GUIDE);

  it('reproduces the canonical forms, hashes, signature and proofValue byte for byte', async () => {
    const credential = guideBlock('Credential') as Loose;
    const published = guideBlock('Proof') as Loose;
    const key = importRawKeyPair({
      secretKey: fromHex(guideCode('Private key \\(hex\\)')) as Uint8Array,
      id: published.verificationMethod,
      controller: credential.issuer.id,
    });
    const signed = (await signCredential(credential, {
      key,
      created: published.created,
      proofForm: 'object',
      // The walk-through writes single values where the strict CLR schema has arrays.
      validate: { lenient: true },
    })) as Loose;
    expect(signed.proof).toEqual(published);
    expect(signed.proof.proofValue).toBe(guideCode('Proof value \\(hex\\)'));
    // The published signed record writes its proof as a one-element array.
    expect({ ...signed, proof: [signed.proof] }).toEqual(guideBlock('Signed credential'));

    const hd = await createProofHashData(signed, signed.proof);
    expect(hd.canonicalDocument).toBe(
      fs.readFileSync(path.join(VECTORS, 'document-canon.txt'), 'utf8'),
    );
    expect(hd.canonicalProofConfig).toBe(
      fs.readFileSync(path.join(VECTORS, 'proof-canon.txt'), 'utf8'),
    );
    expect(hd.documentHash).toBe(guideCode('Document hash \\(hex\\)'));
    expect(hd.proofConfigHash).toBe(guideCode('Proof hash \\(hex\\)'));
    expect(toHex(hd.hashData)).toBe(guideCode('Data to sign \\(hex\\)'));
    expect(toHex(decodeBase58btc(signed.proof.proofValue.slice(1)) as Uint8Array)).toBe(
      guideCode('Signature \\(hex\\)'),
    );
  });

  it('verifies the published record and the credential it bundles; a changed bundled value fails', async () => {
    const signed = guideBlock('Signed credential') as Loose;
    const vm = signed.proof[0].verificationMethod as string;
    const [controller, multibase] = vm.split('#') as [string, string];
    const doc = {
      id: controller,
      verificationMethod: [{ id: vm, type: 'Multikey', controller, publicKeyMultibase: multibase }],
      assertionMethod: [vm],
    };
    const documents = { [controller]: doc };
    expect((await verifyCredentialProof(signed, { documents })).verified).toBe(true);
    const nested = signed.credentialSubject.verifiableCredential[0];
    expect((await verifyCredentialProof(nested, { documents })).verified).toBe(true);
    // The record's proof covers what it bundles.
    const changed = structuredClone(signed);
    changed.credentialSubject.verifiableCredential[0].credentialSubject.achievement.name = 'Other';
    const r = await verifyCredentialProof(changed, { documents });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['proof_signature_invalid']);
  });
});

async function issuer(
  type: 'Ed25519' | 'P-256' | 'P-384',
): Promise<{ did: string; key: KeyPair; document: object }> {
  const { did, keyPair, document } = createDidKey(await generateKeyPair({ type }));
  return { did, key: keyPair, document };
}

async function signedRecord(suite: SuiteName, type: 'Ed25519' | 'P-256' | 'P-384') {
  const { did, key, document } = await issuer(type);
  const part = badge('https://example.edu/achievements/a', 'did:example:learner', did);
  const signedPart = await signCredential(part, { key, suite });
  const clr = record([signedPart]) as Loose;
  clr.issuer = { id: did, type: ['Profile'], name: 'Example University' };
  return { clr, key, did, document, signed: (await signCredential(clr, { key, suite })) as Loose };
}

describe('CLR 2.0 records under every Data Integrity suite', () => {
  const suites: Array<[SuiteName, 'Ed25519' | 'P-256' | 'P-384']> = [
    ['eddsa-rdfc-2022', 'Ed25519'],
    ['ecdsa-rdfc-2019', 'P-256'],
    ['eddsa-jcs-2022', 'Ed25519'],
    ['ecdsa-jcs-2019', 'P-256'],
    ['ecdsa-rdfc-2019', 'P-384'],
    ['ecdsa-jcs-2019', 'P-384'],
    ['Ed25519Signature2020', 'Ed25519'],
  ];
  for (const [suite, type] of suites) {
    it(`${suite} (${type}): signs and verifies; a changed bundled credential fails`, async () => {
      const { signed } = await signedRecord(suite, type);
      const ok = await verifyCredentialProof(signed, {});
      expect(ok.issues).toEqual([]);
      expect(ok.verified).toBe(true);
      const changed = structuredClone(signed);
      changed.credentialSubject.verifiableCredential[0].validFrom = '2024-01-02T00:00:00Z';
      expect((await verifyCredentialProof(changed, {})).verified).toBe(false);
    });
  }

  for (const [suite, type] of suites.slice(0, 2) as Array<
    ['eddsa-rdfc-2022' | 'ecdsa-rdfc-2019', 'Ed25519' | 'P-256' | 'P-384']
  >) {
    it(`${suite}: the reference stack verifies ours, and we verify the reference stack's`, async () => {
      const { signed, clr, key, did, document } = await signedRecord(suite, type);
      const loader = referenceLoader({ [did]: document });
      expect((await referenceVerify(signed, suite, loader)).verified).toBe(true);
      const theirs = await referenceIssue(clr, key, suite, loader);
      const r = await verifyCredentialProof(theirs, {});
      expect(r.issues).toEqual([]);
      expect(r.verified).toBe(true);
    });
  }
});

describe('CLR 2.0 records as VC-JWT', () => {
  it('signs and verifies a CLR as a VC-JWT; a changed payload fails', async () => {
    const { did, key } = await issuer('Ed25519');
    const part = await signCredential(
      badge('https://example.edu/achievements/a', 'did:example:learner', did),
      { key },
    );
    const clr = record([part]) as Loose;
    clr.issuer = { id: did, type: ['Profile'], name: 'Example University' };
    const jwt = await signCredentialJwt(clr, { key });
    const r = await verifyCredentialJwt(jwt, {});
    expect(r.issues).toEqual([]);
    expect(r.verified).toBe(true);
    expect((r.credential as Loose).credentialSubject.verifiableCredential[0]).toEqual(part);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    payload.credentialSubject.verifiableCredential[0].name = 'Changed';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect((await verifyCredentialJwt(forged, {})).verified).toBe(false);
  });
});
