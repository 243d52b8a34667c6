/**
 * The W3C Data Integrity test vectors (vc-di-ecdsa, vc-di-eddsa `TestVectors/`, copied under
 * fixtures/vectors/vc-di-*; see fixtures/vectors/README.md): every intermediate value they
 * publish is reproduced byte for byte (canonical document and proof configuration, both hashes,
 * the combined hash, the signature and the signed document), and the published documents verify.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/internal/bytes.js';
import { canonize } from '../../src/jsonld/index.js';
import { decodeBase58btc, importKeyPair, type KeyType } from '../../src/keys/index.js';
import {
  createProofHashData,
  type SuiteName,
  signCredential,
  verifyCredentialProof,
} from '../../src/proof/index.js';
import { type Json, readJson, VECTORS, vectorLoader } from './helpers.js';

const documentLoader = vectorLoader();
const text = (file: string) => fs.readFileSync(file, 'utf8');

interface Vector {
  name: string;
  dir: string;
  /** File name suffix of the vector's files (`canonDoc<suffix>.txt`, ...). */
  suffix: string;
  signed: string;
  keyPair: string;
  keyType: KeyType;
}

const ECDSA = path.join(VECTORS, 'vc-di-ecdsa');
const EDDSA = path.join(VECTORS, 'vc-di-eddsa');
const VECTOR_LIST: Vector[] = [
  {
    name: 'ecdsa-rdfc-2019 with P-384 (SHA-384)',
    dir: path.join(ECDSA, 'ecdsa-rdfc-2019-p384'),
    suffix: 'ECDSAP384',
    signed: 'signedECDSAP384.json',
    keyPair: path.join(ECDSA, 'p384KeyPair.json'),
    keyType: 'P-384',
  },
  {
    name: 'ecdsa-jcs-2019 with P-256',
    dir: path.join(ECDSA, 'ecdsa-jcs-2019-p256'),
    suffix: 'JCSECDSAP256',
    signed: 'signedJCSECDSAP256.json',
    keyPair: path.join(ECDSA, 'p256KeyPair.json'),
    keyType: 'P-256',
  },
  {
    name: 'ecdsa-jcs-2019 with P-384 (SHA-384)',
    dir: path.join(ECDSA, 'ecdsa-jcs-2019-p384'),
    suffix: 'JCSECDSAP384',
    signed: 'signedJCSECDSAP384.json',
    keyPair: path.join(ECDSA, 'p384KeyPair.json'),
    keyType: 'P-384',
  },
  {
    name: 'eddsa-jcs-2022',
    dir: path.join(EDDSA, 'eddsa-jcs-2022'),
    suffix: 'JCS',
    signed: 'signedJCS.json',
    keyPair: path.join(EDDSA, 'keyPair.json'),
    keyType: 'Ed25519',
  },
];

describe.each(VECTOR_LIST)('W3C test vector: $name', (v) => {
  const signed = readJson(path.join(v.dir, v.signed));
  const file = (stem: string, ext = 'txt') => path.join(v.dir, `${stem}${v.suffix}.${ext}`);
  const canonDoc = fs.readdirSync(v.dir).find((f) => f.startsWith('canonDoc')) as string;

  it('reproduces the canonical document and proof configuration, both hashes and the combined hash', async () => {
    const config = readJson(file('proofConfig', 'json'));
    const hd = await createProofHashData(signed, config, { documentLoader, keyType: v.keyType });
    expect(hd.canonicalDocument).toBe(text(path.join(v.dir, canonDoc)));
    expect(hd.canonicalProofConfig).toBe(text(file('proofCanon')));
    expect(hd.documentHash).toBe(text(file('docHash')).trim());
    expect(hd.proofConfigHash).toBe(text(file('proofHash')).trim());
    expect(toHex(hd.hashData)).toBe(text(file('combinedHash')).trim());
    expect(hd.hashData.length).toBe(v.keyType === 'P-384' ? 96 : 64);
  });

  it('signs the unsigned document into the published one (signature and proofValue byte for byte)', async () => {
    const { proof, ...unsigned } = signed;
    const key = importKeyPair(readJson(v.keyPair), { id: proof.verificationMethod });
    expect(key.type).toBe(v.keyType);
    const out = (await signCredential(unsigned, {
      key,
      suite: proof.cryptosuite as SuiteName,
      created: proof.created,
      documentLoader,
      proofForm: 'object',
      checkIssuer: false, // the W3C vectors sign for https://vc.example/issuers/5678 with a did:key
    })) as Json;
    expect(out).toEqual(signed);
    expect(out.proof.proofValue).toBe(text(file('sigBTC58')).trim());
    const signature = decodeBase58btc(out.proof.proofValue.slice(1)) as Uint8Array;
    expect(toHex(signature)).toBe(text(file('sigHex')).trim());
  });

  it('verifies the published document (did:key, offline); a changed value or a cut proofValue fails', async () => {
    // The issuer is an https URL and the key a did:key: only the signature is in question here.
    const ok = await verifyCredentialProof(signed, { documentLoader, checkController: false });
    expect(ok.issues).toEqual([]);
    expect(ok.verified).toBe(true);
    expect(ok.proofs[0]?.cryptosuite).toBe(signed.proof.cryptosuite);

    const changed = structuredClone(signed);
    changed.credentialSubject.alumniOf = 'The School of Forgeries';
    const bad = await verifyCredentialProof(changed, { documentLoader, checkController: false });
    expect(bad.issues.map((i) => i.code)).toEqual(['proof_signature_invalid']);

    // What the W3C suites send a verifier as their negative case.
    const cut = structuredClone(signed);
    cut.proof.proofValue = cut.proof.proofValue.slice(0, -1);
    const r = await verifyCredentialProof(cut, { documentLoader, checkController: false });
    expect(r.verified).toBe(false);
    // One base58 digit less is a shorter signature, or one of the same length and another value.
    expect(['proof_value_malformed', 'proof_signature_invalid']).toContain(r.issues[0]?.code);
  });
});

