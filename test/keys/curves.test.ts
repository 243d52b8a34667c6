import { ED25519_TORSION_SUBGROUP, ed25519 as nobleEd25519 } from '@noble/curves/ed25519.js';
import { p256 as nobleP256 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519, p256 } from '../../src/keys/curves.js';

// The curves ob3kit builds from @noble/curves' generic code must behave exactly as the
// package's own ed25519.js / nist.js (the oracle): same keys, same signatures, same verdicts.
const runs = Number(process.env.OB3KIT_FUZZ_RUNS ?? 60);
const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

function attempt<T>(fn: () => T): T | 'throws' {
  try {
    return fn();
  } catch {
    return 'throws';
  }
}

describe('Ed25519 curve', () => {
  it('derives the public key and signs as @noble/curves (RFC 8032 test 1 and random seeds)', () => {
    // RFC 8032 section 7.1, TEST 1.
    const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    expect(Buffer.from(ed25519.getPublicKey(seed)).toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array(), (s, msg) => {
        const pub = ed25519.getPublicKey(s);
        expect(pub).toEqual(nobleEd25519.getPublicKey(s));
        const sig = ed25519.sign(msg, s);
        expect(sig).toEqual(nobleEd25519.sign(msg, s));
        expect(ed25519.verify(sig, msg, pub)).toBe(true);
        const bad = Uint8Array.from(sig);
        bad[0] = (bad[0] as number) ^ 1;
        expect(ed25519.verify(bad, msg, pub)).toBe(false);
      }),
      { numRuns: runs },
    );
  });

  it('decodes points and finds small order as @noble/curves (torsion points, random bytes)', () => {
    const check = (b: Uint8Array) => {
      const ours = attempt(() => ed25519.Point.fromBytes(b, false).isSmallOrder());
      const theirs = attempt(() => nobleEd25519.Point.fromBytes(b, false).isSmallOrder());
      expect(ours).toBe(theirs);
      expect(ed25519.utils.isValidPublicKey(b, false)).toBe(
        nobleEd25519.utils.isValidPublicKey(b, false),
      );
    };
    for (const hex of ED25519_TORSION_SUBGROUP) {
      const b = fromHex(hex);
      expect(ed25519.Point.fromBytes(b, false).isSmallOrder()).toBe(true);
      check(b);
      const flipped = Uint8Array.from(b);
      flipped[31] = (flipped[31] as number) ^ 0x80;
      check(flipped);
    }
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), check), {
      numRuns: runs * 4,
    });
  });
});

describe('P-256 curve', () => {
  it('derives keys, signs (RFC 6979) and verifies as @noble/curves', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (msg) => {
        const secret = nobleP256.utils.randomSecretKey();
        expect(p256.utils.isValidSecretKey(secret)).toBe(true);
        const pub = p256.getPublicKey(secret, true);
        expect(pub).toEqual(nobleP256.getPublicKey(secret, true));
        const opts = { prehash: true, lowS: false } as const;
        const sig = p256.sign(msg, secret, opts);
        expect(sig).toEqual(nobleP256.sign(msg, secret, opts));
        expect(p256.verify(sig, msg, pub, opts)).toBe(true);
        expect(p256.Point.fromBytes(pub).toBytes(false)).toEqual(
          nobleP256.Point.fromBytes(pub).toBytes(false),
        );
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it('accepts and rejects the same encoded points and secret keys as @noble/curves', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2, 3, 4),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (prefix, body) => {
          const b = new Uint8Array(prefix === 4 ? 65 : 33);
          b[0] = prefix;
          b.set(body.subarray(0, b.length - 1), 1);
          const ours = attempt(() => {
            const p = p256.Point.fromBytes(b);
            p.assertValidity();
            return p.toBytes(true);
          });
          const theirs = attempt(() => {
            const p = nobleP256.Point.fromBytes(b);
            p.assertValidity();
            return p.toBytes(true);
          });
          expect(ours).toEqual(theirs);
          const s = body.subarray(0, 32);
          expect(p256.utils.isValidSecretKey(s)).toBe(nobleP256.utils.isValidSecretKey(s));
        },
      ),
      { numRuns: runs * 2 },
    );
    expect(p256.utils.isValidSecretKey(new Uint8Array(32))).toBe(false);
    expect(p256.utils.isValidSecretKey(new Uint8Array(32).fill(0xff))).toBe(false);
  });
});
