/**
 * Attack: DID documents and verification methods a forger can shape (a did:web document the
 * verifier is given through `documents`, a resolver or a fetch). What the W3C Controlled
 * Identifiers 1.0 data model says a verifier must honor:
 *
 * - a verification method with `expires` in the past must not verify proofs any more (the same
 *   rule as `revoked`); ob3kit honored `revoked` only, so a badge signed with an expired key
 *   was valid;
 * - a verification method must not carry its key twice (`publicKeyJwk` and `publicKeyMultibase`
 *   together are prohibited); ob3kit took the JWK and ignored the multibase, another reader
 *   takes the multibase: one method, two keys;
 * - a JWK restricted to another use (`use: "enc"`, `key_ops` without "verify") in a DID
 *   document verified signatures (the https-JWK path already refused it);
 * - a document that defines one method id twice with different contents (in
 *   `verificationMethod` and embedded under a relationship, or twice in one list) is
 *   ambiguous; ob3kit took the first, another reader may take the last;
 * - a method whose id points into another party's document (a shared host) and whose
 *   controller, the issuer, embeds its own definition with another key: ob3kit used the other
 *   party's key, so that party could sign as the issuer.
 *
 * Tried and found closed (kept as tests): a method found in the forger's document naming the
 * issuer as controller when the issuer's document does not list it; a did:key fragment naming
 * another key; a document whose id differs from the DID only by case; did:web spellings
 * (percent-encoded path, upper-case host, `..` segment, trailing dot).
 */
import { describe, expect, it } from 'vitest';
import type { KeyPair } from '../../src/keys/index.js';
import {
  createDidKey,
  generateKeyPair,
  resolveDid,
  resolveVerificationMethod,
} from '../../src/keys/index.js';
import { bindKeyPair } from '../../src/keys/key-pair.js';
import { signCredential } from '../../src/proof/index.js';
import { failCodes, NOW, richCredential, verifyOffline } from './helpers.js';

const ISSUER = 'did:web:issuer.example';
const VM = `${ISSUER}#key-1`;

function didDoc(vm: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: ISSUER,
    verificationMethod: [{ id: VM, type: 'Multikey', controller: ISSUER, ...vm }],
    assertionMethod: [VM],
    ...extra,
  };
}

async function signedBy(key: KeyPair) {
  const bound = bindKeyPair(key, { id: VM, controller: ISSUER });
  return signCredential(richCredential(ISSUER), { key: bound, created: '2024-01-01T00:00:00Z' });
}

