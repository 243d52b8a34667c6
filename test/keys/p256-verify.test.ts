import crypto from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { importRawKeyPair } from '../../src/keys/index.js';

// P-256 verification goes through WebCrypto where the runtime has it; these tests hold it to the
// verdicts of @noble/curves (lowS: false) and node:crypto (OpenSSL) on the same inputs.
const N = p256.Point.CURVE().n;

function toBytes32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}
function fromBytes(b: Uint8Array): bigint {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  return n;
}

describe('P-256 verify (WebCrypto with @noble/curves fallback)', () => {
  const secret = p256.utils.randomSecretKey();
  const key = importRawKeyPair({ type: 'P-256', secretKey: secret });
  const nodeKey = crypto.createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: key.publicKeyJwk.x as string,
      y: key.publicKeyJwk.y as string,
    },
    format: 'jwk',
  });
  const nodeVerify = (data: Uint8Array, sig: Uint8Array) =>
    crypto.verify('sha256', data, { key: nodeKey, dsaEncoding: 'ieee-p1363' }, sig);
  const nobleVerify = (data: Uint8Array, sig: Uint8Array) =>
    p256.verify(sig, data, key.publicKey, { prehash: true, lowS: false });

  it('accepts valid low-s and high-s signatures as noble and OpenSSL do', async () => {
    for (let i = 0; i < 20; i++) {
      const data = crypto.randomBytes(1 + i * 7);
      const sig = await key.sign(data);
      const r = sig.subarray(0, 32);
      const s = fromBytes(sig.subarray(32));
      const flipped = new Uint8Array(64);
      flipped.set(r);
      flipped.set(toBytes32(N - s), 32);
      for (const candidate of [sig, flipped]) {
        expect(nobleVerify(data, candidate)).toBe(true);
        expect(nodeVerify(data, candidate)).toBe(true);
        expect(await key.verify(data, candidate)).toBe(true);
      }
    }
  });

  it('rejects tampered data, tampered signatures and out-of-range r, s as noble and OpenSSL do', async () => {
    const data = crypto.randomBytes(48);
    const sig = await key.sign(data);
    const r = sig.subarray(0, 32);
    const s = sig.subarray(32);
    const otherData = Uint8Array.from(data);
    otherData[0] = (otherData[0] as number) ^ 1;
    const bitFlip = Uint8Array.from(sig);
    bitFlip[40] = (bitFlip[40] as number) ^ 0x10;
    const join = (a: Uint8Array, b: Uint8Array) => {
      const out = new Uint8Array(64);
      out.set(a);
      out.set(b, 32);
      return out;
    };
    const cases: [Uint8Array, Uint8Array][] = [
      [otherData, sig],
      [data, bitFlip],
      [data, join(new Uint8Array(32), s)],
      [data, join(r, new Uint8Array(32))],
      [data, join(r, toBytes32(N))],
      [data, join(toBytes32(N), s)],
      [data, new Uint8Array(64).fill(0xff)],
    ];
    for (const [d, candidate] of cases) {
      expect(nobleVerify(d, candidate)).toBe(false);
      expect(nodeVerify(d, candidate)).toBe(false);
      expect(await key.verify(d, candidate)).toBe(false);
    }
    expect(await key.verify(data, sig.subarray(0, 63))).toBe(false);
  });
});
