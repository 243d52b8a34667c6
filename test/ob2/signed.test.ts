/**
 * Signed Open Badges 2.0 verification. Keys are generated at test time and the JWS are made by
 * `jose` (an independent JOSE implementation), which also cross-checks every signature ob3kit
 * accepts; the badge objects follow the 2.0 specification's signed-badge example.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { CompactSign, compactVerify, exportSPKI, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/index.js';
import {
  codes,
  expectWellFormed,
  failCodes,
  fakeFetch,
  fixture,
  fixtureText,
  type Loose,
  outcomes,
  specDocuments,
} from './helpers.js';

const KEY_URL = 'https://example.org/publicKey.json';
const ISSUER_URL = 'https://example.org/organization.json';
const LIST_URL = 'https://example.org/revocationList.json';
const NOW = new Date('2020-01-01T00:00:00Z');
const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 0) || 25;

type KeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let issuerKey: { privateKey: KeyLike; publicKey: KeyLike; pem: string };
let otherKey: { privateKey: KeyLike; publicKey: KeyLike; pem: string };

async function rsa() {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  return { privateKey, publicKey, pem: await exportSPKI(publicKey) };
}

beforeAll(async () => {
  issuerKey = await rsa();
  otherKey = await rsa();
}, 60_000);

/** The spec's signed-badge claims (urn:uuid id, SignedBadge, creator = the key document). */
function claims(edit?: (c: Loose) => void): Loose {
  const c = fixture('spec/signed-example-claims.json');
  edit?.(c);
  return c;
}

async function sign(payload: unknown, key: KeyLike = issuerKey.privateKey) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RS256' })
    .sign(key);
}

function keyDoc(pem: string, edit?: (k: Loose) => void): Loose {
  const k = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'CryptographicKey',
    id: KEY_URL,
    owner: ISSUER_URL,
    publicKeyPem: pem,
  };
  edit?.(k);
  return k;
}

function documents(edit?: { key?: Loose; issuer?: Loose; list?: Loose }): Record<string, Loose> {
  return {
    ...specDocuments(),
    [KEY_URL]: edit?.key ?? keyDoc(issuerKey.pem),
    ...(edit?.issuer ? { [ISSUER_URL]: edit.issuer } : {}),
    [LIST_URL]: edit?.list ?? fixture('spec/revocation-list.json'),
  };
}

