/**
 * Every proof form ob3kit verifies feeds the `authentic` answer: each cryptosuite and key type
 * (P-384 included), proof sets and chains, a bare did:key verification method, the legacy
 * eddsa-2022 suite; and the W3C vectors (fixtures/vectors), whose signatures hold but whose
 * issuer does not control the signing keys.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey } from '../../src/keys/index.js';
import type { SuiteName } from '../../src/proof/index.js';
import { signCredential } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import {
  EXAMPLES_V2,
  readJson,
  referenceIssue,
  referenceLoader,
  VECTORS,
} from '../proof/helpers.js';
import { codes, entries, type Loose } from './helpers.js';
import { credentialFrom, makeIssuer, signDi, signJwt, type TestIssuer } from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');

describe('the authentic answer for each proof form', () => {
  const cases: Array<[SuiteName, 'Ed25519' | 'P-256' | 'P-384']> = [
    ['eddsa-rdfc-2022', 'Ed25519'],
    ['eddsa-jcs-2022', 'Ed25519'],
    ['Ed25519Signature2020', 'Ed25519'],
    ['ecdsa-rdfc-2019', 'P-256'],
    ['ecdsa-rdfc-2019', 'P-384'],
    ['ecdsa-jcs-2019', 'P-384'],
  ];
  for (const [suite, type] of cases) {
    it(`${suite} with ${type}: authentic yes; tampered: no`, async () => {
      const issuer = await makeIssuer('Example', type);
      const signed = await signDi(credentialFrom(issuer), issuer, suite);
      const r = await verify(signed, { now: NOW });
      expect(entries(r, 'proof').map((e) => e.outcome)).toEqual(['pass']);
      expect(r.answers.authentic.value).toBe('yes');
      expect(r.checks[r.answers.authentic.checks[0]!]?.id).toBe('proof');
      const tampered = structuredClone(signed);
      tampered.name = 'Another badge';
      const t = await verify(tampered, { now: NOW });
      expect(t.answers.authentic.value).toBe('no');
      expect(t.verdict).toBe('invalid');
    });
  }

  it('a VC-JWT (ES384): authentic yes', async () => {
    const issuer = await makeIssuer('Example', 'P-384');
    const r = await verify(await signJwt(credentialFrom(issuer), issuer), { now: NOW });
    expect(r.answers.authentic.value).toBe('yes');
    expect(entries(r, 'proof')[0]?.message).toContain('ES384');
  });

  it('a bare did:key verificationMethod (P-384): authentic yes; another DID’s key: no', async () => {
    const issuer = await makeIssuer('Example', 'P-384');
    const signed = await signCredential(credentialFrom(issuer), {
      key: issuer.keyPair,
      suite: 'ecdsa-rdfc-2019',
      verificationMethod: issuer.did,
    });
    expect(signed.proof[0].verificationMethod).toBe(issuer.did);
    const r = await verify(signed, { now: NOW });
    expect(r.answers.authentic.value).toBe('yes');
    const other = await makeIssuer('Other', 'P-384');
    const stranger = await signCredential(credentialFrom(issuer), {
      key: other.keyPair,
      suite: 'ecdsa-rdfc-2019',
      verificationMethod: other.did,
      checkIssuer: false,
    });
    const s = await verify(stranger, { now: NOW });
    expect(s.answers.authentic.value).toBe('no');
    expect(s.verdict).toBe('invalid');
  });

  it('the legacy eddsa-2022 suite, signed by the reference stack: authentic yes; tampered: no', async () => {
    const issuer = await makeIssuer();
    const { document } = createDidKey(issuer.keyPair);
    const signed = await referenceIssue(
      credentialFrom(issuer),
      issuer.keyPair,
      'eddsa-2022',
      referenceLoader({ [issuer.did]: document }),
    );
    expect(signed.proof.cryptosuite).toBe('eddsa-2022');
    const r = await verify(signed, { now: NOW });
    expect(codes(r, 'proof')).toEqual(['proof_suite_legacy']);
    expect(entries(r, 'proof').map((e) => e.outcome)).toEqual(['pass', 'warn']);
    expect(r.answers.authentic.value).toBe('yes');
    const tampered = structuredClone(signed);
    tampered.name = 'Another badge';
    expect((await verify(tampered, { now: NOW })).answers.authentic.value).toBe('no');
  });

  describe('proof chains', () => {
    let issuer: TestIssuer;
    let chained: Loose;
    beforeAll(async () => {
      issuer = await makeIssuer();
      const one = await signCredential(credentialFrom(issuer), {
        key: issuer.keyPair,
        id: 'urn:ex:proof:1',
      });
      chained = await signCredential(one, {
        key: issuer.keyPair,
        previousProof: 'urn:ex:proof:1',
      });
    });
    it('a chain of the issuer’s proofs: authentic yes', async () => {
      expect(chained.proof).toHaveLength(2);
      const r = await verify(chained, { now: NOW });
      expect(r.answers.authentic.value).toBe('yes');
    });
    it('a chain whose earlier proof is gone: the later one does not hold alone', async () => {
      const broken = structuredClone(chained);
      broken.proof = [broken.proof[1]];
      const r = await verify(broken, { now: NOW });
      expect(codes(r, 'proof')).toContain('proof_previous_missing');
      expect(r.answers.authentic.value).toBe('no');
    });
  });
});

describe('the W3C Data Integrity vectors', () => {
  const contexts = {
    [EXAMPLES_V2]: readJson(path.join(VECTORS, 'contexts/credentials-examples-v2.json')),
  };
  const VECTORS_USED: Array<[string, string]> = [
    ['ecdsa-rdfc-2019, P-384', 'vc-di-ecdsa/ecdsa-rdfc-2019-p384/signedECDSAP384.json'],
    ['ecdsa-jcs-2019, P-384', 'vc-di-ecdsa/ecdsa-jcs-2019-p384/signedJCSECDSAP384.json'],
    ['a proof set', 'vc-di-eddsa/proof-set-chain/signedProofSet2.json'],
    ['a proof chain', 'vc-di-eddsa/proof-set-chain/signedProofChain2.json'],
  ];
  for (const [name, file] of VECTORS_USED) {
    it(`${name}: every signature holds, but the issuer does not control the keys: not authentic`, async () => {
      const vector = readJson(path.join(VECTORS, file)) as Loose;
      const r = await verify(vector, { now: NOW, contexts });
      // The signatures verify (the proof check passes on the signature alone) ...
      expect(entries(r, 'proof')[0]?.outcome).toBe('pass');
      // ... but the keys are did:keys, the issuer https://vc.example/issuers/5678.
      expect(codes(r, 'issuer')).toContain('issuer_key_mismatch');
      expect(r.answers.authentic.value).toBe('no');
      expect(r.verdict).toBe('invalid');
      // A changed value breaks the signature as well.
      const changed = structuredClone(vector);
      changed.credentialSubject.alumniOf = 'Another School';
      const c = await verify(changed, { now: NOW, contexts });
      expect(entries(c, 'proof')[0]?.outcome).toBe('fail');
    });
  }
});