describe('verification method lifetime (Controlled Identifiers: expires)', () => {
  it('a method whose "expires" has passed no longer verifies', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const doc = didDoc({
      publicKeyMultibase: key.publicKeyMultibase,
      expires: '2025-01-01T00:00:00Z',
    });
    await expect(
      resolveVerificationMethod(VM, { documents: { [ISSUER]: doc }, now: NOW }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_EXPIRED' });
    const report = await verifyOffline(await signedBy(key), { documents: { [ISSUER]: doc } });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toContain('verification_method_expired');
  });

  it('a method whose "expires" is still ahead verifies; an unreadable one does not', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const ahead = didDoc({
      publicKeyMultibase: key.publicKeyMultibase,
      expires: '2030-01-01T00:00:00Z',
    });
    const report = await verifyOffline(await signedBy(key), { documents: { [ISSUER]: ahead } });
    expect(report.verdict).toBe('valid');
    const garbled = didDoc({ publicKeyMultibase: key.publicKeyMultibase, expires: 'soon' });
    await expect(
      resolveVerificationMethod(VM, { documents: { [ISSUER]: garbled }, now: NOW }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_EXPIRED' });
  });
});

describe('one method, one key (Controlled Identifiers: one verification material)', () => {
  it('a method with publicKeyJwk beside publicKeyMultibase is refused, whichever key signed', async () => {
    const listed = await generateKeyPair({ type: 'Ed25519' });
    const other = await generateKeyPair({ type: 'Ed25519' });
    const doc = didDoc({
      publicKeyMultibase: listed.publicKeyMultibase,
      publicKeyJwk: other.publicKeyJwk,
    });
    await expect(
      resolveVerificationMethod(VM, { documents: { [ISSUER]: doc }, now: NOW }),
    ).rejects.toMatchObject({ code: 'ERR_VERIFICATION_METHOD_INVALID' });
    for (const signer of [listed, other]) {
      const report = await verifyOffline(await signedBy(signer), { documents: { [ISSUER]: doc } });
      expect(report.verdict).toBe('invalid');
      expect(report.answers.authentic.value).not.toBe('yes');
    }
  });

  it('the same method with its key once verifies (JWK alone, multibase alone)', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    for (const vm of [
      { publicKeyMultibase: key.publicKeyMultibase },
      { type: 'JsonWebKey', publicKeyJwk: key.publicKeyJwk },
    ]) {
      const report = await verifyOffline(await signedBy(key), {
        documents: { [ISSUER]: didDoc(vm) },
      });
      expect(report.verdict).toBe('valid');
    }
  });
});

describe('one method id, one definition', () => {
  it('an id defined in verificationMethod and embedded differently under assertionMethod is refused', async () => {
    const first = await generateKeyPair({ type: 'Ed25519' });
    const second = await generateKeyPair({ type: 'Ed25519' });
    const embedded = {
      id: VM,
      type: 'Multikey',
      controller: ISSUER,
      publicKeyMultibase: second.publicKeyMultibase,
    };
    const doc = didDoc(
      { publicKeyMultibase: first.publicKeyMultibase },
      { assertionMethod: [embedded] },
    );
    await expect(
      resolveVerificationMethod(VM, { documents: { [ISSUER]: doc }, now: NOW }),
    ).rejects.toMatchObject({ code: 'ERR_VERIFICATION_METHOD_INVALID' });
    for (const signer of [first, second]) {
      const report = await verifyOffline(await signedBy(signer), { documents: { [ISSUER]: doc } });
      expect(report.verdict).toBe('invalid');
    }
  });

  it('the same id twice in verificationMethod (one relative), with two keys, is refused', async () => {
    const first = await generateKeyPair({ type: 'Ed25519' });
    const second = await generateKeyPair({ type: 'Ed25519' });
    const doc = didDoc({ publicKeyMultibase: first.publicKeyMultibase });
    (doc.verificationMethod as Record<string, unknown>[]).push({
      id: '#key-1',
      type: 'Multikey',
      controller: ISSUER,
      publicKeyMultibase: second.publicKeyMultibase,
    });
    const report = await verifyOffline(await signedBy(second), { documents: { [ISSUER]: doc } });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toContain('controller_document_invalid');
  });

  it('the same definition repeated (listed and embedded alike) still verifies', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const vm = {
      id: VM,
      type: 'Multikey',
      controller: ISSUER,
      publicKeyMultibase: key.publicKeyMultibase,
    };
    const doc = didDoc(
      { publicKeyMultibase: key.publicKeyMultibase },
      { assertionMethod: [{ ...vm }] },
    );
    const report = await verifyOffline(await signedBy(key), { documents: { [ISSUER]: doc } });
    expect(report.verdict).toBe('valid');
  });
});

describe('closed: key binding through documents a forger shapes', () => {
  it("a method in the forger's document naming the issuer as controller is not the issuer's", async () => {
    const forger = await generateKeyPair({ type: 'Ed25519' });
    const issuerKey = await generateKeyPair({ type: 'Ed25519' });
    const EVIL = 'did:web:evil.example';
    const evilVm = `${EVIL}#k`;
    const evilDoc = {
      id: EVIL,
      verificationMethod: [
        {
          id: evilVm,
          type: 'Multikey',
          controller: ISSUER,
          publicKeyMultibase: forger.publicKeyMultibase,
        },
      ],
      assertionMethod: [evilVm],
    };
    const documents = {
      [EVIL]: evilDoc,
      [ISSUER]: didDoc({ publicKeyMultibase: issuerKey.publicKeyMultibase }),
    };
    const key = bindKeyPair(forger, { id: evilVm, controller: ISSUER });
    const signed = await signCredential(richCredential(ISSUER), {
      key,
      created: '2024-01-01T00:00:00Z',
      checkIssuer: false,
    });
    const report = await verifyOffline(signed, { documents });
    expect(report.verdict).toBe('invalid');
    expect(report.answers.authentic.value).not.toBe('yes');
  });

  it('a did:key fragment naming another key is not found', async () => {
    const a = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const b = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const fragment = b.verificationMethodId.split('#')[1];
    await expect(resolveVerificationMethod(`${a.did}#${fragment}`)).rejects.toMatchObject({
      code: 'ERR_VERIFICATION_METHOD_NOT_FOUND',
    });
  });

  it('a DID document whose id differs from the DID by case only is refused', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const doc = {
      ...didDoc({ publicKeyMultibase: key.publicKeyMultibase }),
      id: 'did:web:Issuer.example',
    };
    await expect(resolveDid(ISSUER, { documents: { [ISSUER]: doc } })).rejects.toMatchObject({
      code: 'ERR_DID_ID_MISMATCH',
    });
  });

  it('did:web spellings outside the grammar are refused before any lookup', async () => {
    for (const did of [
      'did:web:Issuer.example',
      'did:web:issuer.example.',
      'did:web:issuer.example:..',
      'did:web:issuer.example:users%2Falice',
      'did:web:issuer.example%3a8443',
      'did:web:issuer.example%3A08443',
    ]) {
      await expect(resolveDid(did, { documents: { [did]: { id: did } } })).rejects.toMatchObject({
        code: 'ERR_DID_INVALID',
      });
    }
  });
});

