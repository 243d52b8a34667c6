import { beforeAll, describe, expect, it } from 'vitest';
import {
  bindKeyPair,
  encodeBase58btc,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  type KeyPair,
} from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { controllerDocument, type Json, obCredential, obCredentialV1 } from './helpers.js';

const ISSUER = 'https://example.edu/issuers/565049';
let key: KeyPair;
let documents: Record<string, Json>;
let signed: Json;

beforeAll(async () => {
  key = bindKeyPair(await generateKeyPair({ seed: new Uint8Array(32).fill(21) }), {
    id: `${ISSUER}#k`,
    controller: ISSUER,
  });
  documents = { [ISSUER]: controllerDocument(ISSUER, [exportKeyPair(key)]) };
  signed = await signCredential(obCredential(ISSUER), {
    key,
    created: '2024-01-01T00:00:00Z',
    proofForm: 'object',
  });
});

async function codes(
  doc: Json,
  options: Parameters<typeof verifyCredentialProof>[1] = { documents },
) {
  const result = await verifyCredentialProof(doc, options);
  expect(result.verified).toBe(false);
  expect(result.proofs.every((p) => p.verified === false)).toBe(true);
  return result.issues.map((i) => i.code);
}

function withProof(patch: Record<string, unknown>): Json {
  return { ...signed, proof: { ...signed.proof, ...patch } };
}