describe('W3C vc-di-eddsa proof sets and proof chains (TestVectors/proof-set-chain)', () => {
  const dir = path.join(EDDSA, 'proof-set-chain');
  const json = (name: string) => readJson(path.join(dir, name));
  const pairs = json('multiKeyPairs.json');
  const keyFor = (n: number, config: Json) =>
    importKeyPair(pairs[`keyPair${n}`], { id: config.verificationMethod });

  it('builds the proof set, then the chain, byte for byte, one signCredential call per proof', async () => {
    const unsigned = json('unsigned.json');
    const set1 = json('proofSetConfig1.json');
    const set2 = json('proofSetConfig2.json');
    const chain1 = json('proofChainConfig1.json');
    const chain2 = json('proofChainConfig2.json');
    const before = structuredClone(unsigned);
    let doc: Json = await signCredential(unsigned, {
      key: keyFor(1, set1),
      id: set1.id,
      created: set1.created,
      checkIssuer: false, // the vectors' issuer is not the did:key that signs
      documentLoader,
      proofForm: 'object',
    });
    expect(unsigned).toEqual(before);
    expect(doc).toEqual(json('signedProofSet1.json'));
    expect(doc.proof).toEqual(json('proofSetConfigSigned1.json'));
    doc = await signCredential(doc, {
      key: keyFor(2, set2),
      id: set2.id,
      created: set2.created,
      checkIssuer: false, // the vectors' issuer is not the did:key that signs
      documentLoader,
    });
    expect(doc).toEqual(json('signedProofSet2.json'));
    const set = structuredClone(doc);
    doc = await signCredential(doc, {
      key: keyFor(3, chain1),
      id: chain1.id,
      created: chain1.created,
      checkIssuer: false, // the vectors' issuer is not the did:key that signs
      previousProof: chain1.previousProof,
      documentLoader,
    });
    expect(set).toEqual(json('signedProofSet2.json')); // the input is not changed
    expect(doc).toEqual(json('signedProofChain1.json'));
    expect(doc.proof[2]).toEqual(json('proofChainConfigSigned1.json'));
    doc = await signCredential(doc, {
      key: keyFor(4, chain2),
      created: chain2.created,
      checkIssuer: false, // the vectors' issuer is not the did:key that signs
      previousProof: chain2.previousProof,
      documentLoader,
    });
    expect(doc).toEqual(json('signedProofChain2.json'));
    expect(doc.proof[3]).toEqual(json('proofChainConfigSigned2.json'));
  });

  it('signs each chained proof over the published temporary document (the document with the proofs it names)', async () => {
    for (const [tempDoc, config, n] of [
      ['proofChainTempDoc1.json', 'proofChainConfigSigned1.json', 3],
      ['proofChainTempDoc2.json', 'proofChainConfigSigned2.json', 4],
    ] as const) {
      const temp = json(tempDoc);
      const { proofValue, ...options } = json(config);
      // The chained proof signs the temporary document: the document with the proofs it names.
      const viaChain = await createProofHashData(
        { ...temp, proof: [...temp.proof, { ...options, proofValue }] },
        options,
        { documentLoader },
      );
      expect(viaChain.canonicalDocument).toBe(await canonize(temp, { documentLoader }));
      const key = keyFor(n, options);
      const signature = decodeBase58btc(proofValue.slice(1)) as Uint8Array;
      expect(await key.verify(viaChain.hashData, signature)).toBe(true);
    }
  });

  it('verifies every published set and chain document, each proof after the ones it names', async () => {
    for (const name of [
      'signedProofSet1.json',
      'signedProofSet2.json',
      'signedProofChain1.json',
      'signedProofChain2.json',
    ]) {
      const r = await verifyCredentialProof(json(name), { documentLoader, checkController: false });
      expect(r.issues, name).toEqual([]);
      expect(r.verified, name).toBe(true);
    }
  });

  it('a chain whose earlier proof is removed, replaced or broken does not verify', async () => {
    const chain = json('signedProofChain2.json');
    // Drop a proof the third names: its previousProof dangles, and so the fourth fails too.
    const dropped = structuredClone(chain);
    dropped.proof.splice(1, 1);
    const r1 = await verifyCredentialProof(dropped, { documentLoader, checkController: false });
    expect(r1.proofs.map((p) => p.code ?? 'ok')).toEqual([
      'ok',
      'proof_previous_missing',
      'proof_previous_invalid',
    ]);
    // Break the first proof's signature: the chain above it fails with it.
    const broken = structuredClone(chain);
    broken.proof[0].created = '2023-02-24T23:36:39Z';
    const r2 = await verifyCredentialProof(broken, { documentLoader, checkController: false });
    expect(r2.proofs.map((p) => p.code ?? 'ok')).toEqual([
      'proof_signature_invalid',
      'ok',
      'proof_previous_invalid',
      'proof_previous_invalid',
    ]);
    // Swap the order of the proofs: the chain is read by id, not by position.
    const reordered = structuredClone(chain);
    reordered.proof.reverse();
    const r3 = await verifyCredentialProof(reordered, { documentLoader, checkController: false });
    expect(r3.issues).toEqual([]);
    expect(r3.verified).toBe(true);
  });
});
