/**
 * Attack: the key-binding rules of a verification method, each member written another way.
 *
 * Found and closed: a JWK whose `key_ops` is a single string (the OB 3.0 data model types
 * `key_ops` as a string, RFC 7517 as an array) was not read at all, so `"key_ops": "encrypt"`
 * still verified signatures; both spellings are now read (DID documents and https JWKs).
 *
 * Tried and found closed (kept as tests): `expires` / `revoked` written as a one-element array,
 * a JSON-LD value object, null or a number (each counts as passed: fail closed); `publicKeyJwk`
 * as null or inside an array beside `publicKeyMultibase` (one method, two keys: refused); one
 * method defined by a relative id and embedded again by its absolute id with `expires` dropped.
 */
import { describe, expect, it } from 'vitest';
import { generateKeyPair, resolveVerificationMethod } from '../../src/keys/index.js';
import { compactJws, joseParty } from './attack7-jose.js';
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

const resolve = (doc: unknown) =>
  resolveVerificationMethod(VM, {
    documents: { [ISSUER]: doc as Record<string, unknown> },
    now: NOW,
    purpose: 'assertionMethod',
  });

describe('expires and revoked in other spellings fail closed', () => {
  const past = '2020-01-01T00:00:00Z';
  const spellings: Array<[string, unknown]> = [
    ['one-element array', [past]],
    ['value object', { '@value': past }],
    ['typed value object', { '@value': past, '@type': 'xsd:dateTime' }],
    ['null', null],
    ['number', Date.parse(past)],
    ['empty string', ''],
  ];
  for (const [name, value] of spellings) {
    it(`expires as ${name}`, async () => {
      const key = await generateKeyPair({ type: 'Ed25519' });
      await expect(
        resolve(didDoc({ publicKeyMultibase: key.publicKeyMultibase, expires: value })),
      ).rejects.toMatchObject({ code: 'ERR_KEY_EXPIRED' });
    });
    it(`revoked as ${name}`, async () => {
      const key = await generateKeyPair({ type: 'Ed25519' });
      await expect(
        resolve(didDoc({ publicKeyMultibase: key.publicKeyMultibase, revoked: value })),
      ).rejects.toMatchObject({ code: 'ERR_KEY_REVOKED' });
    });
  }
});

describe('one method, one key, one definition', () => {
  it('publicKeyJwk as null or an array beside publicKeyMultibase is refused', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const other = await generateKeyPair({ type: 'Ed25519' });
    for (const jwk of [null, [other.publicKeyJwk]]) {
      await expect(
        resolve(didDoc({ publicKeyMultibase: key.publicKeyMultibase, publicKeyJwk: jwk })),
      ).rejects.toMatchObject({ code: 'ERR_VERIFICATION_METHOD_INVALID' });
    }
  });

  it('a relative-id definition with expires and an absolute-id one without are refused', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const doc = {
      id: ISSUER,
      verificationMethod: [
        {
          id: '#key-1',
          type: 'Multikey',
          controller: ISSUER,
          publicKeyMultibase: key.publicKeyMultibase,
          expires: '2020-01-01T00:00:00Z',
        },
      ],
      assertionMethod: [
        {
          id: VM,
          type: 'Multikey',
          controller: ISSUER,
          publicKeyMultibase: key.publicKeyMultibase,
        },
      ],
    };
    await expect(resolve(doc)).rejects.toMatchObject({ code: 'ERR_VERIFICATION_METHOD_INVALID' });
  });
});

describe('a JWK key_ops written as one string (the OB 3.0 data model spelling)', () => {
  it('"key_ops": "encrypt" does not verify signatures', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const doc = didDoc({
      type: 'JsonWebKey',
      publicKeyJwk: { ...key.publicKeyJwk, key_ops: 'encrypt' },
    });
    await expect(resolve(doc)).rejects.toMatchObject({ code: 'ERR_KEY_PURPOSE_MISMATCH' });
  });

  it('"key_ops": "verify" (one string) still verifies', async () => {
    const key = await generateKeyPair({ type: 'Ed25519' });
    const doc = didDoc({
      type: 'JsonWebKey',
      publicKeyJwk: { ...key.publicKeyJwk, key_ops: 'verify' },
    });
    const resolved = await resolve(doc);
    expect(resolved.verificationMethod.id).toBe(VM);
  });
});

describe('key_ops as one string, end to end through verify()', () => {
  function badge(issuer: string, header: Record<string, unknown>) {
    const party = joseParty();
    const c = richCredential(issuer);
    const payload = {
      ...c,
      iss: issuer,
      sub: c.credentialSubject.id,
      jti: c.id,
      nbf: Date.parse(c.validFrom) / 1000,
      exp: Date.parse(c.validUntil) / 1000,
    };
    const full: Record<string, unknown> = { alg: 'EdDSA', typ: 'vc+jwt', ...header };
    if (full.jwk === true) full.jwk = party.publicJwk;
    return { party, jwt: compactJws(party, full, payload) };
  }

  it('a header jwk matched to a listed JWK with "key_ops": "encrypt" is refused', async () => {
    const { party, jwt } = badge(ISSUER, { jwk: true });
    const doc = (ops: unknown) => ({
      id: ISSUER,
      verificationMethod: [
        {
          id: VM,
          type: 'JsonWebKey',
          controller: ISSUER,
          publicKeyJwk: { ...party.publicJwk, key_ops: ops },
        },
      ],
      assertionMethod: [VM],
    });
    const refused = await verifyOffline(jwt, { documents: { [ISSUER]: doc('encrypt') } });
    expect(refused.verdict).toBe('invalid');
    expect(failCodes(refused)).toContain('key_purpose_mismatch');
    expect(refused.answers.authentic.value).not.toBe('yes');
    const genuine = await verifyOffline(jwt, { documents: { [ISSUER]: doc('verify') } });
    expect(genuine.verdict).toBe('valid');
  });

  it('a JWK at the issuer\'s https kid URL with "key_ops": "encrypt" is refused', async () => {
    const issuer = 'https://issuer.example/issuers/1';
    const kid = `${issuer}/key.json`;
    const { party, jwt } = badge(issuer, { kid });
    const refused = await verifyOffline(jwt, {
      documents: { [kid]: { ...party.publicJwk, key_ops: 'encrypt' } },
    });
    expect(refused.verdict).toBe('invalid');
    expect(failCodes(refused)).toContain('key_purpose_mismatch');
    expect(refused.answers.authentic.value).not.toBe('yes');
    const genuine = await verifyOffline(jwt, {
      documents: { [kid]: { ...party.publicJwk, key_ops: 'verify' } },
    });
    expect(genuine.verdict).toBe('valid');
  });
});
