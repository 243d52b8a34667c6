/**
 * P-384 keys: the curve ob3kit builds (lazily) from @noble/curves' generic code against the
 * package's own `p384` and node:crypto (OpenSSL); the W3C vc-di-ecdsa key pair; Multikey, JWK
 * and did:key round trips; refusal of points off the curve and of bad scalars; ES384 JWTs
 * checked by `jose`.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { p384 as nobleP384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { getP384 } from '../../src/keys/curves.js';
import {
  createDidKey,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  importRawKeyPair,
  resolveDidKey,
  resolveVerificationMethod,
} from '../../src/keys/index.js';
import { signCredentialJwt, verifyCredentialJwt } from '../../src/proof/index.js';
import { obCredential, readJson, VECTORS } from '../proof/helpers.js';

const runs = Number(process.env.OB3KIT_FUZZ_RUNS ?? 20);
const W3C_KEY = readJson(path.join(VECTORS, 'vc-di-ecdsa/p384KeyPair.json'));

describe('P-384 curve', () => {
  it('derives keys, signs (RFC 6979, SHA-384) and verifies as @noble/curves and OpenSSL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (msg) => {
        const secret = nobleP384.utils.randomSecretKey();
        const ours = getP384();
        expect(ours.getPublicKey(secret, true)).toEqual(nobleP384.getPublicKey(secret, true));
        const sig = ours.sign(msg, secret, { prehash: true, lowS: false });
        expect(sig).toEqual(nobleP384.sign(msg, secret, { prehash: true, lowS: false }));
        const key = importRawKeyPair({ type: 'P-384', secretKey: secret });
        expect(await key.sign(msg)).toEqual(sig);
        expect(sig.length).toBe(96);
        const jwk = key.publicKeyJwk;
        const nodeKey = crypto.createPublicKey({
          key: { kty: 'EC', crv: 'P-384', x: jwk.x as string, y: jwk.y as string },
          format: 'jwk',
        });
        expect(crypto.verify('sha384', msg, { key: nodeKey, dsaEncoding: 'ieee-p1363' }, sig)).toBe(
          true,
        );
        // OpenSSL's own (random-nonce) signature verifies here too.
        const nodeSecret = crypto.createPrivateKey({
          key: { ...jwk, d: Buffer.from(secret).toString('base64url') } as crypto.JsonWebKey,
          format: 'jwk',
        });
        const theirs = crypto.sign('sha384', msg, { key: nodeSecret, dsaEncoding: 'ieee-p1363' });
        expect(await key.verify(msg, new Uint8Array(theirs))).toBe(true);
        const bad = Uint8Array.from(sig);
        bad[10] = (bad[10] as number) ^ 1;
        expect(await key.verify(msg, bad)).toBe(false);
        expect(await key.verify(msg, sig.subarray(0, 64))).toBe(false);
      }),
      { numRuns: runs },
    );
  });
});

describe('P-384 key pairs', () => {
  it('imports the W3C vc-di-ecdsa P-384 key pair and exports it back unchanged', () => {
    const key = importKeyPair({ type: 'Multikey', ...W3C_KEY });
    expect(key.type).toBe('P-384');
    expect(key.algorithm).toBe('ES384');
    expect(key.publicKey.length).toBe(49);
    expect(key.publicKeyMultibase).toBe(W3C_KEY.publicKeyMultibase);
    expect(exportKeyPair(key, { includeSecret: true })).toEqual({
      type: 'Multikey',
      ...W3C_KEY,
    });
    const jwk = exportKeyPair(key, { format: 'jwk', includeSecret: true });
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-384' });
    expect(importKeyPair(jwk).publicKeyMultibase).toBe(W3C_KEY.publicKeyMultibase);
    expect(importKeyPair(exportKeyPair(key, { format: 'JsonWebKey' })).type).toBe('P-384');
  });

  it('agrees with @digitalbazaar/ecdsa-multikey on the key and on signatures, both ways', async () => {
    const key = await generateKeyPair({ type: 'P-384', controller: 'did:example:issuer' });
    const exported = { ...exportKeyPair(key, { includeSecret: true }), id: key.id };
    const ref = await EcdsaMultikey.from(exported);
    expect(ref.publicKeyMultibase).toBe(key.publicKeyMultibase);
    const data = new TextEncoder().encode('P-384 interop');
    const theirs = await ref.signer().sign({ data });
    expect(await key.verify(data, theirs)).toBe(true);
    const mine = await key.sign(data);
    expect(await ref.verifier().verify({ data, signature: mine })).toBe(true);
  });

  it('generates from a 48-byte seed deterministically; other seed sizes are misuse', async () => {
    const seed = new Uint8Array(48).fill(7);
    const a = await generateKeyPair({ type: 'P-384', seed });
    const b = await generateKeyPair({ type: 'P-384', seed });
    expect(a.publicKeyMultibase).toBe(b.publicKeyMultibase);
    expect(a.publicKeyMultibase?.startsWith('z82')).toBe(true);
    await expect(generateKeyPair({ type: 'P-384', seed: new Uint8Array(32) })).rejects.toThrow(
      TypeError,
    );
  });

  it('refuses points off the curve, wrong lengths and scalars outside [1, n-1]', () => {
    const good = importKeyPair({ type: 'Multikey', ...W3C_KEY }).publicKey;
    // An x with no y on the curve: try successive x until one is not a curve point.
    let off: Uint8Array | undefined;
    for (let i = 0; i < 64 && off === undefined; i++) {
      const candidate = Uint8Array.from(good);
      candidate[48] = (candidate[48] as number) ^ (i + 1);
      try {
        getP384().Point.fromBytes(candidate);
      } catch {
        off = candidate;
      }
    }
    expect(off).toBeDefined();
    expect(() => importRawKeyPair({ type: 'P-384', publicKey: off as Uint8Array })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
    );
    for (const bytes of [good.subarray(0, 33), new Uint8Array(49), new Uint8Array([0])]) {
      expect(() => importRawKeyPair({ type: 'P-384', publicKey: bytes })).toThrow(
        expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
      );
    }
    const n = getP384().Point.CURVE().n;
    const nBytes = Uint8Array.from(Buffer.from(n.toString(16).padStart(96, '0'), 'hex'));
    for (const secret of [new Uint8Array(48), nBytes, new Uint8Array(32).fill(1)]) {
      expect(() => importRawKeyPair({ type: 'P-384', secretKey: secret })).toThrow(
        expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
      );
    }
    // A JWK whose coordinates are of P-256 size.
    expect(() => importKeyPair({ kty: 'EC', crv: 'P-384', x: 'AAAA', y: 'AAAA' })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
    );
  });

  it('makes and resolves did:key for P-384; a bare did:key resolves to its one key', async () => {
    const { did, verificationMethodId, keyPair } = createDidKey(
      importKeyPair({ type: 'Multikey', publicKeyMultibase: W3C_KEY.publicKeyMultibase }),
    );
    expect(did).toBe(`did:key:${W3C_KEY.publicKeyMultibase}`);
    expect(resolveDidKey(did).verificationMethod?.[0]?.publicKeyMultibase).toBe(
      W3C_KEY.publicKeyMultibase,
    );
    const bare = await resolveVerificationMethod(did, { purpose: 'assertionMethod' });
    expect(bare.verificationMethod.id).toBe(verificationMethodId);
    expect(bare.keyPair.publicKeyMultibase).toBe(keyPair.publicKeyMultibase);
    expect(bare.verificationMethod.controller).toBe(did);
    // Only did:key names one key: a bare did:web stays no verification method.
    await expect(
      resolveVerificationMethod('did:web:example.com', {
        documents: { 'did:web:example.com': { id: 'did:web:example.com' } },
      }),
    ).rejects.toMatchObject({ code: 'ERR_VERIFICATION_METHOD_NOT_FOUND' });
  });
});

describe('ES384 VC-JWT', () => {
  it('signs with a P-384 key; jose verifies it; ob3kit verifies it and refuses a tampered one', async () => {
    const { did, keyPair, document } = createDidKey(await generateKeyPair({ type: 'P-384' }));
    const credential = obCredential(did);
    const jwt = await signCredentialJwt(credential, { key: keyPair });
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] as string, 'base64url').toString());
    expect(header.alg).toBe('ES384');
    const joseKey = await importJWK(keyPair.publicKeyJwk, 'ES384');
    const { payload } = await jwtVerify(jwt, joseKey);
    expect(payload.iss).toBe(did);
    const ok = await verifyCredentialJwt(jwt, { documents: { [did]: document } });
    expect(ok.issues).toEqual([]);
    expect(ok.verified).toBe(true);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    const bad = await verifyCredentialJwt(flipped, { documents: { [did]: document } });
    expect(bad.verified).toBe(false);
  });
});
