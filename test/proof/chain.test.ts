/**
 * Failure cases of proof chains and of the JCS suites' @context rule, key types and signature
 * sizes: each has its own code, and nothing passes that should not.
 */
import { describe, expect, it } from 'vitest';
import {
  bindKeyPair,
  createDidKey,
  exportKeyPair,
  generateKeyPair,
  type KeyType,
} from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { controllerDocument, type Json, obCredential } from './helpers.js';

const ISSUER = 'https://example.edu/issuers/565049';

async function issuerKey(type: KeyType = 'Ed25519', n = 1) {
  const seed = new Uint8Array(type === 'P-384' ? 48 : 32).fill(n);
  const key = bindKeyPair(await generateKeyPair({ type, seed }), {
    id: `${ISSUER}#key-${type}-${n}`,
    controller: ISSUER,
  });
  return key;
}

async function documentsFor(...types: KeyType[]) {
  const keys = await Promise.all(types.map((t, i) => issuerKey(t, i + 1)));
  const doc = controllerDocument(
    ISSUER,
    keys.map((k) => exportKeyPair(k)),
  );
  return { keys, documents: { [ISSUER]: doc } };
}

const codesOf = (r: { proofs: Array<{ code?: string }> }) => r.proofs.map((p) => p.code ?? 'ok');

describe('proof chains', () => {
  it('signs a chain on a chain and verifies it; signing never changes its input', async () => {
    const { keys, documents } = await documentsFor('Ed25519', 'P-256', 'P-384');
    const [a, b, c] = keys as [Json, Json, Json];
    const one: Json = await signCredential(obCredential(ISSUER), { key: a, id: 'urn:ex:1' });
    const copy = structuredClone(one);
    const two: Json = await signCredential(one, {
      key: b,
      suite: 'ecdsa-rdfc-2019',
      id: 'urn:ex:2',
      previousProof: 'urn:ex:1',
    });
    expect(one).toEqual(copy);
    const three: Json = await signCredential(two, {
      key: c,
      suite: 'ecdsa-jcs-2019',
      previousProof: ['urn:ex:2'],
    });
    const r = await verifyCredentialProof(three, { documents });
    expect(r.issues).toEqual([]);
    expect(codesOf(r)).toEqual(['ok', 'ok', 'ok']);
    // Dropping the first proof breaks the whole chain.
    const dropped = structuredClone(three);
    dropped.proof.shift();
    expect(codesOf(await verifyCredentialProof(dropped, { documents }))).toEqual([
      'proof_previous_missing',
      'proof_previous_invalid',
    ]);
  });

  it('refuses at signing a previousProof no proof has, or several have, and a duplicate id', async () => {
    const key = await issuerKey();
    const one = await signCredential(obCredential(ISSUER), { key, id: 'urn:ex:1' });
    await expect(signCredential(one, { key, previousProof: 'urn:ex:9' })).rejects.toMatchObject({
      code: 'ERR_PREVIOUS_PROOF_MISSING',
    });
    await expect(signCredential(one, { key, id: 'urn:ex:1' })).rejects.toMatchObject({
      code: 'ERR_PROOF_ID_DUPLICATE',
    });
    const twice: Json = structuredClone(one);
    twice.proof = [...twice.proof, ...twice.proof];
    await expect(signCredential(twice, { key, previousProof: 'urn:ex:1' })).rejects.toMatchObject({
      code: 'ERR_PREVIOUS_PROOF_MISSING',
    });
    await expect(
      signCredential(one, { key, previousProof: [] as unknown as string[] }),
    ).rejects.toThrow(TypeError);
  });

  it('verification: dangling, ambiguous and malformed previousProof, and cycles, each with a code', async () => {
    const { keys, documents } = await documentsFor('Ed25519');
    const key = keys[0] as Json;
    const base: Json = await signCredential(obCredential(ISSUER), { key, id: 'urn:ex:1' });
    const chained: Json = await signCredential(base, {
      key,
      id: 'urn:ex:2',
      previousProof: 'urn:ex:1',
    });
    const dangling = structuredClone(chained);
    dangling.proof[1].previousProof = 'urn:ex:404';
    expect(codesOf(await verifyCredentialProof(dangling, { documents }))).toEqual([
      'ok',
      'proof_previous_missing',
    ]);
    const ambiguous = structuredClone(chained);
    ambiguous.proof.push(structuredClone(ambiguous.proof[0]));
    expect(codesOf(await verifyCredentialProof(ambiguous, { documents }))).toEqual([
      'ok',
      'proof_previous_missing',
      'ok',
    ]);
    const malformed = structuredClone(chained);
    malformed.proof[1].previousProof = 42;
    expect(codesOf(await verifyCredentialProof(malformed, { documents }))).toEqual([
      'ok',
      'proof_malformed',
    ]);
    // A cycle: the first proof now names the second, which names the first.
    const cycle = structuredClone(chained);
    cycle.proof[0].previousProof = 'urn:ex:2';
    const self = structuredClone(chained);
    self.proof[1].previousProof = 'urn:ex:2';
    expect(codesOf(await verifyCredentialProof(cycle, { documents }))).toEqual([
      'proof_chain_cycle',
      'proof_chain_cycle',
    ]);
    expect(codesOf(await verifyCredentialProof(self, { documents }))).toEqual([
      'ok',
      'proof_chain_cycle',
    ]);
  });

  it('bounds the number of proofs before verifying any (proof_limit_exceeded)', async () => {
    const key = await issuerKey();
    const one: Json = await signCredential(obCredential(ISSUER), { key, proofForm: 'array' });
    const many = { ...one, proof: new Array(33).fill(one.proof[0]) };
    const r = await verifyCredentialProof(many);
    expect(r.verified).toBe(false);
    expect(r.proofs).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(['proof_limit_exceeded']);
    const small = await verifyCredentialProof(
      { ...one, proof: [one.proof[0], one.proof[0]] },
      {
        maxProofs: 1,
      },
    );
    expect(small.issues.map((i) => i.code)).toEqual(['proof_limit_exceeded']);
    await expect(verifyCredentialProof(one, { maxProofs: 0 })).rejects.toThrow(TypeError);
  });
});

