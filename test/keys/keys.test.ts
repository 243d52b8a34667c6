import fs from 'node:fs';
import path from 'node:path';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, fromHex, toBase64Url, toHex } from '../../src/internal/bytes.js';
import {
  bindKeyPair,
  decodeBase58btc,
  encodeBase58btc,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  importRawKeyPair,
} from '../../src/keys/index.js';
import { codeOfSync } from '../helpers.js';

const OB3 = path.resolve(__dirname, '../../../shared/ob3');
const WALKTHROUGH = path.join(OB3, 'spec/impl/linked-data-proof-ob.html');
const hasWalkthrough = fs.existsSync(WALKTHROUGH);

/** Published W3C vc-di-eddsa key pair (fixtures/vectors/eddsa-rdfc-2022/key-pair.json). */
const W3C_EDDSA_KEY = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../fixtures/vectors/eddsa-rdfc-2022/key-pair.json'),
    'utf8',
  ),
);

describe('base58btc', () => {
  it('round-trips and keeps leading zeros', () => {
    const bytes = new Uint8Array([0, 0, 1, 2, 255]);
    expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes);
    // Bitcoin base58 test vector: "Hello World!" -> 2NEpo7TZRRrLZSi2U
    expect(encodeBase58btc(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
  });
  it('rejects characters outside the alphabet', () => {
    expect(decodeBase58btc('0OIl')).toBeUndefined();
  });
});

describe.skipIf(!hasWalkthrough)('1EdTech walk-through key (linked-data-proof-ob.html)', () => {
  const html = hasWalkthrough ? fs.readFileSync(WALKTHROUGH, 'utf8') : '';
  const hex = (label: string) =>
    new RegExp(`${label}[\\s\\S]*?<code\\s*>([0-9a-f]+)</code`).exec(html)?.[1] as string;
  const quoted = (name: string) => new RegExp(`${name}: '([^']+)'`).exec(html)?.[1] as string;

  it('reproduces publicKeyMultibase and secretKeyMultibase from the published hex key', () => {
    const secretHex = hex('Private key \\(hex\\)');
    const publicHex = hex('Public key \\(hex\\)');
    expect(secretHex).toHaveLength(128);
    const key = importRawKeyPair({ secretKey: fromHex(secretHex) as Uint8Array });
    expect(toHex(key.publicKey)).toBe(publicHex);
    const exported = exportKeyPair(key, { includeSecret: true, legacySecretKey: true });
    expect(exported.publicKeyMultibase).toBe(quoted('publicKeyMultibase'));
    expect(exported.secretKeyMultibase).toBe(quoted('secretKeyMultibase'));
    // The 64-byte form the walk-through publishes imports back to the same key.
    const back = importKeyPair({
      type: 'Multikey',
      secretKeyMultibase: quoted('secretKeyMultibase'),
    });
    expect(toHex(back.publicKey)).toBe(publicHex);
  });
});

describe('Multikey import/export', () => {
  it('reproduces the W3C vc-di-eddsa key pair (32-byte seed form)', () => {
    const key = importKeyPair(W3C_EDDSA_KEY);
    expect(key.type).toBe('Ed25519');
    expect(key.algorithm).toBe('EdDSA');
    const out = exportKeyPair(key, { includeSecret: true });
    expect(out.publicKeyMultibase).toBe(W3C_EDDSA_KEY.publicKeyMultibase);
    expect(out.secretKeyMultibase).toBe(W3C_EDDSA_KEY.privateKeyMultibase);
  });

  it('agrees with @digitalbazaar/ed25519-multikey on every export', async () => {
    const ref = await Ed25519Multikey.generate({
      seed: new Uint8Array(32).fill(3),
      controller: 'did:example:1',
    });
    const refExport = await ref.export({ publicKey: true, secretKey: true, includeContext: true });
    const key = importKeyPair(refExport);
    expect(key.id).toBe(ref.id);
    expect(key.controller).toBe('did:example:1');
    expect(
      exportKeyPair(key, { includeSecret: true, legacySecretKey: true, includeContext: true }),
    ).toEqual(refExport);
    // The reference puts 64 bytes (seed + public key) in "d"; RFC 8037 says the 32-byte seed.
    const refJwk = await Ed25519Multikey.toJwk({ keyPair: ref, secretKey: true });
    const ourJwk = exportKeyPair(key, { format: 'jwk', includeSecret: true });
    expect(ourJwk.x).toBe(refJwk.x);
    expect(ourJwk.d).toBe(toBase64Url((fromBase64Url(refJwk.d) as Uint8Array).subarray(0, 32)));
    expect(importKeyPair(refJwk).publicKey).toEqual(key.publicKey);
    // Our signature verifies with the reference verifier and vice versa.
    const data = new TextEncoder().encode('ob3kit');
    const ours = await key.sign(data);
    expect(await ref.verifier().verify({ data, signature: ours })).toBe(true);
    const theirs = await ref.signer().sign({ data });
    expect(await key.verify(data, theirs)).toBe(true);
  });

  it('agrees with @digitalbazaar/ecdsa-multikey for P-256 (Multikey and JWK)', async () => {
    const ref = await EcdsaMultikey.generate({ curve: 'P-256', controller: 'did:example:2' });
    const refExport = await ref.export({ publicKey: true, secretKey: true, includeContext: true });
    const key = importKeyPair(refExport);
    expect(key.type).toBe('P-256');
    expect(key.algorithm).toBe('ES256');
    expect(key.publicKeyMultibase?.startsWith('zDn')).toBe(true);
    expect(exportKeyPair(key, { includeSecret: true, includeContext: true })).toEqual(refExport);
    const refJwk = await EcdsaMultikey.toJwk({ keyPair: ref, secretKey: true });
    const ourJwk = exportKeyPair(key, { format: 'jwk', includeSecret: true });
    expect({ ...ourJwk }).toEqual({
      kty: refJwk.kty,
      crv: refJwk.crv,
      x: refJwk.x,
      y: refJwk.y,
      d: refJwk.d,
    });
    const data = new TextEncoder().encode('ob3kit p-256');
    expect(await ref.verifier().verify({ data, signature: await key.sign(data) })).toBe(true);
    // WebCrypto signatures are not low-s normalized; they must still verify.
    for (let i = 0; i < 4; i++) {
      expect(await key.verify(data, await ref.signer().sign({ data }))).toBe(true);
    }
  });

  it('imports Ed25519VerificationKey2020 as the reference library exports it', async () => {
    const ref = await Ed25519VerificationKey2020.generate({ controller: 'did:example:3' });
    const exported = ref.export({ publicKey: true, privateKey: true, includeContext: true });
    const key = importKeyPair(exported);
    expect(key.publicKeyMultibase).toBe(ref.publicKeyMultibase);
    expect(
      exportKeyPair(key, {
        format: 'Ed25519VerificationKey2020',
        includeSecret: true,
        includeContext: true,
      }),
    ).toEqual(exported);
  });

  it('rejects a public key that does not match the secret key', async () => {
    const a = exportKeyPair(await generateKeyPair(), { includeSecret: true });
    const b = exportKeyPair(await generateKeyPair());
    expect(
      codeOfSync(() => importKeyPair({ ...a, publicKeyMultibase: b.publicKeyMultibase })),
    ).toBe('ERR_KEY_INVALID');
  });

  it('rejects malformed and unsupported multibase values with precise codes', () => {
    expect(codeOfSync(() => importKeyPair({ type: 'Multikey', publicKeyMultibase: 'uAAAA' }))).toBe(
      'ERR_KEY_INVALID',
    );
    expect(codeOfSync(() => importKeyPair({ type: 'Multikey', publicKeyMultibase: 'z0OIl' }))).toBe(
      'ERR_KEY_INVALID',
    );
    // secp256k1 did:key from the did:key test suite
    expect(
      codeOfSync(() =>
        importKeyPair({
          type: 'Multikey',
          publicKeyMultibase: 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme',
        }),
      ),
    ).toBe('ERR_KEY_TYPE_UNSUPPORTED');
    // Ed25519 header, wrong length
    const short = `z${encodeBase58btc(new Uint8Array([0xed, 0x01, 1, 2, 3]))}`;
    expect(codeOfSync(() => importKeyPair({ type: 'Multikey', publicKeyMultibase: short }))).toBe(
      'ERR_KEY_INVALID',
    );
    // a secret key in the public field
    expect(
      codeOfSync(() =>
        importKeyPair({ type: 'Multikey', publicKeyMultibase: W3C_EDDSA_KEY.privateKeyMultibase }),
      ),
    ).toBe('ERR_KEY_INVALID');
  });

  it('rejects documents that are not keys, and misuse with TypeError', () => {
    expect(codeOfSync(() => importKeyPair({ type: 'Profile', name: 'x' }))).toBe('ERR_KEY_FORMAT');
    expect(codeOfSync(() => importKeyPair('z6Mk' as unknown as object))).toBe('TypeError');
    expect(codeOfSync(() => importKeyPair({ ...W3C_EDDSA_KEY, id: 42 }))).toBe('ERR_KEY_FORMAT');
  });
});

describe('JWK import/export', () => {
  it('round-trips Ed25519, P-256 and RSA private JWKs', async () => {
    for (const type of ['Ed25519', 'P-256', 'RSA'] as const) {
      const key = await generateKeyPair({ type });
      const jwk = exportKeyPair(key, { format: 'jwk', includeSecret: true });
      expect(typeof jwk.d).toBe('string');
      const back = importKeyPair(jwk);
      expect(back.type).toBe(type);
      expect(back.publicKey).toEqual(key.publicKey);
      const data = new TextEncoder().encode(type);
      expect(await key.verify(data, await back.sign(data))).toBe(true);
      const pub = importKeyPair(exportKeyPair(key, { format: 'jwk' }));
      expect(pub.hasSecretKey).toBe(false);
      await expect(pub.sign(data)).rejects.toMatchObject({ code: 'ERR_KEY_SECRET_MISSING' });
    }
  });

  it('imports JsonWebKey verification methods and refuses "d" in publicKeyJwk', async () => {
    const key = await generateKeyPair({ type: 'P-256' });
    const vm = exportKeyPair(
      bindKeyPair(key, { id: 'https://example.edu/keys#1', controller: 'https://example.edu' }),
      {
        format: 'JsonWebKey',
      },
    );
    expect(vm).toMatchObject({
      type: 'JsonWebKey',
      id: 'https://example.edu/keys#1',
      controller: 'https://example.edu',
    });
    const back = importKeyPair(vm);
    expect(back.id).toBe('https://example.edu/keys#1');
    const leaky = {
      ...vm,
      publicKeyJwk: exportKeyPair(key, { format: 'jwk', includeSecret: true }),
    };
    expect(codeOfSync(() => importKeyPair(leaky))).toBe('ERR_KEY_INVALID');
  });

  it('rejects bad JWKs: unknown curve, off-curve point, short RSA modulus, bad base64url', async () => {
    expect(codeOfSync(() => importKeyPair({ kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA' }))).toBe(
      'ERR_KEY_TYPE_UNSUPPORTED',
    );
    const p = exportKeyPair(await generateKeyPair({ type: 'P-256' }), { format: 'jwk' });
    const y = p.y as string;
    const flipped = `${y.slice(0, 10)}${y[10] === 'A' ? 'B' : 'A'}${y.slice(11)}`;
    expect(codeOfSync(() => importKeyPair({ ...p, y: flipped }))).toBe('ERR_KEY_INVALID');
    expect(codeOfSync(() => importKeyPair({ kty: 'RSA', n: 'AQAB'.repeat(20), e: 'AQAB' }))).toBe(
      'ERR_KEY_INVALID',
    );
    expect(
      codeOfSync(() => importKeyPair({ kty: 'OKP', crv: 'Ed25519', x: 'not base64url!' })),
    ).toBe('ERR_KEY_INVALID');
    expect(codeOfSync(() => importKeyPair({ kty: 'oct', k: 'AA' }))).toBe(
      'ERR_KEY_TYPE_UNSUPPORTED',
    );
  });
});

describe('KeyPair behaviour', () => {
  it('never serializes the secret key', async () => {
    const key = await generateKeyPair({ controller: 'did:example:4' });
    const json = JSON.stringify(key);
    const secret = exportKeyPair(key, { includeSecret: true }).secretKeyMultibase as string;
    expect(json).not.toContain(secret.slice(1, 20));
    expect(JSON.parse(json)).toMatchObject({
      type: 'Multikey',
      controller: 'did:example:4',
      id: key.id,
    });
  });

  it('derives ids from controller, is deterministic with a seed, and rejects RSA multikey export', async () => {
    const seed = new Uint8Array(32).fill(9);
    const a = await generateKeyPair({ seed, controller: 'https://example.edu/i/1' });
    const b = await generateKeyPair({ seed });
    expect(a.id).toBe(`https://example.edu/i/1#${a.publicKeyMultibase}`);
    expect(b.publicKey).toEqual(a.publicKey);
    const rsa = await generateKeyPair({ type: 'RSA' });
    expect(codeOfSync(() => exportKeyPair(rsa, { format: 'multikey' }))).toBe(
      'ERR_KEY_EXPORT_UNSUPPORTED',
    );
    await expect(generateKeyPair({ type: 'RSA', seed })).rejects.toThrow(TypeError);
  });

  it('rejects non-canonical Ed25519 signatures (s >= L) and wrong-length signatures', async () => {
    const key = await generateKeyPair({ seed: new Uint8Array(32).fill(1) });
    const data = new Uint8Array([1, 2, 3]);
    const sig = await key.sign(data);
    expect(await key.verify(data, sig)).toBe(true);
    // s + L is the same scalar mod L but not canonical; strict verification must reject it.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i] as number);
    let t = s + L;
    const forged = sig.slice();
    for (let i = 32; i < 64; i++) {
      forged[i] = Number(t & 0xffn);
      t >>= 8n;
    }
    expect(await key.verify(data, forged)).toBe(false);
    expect(await key.verify(data, sig.slice(0, 63))).toBe(false);
  });
});