describe('signed assertions', () => {
  it('a JWS signed by the issuer key verifies (and jose agrees)', async () => {
    const jws = await sign(claims());
    await expect(compactVerify(jws, issuerKey.publicKey)).resolves.toBeDefined();
    const { fetch, requested } = fakeFetch(documents());
    const report = await verify(jws, { fetch, now: NOW });
    expectWellFormed(report);
    expect(report.verdict).toBe('valid');
    expect(report.format).toBe('jwt');
    expect(codes(report, 'proof')).toEqual(['ob2_signed']);
    expect(outcomes(report, 'issuer')).toEqual(['pass']);
    expect(report.checks.find((c) => c.id === 'status')?.message).toContain(LIST_URL);
    expect(report.ob2?.verificationType).toBe('signed');
    expect(report.ob2?.jws).toBe(jws);
    expect(requested.sort()).toEqual(
      [ISSUER_URL, KEY_URL, LIST_URL, 'https://example.org/robotics-badge.json'].sort(),
    );
  });

  it('a tampered payload or signature does not verify', async () => {
    const jws = await sign(claims());
    const [h, p, s] = jws.split('.') as [string, string, string];
    const other = Buffer.from(
      JSON.stringify(claims((c) => (c.issuedOn = '2010-01-01T00:00:00Z'))),
    ).toString('base64url');
    const tamperedPayload = `${h}.${other}.${s}`;
    await expect(compactVerify(tamperedPayload, issuerKey.publicKey)).rejects.toThrow();
    let report = await verify(tamperedPayload, { documents: documents(), now: NOW });
    expect(failCodes(report)).toEqual(['jwt_signature_invalid']);
    const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    report = await verify(flipped, { documents: documents(), now: NOW });
    expect(failCodes(report)).toEqual(['jwt_signature_invalid']);
  });

  it('property: no single-character change of the payload verifies', {
    timeout: 120_000,
  }, async () => {
    const jws = await sign(claims());
    const [h, p, s] = jws.split('.') as [string, string, string];
    const json = Buffer.from(p, 'base64url').toString('utf8');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(json.length - 1),
        fc.string({ minLength: 1, maxLength: 1 }),
        async (at, ch) => {
          const changed = json.slice(0, at) + ch + json.slice(at + 1);
          fc.pre(changed !== json);
          const forged = `${h}.${Buffer.from(changed).toString('base64url')}.${s}`;
          const report = await verify(forged, { documents: documents(), now: NOW });
          expectWellFormed(report);
          // Never verified: an invalid signature, or (a changed badge URL) nothing to check it with.
          expect(report.verdict).not.toBe('valid');
          expect(outcomes(report, 'proof')).not.toContain('pass');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the key must be owned by the issuer and listed by its published Profile', async () => {
    const jws = await sign(claims());
    const notOwned = await verify(jws, {
      documents: documents({
        key: keyDoc(issuerKey.pem, (k) => (k.owner = 'https://evil.example/issuer')),
      }),
      now: NOW,
    });
    expect(failCodes(notOwned)).toEqual(['ob2_key_owner_mismatch']);
    const issuer = fixture('spec/issuer.json');
    issuer.publicKey = 'https://example.org/another-key.json';
    const notListed = await verify(jws, { documents: documents({ issuer }), now: NOW });
    expect(failCodes(notListed)).toEqual(['ob2_key_not_listed']);
  });

  it("an attacker's key cannot sign for the issuer, whatever the assertion embeds", async () => {
    // The attacker signs with their key, names a key URL they control and embeds an issuer
    // Profile that lists it: the issuer's published Profile is what decides.
    const evilKeyUrl = 'https://evil.example/key.json';
    const payload = claims((c) => {
      c.verification.creator = evilKeyUrl;
      c.badge = {
        ...fixture('spec/badgeclass.json'),
        issuer: { ...fixture('spec/issuer.json'), publicKey: evilKeyUrl },
      };
      delete c.badge['@context'];
      delete c.badge.issuer['@context'];
    });
    const jws = await sign(payload, otherKey.privateKey);
    const docs = {
      ...documents(),
      [evilKeyUrl]: { ...keyDoc(otherKey.pem), id: evilKeyUrl },
    };
    const report = await verify(jws, { documents: docs, now: NOW });
    expect(failCodes(report)).toEqual(['ob2_key_not_listed']);
    expect(codes(report, 'issuer')).toContain('ob2_embedded_issuer_differs');
  });

  it('the wrong key (the issuer document holds another key) fails the signature', async () => {
    const jws = await sign(claims());
    const report = await verify(jws, {
      documents: documents({ key: keyDoc(otherKey.pem) }),
      now: NOW,
    });
    expect(failCodes(report)).toEqual(['jwt_signature_invalid']);
  });

  it('without verification.creator, the keys the issuer lists are tried', async () => {
    const jws = await sign(claims((c) => delete c.verification.creator));
    const report = await verify(jws, { documents: documents(), now: NOW });
    expect(report.verdict).toBe('valid');
    // A key embedded in the published Profile is used as published.
    const issuer = fixture('spec/issuer.json');
    issuer.publicKey = [{ id: KEY_URL, owner: ISSUER_URL, publicKeyPem: issuerKey.pem }];
    const embedded = await verify(jws, {
      documents: { ...documents({ issuer }), [KEY_URL]: keyDoc(otherKey.pem) },
      now: NOW,
    });
    expect(embedded.verdict).toBe('valid');
  });

  it('the revocation list: by id, by object id with a reason, and by legacy uid', async () => {
    const byString = await sign(
      claims((c) => (c.id = 'urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e')),
    );
    let report = await verify(byString, { documents: documents(), now: NOW });
    expect(failCodes(report)).toEqual(['ob2_revoked']);
    const byObject = await sign(
      claims((c) => (c.id = 'urn:uuid:e79a6c18-787e-4868-8e65-e6a4530fb418')),
    );
    report = await verify(byObject, { documents: documents(), now: NOW });
    expect(report.checks.find((c) => c.code === 'ob2_revoked')?.message).toContain(
      'Honor code violation',
    );
    const byUid = await sign(
      claims((c) => {
        delete c.id;
        c.uid = 'abc123';
      }),
    );
    report = await verify(byUid, { documents: documents(), now: NOW });
    expect(codes(report, 'status')).toEqual(['ob2_revoked']);
  });

  it('offline: the key and the revocation list are not checked, never passed', async () => {
    const jws = await sign(claims());
    const report = await verify(jws, { now: NOW });
    expectWellFormed(report);
    expect(report.verdict).toBe('warning');
    expect(
      report.checks.some(
        (c) => ['proof', 'issuer', 'status'].includes(c.id) && c.outcome === 'pass',
      ),
    ).toBe(false);
    // The key at hand but not the revocation list.
    const docs = documents();
    delete docs[LIST_URL];
    const partial = await verify(jws, { documents: docs, now: NOW });
    expect(codes(partial, 'proof')).toEqual(['ob2_signed']);
    expect(codes(partial, 'status')).toEqual(['status_unchecked_offline']);
    expect(partial.verdict).toBe('warning');
  });

  it('only RS256: none, HMAC and other algorithms are refused', async () => {
    const [, p] = (await sign(claims())).split('.') as [string, string];
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    expect(failCodes(await verify(none, { documents: documents(), now: NOW }))).toEqual([
      'jwt_alg_forbidden',
    ]);
    const [, , sig] = (await sign(claims())).split('.') as [string, string, string];
    for (const [alg, code] of [
      ['HS256', 'jwt_alg_forbidden'],
      ['PS256', 'jwt_alg_unsupported'],
      ['ES256', 'jwt_alg_unsupported'],
    ]) {
      const header = Buffer.from(JSON.stringify({ alg })).toString('base64url');
      expect(
        failCodes(await verify(`${header}.${p}.${sig}`, { documents: documents(), now: NOW })),
      ).toEqual([code]);
    }
  });

  it('PEM forms: SPKI and PKCS #1 are read; a short key, an EC key and garbage are refused', async () => {
    const jws = await sign(claims());
    const pkcs1 = createPublicKey(issuerKey.pem).export({ type: 'pkcs1', format: 'pem' }) as string;
    expect(
      (await verify(jws, { documents: documents({ key: keyDoc(pkcs1) }), now: NOW })).verdict,
    ).toBe('valid');
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }) as string;
    let report = await verify(jws, { documents: documents({ key: keyDoc(short) }), now: NOW });
    expect(failCodes(report)).toEqual(['ob2_key_invalid']);
    expect(report.checks.find((c) => c.code === 'ob2_key_invalid')?.message).toMatch(/1024-bit/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }) as string;
    report = await verify(jws, { documents: documents({ key: keyDoc(ec) }), now: NOW });
    expect(failCodes(report)).toEqual(['ob2_key_invalid']);
    report = await verify(jws, {
      documents: documents({
        key: keyDoc('-----BEGIN PUBLIC KEY-----\nMIIBG0BA...OClDQAB\n-----END PUBLIC KEY-----\n'),
      }),
      now: NOW,
    });
    expect(failCodes(report)).toEqual(['ob2_key_invalid']);
  });

  it("the specification's signed-badge example does not verify (its key does not exist)", async () => {
    const jws = fixtureText('spec/signed-example.jws');
    // Its payload names the key https://example.org/publicKey; give a key there, owned by the issuer.
    const issuer = fixture('spec/issuer.json');
    issuer.publicKey = 'https://example.org/publicKey';
    const docs = {
      ...documents({ issuer }),
      'https://example.org/publicKey': {
        ...keyDoc(issuerKey.pem),
        id: 'https://example.org/publicKey',
      },
    };
    const report = await verify(jws, { documents: docs, now: NOW });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toEqual(['jwt_signature_invalid']);
    // It uses the "verify" alias of "verification": read as such.
    expect(report.ob2?.verificationType).toBe('signed');
  });

  it('a signed assertion given as plain JSON, without its JWS, cannot be verified', async () => {
    const report = await verify(claims(), { documents: documents(), now: NOW });
    expect(failCodes(report)).toEqual(['ob2_signature_missing']);
  });

  it('a JWS over a hosted assertion is refused (the verification type decides)', async () => {
    const jws = await sign(fixture('spec/assertion-hosted.json'));
    const report = await verify(jws, { documents: documents(), now: NOW });
    expect(failCodes(report)).toContain('ob2_verification_type_mismatch');
  });
});
