/**
 * The public-key importer verification uses (src/keys/import-public.ts, which never loads
 * @noble/curves) reads every key document as `importKeyPair(json, { publicOnly: true })` always
 * has: the same key, the same refusals with the same codes and messages. The key builders refuse
 * a secret key when they are not given the secret-key arithmetic.
 */
import { ed25519 as nobleEd25519 } from '@noble/curves/ed25519.js';
import { p256 as nobleP256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { exportKeyPair } from '../../src/keys/export.js';
import { generateKeyPair } from '../../src/keys/generate.js';
import { importKeyPair, importRawKeyPair } from '../../src/keys/import.js';
import { importPublicJwk, importPublicKeyPair } from '../../src/keys/import-public.js';
import { ed25519FromBytes, p256FromBytes, p384FromBytes } from '../../src/keys/key-pair.js';
import type { Jwk, KeyPair, KeyType } from '../../src/keys/types.js';

/** The outcome of an import: the key's public parts, or the error's class, code and message. */
function outcome(run: () => KeyPair): unknown {
  try {
    const key = run();
    return {
      type: key.type,
      id: key.id,
      controller: key.controller,
      publicKey: key.publicKey,
      publicKeyJwk: key.publicKeyJwk,
      hasSecretKey: key.hasSecretKey,
    };
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string };
    return { error: err.name, code: err.code, message: err.message };
  }
}

const same = (json: unknown, options?: { id?: string; controller?: string }) => {
  const expected = outcome(() => importKeyPair(json, { ...options, publicOnly: true }));
  expect(outcome(() => importPublicKeyPair(json, options))).toEqual(expected);
  return expected as { hasSecretKey?: boolean; code?: string };
};

const TYPES: KeyType[] = ['Ed25519', 'P-256', 'P-384', 'RSA'];

describe('importPublicKeyPair', () => {
  it.each(TYPES)(
    'reads %s key documents, with or without secret members, as publicOnly',
    async (type) => {
      const key = await generateKeyPair({
        type,
        controller: 'did:example:issuer',
        ...(type === 'RSA' ? {} : { seed: new Uint8Array(type === 'P-384' ? 48 : 32).fill(3) }),
      });
      const formats =
        type === 'RSA'
          ? (['jwk', 'JsonWebKey'] as const)
          : type === 'Ed25519'
            ? (['multikey', 'jwk', 'JsonWebKey', 'Ed25519VerificationKey2020'] as const)
            : (['multikey', 'jwk', 'JsonWebKey'] as const);
      for (const format of formats) {
        for (const includeSecret of [false, true]) {
          const doc = exportKeyPair(key, { format, includeSecret });
          const got = same(doc);
          expect(got.hasSecretKey).toBe(false);
          expect((got as { publicKey: Uint8Array }).publicKey).toEqual(key.publicKey);
          same(doc, { id: 'did:example:issuer#k', controller: 'did:example:issuer' });
        }
      }
    },
  );

  it('refuses what importKeyPair refuses, with the same codes and messages', async () => {
    const ed = await generateKeyPair({ seed: new Uint8Array(32).fill(4) });
    const ec = await generateKeyPair({ type: 'P-256', seed: new Uint8Array(32).fill(4) });
    const edJwk = ed.publicKeyJwk;
    const ecJwk = ec.publicKeyJwk;
    const bad: unknown[] = [
      { kty: 'OKP', crv: 'X25519', x: edJwk.x },
      { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' },
      { kty: 'OKP', crv: 'Ed25519', x: 'AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { ...ecJwk, y: ecJwk.x },
      { ...ecJwk, x: 'A'.repeat(43), y: 'A'.repeat(43) },
      { ...ecJwk, crv: 'P-521' },
      { kty: 'EC', crv: 'P-384', x: ecJwk.x, y: ecJwk.y },
      { type: 'JsonWebKey', publicKeyJwk: { ...ecJwk, d: 'AAAA' } },
      { type: 'Multikey', publicKeyMultibase: 'zDnae' },
      { type: 'Multikey', publicKeyMultibase: ec.publicKeyMultibase, id: 7 },
      { type: 'Multikey', publicKeyMultibase: ec.publicKeyMultibase?.slice(0, -3) },
      { type: 'Ed25519VerificationKey2020', publicKeyMultibase: ec.publicKeyMultibase },
      { type: 'Multikey' },
      { type: 'Unknown' },
      { publicKeyBase58: '1111' },
      [],
      'key',
    ];
    for (const json of bad) expect(same(json)).toHaveProperty('error');
    expect(same({ ...ecJwk, y: ecJwk.x }).code).toBe('ERR_KEY_INVALID');
    // A secret key alone is no public key: refused as importKeyPair refuses it.
    const secretOnly = exportKeyPair(ed, { includeSecret: true });
    delete (secretOnly as { publicKeyMultibase?: string }).publicKeyMultibase;
    expect(same(secretOnly).code).toBe('ERR_KEY_FORMAT');
  });

  it('importPublicJwk reads a bare JWK and ignores its private members', async () => {
    const key = await generateKeyPair({ type: 'P-384', seed: new Uint8Array(48).fill(5) });
    const jwk = exportKeyPair(key, { format: 'jwk', includeSecret: true }) as Jwk;
    expect(jwk.d).toBeDefined();
    const pub = importPublicJwk(jwk, { id: 'did:jwk:x#0' }, 'did:jwk');
    expect(pub.hasSecretKey).toBe(false);
    expect(pub.publicKey).toEqual(key.publicKey);
    expect(() => importPublicJwk({ ...jwk, x: jwk.y }, {}, 'did:jwk')).toThrow(
      expect.objectContaining({
        code: 'ERR_KEY_INVALID',
        message: 'did:jwk: not a valid P-384 point',
      }),
    );
  });
});

describe('key builders without the secret-key arithmetic', () => {
  it('build public keys, and refuse a secret key as misuse (TypeError)', () => {
    const seed = new Uint8Array(32).fill(6);
    const edPub = nobleEd25519.getPublicKey(seed);
    const ecPub = nobleP256.getPublicKey(seed, true);
    expect(ed25519FromBytes(edPub, undefined, {}, 'x', undefined).publicKey).toEqual(edPub);
    expect(p256FromBytes(ecPub, undefined, {}, 'x', undefined).publicKey).toEqual(ecPub);
    expect(() => ed25519FromBytes(undefined, seed, {}, 'x', undefined)).toThrow(TypeError);
    expect(() => p256FromBytes(ecPub, seed, {}, 'x', undefined)).toThrow(TypeError);
    expect(() => p384FromBytes(undefined, new Uint8Array(48).fill(6), {}, 'x', undefined)).toThrow(
      TypeError,
    );
    // With it (importRawKeyPair), the same bytes import with their secret keys.
    expect(importRawKeyPair({ secretKey: seed }).publicKey).toEqual(edPub);
    expect(importRawKeyPair({ type: 'P-256', secretKey: seed }).publicKey).toEqual(ecPub);
  });
});