describe('verifyCredentialProof: one code for each failure', () => {
  it('passes the untouched credential (control)', async () => {
    const r = await verifyCredentialProof(signed, { documents });
    expect(r).toEqual({
      verified: true,
      issues: [],
      proofs: [
        {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          verificationMethod: key.id,
          verified: true,
        },
      ],
    });
  });

  it('proof_missing', async () => {
    const { proof: _p, ...unsigned } = signed;
    expect(await codes(unsigned)).toEqual(['proof_missing']);
    expect(await codes({ ...unsigned, proof: [] })).toEqual(['proof_missing']);
  });

  it('proof_malformed: not an object, no type, no purpose, no verificationMethod, bad created', async () => {
    expect(await codes({ ...signed, proof: 'z123' })).toEqual(['proof_malformed']);
    expect(await codes(withProof({ type: undefined }))).toEqual(['proof_malformed']);
    expect(await codes(withProof({ proofPurpose: undefined }))).toEqual(['proof_malformed']);
    expect(await codes(withProof({ verificationMethod: undefined }))).toEqual(['proof_malformed']);
    const r = await verifyCredentialProof(withProof({ created: 'yesterday' }), { documents });
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'proof_malformed', path: '$.proof.created' }),
    ]);
  });

  it('proof_suite_unsupported: unknown cryptosuite, unknown type, suite not allowed', async () => {
    const r = await verifyCredentialProof(withProof({ cryptosuite: 'bbs-2023' }), { documents });
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'proof_suite_unsupported', path: '$.proof.cryptosuite' }),
    ]);
    expect(await codes(withProof({ type: 'RsaSignature2018' }))).toEqual([
      'proof_suite_unsupported',
    ]);
    expect(await codes(signed, { documents, suites: ['ecdsa-rdfc-2019'] })).toEqual([
      'proof_suite_unsupported',
    ]);
  });

  it('proof_value_malformed: wrong multibase, not base58, wrong length, missing', async () => {
    const sig = signed.proof.proofValue as string;
    expect(await codes(withProof({ proofValue: `u${sig.slice(1)}` }))).toEqual([
      'proof_value_malformed',
    ]);
    expect(await codes(withProof({ proofValue: 'z0OIl' }))).toEqual(['proof_value_malformed']);
    expect(
      await codes(withProof({ proofValue: `z${encodeBase58btc(new Uint8Array(63))}` })),
    ).toEqual(['proof_value_malformed']);
    expect(await codes(withProof({ proofValue: undefined }))).toEqual(['proof_value_malformed']);
  });

  it('proof_purpose_mismatch: wrong proofPurpose, or the key is not listed for the purpose', async () => {
    expect(await codes(withProof({ proofPurpose: 'authentication' }))).toEqual([
      'proof_purpose_mismatch',
    ]);
    const noAssertion = { [ISSUER]: { ...documents[ISSUER], assertionMethod: [] } };
    expect(await codes(signed, { documents: noAssertion })).toEqual(['proof_purpose_mismatch']);
    expect(await codes(signed, { documents, expectedProofPurpose: 'authentication' })).toEqual([
      'proof_purpose_mismatch',
    ]);
  });

  it('issuer_key_mismatch: the key belongs to someone else than the issuer', async () => {
    const other = {
      ...signed,
      issuer: { ...signed.issuer, id: 'https://other.example/issuers/1' },
    };
    const resigned = await signCredential(
      { ...other, proof: undefined },
      // signCredential refuses this key by default; verifiers must catch it too.
      { key, created: '2024-01-01T00:00:00Z', checkIssuer: false },
    );
    expect(await codes(resigned)).toEqual(['issuer_key_mismatch']);
    expect(
      (await verifyCredentialProof(resigned, { documents, checkController: false })).verified,
    ).toBe(true);
  });

  it('key_invalid and key_type_mismatch', async () => {
    const broken = controllerDocument(ISSUER, [
      { ...exportKeyPair(key), publicKeyMultibase: 'z6MkBROKEN' },
    ]);
    expect(await codes(signed, { documents: { [ISSUER]: broken } })).toEqual(['key_invalid']);
    const p256 = bindKeyPair(await generateKeyPair({ type: 'P-256' }), {
      id: key.id,
      controller: ISSUER,
    });
    const wrongType = controllerDocument(ISSUER, [exportKeyPair(p256)]);
    expect(await codes(signed, { documents: { [ISSUER]: wrongType } })).toEqual([
      'key_type_mismatch',
    ]);
  });

  it('verification_method_unresolved / _unsupported / _offline / _revoked and controller_document_invalid', async () => {
    expect(await codes(withProof({ verificationMethod: `${ISSUER}#nope` }))).toEqual([
      'verification_method_unresolved',
    ]);
    // A DID method ob3kit does not resolve (and no resolver was given): could not be checked.
    expect(await codes(withProof({ verificationMethod: 'did:example:123#k' }))).toEqual([
      'verification_method_unsupported',
    ]);
    expect(await codes(signed, {})).toEqual(['verification_method_offline']);
    const revoked = controllerDocument(ISSUER, [
      { ...exportKeyPair(key), revoked: '2024-06-01T00:00:00Z' },
    ]);
    expect(await codes(signed, { documents: { [ISSUER]: revoked } })).toEqual([
      'verification_method_revoked',
    ]);
    // Not yet revoked at the time of verification.
    expect(
      (
        await verifyCredentialProof(signed, {
          documents: { [ISSUER]: revoked },
          now: new Date('2024-03-01'),
        })
      ).verified,
    ).toBe(true);
    const wrongId = { [ISSUER]: { ...documents[ISSUER], id: 'https://evil.example/' } };
    expect(await codes(signed, { documents: wrongId })).toEqual(['controller_document_invalid']);
  });

  it('proof_signature_invalid: tampered value, tampered proof option, or another key', async () => {
    const tampered = structuredClone(signed);
    tampered.credentialSubject.achievement.criteria.narrative = 'Anyone';
    expect(await codes(tampered)).toEqual(['proof_signature_invalid']);
    expect(await codes(withProof({ created: '2024-01-01T00:00:01Z' }))).toEqual([
      'proof_signature_invalid',
    ]);
    const impostor = bindKeyPair(await generateKeyPair(), { id: key.id, controller: ISSUER });
    const forged = await signCredential(obCredential(ISSUER), {
      key: impostor,
      created: '2024-01-01T00:00:00Z',
    });
    expect(await codes(forged)).toEqual(['proof_signature_invalid']);
  });

  it('proof_expired, proof_challenge_mismatch, proof_domain_mismatch', async () => {
    const expiring = await signCredential(obCredential(ISSUER), {
      key,
      created: '2024-01-01T00:00:00Z',
      expires: '2024-02-01T00:00:00Z',
    });
    expect(await codes(expiring, { documents, now: new Date('2025-01-01') })).toEqual([
      'proof_expired',
    ]);
    expect(
      (await verifyCredentialProof(expiring, { documents, now: new Date('2024-01-15') })).verified,
    ).toBe(true);
    const challenged = await signCredential(obCredential(ISSUER), {
      key,
      created: '2024-01-01T00:00:00Z',
      challenge: 'abc',
      domain: 'verifier.example',
    });
    expect(
      (
        await verifyCredentialProof(challenged, {
          documents,
          challenge: 'abc',
          domain: 'verifier.example',
        })
      ).verified,
    ).toBe(true);
    expect(await codes(challenged, { documents, challenge: 'xyz' })).toEqual([
      'proof_challenge_mismatch',
    ]);
    expect(await codes(challenged, { documents, domain: 'other.example' })).toEqual([
      'proof_domain_mismatch',
    ]);
  });

  it('jsonld_undefined_term names the term; jsonld_context_unknown names the URL', async () => {
    // VC 1.1 has no @vocab, so an undefined term is caught by JSON-LD safe mode.
    const v1 = await signCredential(obCredentialV1(ISSUER), {
      key,
      created: '2024-01-01T00:00:00Z',
    });
    const withTerm = { ...v1, favouriteColour: 'blue' };
    const r = await verifyCredentialProof(withTerm, { documents });
    expect(r.issues.map((i) => i.code)).toEqual(['jsonld_undefined_term']);
    expect(r.issues[0]?.message).toContain('favouriteColour');
    const unknown = {
      ...signed,
      '@context': [...signed['@context'], 'https://example.com/unknown-context/v1'],
    };
    const u = await verifyCredentialProof(unknown, { documents });
    expect(u.issues.map((i) => i.code)).toEqual(['jsonld_context_unknown']);
    expect(u.issues[0]?.message).toContain('https://example.com/unknown-context/v1');
  });

  it('proof_context_missing: Ed25519Signature2020 without its suite context', async () => {
    const ed = await signCredential(obCredential(ISSUER), {
      key,
      suite: 'Ed25519Signature2020',
      created: '2024-01-01T00:00:00Z',
    });
    const stripped = {
      ...ed,
      '@context': ed['@context'].filter((c: string) => !c.includes('ed25519-2020')),
    };
    expect(await codes(stripped)).toEqual(['proof_context_missing']);
  });

  it('reports each proof of a set separately', async () => {
    const second = await signCredential(signed, { key, created: '2024-01-02T00:00:00Z' });
    const broken = structuredClone(second);
    broken.proof[1].proofValue = `z${encodeBase58btc(new Uint8Array(64).fill(1))}`;
    const r = await verifyCredentialProof(broken, { documents });
    expect(r.verified).toBe(false);
    expect(r.proofs.map((p) => p.verified)).toEqual([true, false]);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'proof_signature_invalid', path: '$.proof[1].proofValue' }),
    ]);
  });

  it('throws TypeError only for misuse', async () => {
    await expect(verifyCredentialProof('x' as unknown as object)).rejects.toThrow(TypeError);
    await expect(verifyCredentialProof(signed, { fetch: 'yes' as never })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('signCredential failures', () => {
  it('does not mutate its input and adds the DI context to VC 1.1 only', async () => {
    const input = obCredentialV1(ISSUER);
    const copy = structuredClone(input);
    const out = await signCredential(input, { key, created: '2024-01-01T00:00:00Z' });
    expect(input).toEqual(copy);
    expect(out['@context']).toEqual([
      ...copy['@context'],
      'https://w3id.org/security/data-integrity/v2',
    ]);
    const v2 = await signCredential(obCredential(ISSUER), { key, created: '2024-01-01T00:00:00Z' });
    expect(v2['@context']).toEqual(obCredential(ISSUER)['@context']);
  });

  it('rejects an unknown suite, a key of the wrong type, a key without id or secret', async () => {
    await expect(
      signCredential(obCredential(ISSUER), { key, suite: 'bbs-2023' as never }),
    ).rejects.toMatchObject({
      code: 'ERR_SUITE_UNSUPPORTED',
    });
    await expect(
      signCredential(obCredential(ISSUER), { key, suite: 'ecdsa-rdfc-2019' }),
    ).rejects.toMatchObject({
      code: 'ERR_PROOF_KEY_MISMATCH',
    });
    await expect(
      signCredential(obCredential(ISSUER), { key: await generateKeyPair() }),
    ).rejects.toMatchObject({
      code: 'ERR_VERIFICATION_METHOD_MISSING',
    });
    const publicOnly = importKeyPair(exportKeyPair(key), { id: key.id });
    await expect(signCredential(obCredential(ISSUER), { key: publicOnly })).rejects.toMatchObject({
      code: 'ERR_KEY_SECRET_MISSING',
    });
    await expect(signCredential(obCredential(ISSUER), { key: {} as KeyPair })).rejects.toThrow(
      TypeError,
    );
    await expect(signCredential(obCredential(ISSUER), { key, created: 'soon' })).rejects.toThrow(
      TypeError,
    );
  });

  it('fails with ERR_JSONLD_UNDEFINED_TERM naming the term', async () => {
    const err = await signCredential(
      { ...obCredentialV1(ISSUER), favouriteColour: 'blue' },
      { key },
    ).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_JSONLD_UNDEFINED_TERM' });
    expect(err.details.term).toBe('favouriteColour');
  });

  it('refuses to change @context under existing proofs', async () => {
    const v1 = await signCredential(obCredentialV1(ISSUER), {
      key,
      suite: 'Ed25519Signature2020',
      created: '2024-01-01T00:00:00Z',
    });
    await expect(
      signCredential(v1, { key, created: '2024-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      code: 'ERR_PROOF_CONTEXT_MISSING',
    });
  });
});
