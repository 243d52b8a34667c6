/**
 * WebCrypto Ed25519 (the fast path of key pairs) against @noble/curves and node:crypto: the
 * same signatures, the same verdicts on valid, altered and non-canonical signatures.
 */
import crypto from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidEd25519PublicKeyCached,
  webCryptoEd25519Sign,
  webCryptoEd25519Verify,
} from '../../src/internal/perf-ed25519.js';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function nodeVerify(pub: Uint8Array, data: Uint8Array, sig: Uint8Array): boolean {
  const key = crypto.createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]),
    format: 'der',
    type: 'spki',
  });
  return crypto.verify(null, data, key, sig);
}

describe('WebCrypto Ed25519', () => {
  it('signs like @noble/curves and verifies like node:crypto', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.integer({ min: 0, max: 63 }),
        async (seed, data, flip) => {
          const pub = ed25519.getPublicKey(seed);
          const sig = await webCryptoEd25519Sign(seed, data);
          expect(sig).toEqual(ed25519.sign(data, seed));
          expect(await webCryptoEd25519Verify(pub, data, sig as Uint8Array)).toBe(true);
          const bad = (sig as Uint8Array).slice();
          bad[flip] = (bad[flip] as number) ^ 1;
          const verdict = await webCryptoEd25519Verify(pub, data, bad);
          expect(verdict).toBe(nodeVerify(pub, data, bad));
          expect(verdict).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects a non-canonical S (S + L), as strict RFC 8032 verification does', async () => {
    const seed = new Uint8Array(32).fill(7);
    const data = new TextEncoder().encode('hello');
    const pub = ed25519.getPublicKey(seed);
    const sig = ed25519.sign(data, seed);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i] as number);
    s += L;
    const mall = sig.slice();
    for (let i = 32; i < 64; i++) {
      mall[i] = Number(s & 0xffn);
      s >>= 8n;
    }
    expect(ed25519.verify(mall, data, pub, { zip215: false })).toBe(false);
    expect(await webCryptoEd25519Verify(pub, data, mall)).toBe(false);
  });

  it('remembers only valid public keys', () => {
    let calls = 0;
    const check = (k: Uint8Array) => {
      calls++;
      return ed25519.utils.isValidPublicKey(k, false);
    };
    const pub = ed25519.getPublicKey(new Uint8Array(32).fill(9));
    expect(isValidEd25519PublicKeyCached(pub, check)).toBe(true);
    expect(isValidEd25519PublicKeyCached(pub, check)).toBe(true);
    expect(calls).toBe(1);
    const invalid = new Uint8Array(32).fill(0xff); // y >= p: not canonical
    expect(isValidEd25519PublicKeyCached(invalid, check)).toBe(false);
    expect(isValidEd25519PublicKeyCached(invalid, check)).toBe(false);
    expect(calls).toBe(3);
  });
});
