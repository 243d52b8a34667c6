/**
 * Every decoder is bounded by the size its value can legitimately have, before any work:
 * base58btc (quadratic: an 80,000-character proofValue used to take 8 s), multibase keys,
 * did:key and did:jwk, JWK members (EC, OKP, RSA), Ed25519VerificationKey2018 keys, JWS
 * segments, status list `encodedList`, base64, base64url, hex, hashed identities. Each is
 * given text far past its bound (megabytes, which an unbounded quadratic decoder would spend
 * hours on; vitest's timeout is the hang guard) and must refuse it with its code; property
 * tests show that every legitimate size still round-trips, against an independent encoder.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { decode as refBase58Decode, encode as refBase58Encode } from 'base58-universal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromBase64,
  fromBase64Url,
  fromHex,
  maxEncodedLength,
  toBase64,
  toBase64Url,
  toHex,
} from '../../src/internal/bytes.js';
import { MAX_DECODED_BYTES } from '../../src/internal/limits.js';
import {
  DEFAULT_MAX_BASE58_BYTES,
  decodeBase58btc,
  encodeBase58btc,
} from '../../src/keys/base58.js';
import {
  createDidJwk,
  createDidKey,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  resolveDid,
} from '../../src/keys/index.js';
import { matchIdentity } from '../../src/model/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import { decodeStatusList } from '../../src/status/index.js';
import { b64u, handJwt } from '../proof/jwt/helpers.js';
import { firstProof, fuzzRuns, type Loose, NOW, richCredential } from './helpers.js';

const HANG_GUARD = 20_000;
/** Far past every bound: 2 MB of valid base58 / base64url characters. */
const HUGE_B58 = '2'.repeat(2_000_000);
const HUGE_B64U = 'A'.repeat(2_000_000);

/** The code of the error `fn` throws (synchronously or not). */
async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    return (e as { code?: string }).code ?? (e as Error).name;
  }
  return undefined;
}

/** Byte arrays of a size up to `max`, with the extremes (all zero, all 0xff) that make the longest texts. */
const bytesUpTo = (max: number) =>
  fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: max }),
    fc.integer({ min: 0, max }).map((n) => new Uint8Array(n)),
    fc.integer({ min: 0, max }).map((n) => new Uint8Array(n).fill(255)),
    fc
      .tuple(fc.integer({ min: 0, max: 8 }), fc.uint8Array({ maxLength: max }))
      .map(([zeros, rest]) => {
        const out = new Uint8Array(Math.min(max, zeros + rest.length));
        out.set(
          rest.subarray(0, out.length - Math.min(zeros, out.length)),
          Math.min(zeros, out.length),
        );
        return out;
      }),
  );

