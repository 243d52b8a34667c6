/**
 * Attack (JWT issuing): in the VC 2.0 payload form of a VC-JWT (the credential or presentation
 * is the payload), a member of the document named as a JWT claim shares the payload with the
 * signer's claims. VC-JOSE-COSE section 3.1.1 and RFC 7519 section 4.1: `iss`, `sub`, `aud`,
 * `exp`, `nbf`, `iat`, `jti` are registered claims, and a verifier reads them as such (ob3kit's
 * `verify()` reads the document without them, a `vc` / `vp` member beside `@context` as a second
 * document, a presentation's `nonce` as the challenge).
 *
 * Found and closed: a credential whose contexts define such a member (the VC 1.1 context does
 * not protect them; `jti` is in neither context) was signed by `signCredentialJwt` with the
 * `vc-2.0` payload form: the member was overwritten by the claim (`iss`, `sub`, `nbf`, `iat`,
 * `jti`: the issuer's value silently lost), or became the claim (`exp`, `aud` when the signer
 * sets none: a credential member `exp: 1` made the badge expired in 1970, `exp` as a date string
 * made it `invalid`). `signPresentationJwt` likewise. The JWT signers now refuse such a document
 * in the `vc-2.0` form (`ERR_CREDENTIAL_INVALID` / `ERR_PRESENTATION_INVALID`, issue
 * `jwt_payload_invalid` at the member); the `vc-1.1` form (the document in the `vc` / `vp`
 * claim) keeps them apart and signs them.
 *
 * Expected values: RFC 7519's registered claim names; the dates by `Date` arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { createPresentation, signPresentationJwt } from '../../src/present/index.js';
import { signCredentialJwt } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { obCredential, obCredentialV1 } from '../proof/helpers.js';
import { NOW } from './helpers.js';

const CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

/** The credential with `member` defined by an inline context and set to `value`. */
function withMember(base: Record<string, unknown>, member: string, value: unknown) {
  const context = [
    ...(base['@context'] as unknown[]),
    { [member]: `https://example.com/t#${member}` },
  ];
  return { ...base, '@context': context, [member]: value };
}

describe('VC-JWT 2.0 payload form: a document member named as a JWT claim', () => {
  it('a VC 1.1 credential member "exp" is not signed as the expiry in the vc-2.0 form', async () => {
    const ed = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(184) }));
    // exp = 1 is 1970-01-01T00:00:01Z: a credential that carried it would be read as expired
    const c = withMember(obCredentialV1(ed.did), 'exp', 1);
    await expect(
      signCredentialJwt(c, { key: ed.keyPair, payloadForm: 'vc-2.0' }),
    ).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_INVALID',
      issues: [expect.objectContaining({ code: 'jwt_payload_invalid', path: '$.exp' })],
    });
    // In the vc-1.1 form the member stays in the vc claim, apart from the JWT's claims.
    const jwt = await signCredentialJwt(c, { key: ed.keyPair, payloadForm: 'vc-1.1' });
    const payload = payloadOf(jwt);
    expect(payload.exp).toBeUndefined();
    expect((payload.vc as Record<string, unknown>).exp).toBe(1);
    expect((await verify(jwt, { now: NOW })).verdict).toBe('valid');
  });

  it('each registered claim name (and vc, vp) as a member: refused in the vc-2.0 form, never signed and then read otherwise', async () => {
    const ed = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(185) }));
    const values: Record<string, unknown> = {
      iss: 'did:example:someone-else',
      sub: 'did:example:other-subject',
      aud: 'https://example.com/audience',
      exp: '2020-01-01T00:00:00Z',
      nbf: Date.UTC(2100, 0, 1) / 1000,
      iat: 'x',
      jti: 'urn:example:member',
      vc: 'x',
      vp: 'x',
    };
    for (const base of [obCredential(ed.did), obCredentialV1(ed.did)]) {
      for (const [member, value] of Object.entries(values)) {
        const c = withMember(base, member, value);
        let jwt: string | undefined;
        try {
          jwt = await signCredentialJwt(c, { key: ed.keyPair, payloadForm: 'vc-2.0' });
        } catch (e) {
          expect((e as { code?: string }).code).toBe('ERR_CREDENTIAL_INVALID');
        }
        // Whatever the JSON-LD rules refuse first (the VC 2.0 context protects most of these
        // names), nothing is signed whose payload member differs from the credential's.
        expect([member, jwt]).toEqual([member, undefined]);
      }
    }
    // The claims themselves (no such member) still sign and verify.
    const plain = await signCredentialJwt(obCredentialV1(ed.did), {
      key: ed.keyPair,
      payloadForm: 'vc-2.0',
    });
    expect(CLAIMS.filter((c) => payloadOf(plain)[c] !== undefined)).toEqual([
      'iss',
      'sub',
      'nbf',
      'iat',
      'jti',
    ]);
    expect((await verify(plain, { now: NOW })).verdict).toBe('valid');
  });

  it('a presentation member "jti" or "nonce" is refused in the vc-2.0 form, signed in the vc-1.1 form', async () => {
    const ed = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(186) }));
    const options = { key: ed.keyPair, challenge: 'c-18', now: NOW };
    for (const member of ['jti', 'nonce']) {
      const vp = withMember(
        createPresentation({ holder: ed.did, credentials: [], version: '1.1' }),
        member,
        'urn:example:member',
      );
      await expect(
        signPresentationJwt(vp, { ...options, payloadForm: 'vc-2.0' }),
      ).rejects.toMatchObject({
        code: 'ERR_PRESENTATION_INVALID',
        issues: [expect.objectContaining({ code: 'jwt_payload_invalid', path: `$.${member}` })],
      });
      const signed = await signPresentationJwt(vp, { ...options, payloadForm: 'vc-1.1' });
      expect((payloadOf(signed).vp as Record<string, unknown>)[member]).toBe('urn:example:member');
      const report = await verify(signed, { now: NOW, challenge: 'c-18' });
      expect(report.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
    }
  });
});
