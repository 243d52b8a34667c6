/** RSA public keys in PEM (CryptographicKey.publicKeyPem), read with bounds; node:crypto as oracle. */
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importKeyPair } from '../../src/keys/index.js';
import { importRsaPem as importWith, MAX_PEM_LENGTH } from '../../src/ob2/pem.js';

const importRsaPem = (pem: unknown, id?: string) => importWith(pem, id, importKeyPair);

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 0) || 200;
const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const spki = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const pkcs1 = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const jwk = pair.publicKey.export({ format: 'jwk' }) as { n: string; e: string };

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? (e as Error).name;
  }
  return undefined;
}

describe('importRsaPem', () => {
  it('reads SPKI and PKCS #1 into the same key as node:crypto', () => {
    for (const pem of [spki, pkcs1, spki.replace(/\n/g, '\\n'), spki.replace(/\n/g, '\r\n')]) {
      const key = importRsaPem(pem, 'https://example.org/key');
      expect(key.type).toBe('RSA');
      expect(key.id).toBe('https://example.org/key');
      const exported = key.publicKeyJwk as { n: string; e: string };
      expect(exported.n).toBe(jwk.n);
      expect(exported.e).toBe(jwk.e);
    }
  });

  it('refuses what is not an RSA public key, with codes', () => {
    expect(code(() => importRsaPem(42))).toBe('ERR_KEY_FORMAT');
    expect(code(() => importRsaPem('hello'))).toBe('ERR_KEY_FORMAT');
    expect(code(() => importRsaPem(`${'x'.repeat(MAX_PEM_LENGTH)}${spki}`))).toBe('ERR_KEY_FORMAT');
    expect(code(() => importRsaPem(spki.replace('BEGIN PUBLIC', 'BEGIN RSA PUBLIC')))).toBe(
      'ERR_KEY_FORMAT',
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }) as string;
    expect(code(() => importRsaPem(ec))).toBe('ERR_KEY_TYPE_UNSUPPORTED');
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }) as string;
    expect(code(() => importRsaPem(short))).toBe('ERR_KEY_INVALID');
    const body = spki.split('\n').slice(1, -2).join('');
    const der = Buffer.from(body, 'base64');
    const cut = `-----BEGIN PUBLIC KEY-----\n${der.subarray(0, der.length - 9).toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(code(() => importRsaPem(cut))).toBe('ERR_KEY_INVALID');
    const extra = `-----BEGIN PUBLIC KEY-----\n${Buffer.concat([der, Buffer.from([0])]).toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(code(() => importRsaPem(extra))).toBe('ERR_KEY_INVALID');
  });

  it('property: arbitrary DER in a PEM frame is read or refused with a KeyError, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, rsaLabel) => {
        const label = rsaLabel ? 'RSA PUBLIC KEY' : 'PUBLIC KEY';
        const pem = `-----BEGIN ${label}-----\n${Buffer.from(bytes).toString('base64')}\n-----END ${label}-----`;
        const c = code(() => importRsaPem(pem));
        expect(c === undefined || /^ERR_KEY_/.test(c)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