describe('maxEncodedLength: no legitimate value is longer than its bound', () => {
  it('holds for every encoding and size, the extremes included', () => {
    fc.assert(
      fc.property(bytesUpTo(2048), (bytes) => {
        const n = bytes.length;
        expect(encodeBase58btc(bytes).length).toBeLessThanOrEqual(maxEncodedLength('base58btc', n));
        expect(toBase64Url(bytes).length).toBeLessThanOrEqual(maxEncodedLength('base64url', n));
        expect(toBase64(bytes).length).toBeLessThanOrEqual(maxEncodedLength('base64', n));
        expect(toHex(bytes).length).toBeLessThanOrEqual(maxEncodedLength('hex', n));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});

describe('base58btc', () => {
  it('round-trips every size up to the bound, equal to an independent implementation', () => {
    fc.assert(
      fc.property(bytesUpTo(DEFAULT_MAX_BASE58_BYTES), (bytes) => {
        const text = encodeBase58btc(bytes);
        expect(text).toBe(refBase58Encode(bytes));
        expect(decodeBase58btc(text)).toEqual(bytes);
        expect(decodeBase58btc(text)).toEqual(new Uint8Array(refBase58Decode(text)));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('decodes larger values when told their size, and refuses one byte more', () => {
    fc.assert(
      fc.property(bytesUpTo(1500), (bytes) => {
        const text = encodeBase58btc(bytes);
        expect(decodeBase58btc(text, 1500)).toEqual(bytes);
        if (bytes.length > 0) expect(decodeBase58btc(text, bytes.length - 1)).toBeUndefined();
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it(
    'refuses 2,000,000 characters before decoding (and leading "1"s past maxBytes)',
    () => {
      expect(decodeBase58btc(HUGE_B58)).toBeUndefined();
      expect(decodeBase58btc(HUGE_B58, 1_000_000)).toBeUndefined();
      // 150 leading '1's are 150 zero bytes: within the character bound, past the byte bound.
      expect(decodeBase58btc('1'.repeat(150))).toBeUndefined();
      expect(decodeBase58btc('1'.repeat(128))).toEqual(new Uint8Array(128));
    },
    HANG_GUARD,
  );
});

describe('base64, base64url, hex', () => {
  it('round-trip up to maxBytes and refuse one byte more, before decoding', () => {
    fc.assert(
      fc.property(bytesUpTo(300), (bytes) => {
        const n = bytes.length;
        expect(fromBase64Url(toBase64Url(bytes), n)).toEqual(bytes);
        expect(fromBase64(toBase64(bytes), n)).toEqual(bytes);
        expect(fromHex(toHex(bytes), n)).toEqual(bytes);
        if (n > 0) {
          expect(fromBase64Url(toBase64Url(bytes), n - 1)).toBeUndefined();
          expect(fromBase64(toBase64(bytes), n - 1)).toBeUndefined();
          expect(fromHex(toHex(bytes), n - 1)).toBeUndefined();
        }
      }),
      { numRuns: fuzzRuns(200) },
    );
    expect(fromBase64Url(HUGE_B64U, 1024)).toBeUndefined();
    expect(fromBase64(HUGE_B64U, 1024)).toBeUndefined();
    expect(fromHex('a'.repeat(2_000_000), 32)).toBeUndefined();
  });
});

describe('keys', () => {
  it(
    'Multikey, did:key and publicKeyBase58 values past the largest key are refused with ERR_KEY_INVALID / ERR_DID_INVALID',
    async () => {
      const max = 1 + maxEncodedLength('base58btc', MAX_DECODED_BYTES.multikey);
      let error: Loose;
      try {
        importKeyPair({ type: 'Multikey', publicKeyMultibase: `z${HUGE_B58}` });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'ERR_KEY_INVALID',
        details: { field: '$.publicKeyMultibase', max, found: HUGE_B58.length + 1 },
      });
      expect(
        await codeOf(() => importKeyPair({ type: 'Multikey', secretKeyMultibase: `z${HUGE_B58}` })),
      ).toBe('ERR_KEY_INVALID');
      expect(
        await codeOf(() =>
          importKeyPair({ type: 'Ed25519VerificationKey2018', publicKeyBase58: HUGE_B58 }),
        ),
      ).toBe('ERR_KEY_INVALID');
      expect(await codeOf(() => resolveDid(`did:key:z${HUGE_B58}`))).toBe('ERR_DID_INVALID');
      // The largest legitimate one, a P-256 key, still resolves.
      const p256 = createDidKey(await generateKeyPair({ type: 'P-256' }));
      await expect(resolveDid(p256.did)).resolves.toMatchObject({ id: p256.did });
    },
    HANG_GUARD,
  );

  it(
    'JWK members past the largest key are refused before decoding: EC, OKP and RSA',
    async () => {
      // Legitimate JWKs of each kind import (an Ed25519 "d" may carry the public key: 64 bytes).
      const ed = await generateKeyPair({ type: 'Ed25519' });
      const jwk = exportKeyPair(ed, { format: 'jwk', includeSecret: true }) as Loose;
      const long = {
        ...jwk,
        d: toBase64Url(new Uint8Array([...fromBase64Url(jwk.d)!, ...ed.publicKey])),
      };
      expect(importKeyPair(long).type).toBe('Ed25519');
      for (const jwk of [
        { kty: 'OKP', crv: 'Ed25519', x: HUGE_B64U },
        { kty: 'EC', crv: 'P-256', x: HUGE_B64U, y: HUGE_B64U },
        { kty: 'RSA', n: HUGE_B64U, e: 'AQAB' },
        { kty: 'RSA', n: toBase64Url(randomBytes(256)), e: HUGE_B64U },
      ]) {
        let error: Loose;
        try {
          importKeyPair(jwk);
        } catch (e) {
          error = e;
        }
        expect(error?.code, JSON.stringify(Object.keys(jwk))).toBe('ERR_KEY_INVALID');
        expect(error?.details?.max).toBeGreaterThan(0);
      }
    },
    HANG_GUARD,
  );

  it('an RSA modulus of 8,192 bits is accepted, 8,200 bits refused', () => {
    const modulus = (bits: number) => {
      const bytes = randomBytes(Math.ceil(bits / 8));
      bytes[0] = ((bytes[0] as number) | 0x80) >> ((8 - (bits % 8)) % 8);
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) | 1;
      return toBase64Url(bytes);
    };
    expect(importKeyPair({ kty: 'RSA', n: modulus(8192), e: 'AQAB' }).type).toBe('RSA');
    let error: Loose;
    try {
      importKeyPair({ kty: 'RSA', n: modulus(8200), e: 'AQAB' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ERR_KEY_INVALID', details: { field: '$.n' } });
    expect(error.message).toMatch(/8200-bit/);
  });

  it(
    'a did:jwk past the largest public JWK is refused; RSA, P-256 and Ed25519 did:jwk resolve',
    async () => {
      expect(await codeOf(() => resolveDid(`did:jwk:${HUGE_B64U}`))).toBe('ERR_DID_INVALID');
      // Valid JSON, but far too large to be a key.
      const padded = b64u({ kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43), pad: 'x'.repeat(4000) });
      expect(await codeOf(() => resolveDid(`did:jwk:${padded}`))).toBe('ERR_DID_INVALID');
      const rsa = generateKeyPairSync('rsa', { modulusLength: 4096 });
      const rsaKey = importKeyPair(rsa.publicKey.export({ format: 'jwk' }) as Loose);
      for (const key of [
        rsaKey,
        await generateKeyPair({ type: 'P-256' }),
        await generateKeyPair({ type: 'Ed25519' }),
      ]) {
        const { did } = createDidJwk(key);
        await expect(resolveDid(did)).resolves.toMatchObject({ id: did });
      }
    },
    HANG_GUARD,
  );
});

describe('signatures', () => {
  it(
    'a 2,000,000-character proofValue fails proof_value_malformed without decoding',
    async () => {
      const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
      const signed = (await signCredential(richCredential(did), {
        key: keyPair,
        created: '2024-01-01T00:00:00Z',
      })) as Loose;
      firstProof(signed).proofValue = `z${HUGE_B58}`;
      const result = await verifyCredentialProof(signed, { now: NOW });
      expect(result.verified).toBe(false);
      expect(result.issues.map((i) => i.code)).toContain('proof_value_malformed');
    },
    HANG_GUARD,
  );

  it(
    'JWS header and signature segments past their bounds fail jwt_too_large, naming the segment',
    async () => {
      const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
      const good = handJwt(
        { alg: 'EdDSA', kid: keyPair.id },
        { iss: did, vc: richCredential(did) },
        keyPair,
      );
      const [h, p, s] = good.split('.') as [string, string, string];
      const bigHeader = b64u({ alg: 'EdDSA', kid: keyPair.id, x: 'x'.repeat(20_000) });
      for (const [jwt, path] of [
        [`${bigHeader}.${p}.${s}`, 'header'],
        [`${h}.${p}.${HUGE_B64U.slice(0, 200_000)}`, 'signature'],
      ] as const) {
        const result = await verifyCredentialJwt(jwt, { now: NOW });
        expect(result.verified).toBe(false);
        expect(result.issues.map((i) => [i.code, i.path])).toContainEqual(['jwt_too_large', path]);
      }
    },
    HANG_GUARD,
  );
});

describe('status lists', () => {
  it(
    'an encodedList longer than a GZIP of maxBytes can be is refused before decoding',
    async () => {
      expect(await codeOf(() => decodeStatusList(`u${HUGE_B64U}`, { maxBytes: 16_384 }))).toBe(
        'ERR_STATUS_LIST_TOO_LARGE',
      );
    },
    HANG_GUARD,
  );

  it('a list that does not compress at all (GZIP stored blocks) at exactly maxBytes decodes', async () => {
    const maxBytes = 300_000;
    const raw = randomBytes(maxBytes);
    const gz = gzipSync(raw, { level: 0 }); // stored blocks: larger than the data
    expect(gz.length).toBeGreaterThan(maxBytes);
    const list = await decodeStatusList(`u${toBase64Url(gz)}`, { maxBytes });
    expect(list.bytes).toEqual(new Uint8Array(raw));
  });
});

describe('hashed identities', () => {
  it('a 2,000,000-digit hash never matches; a 32-byte SHA-256 still does', () => {
    const identity = {
      type: 'IdentityObject' as const,
      hashed: true,
      identityHash: 'sha256$658625b25ab3d75d613ca97d9a5a77f70e2192feca5557f4ad09a4d4f121f5fc',
      identityType: 'emailAddress' as const,
      salt: 'FleurDeSel',
    };
    expect(matchIdentity(identity, 'jjefferson18@example.com')).toBe(true);
    const huge = { ...identity, identityHash: `sha256$${'ab'.repeat(1_000_000)}` };
    expect(matchIdentity(huge, 'jjefferson18@example.com')).toBe(false);
  });
});
