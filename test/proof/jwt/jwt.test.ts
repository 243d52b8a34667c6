import { createPublicKey } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProofError } from '../../../src/errors.js';
import {
  createDidKey,
  exportKeyPair,
  generateKeyPair,
  type KeyPair,
  type KeyType,
} from '../../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../../src/proof/index.js';
import { signCredentialJwt, verifyCredentialJwt } from '../../../src/proof/jwt/index.js';
import {
  b64u,
  codes,
  decodeSegment,
  HAS_EXAMPLE,
  handJwt,
  hmacJwt,
  ISSUER,
  issuerKey,
  loadBasicCredential,
  SKIP_REASON,
} from './helpers.js';

if (!HAS_EXAMPLE) console.warn(`test/proof/jwt skipped: ${SKIP_REASON}`);

const NOW = new Date('2024-06-01T00:00:00Z');
const NBF = Date.parse('2010-01-01T00:00:00Z') / 1000;

/** The claims OB 3.0 section 8.2.2 derives from the spec example. */
const EXPECTED_CLAIMS = {
  iss: 'https://example.com/issuers/876543',
  jti: 'http://example.com/credentials/3527',
  sub: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
  nbf: NBF,
};

describe.skipIf(!HAS_EXAMPLE)('VC-JWT', () => {
  let credential: Record<string, unknown>;
  const keys = {} as Record<KeyType, { key: KeyPair; documents: Record<string, unknown> }>;

  beforeAll(async () => {
    credential = loadBasicCredential();
    for (const t of ['Ed25519', 'P-256', 'RSA'] as const) keys[t] = await issuerKey(t);
  });

  describe.each([
    ['EdDSA', 'Ed25519'],
    ['ES256', 'P-256'],
    ['RS256', 'RSA'],
  ] as const)('%s', (alg, type) => {
    it('signs a JWT that jose verifies and whose claims follow OB 3.0 section 8.2', async () => {
      const { key } = keys[type];
      const jwt = await signCredentialJwt(credential, { key, now: NOW });
      const header = decodeSegment(jwt, 0);
      expect(header).toEqual({ alg, typ: 'JWT', kid: key.id });
      // Oracle: jose verifies our compact JWS with the public JWK.
      const joseKey = await importJWK(key.publicKeyJwk as never, alg);
      const { payload } = await jwtVerify(jwt, joseKey, { currentDate: NOW });
      expect(payload).toMatchObject({ ...EXPECTED_CLAIMS, iat: NOW.getTime() / 1000 });
      expect(payload.name).toBe('Teamwork Badge');
    });

    it('verifies its own JWT, resolving kid through the issuer document', async () => {
      const { key, documents } = keys[type];
      const jwt = await signCredentialJwt(credential, { key, now: NOW });
      const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
      expect(r.issues).toEqual([]);
      expect(r.verified).toBe(true);
      expect(r.payloadForm).toBe('vc-2.0');
      expect(r.verificationMethod).toBe(key.id);
      expect(r.credential).toEqual(credential);
    });

    it('verifies a JWT signed independently with node:crypto', async () => {
      const { key, documents } = keys[type];
      const jwt = handJwt({ alg, kid: key.id }, { ...credential, ...EXPECTED_CLAIMS }, key);
      const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
      expect(codes(r)).toEqual([]);
      expect(r.verified).toBe(true);
    });

    it('rejects a tampered payload, header and signature', async () => {
      const { key, documents } = keys[type];
      const jwt = await signCredentialJwt(credential, { key, now: NOW });
      const [h, p, s] = jwt.split('.') as [string, string, string];
      const payload = decodeSegment(jwt, 1);
      const forged = `${h}.${b64u({ ...payload, name: 'Forged Badge' })}.${s}`;
      const header2 = `${b64u({ ...decodeSegment(jwt, 0), typ: 'vc+jwt' })}.${p}.${s}`;
      const sigBytes = Buffer.from(s, 'base64url');
      sigBytes[5] = (sigBytes[5] as number) ^ 1;
      const badSig = `${h}.${p}.${sigBytes.toString('base64url')}`;
      for (const bad of [forged, header2, badSig]) {
        const r = await verifyCredentialJwt(bad, { documents, now: NOW });
        expect(r.verified).toBe(false);
        expect(codes(r)).toEqual(['jwt_signature_invalid']);
      }
    });
  });

  it('accepts a jose-signed VC 1.1 JWT whose vc claim leaves fields to the claims', async () => {
    const { key, documents } = keys['P-256'];
    const vc11: Record<string, unknown> = {
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: { type: ['AchievementSubject'] },
    };
    const priv = await importJWK(
      exportKeyPair(key, { format: 'jwk', includeSecret: true }) as never,
      'ES256',
    );
    const jwt = await new SignJWT({ vc: vc11 })
      .setProtectedHeader({ alg: 'ES256', kid: key.id as string })
      .setIssuer(ISSUER)
      .setSubject('did:example:ebfeb1f712ebc6f1c276e12ec21')
      .setJti('urn:uuid:2b2d8b84-9dda-4bd1-98f8-f51c5e9f2e03')
      .setNotBefore(NBF)
      .setExpirationTime(NBF + 10 * 365 * 86400 * 2)
      .sign(priv);
    const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
    expect(codes(r)).toEqual([]);
    expect(r.payloadForm).toBe('vc-1.1');
    expect(r.credential).toMatchObject({
      issuer: ISSUER,
      id: 'urn:uuid:2b2d8b84-9dda-4bd1-98f8-f51c5e9f2e03',
      issuanceDate: '2010-01-01T00:00:00Z',
      expirationDate: new Date((NBF + 10 * 365 * 86400 * 2) * 1000)
        .toISOString()
        .replace('.000Z', 'Z'),
      credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21' },
    });
  });

  it('accepts the fully-specified alg name Ed25519 (RFC 9864) as EdDSA', async () => {
    const { key, documents } = keys.Ed25519;
    const jwt = handJwt(
      { alg: 'Ed25519', kid: key.id },
      { ...credential, ...EXPECTED_CLAIMS },
      key,
    );
    expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([]);
    const p256 = keys['P-256'];
    const wrong = handJwt(
      { alg: 'Ed25519', kid: p256.key.id },
      { ...credential, ...EXPECTED_CLAIMS },
      p256.key,
    );
    expect(
      codes(await verifyCredentialJwt(wrong, { documents: p256.documents, now: NOW })),
    ).toEqual(['jwt_alg_key_mismatch']);
  });

  it('signs the VC 1.1 form with the credential in the vc claim', async () => {
    const { key, documents } = keys.Ed25519;
    const { validFrom, ...rest } = credential;
    const vc11 = {
      ...rest,
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        (credential['@context'] as string[])[1],
      ],
      issuanceDate: validFrom,
      expirationDate: '2030-01-01T00:00:00Z',
    };
    const jwt = await signCredentialJwt(vc11, { key, now: NOW });
    const payload = decodeSegment(jwt, 1);
    expect(payload.vc).toEqual(vc11);
    expect(payload).toMatchObject({
      ...EXPECTED_CLAIMS,
      exp: Date.parse('2030-01-01T00:00:00Z') / 1000,
    });
    const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
    expect(codes(r)).toEqual([]);
    expect(r.payloadForm).toBe('vc-1.1');
    expect(r.credential).toEqual(vc11);
    // Same credential, forced into the VC 2.0 payload form.
    const jwt2 = await signCredentialJwt(vc11, { key, now: NOW, payloadForm: 'vc-2.0' });
    expect(decodeSegment(jwt2, 1).vc).toBeUndefined();
    expect((await verifyCredentialJwt(jwt2, { documents, now: NOW })).verified).toBe(true);
  });

  it('resolves a did:key kid offline and checks the issuer controls it', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair());
    const cred = { ...credential, issuer: { ...(credential.issuer as object), id: did } };
    const jwt = await signCredentialJwt(cred, { key: keyPair, now: NOW });
    const r = await verifyCredentialJwt(jwt, { now: NOW });
    expect(codes(r)).toEqual([]);
    // The same JWT under another issuer id: iss and issuer agree, but the key is not theirs.
    const other = createDidKey(await generateKeyPair());
    const stolen = await signCredentialJwt(
      { ...credential, issuer: { ...(credential.issuer as object), id: other.did } },
      { key: keyPair, now: NOW, checkIssuer: false }, // refused by default
    );
    const r2 = await verifyCredentialJwt(stolen, { now: NOW });
    expect(codes(r2)).toEqual(['issuer_key_mismatch']);
  });

  it('keeps an embedded Data Integrity proof, which still verifies once the JWT claims are removed', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair());
    const cred = { ...credential, issuer: { ...(credential.issuer as object), id: did } };
    const withProof = await signCredential(cred, { key: keyPair, created: '2024-01-01T00:00:00Z' });
    const jwt = await signCredentialJwt(withProof, { key: keyPair, now: NOW });
    const r = await verifyCredentialJwt(jwt, { now: NOW });
    expect(codes(r)).toEqual([]);
    expect(r.credential).toEqual(withProof);
    const inner = await verifyCredentialProof(r.credential as object);
    expect(inner.issues).toEqual([]);
    expect(inner.verified).toBe(true);
  });

  it('resolves a did:web kid, absolute or relative to iss, through documents', async () => {
    const did = 'did:web:badges.example.org';
    const key = await generateKeyPair({ type: 'P-256', controller: did, id: `${did}#key-1` });
    const documents = {
      [did]: {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: did,
        verificationMethod: [key.toJSON()],
        assertionMethod: ['#key-1'],
      },
    };
    const cred = { ...credential, issuer: { ...(credential.issuer as object), id: did } };
    const claims = { ...cred, ...EXPECTED_CLAIMS, iss: did };
    for (const kid of [`${did}#key-1`, '#key-1']) {
      const jwt = handJwt({ alg: 'ES256', kid }, claims, key);
      const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
      expect(codes(r), kid).toEqual([]);
      expect(r.verificationMethod).toBe(`${did}#key-1`);
    }
  });

  it('puts the public jwk in the header when the key has no id, and ties it to the issuer', async () => {
    const bare = await generateKeyPair();
    const { did } = createDidKey(bare);
    const cred = { ...credential, issuer: { ...(credential.issuer as object), id: did } };
    const jwt = await signCredentialJwt(cred, { key: bare, now: NOW });
    const header = decodeSegment(jwt, 0);
    expect(header.kid).toBeUndefined();
    expect(header.jwk).toEqual(bare.publicKeyJwk);
    expect(header.jwk).not.toHaveProperty('d');
    const r = await verifyCredentialJwt(jwt, { now: NOW });
    expect(codes(r)).toEqual([]);
    expect(r.verificationMethod).toBe(createDidKey(bare).verificationMethodId);
  });

  it('rejects a header jwk that the issuer does not list (issuer_key_mismatch)', async () => {
    const bare = await generateKeyPair();
    const jwt = await signCredentialJwt(credential, { key: bare, now: NOW, checkIssuer: false });
    const r = await verifyCredentialJwt(jwt, { documents: keys.Ed25519.documents, now: NOW });
    expect(codes(r)).toEqual(['issuer_key_mismatch']);
  });

  it('rejects a header jwk that cannot be tied to an unresolvable issuer (jwt_key_unresolved)', async () => {
    const bare = await generateKeyPair();
    const jwt = await signCredentialJwt(credential, { key: bare, now: NOW, checkIssuer: false });
    const r = await verifyCredentialJwt(jwt, { now: NOW });
    expect(codes(r)).toEqual(['jwt_key_unresolved']);
  });

  describe('kid naming a JWK on the web (OB 3.0 section 8.2.1)', () => {
    const rsaKid = (url: string) => ({ key: keys.RSA.key, header: { alg: 'RS256', kid: url } });

    it("a bare JWK at an https kid directly under the issuer's URL (from documents)", async () => {
      const url = `${ISSUER}/key-1`;
      const { key, header } = rsaKid(url);
      const jwt = handJwt(header, { ...credential, ...EXPECTED_CLAIMS }, key);
      const r = await verifyCredentialJwt(jwt, {
        documents: { [url]: key.publicKeyJwk },
        now: NOW,
      });
      expect(codes(r)).toEqual([]);
      expect(r.verificationMethod).toBe(url);
    });

    it("a JWK Set fetched from under the issuer's URL, member chosen by the kid fragment", async () => {
      const { key, header } = rsaKid(`${ISSUER}/jwks.json#key-1`);
      const other = await generateKeyPair({ type: 'P-256' });
      const jwks = {
        keys: [
          { ...other.publicKeyJwk, kid: 'key-0' },
          { ...key.publicKeyJwk, kid: 'key-1', use: 'sig' },
        ],
      };
      const asked: string[] = [];
      const fetch = async (url: string) => {
        asked.push(url);
        return { ok: true, status: 200, text: async () => JSON.stringify(jwks) };
      };
      const jwt = handJwt(header, { ...credential, ...EXPECTED_CLAIMS }, key);
      const r = await verifyCredentialJwt(jwt, { fetch, now: NOW });
      expect(codes(r)).toEqual([]);
      expect(asked).toEqual([`${ISSUER}/jwks.json`]);
      // The same set with the member for signing turned off.
      jwks.keys[1] = { ...key.publicKeyJwk, kid: 'key-1', use: 'enc' };
      expect(codes(await verifyCredentialJwt(jwt, { fetch, now: NOW }))).toEqual([
        'key_purpose_mismatch',
      ]);
    });

    it('issuer_key_mismatch: a JWK published on another origin', async () => {
      const url = 'https://keys.elsewhere.example/jwk';
      const { key, header } = rsaKid(url);
      const jwt = handJwt(header, { ...credential, ...EXPECTED_CLAIMS }, key);
      const r = await verifyCredentialJwt(jwt, {
        documents: { [url]: key.publicKeyJwk },
        now: NOW,
      });
      expect(codes(r)).toEqual(['issuer_key_mismatch']);
    });

    it('issuer_key_mismatch: a JWK elsewhere on the issuer origin, unless webJwkBinding is origin', async () => {
      for (const url of [
        'https://example.com/keys/1',
        'https://example.com/issuers/other/jwks.json',
        `${ISSUER}/keys/k.json`,
      ]) {
        const { key, header } = rsaKid(url);
        const jwt = handJwt(header, { ...credential, ...EXPECTED_CLAIMS }, key);
        const documents = { [url]: key.publicKeyJwk };
        const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
        expect(codes(r), url).toEqual(['issuer_key_mismatch']);
        const opted = await verifyCredentialJwt(jwt, {
          documents,
          now: NOW,
          webJwkBinding: 'origin',
        });
        expect(codes(opted), url).toEqual([]);
      }
    });

    it('jwt_jwk_private: a published JWK holding "d"', async () => {
      const url = 'https://example.com/keys/2';
      const { key, header } = rsaKid(url);
      const jwt = handJwt(header, { ...credential, ...EXPECTED_CLAIMS }, key);
      const priv = exportKeyPair(key, { format: 'jwk', includeSecret: true });
      const r = await verifyCredentialJwt(jwt, { documents: { [url]: priv }, now: NOW });
      expect(codes(r)).toEqual(['jwt_jwk_private']);
    });
  });

  describe('failures, one code each', () => {
    const claims = () => ({ ...credential, ...EXPECTED_CLAIMS });

    it('jwt_malformed: wrong segment count, bad base64url, non-JSON, non-object', async () => {
      const { key } = keys.Ed25519;
      const good = await signCredentialJwt(credential, { key, now: NOW });
      const [h, p, s] = good.split('.') as [string, string, string];
      const cases = [
        `${h}.${p}`,
        `${h}.${p}.${s}.x.y`,
        `${h}.${p}!.${s}`,
        `${h}=.${p}.${s}`,
        `${b64u('not json')}.${p}.${s}`,
        `${b64u([1, 2])}.${p}.${s}`,
        `${h}.${b64u('null')}.${s}`,
        `${h}.${p}.${s}*`,
        `${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}.${p}.${s}`,
        '',
      ];
      for (const bad of cases) {
        const r = await verifyCredentialJwt(bad);
        expect(r.verified, bad).toBe(false);
        expect(codes(r).length).toBeGreaterThan(0);
        expect(new Set(codes(r))).toEqual(new Set(['jwt_malformed']));
      }
    });

    it('jwt_too_large: over options.maxLength (default 1 MiB)', async () => {
      const { key } = keys.Ed25519;
      const jwt = await signCredentialJwt(credential, { key, now: NOW });
      expect(codes(await verifyCredentialJwt(jwt, { maxLength: 100 }))).toEqual(['jwt_too_large']);
      const huge = `${'a'.repeat(1024 * 1024)}.b.c`;
      expect(codes(await verifyCredentialJwt(huge))).toEqual(['jwt_too_large']);
    });

    it('jwt_alg_forbidden: alg none (unsecured JWT)', async () => {
      const jwt = `${b64u({ alg: 'none', kid: keys.Ed25519.key.id })}.${b64u(claims())}.`;
      const r = await verifyCredentialJwt(jwt, { documents: keys.Ed25519.documents, now: NOW });
      expect(r.verified).toBe(false);
      expect(codes(r)).toEqual(['jwt_alg_forbidden']);
    });

    it('jwt_alg_forbidden: HS256 keyed with the issuer public key', async () => {
      const { key, documents } = keys.RSA;
      const pem = createPublicKey({ key: key.publicKeyJwk as never, format: 'jwk' }).export({
        type: 'spki',
        format: 'pem',
      });
      for (const alg of ['HS256', 'HS384', 'HS512']) {
        const jwt = hmacJwt({ alg, kid: key.id }, claims(), pem);
        const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
        expect(r.verified).toBe(false);
        expect(codes(r)).toEqual(['jwt_alg_forbidden']);
      }
    });

    it('jwt_alg_missing and jwt_alg_unsupported', async () => {
      const { key, documents } = keys.Ed25519;
      const noAlg = handJwt({ kid: key.id }, claims(), key);
      expect(codes(await verifyCredentialJwt(noAlg, { documents, now: NOW }))).toEqual([
        'jwt_alg_missing',
      ]);
      const ps256 = handJwt({ alg: 'PS256', kid: key.id }, claims(), key);
      expect(codes(await verifyCredentialJwt(ps256, { documents, now: NOW }))).toEqual([
        'jwt_alg_unsupported',
      ]);
      const ok = await signCredentialJwt(credential, { key, now: NOW });
      const restricted = await verifyCredentialJwt(ok, {
        documents,
        now: NOW,
        algorithms: ['RS256'],
      });
      expect(codes(restricted)).toEqual(['jwt_alg_unsupported']);
    });

    it('jwt_alg_key_mismatch: ES256 claimed over an Ed25519 key', async () => {
      const { key, documents } = keys.Ed25519;
      const jwt = handJwt({ alg: 'ES256', kid: key.id }, claims(), key);
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'jwt_alg_key_mismatch',
      ]);
    });

    it('jwt_crit_unsupported: a validly signed JWT with critical extensions', async () => {
      const { key, documents } = keys.Ed25519;
      const jwt = handJwt({ alg: 'EdDSA', kid: key.id, crit: ['exp'], exp: 1 }, claims(), key);
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'jwt_crit_unsupported',
      ]);
    });

    it('jwt_typ_unsupported: a presentation typ on a credential', async () => {
      const { key, documents } = keys.Ed25519;
      const jwt = await signCredentialJwt(credential, { key, now: NOW, typ: 'vp+jwt' });
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'jwt_typ_unsupported',
      ]);
      for (const typ of ['vc+jwt', 'application/vc+jwt', 'vc-ld+jwt', 'jwt']) {
        const ok = await signCredentialJwt(credential, { key, now: NOW, typ });
        expect(codes(await verifyCredentialJwt(ok, { documents, now: NOW })), typ).toEqual([]);
      }
    });

    it('jwt_jwk_private: a header jwk carrying "d"', async () => {
      const { key, documents } = keys.Ed25519;
      const jwk = exportKeyPair(key, { format: 'jwk', includeSecret: true });
      expect(jwk.d).toBeTypeOf('string');
      const jwt = handJwt({ alg: 'EdDSA', jwk }, claims(), key);
      const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
      expect(codes(r)).toEqual(['jwt_jwk_private']);
      expect(r.issues[0]?.path).toBe('header.jwk.d');
    });

    it('jwt_key_missing: neither kid nor jwk', async () => {
      const { key, documents } = keys.Ed25519;
      const jwt = handJwt({ alg: 'EdDSA' }, claims(), key);
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'jwt_key_missing',
      ]);
    });

    it('jwt_key_invalid: a header jwk that is not a usable key', async () => {
      const { key, documents } = keys.Ed25519;
      const jwt = handJwt(
        { alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'X25519', x: 'AA' } },
        claims(),
        key,
      );
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'jwt_key_invalid',
      ]);
    });

    it('jwt_jwk_kid_mismatch: header jwk and kid disagree', async () => {
      const { key, documents } = keys.Ed25519;
      const other = await generateKeyPair();
      const jwt = handJwt({ alg: 'EdDSA', kid: key.id, jwk: other.publicKeyJwk }, claims(), key);
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'jwt_jwk_kid_mismatch',
      ]);
    });

    it('jwt_key_unresolved: an https kid with neither documents nor fetch', async () => {
      const { key } = keys.Ed25519;
      const jwt = await signCredentialJwt(credential, { key, now: NOW });
      const r = await verifyCredentialJwt(jwt, { now: NOW });
      expect(codes(r)).toEqual(['jwt_key_unresolved']);
      expect(r.issues[0]?.message).toContain('ERR_RESOLUTION_OFFLINE');
    });

    it('resolves through an injected fetch (only the issuer document URL is requested)', async () => {
      const { key, documents } = keys.Ed25519;
      const jwt = await signCredentialJwt(credential, { key, now: NOW });
      const asked: string[] = [];
      const fetch = async (url: string) => {
        asked.push(url);
        return { ok: true, status: 200, text: async () => JSON.stringify(documents[url]) };
      };
      const r = await verifyCredentialJwt(jwt, { fetch, now: NOW });
      expect(codes(r)).toEqual([]);
      expect(asked).toEqual([ISSUER]);
    });

    it('key_purpose_mismatch: the key is listed only for authentication', async () => {
      const { key, documents } = await issuerKey('Ed25519', { purposes: ['authentication'] });
      const jwt = await signCredentialJwt(credential, { key, now: NOW });
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'key_purpose_mismatch',
      ]);
    });

    it('issuer_key_mismatch: the kid belongs to another controller', async () => {
      const { keyPair } = createDidKey(await generateKeyPair());
      const jwt = await signCredentialJwt(credential, {
        key: keyPair,
        now: NOW,
        checkIssuer: false,
      });
      expect(codes(await verifyCredentialJwt(jwt, { now: NOW }))).toEqual(['issuer_key_mismatch']);
    });

    it('jwt_signature_invalid: signed by a key other than the one kid names', async () => {
      const { key, documents } = keys.Ed25519;
      const impostor = await generateKeyPair({ controller: ISSUER, id: key.id });
      const jwt = await signCredentialJwt(credential, { key: impostor, now: NOW });
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'jwt_signature_invalid',
      ]);
    });

    it.each([
      ['iss', 'https://evil.example/issuer'],
      ['sub', 'did:example:someone-else'],
      ['jti', 'http://example.com/credentials/9999'],
      ['nbf', NBF + 3600],
      ['exp', NBF - 3600],
    ])('jwt_claim_mismatch: %s', async (claim, value) => {
      const { key, documents } = keys.Ed25519;
      const cred =
        claim === 'exp' ? { ...credential, validUntil: '2030-01-01T00:00:00Z' } : credential;
      const payload = {
        ...cred,
        ...EXPECTED_CLAIMS,
        exp: Date.parse('2030-01-01T00:00:00Z') / 1000,
      };
      if (claim !== 'exp') delete (payload as Record<string, unknown>).exp;
      (payload as Record<string, unknown>)[claim] = value;
      const jwt = handJwt({ alg: 'EdDSA', kid: key.id }, payload, key);
      const r = await verifyCredentialJwt(jwt, {
        documents,
        now: new Date('2030-02-01T00:00:00Z'),
      });
      const expected =
        claim === 'exp' ? ['jwt_claim_mismatch', 'jwt_expired'] : ['jwt_claim_mismatch'];
      expect(codes(r)).toEqual(expected);
      expect(r.issues[0]?.path).toBe(`payload.${claim}`);
      expect(r.issues[0]?.message).toContain(`"${claim}"`);
    });

    it('jwt_claim_missing: iss, jti, sub, nbf absent while the credential has them', async () => {
      const { key, documents } = keys.Ed25519;
      for (const claim of ['iss', 'jti', 'sub', 'nbf']) {
        const payload: Record<string, unknown> = { ...credential, ...EXPECTED_CLAIMS };
        delete payload[claim];
        const jwt = handJwt({ alg: 'EdDSA', kid: key.id }, payload, key);
        const r = await verifyCredentialJwt(jwt, { documents, now: NOW });
        expect(codes(r), claim).toEqual(['jwt_claim_missing']);
        expect(r.issues[0]?.path).toBe(`payload.${claim}`);
      }
    });

    it('jwt_claim_invalid: a claim of the wrong JSON type', async () => {
      const { key, documents } = keys.Ed25519;
      const jwt = handJwt(
        { alg: 'EdDSA', kid: key.id },
        { ...credential, ...EXPECTED_CLAIMS, nbf: '2010-01-01T00:00:00Z' },
        key,
      );
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
        'jwt_claim_invalid',
      ]);
    });

    it('jwt_expired and jwt_not_yet_valid, with clockTolerance', async () => {
      const { key, documents } = keys.Ed25519;
      const cred = {
        ...credential,
        validFrom: '2024-01-01T00:00:00Z',
        validUntil: '2025-01-01T00:00:00Z',
      };
      const jwt = await signCredentialJwt(cred, { key, now: NOW });
      const at = (iso: string, clockTolerance?: number) =>
        verifyCredentialJwt(jwt, { documents, now: new Date(iso), clockTolerance });
      expect(codes(await at('2024-06-01T00:00:00Z'))).toEqual([]);
      expect(codes(await at('2025-01-01T00:02:00Z'))).toEqual(['jwt_expired']);
      expect(codes(await at('2025-01-01T00:00:30Z'))).toEqual([]);
      expect(codes(await at('2025-01-01T00:00:30Z', 0))).toEqual(['jwt_expired']);
      // At exp itself the JWT has expired (RFC 7519: now must be before exp).
      expect(codes(await at('2025-01-01T00:00:00Z', 0))).toEqual(['jwt_expired']);
      expect(codes(await at('2024-12-31T23:59:59Z', 0))).toEqual([]);
      expect(codes(await at('2024-01-01T00:00:00Z', 0))).toEqual([]); // at nbf: valid
      expect(codes(await at('2023-12-31T23:58:00Z'))).toEqual(['jwt_not_yet_valid']);
      expect(codes(await at('2023-12-31T23:59:30Z'))).toEqual([]);
    });

    it('jwt_payload_invalid: no credential in the payload', async () => {
      const { key, documents } = keys.Ed25519;
      for (const payload of [{ iss: ISSUER }, { iss: ISSUER, vc: 'x' }, { iss: ISSUER, vp: {} }]) {
        const jwt = handJwt({ alg: 'EdDSA', kid: key.id }, payload, key);
        expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([
          'jwt_payload_invalid',
        ]);
      }
    });
  });

  describe('misuse', () => {
    it('verifyCredentialJwt throws TypeError for a non-string or bad options', async () => {
      await expect(verifyCredentialJwt(42 as never)).rejects.toThrow(TypeError);
      await expect(verifyCredentialJwt('a.b.c', { now: 'today' as never })).rejects.toThrow(
        TypeError,
      );
      await expect(
        verifyCredentialJwt('a.b.c', { algorithms: ['HS256'] as never }),
      ).rejects.toThrow(TypeError);
      await expect(verifyCredentialJwt('a.b.c', { fetch: 'x' as never })).rejects.toThrow(
        TypeError,
      );
    });

    it('signCredentialJwt throws TypeError for misuse, ProofError for unusable credentials', async () => {
      const { key } = keys.Ed25519;
      await expect(signCredentialJwt(null as never, { key })).rejects.toThrow(TypeError);
      await expect(signCredentialJwt(credential, { key: 'secret' as never })).rejects.toThrow(
        TypeError,
      );
      await expect(signCredentialJwt(credential, { key, alg: 'RS256' })).rejects.toThrow(TypeError);
      await expect(signCredentialJwt(credential, { key, alg: 'HS256' as never })).rejects.toThrow(
        TypeError,
      );
      const noIssuer = { ...credential, issuer: { name: 'x' } };
      await expect(signCredentialJwt(noIssuer, { key })).rejects.toMatchObject({
        code: 'ERR_CREDENTIAL_INVALID',
        issues: expect.arrayContaining([expect.objectContaining({ code: 'issuer_id_missing' })]),
      });
      const unchecked = { key, validate: false, checkIssuer: false } as const;
      await expect(signCredentialJwt(noIssuer, unchecked)).rejects.toMatchObject({
        code: 'ERR_JWT_ISSUER_MISSING',
      });
      const badDate = { ...credential, validFrom: '2010-01-01' };
      await expect(signCredentialJwt(badDate, { key })).rejects.toMatchObject({
        code: 'ERR_CREDENTIAL_INVALID',
        issues: expect.arrayContaining([
          expect.objectContaining({ code: 'date_invalid', path: '$.validFrom' }),
        ]),
      });
      await expect(signCredentialJwt(badDate, unchecked)).rejects.toBeInstanceOf(ProofError);
      await expect(
        signCredentialJwt(credential, { key: await generateKeyPairPublic() }),
      ).rejects.toMatchObject({ code: 'ERR_KEY_SECRET_MISSING' });
    });

    it('signs with a private JWK document as the key', async () => {
      const { key, documents } = keys['P-256'];
      const jwk = exportKeyPair(key, { format: 'jwk', includeSecret: true });
      const jwt = await signCredentialJwt(credential, { key: jwk, kid: key.id, now: NOW });
      expect(codes(await verifyCredentialJwt(jwt, { documents, now: NOW }))).toEqual([]);
    });
  });
});

async function generateKeyPairPublic(): Promise<KeyPair> {
  const { importKeyPair } = await import('../../../src/keys/index.js');
  return importKeyPair((await generateKeyPair()).publicKeyJwk, { publicOnly: true });
}