describe('JCS suites: the @context rule', () => {
  it('the proof @context must be the start of the document @context', async () => {
    const { keys, documents } = await documentsFor('Ed25519');
    const signed: Json = await signCredential(obCredential(ISSUER), {
      key: keys[0] as Json,
      suite: 'eddsa-jcs-2022',
    });
    expect(signed.proof[0]['@context']).toEqual(signed['@context']);
    expect((await verifyCredentialProof(signed, { documents })).verified).toBe(true);
    const other = structuredClone(signed);
    other.proof[0]['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://example.org/x'];
    expect((await verifyCredentialProof(other, { documents })).issues.map((i) => i.code)).toEqual([
      'proof_context_mismatch',
    ]);
  });

  it('a context appended after signing fails unless another verified proof signs all of it', async () => {
    const { keys, documents } = await documentsFor('Ed25519', 'P-256');
    const signed: Json = await signCredential(obCredential(ISSUER), {
      key: keys[0] as Json,
      suite: 'eddsa-jcs-2022',
    });
    const extended = structuredClone(signed);
    extended['@context'] = [...extended['@context'], { '@vocab': 'https://attacker.example/#' }];
    const r = await verifyCredentialProof(extended, { documents });
    expect(r.issues.map((i) => i.code)).toEqual(['proof_context_mismatch']);
    // A second proof over the whole, extended @context: the set holds (the W3C use of the rule).
    const grown = structuredClone(signed);
    grown['@context'] = [...grown['@context'], 'https://w3id.org/security/data-integrity/v2'];
    const second: Json = await signCredential(grown, {
      key: keys[1] as Json,
      suite: 'ecdsa-jcs-2019',
    });
    const both = await verifyCredentialProof(second, { documents });
    expect(both.issues).toEqual([]);
    expect(codesOf(both)).toEqual(['ok', 'ok']);
  });

  it('a JCS proof signs the JSON: another spelling of a member is another document', async () => {
    const { keys, documents } = await documentsFor('Ed25519');
    const signed: Json = await signCredential(obCredential(ISSUER), {
      key: keys[0] as Json,
      suite: 'eddsa-jcs-2022',
    });
    const respelled = structuredClone(signed);
    respelled['https://schema.org/name'] = respelled.name;
    delete respelled.name;
    // Refused before the signature: the document is not in its compact form.
    expect(
      (await verifyCredentialProof(respelled, { documents })).issues.map((i) => i.code),
    ).toEqual(['jsonld_not_compact']);
    // A compact change of the JSON (the same name, another value) fails the JCS signature.
    const renamed = structuredClone(signed);
    renamed.name = `${renamed.name} `;
    expect((await verifyCredentialProof(renamed, { documents })).issues.map((i) => i.code)).toEqual(
      ['proof_signature_invalid'],
    );
  });
});

describe('key types and signature sizes', () => {
  it('a P-384 key on an EdDSA suite, and signatures of the wrong size, are refused', async () => {
    const { keys, documents } = await documentsFor('Ed25519', 'P-384');
    const [ed, p384] = keys as [Json, Json];
    await expect(
      signCredential(obCredential(ISSUER), { key: p384, suite: 'eddsa-jcs-2022' }),
    ).rejects.toMatchObject({ code: 'ERR_PROOF_KEY_MISMATCH' });
    const signed: Json = await signCredential(obCredential(ISSUER), {
      key: p384,
      suite: 'ecdsa-rdfc-2019',
    });
    // The P-384 key named by an Ed25519 proof.
    const swapped: Json = await signCredential(obCredential(ISSUER), { key: ed });
    swapped.proof[0].verificationMethod = p384.id;
    expect((await verifyCredentialProof(swapped, { documents })).issues.map((i) => i.code)).toEqual(
      ['key_type_mismatch'],
    );
    // A 64-byte signature with the P-384 key: the size does not fit the key.
    const short = structuredClone(signed);
    short.proof[0].proofValue = swapped.proof[0].proofValue;
    expect((await verifyCredentialProof(short, { documents })).issues.map((i) => i.code)).toEqual([
      'proof_value_malformed',
    ]);
    // A 96-byte signature on an EdDSA proof.
    const long = structuredClone(swapped);
    long.proof[0].verificationMethod = ed.id;
    long.proof[0].proofValue = signed.proof[0].proofValue;
    expect((await verifyCredentialProof(long, { documents })).issues.map((i) => i.code)).toEqual([
      'proof_value_malformed',
    ]);
  });

  it('a bare did:key verificationMethod verifies when the issuer is that DID', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'P-384' }));
    const credential = obCredential(did);
    const signed: Json = await signCredential(credential, {
      key: keyPair,
      suite: 'ecdsa-rdfc-2019',
      verificationMethod: did,
    });
    expect(signed.proof[0].verificationMethod).toBe(did);
    const r = await verifyCredentialProof(signed);
    expect(r.issues).toEqual([]);
    expect(r.verified).toBe(true);
    // The key still has to be the issuer's.
    const other = createDidKey(await generateKeyPair());
    const stranger: Json = await signCredential(credential, {
      key: other.keyPair,
      verificationMethod: other.did,
    });
    expect((await verifyCredentialProof(stranger)).issues.map((i) => i.code)).toEqual([
      'issuer_key_mismatch',
    ]);
  });
});