describe('a JWK restricted to another use (RFC 7517 use / key_ops)', () => {
  it('is not used to verify a credential, as an https JWK already was not', async () => {
    const key = await generateKeyPair({ type: 'P-256' });
    for (const restriction of [{ use: 'enc' }, { key_ops: ['encrypt'] }, { key_ops: ['sign'] }]) {
      const doc = didDoc({
        type: 'JsonWebKey',
        publicKeyJwk: { ...key.publicKeyJwk, ...restriction },
      });
      await expect(
        resolveVerificationMethod(VM, {
          documents: { [ISSUER]: doc },
          purpose: 'assertionMethod',
          now: NOW,
        }),
      ).rejects.toMatchObject({ code: 'ERR_KEY_PURPOSE_MISMATCH' });
      const report = await verifyOffline(await signedBy(key), { documents: { [ISSUER]: doc } });
      expect(report.verdict).toBe('invalid');
      expect(failCodes(report)).toContain('proof_purpose_mismatch');
    }
  });

  it('a JWK for signatures (use "sig", key_ops with "verify") still verifies', async () => {
    const key = await generateKeyPair({ type: 'P-256' });
    for (const restriction of [{ use: 'sig' }, { key_ops: ['verify'] }, {}]) {
      const doc = didDoc({
        type: 'JsonWebKey',
        publicKeyJwk: { ...key.publicKeyJwk, ...restriction },
      });
      const report = await verifyOffline(await signedBy(key), { documents: { [ISSUER]: doc } });
      expect(report.verdict).toBe('valid');
    }
  });
});

describe("the controller's own definition of a method another document holds", () => {
  const HOST = 'did:web:host.example:keys';
  const HOSTED = `${HOST}#k`;

  async function setup(hostKey: KeyPair, issuerKey: KeyPair) {
    const hostDoc = {
      id: HOST,
      verificationMethod: [
        {
          id: HOSTED,
          type: 'Multikey',
          controller: ISSUER,
          publicKeyMultibase: hostKey.publicKeyMultibase,
        },
      ],
    };
    const issuerDoc = {
      id: ISSUER,
      assertionMethod: [
        {
          id: HOSTED,
          type: 'Multikey',
          controller: ISSUER,
          publicKeyMultibase: issuerKey.publicKeyMultibase,
        },
      ],
    };
    return { [HOST]: hostDoc, [ISSUER]: issuerDoc };
  }

  async function signedWith(key: KeyPair) {
    return signCredential(richCredential(ISSUER), {
      key: bindKeyPair(key, { id: HOSTED, controller: ISSUER }),
      created: '2024-01-01T00:00:00Z',
      checkIssuer: false,
    });
  }

  it("a different key in the document the id points to is not the issuer's", async () => {
    const forger = await generateKeyPair({ type: 'Ed25519' });
    const issuerKey = await generateKeyPair({ type: 'Ed25519' });
    const documents = await setup(forger, issuerKey);
    await expect(
      resolveVerificationMethod(HOSTED, { documents, purpose: 'assertionMethod', now: NOW }),
    ).rejects.toMatchObject({ code: 'ERR_CONTROLLER_ID_MISMATCH' });
    const report = await verifyOffline(await signedWith(forger), { documents });
    expect(report.verdict).toBe('invalid');
    expect(report.answers.authentic.value).not.toBe('yes');
  });

  it('the same definition in both verifies', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const documents = await setup(key, key);
    const report = await verifyOffline(await signedWith(key), { documents });
    expect(report.verdict).toBe('valid');
  });
});
