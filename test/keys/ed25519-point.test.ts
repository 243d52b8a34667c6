import { ED25519_TORSION_SUBGROUP, ed25519 as nobleEd25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUsableEd25519Point } from '../../src/keys/ed25519-point.js';
import { importRawKeyPair } from '../../src/keys/import.js';

// The oracle: @noble/curves' own ed25519.js, strict RFC 8032 decoding (zip215: false), a
// canonical point that is not of small order.
const runs = Number(process.env.OB3KIT_FUZZ_RUNS ?? 60);
const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const P = 2n ** 255n - 19n;

function oracle(bytes: Uint8Array): boolean {
  try {
    return !nobleEd25519.Point.fromBytes(bytes, false).isSmallOrder();
  } catch {
    return false;
  }
}

/** The 32-byte little-endian encoding of y, with the sign bit of x. */
function encode(y: bigint, sign: 0 | 1): Uint8Array {
  const out = new Uint8Array(32);
  let v = y | (BigInt(sign) << 255n);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function same(bytes: Uint8Array): boolean {
  const expected = oracle(bytes);
  expect(isUsableEd25519Point(bytes)).toBe(expected);
  return expected;
}

describe('isUsableEd25519Point', () => {
  it('refuses the eight small-order points, with either sign bit, as @noble/curves', () => {
    expect(ED25519_TORSION_SUBGROUP).toHaveLength(8);
    for (const hex of ED25519_TORSION_SUBGROUP) {
      const bytes = fromHex(hex);
      expect(same(bytes)).toBe(false);
      const flipped = Uint8Array.from(bytes);
      flipped[31] = (flipped[31] as number) ^ 0x80;
      same(flipped);
    }
  });

  it('accepts public keys and mixed-order points (key + torsion point) as @noble/curves', () => {
    const torsion = ED25519_TORSION_SUBGROUP.map((h) => nobleEd25519.Point.fromHex(h));
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 7 }),
        (seed, t) => {
          const pub = nobleEd25519.getPublicKey(seed);
          expect(same(pub)).toBe(true);
          const mixed = nobleEd25519.Point.fromBytes(pub).add(torsion[t] as (typeof torsion)[0]);
          same(mixed.toBytes());
        },
      ),
      { numRuns: runs },
    );
  });

  it('refuses non-canonical encodings (y >= p) and x = 0 with the sign bit set', () => {
    // y = p + k for every k that fits (y < 2^255), both signs: y mod p = k is 0, 1 (identity)...
    for (let k = 0n; k < 19n; k++) {
      for (const sign of [0, 1] as const) expect(same(encode(P + k, sign))).toBe(false);
    }
    // x = 0 for y = 1 (the identity) and y = p - 1 (order 2): with the sign bit set, no point.
    expect(same(encode(1n, 1))).toBe(false);
    expect(same(encode(P - 1n, 1))).toBe(false);
    // y = 0 (x = sqrt(-1) up to sign, order 4) and y = 2, 3, 4, ... (on the curve or not).
    for (let y = 0n; y < 64n; y++) for (const sign of [0, 1] as const) same(encode(y, sign));
  });

  it('agrees with @noble/curves on random bytes and on wrong lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (b) => {
        same(b);
      }),
      {
        numRuns: runs * 4,
      },
    );
    expect(isUsableEd25519Point(new Uint8Array(31))).toBe(false);
    expect(isUsableEd25519Point(new Uint8Array(33))).toBe(false);
  });

  it('is the check key import makes (small-order keys refused with ERR_KEY_INVALID)', () => {
    const small = fromHex(ED25519_TORSION_SUBGROUP[2] as string);
    expect(() => importRawKeyPair({ type: 'Ed25519', publicKey: small })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
    );
    const pub = nobleEd25519.getPublicKey(new Uint8Array(32).fill(3));
    expect(importRawKeyPair({ type: 'Ed25519', publicKey: pub }).type).toBe('Ed25519');
  });
});
