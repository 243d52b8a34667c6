/**
 * Attack: a VC-JWT whose header carries the key (`jwk`, no `kid`). ob3kit binds such a key to
 * the issuer when the issuer's DID document lists the same key under `assertionMethod`. That
 * lookup compared key bytes only and skipped what resolving the method by id checks: a method
 * `revoked` (a compromised key, the case revocation exists for) or past its `expires`, a JWK
 * restricted to encryption, a method holding two keys. Whoever holds a revoked issuer key could
 * still issue badges reported authentic, by leaving out `kid`.
 *
 * Expected: the header key is held to the same rules as the method it matches (a revoked or
 * expired match fails with `key_revoked` / `key_expired`); a current listed key still verifies.
 */
import { describe, expect, it } from 'vitest';
import { compactJws, joseParty } from './attack7-jose.js';
import { failCodes, richCredential, verifyOffline } from './helpers.js';

const ISSUER = 'did:web:issuer.example';
const VM = `${ISSUER}#key-1`;

function issuerDoc(publicJwk: object, extra: Record<string, unknown> = {}) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: ISSUER,
    verificationMethod: [
      { id: VM, type: 'JsonWebKey', controller: ISSUER, publicKeyJwk: publicJwk, ...extra },
    ],
    assertionMethod: [VM],
  };
}

function headerJwkBadge() {
  const party = joseParty();
  const c = richCredential(ISSUER);
  const payload = {
    ...c,
    iss: ISSUER,
    sub: c.credentialSubject.id,
    jti: c.id,
    nbf: Date.parse(c.validFrom) / 1000,
    exp: Date.parse(c.validUntil) / 1000,
  };
  const jwt = compactJws(party, { alg: 'EdDSA', jwk: party.publicJwk, typ: 'vc+jwt' }, payload);
  return { party, jwt };
}

describe('a VC-JWT with the key in its header', () => {
  it('verifies while the issuer lists that key (genuine)', async () => {
    const { party, jwt } = headerJwkBadge();
    const report = await verifyOffline(jwt, {
      documents: { [ISSUER]: issuerDoc(party.publicJwk) },
    });
    expect(report.verdict).toBe('valid');
  });

  it('fails when the listed key is revoked', async () => {
    const { party, jwt } = headerJwkBadge();
    const doc = issuerDoc(party.publicJwk, { revoked: '2025-01-01T00:00:00Z' });
    const report = await verifyOffline(jwt, { documents: { [ISSUER]: doc } });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toContain('key_revoked');
    expect(report.answers.authentic.value).not.toBe('yes');
  });

  it('fails when the listed key has expired', async () => {
    const { party, jwt } = headerJwkBadge();
    const doc = issuerDoc(party.publicJwk, { expires: '2025-01-01T00:00:00Z' });
    const report = await verifyOffline(jwt, { documents: { [ISSUER]: doc } });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toContain('key_expired');
    expect(report.answers.authentic.value).not.toBe('yes');
  });

  it('fails when the listed JWK is for encryption only', async () => {
    const { party, jwt } = headerJwkBadge();
    const doc = issuerDoc({ ...party.publicJwk, use: 'enc' });
    const report = await verifyOffline(jwt, { documents: { [ISSUER]: doc } });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toContain('key_purpose_mismatch');
  });

  it('verifies when the key is listed twice, once revoked and once current', async () => {
    const { party, jwt } = headerJwkBadge();
    const doc = issuerDoc(party.publicJwk, { revoked: '2025-01-01T00:00:00Z' });
    const current = `${ISSUER}#key-2`;
    (doc.verificationMethod as Record<string, unknown>[]).push({
      id: current,
      type: 'JsonWebKey',
      controller: ISSUER,
      publicKeyJwk: party.publicJwk,
    });
    doc.assertionMethod.push(current);
    const report = await verifyOffline(jwt, { documents: { [ISSUER]: doc } });
    expect(report.verdict).toBe('valid');
  });
});
