import { p256 as nobleP256, p384 as nobleP384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes as concat } from '../../src/internal/bytes.js';
import { decodeEcPoint, encodeEcPoint, uncompressEcPoint } from '../../src/keys/ec-point.js';
import { importRawKeyPair } from '../../src/keys/import.js';
import { importPublicKeyPair } from '../../src/keys/import-public.js';
import { bigIntBytes as bigBytes } from '../helpers.js';

// The oracle: @noble/curves' own nist.js, a SEC1 point decoded and checked on the curve.
const runs = Number(process.env.OB3KIT_FUZZ_RUNS ?? 60);

const CURVES = [
  {
    name: 'P-256' as const,
    noble: nobleP256,
    size: 32,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
  },
  {
    name: 'P-384' as const,
    noble: nobleP384,
    size: 48,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
  },
];
type Curve = (typeof CURVES)[number];

/** noble's verdict and encodings: `undefined` when it refuses the bytes. */
function oracle(
  c: Curve,
  bytes: Uint8Array,
): { compressed: Uint8Array; raw: Uint8Array } | undefined {
  try {
    const point = c.noble.Point.fromBytes(bytes);
    point.assertValidity();
    return { compressed: point.toBytes(true), raw: point.toBytes(false) };
  } catch {
    return undefined;
  }
}

/** Ours agrees with noble on `bytes`: same verdict, same compressed and uncompressed bytes. */
function same(c: Curve, bytes: Uint8Array): boolean {
  const expected = oracle(c, bytes);
  const point = decodeEcPoint(c.name, bytes);
  if (expected === undefined) {
    expect(point).toBeUndefined();
    expect(() => uncompressEcPoint(c.name, bytes)).toThrow(RangeError);
    return false;
  }
  expect(point).toBeDefined();
  expect(encodeEcPoint(c.name, point as NonNullable<typeof point>, true)).toEqual(
    expected.compressed,
  );
  expect(encodeEcPoint(c.name, point as NonNullable<typeof point>, false)).toEqual(expected.raw);
  expect(uncompressEcPoint(c.name, bytes)).toEqual(expected.raw);
  return true;
}

const mod = (a: bigint, p: bigint) => ((a % p) + p) % p;
const powMod = (b: bigint, e: bigint, p: bigint): bigint => {
  let r = 1n;
  let x = mod(b, p);
  for (let k = e; k > 0n; k >>= 1n) {
    if (k & 1n) r = (r * x) % p;
    x = (x * x) % p;
  }
  return r;
};

/** Polynomials over F_p, lowest coefficient first, no trailing zeros. */
type Poly = bigint[];
const trim = (f: Poly): Poly => {
  const out = f.slice();
  while (out.length > 0 && out[out.length - 1] === 0n) out.pop();
  return out;
};
/** f mod g. */
function polyMod(f: Poly, g: Poly, p: bigint): Poly {
  let r = trim(f);
  const lead = powMod(g[g.length - 1] as bigint, p - 2n, p);
  while (r.length >= g.length) {
    const q = mod((r[r.length - 1] as bigint) * lead, p);
    const shift = r.length - g.length;
    r = trim(r.map((v, i) => (i >= shift ? mod(v - q * (g[i - shift] as bigint), p) : v)));
  }
  return r;
}
function polyMulMod(f: Poly, g: Poly, m: Poly, p: bigint): Poly {
  const out: Poly = new Array(f.length + g.length).fill(0n);
  f.forEach((a, i) => {
    g.forEach((b, j) => {
      out[i + j] = mod((out[i + j] as bigint) + a * b, p);
    });
  });
  return polyMod(out, m, p);
}

/**
 * A point of the curve whose y is below 2^bits - p, so that y + p still fits in the encoding:
 * for y = 1, 2, ... the x^3 - 3x + b - y^2 with exactly one root in F_p (its gcd with X^p - X is
 * linear), by polynomial arithmetic independent of the module under test.
 */
function pointWithSmallY(p: bigint, b: bigint): { x: bigint; y: bigint } {
  for (let y = 1n; ; y++) {
    const f: Poly = [mod(b - y * y, p), p - 3n, 0n, 1n];
    let r: Poly = [1n];
    let base: Poly = [0n, 1n];
    for (let e = p; e > 0n; e >>= 1n) {
      if (e & 1n) r = polyMulMod(r, base, f, p);
      base = polyMulMod(base, base, f, p);
    }
    let a = trim([r[0] ?? 0n, mod((r[1] ?? 0n) - 1n, p), r[2] ?? 0n]);
    let g = f;
    while (a.length > 0) [g, a] = [a, polyMod(g, a, p)];
    if (g.length !== 2) continue;
    const x = mod(-(g[0] as bigint) * powMod(g[1] as bigint, p - 2n, p), p);
    expect(mod(x * x * x - 3n * x + b - y * y, p)).toBe(0n);
    return { x, y };
  }
}

/** A point of the curve with a small x (x + p still fits in the encoding). */
function pointWithSmallX(p: bigint, b: bigint): { x: bigint; y: bigint } {
  for (let x = 0n; ; x++) {
    const rhs = mod(x * x * x - 3n * x + b, p);
    const y = powMod(rhs, (p + 1n) / 4n, p);
    if ((y * y) % p === rhs) return { x, y };
  }
}

describe.each(CURVES)('$name public points (held to @noble/curves)', (c) => {
  const secret = fc
    .uint8Array({ minLength: c.size, maxLength: c.size })
    .filter((s) => c.noble.utils.isValidSecretKey(s));

  it('decodes public keys in both forms, with both y parities, to the same bytes', () => {
    let parities = 0;
    fc.assert(
      fc.property(secret, (s) => {
        const compressed = c.noble.getPublicKey(s, true);
        const raw = c.noble.getPublicKey(s, false);
        expect(same(c, compressed)).toBe(true);
        expect(same(c, raw)).toBe(true);
        parities |= 1 << ((compressed[0] as number) & 1);
        // The other prefix is the negated point: also on the curve, the other y.
        const flipped = compressed.slice();
        flipped[0] = (flipped[0] as number) ^ 1;
        expect(same(c, flipped)).toBe(true);
        expect(uncompressEcPoint(c.name, flipped)).not.toEqual(raw);
      }),
      { numRuns: runs },
    );
    expect(parities).toBe(3);
    expect(same(c, c.noble.Point.BASE.toBytes(true))).toBe(true);
  });

  it('refuses points off the curve and x with no y (not a square)', () => {
    let offCurve = 0;
    fc.assert(
      fc.property(secret, fc.integer({ min: 1, max: 1000 }), (s, k) => {
        const raw = c.noble.getPublicKey(s, false);
        // y + k is (almost surely) not a y of x: off the curve.
        const y = BigInt(`0x${Buffer.from(raw.subarray(1 + c.size)).toString('hex')}`);
        const moved = concat(raw.subarray(0, 1 + c.size), bigBytes((y + BigInt(k)) % c.p, c.size));
        if (!same(c, moved)) offCurve++;
      }),
      { numRuns: runs },
    );
    expect(offCurve).toBeGreaterThan(0);
    // Random x: about half are no point's x.
    let refused = 0;
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: c.size, maxLength: c.size }),
        fc.constantFrom(2, 3),
        (x, prefix) => {
          if (!same(c, concat(Uint8Array.of(prefix), x))) refused++;
        },
      ),
      { numRuns: runs * 2 },
    );
    expect(refused).toBeGreaterThan(0);
  });

  it('agrees on random bytes of every length and prefix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1 + c.size, 1 + 2 * c.size, c.size, 2 * c.size, 2 + c.size, 2 * c.size + 2),
        fc.integer({ min: 0, max: 7 }),
        fc.uint8Array({ minLength: 2 * c.size + 2, maxLength: 2 * c.size + 2 }),
        (length, prefix, body) => {
          const bytes = body.slice(0, length);
          bytes[0] = prefix;
          same(c, bytes);
        },
      ),
      { numRuns: runs * 4 },
    );
  });

  it('refuses x = p, p + 1, p + 2 and 2^bits - 1 (compressed, either parity)', () => {
    const limit = 1n << BigInt(8 * c.size);
    for (const x of [c.p, c.p + 1n, c.p + 2n, limit - 1n]) {
      for (const prefix of [2, 3]) {
        expect(same(c, concat(Uint8Array.of(prefix), bigBytes(x, c.size)))).toBe(false);
      }
    }
  });

  it('refuses x or y not less than p where x + p, y + p fit (points with small x, small y)', () => {
    const { b } = c.noble.Point.CURVE();
    const four = Uint8Array.of(4);
    const limit = 1n << BigInt(8 * c.size);
    const sx = pointWithSmallX(c.p, b);
    const sy = pointWithSmallY(c.p, b);
    for (const { x, y } of [sx, sy]) {
      expect(same(c, concat(four, bigBytes(x, c.size), bigBytes(y, c.size)))).toBe(true);
      expect(same(c, concat(Uint8Array.of(2 + Number(y & 1n)), bigBytes(x, c.size)))).toBe(true);
    }
    expect(sx.x + c.p).toBeLessThan(limit);
    expect(sy.y + c.p).toBeLessThan(limit);
    const unreduced = [
      concat(four, bigBytes(sx.x + c.p, c.size), bigBytes(sx.y, c.size)),
      concat(Uint8Array.of(2), bigBytes(sx.x + c.p, c.size)),
      concat(Uint8Array.of(3), bigBytes(sx.x + c.p, c.size)),
      concat(four, bigBytes(sy.x, c.size), bigBytes(sy.y + c.p, c.size)),
    ];
    for (const bytes of unreduced) expect(same(c, bytes)).toBe(false);
  });

  it('refuses the identity, all-zero, hybrid (06 / 07) and other prefixes, and wrong lengths', () => {
    const compressed = c.noble.getPublicKey(new Uint8Array(c.size).fill(9), true);
    const raw = c.noble.getPublicKey(new Uint8Array(c.size).fill(9), false);
    const refused = [
      Uint8Array.of(0),
      new Uint8Array(0),
      new Uint8Array(1 + c.size),
      new Uint8Array(1 + 2 * c.size),
      concat(Uint8Array.of(0), raw.subarray(1)),
      concat(Uint8Array.of(0), compressed.subarray(1)),
      concat(Uint8Array.of(6 + ((raw[2 * c.size] as number) & 1)), raw.subarray(1)),
      concat(Uint8Array.of(7 - ((raw[2 * c.size] as number) & 1)), raw.subarray(1)),
      concat(Uint8Array.of(4), compressed.subarray(1)),
      concat(Uint8Array.of(2), raw.subarray(1)),
      compressed.subarray(0, c.size),
      concat(compressed, Uint8Array.of(0)),
      raw.subarray(0, 2 * c.size),
      concat(raw, Uint8Array.of(0)),
      raw.subarray(1),
    ];
    for (const bytes of refused) {
      expect(decodeEcPoint(c.name, bytes)).toBeUndefined();
      expect(oracle(c, bytes)).toBeUndefined();
    }
    for (const prefix of [0, 1, 4, 5, 6, 7, 0x82, 0xff]) {
      same(c, concat(Uint8Array.of(prefix), compressed.subarray(1)));
    }
    for (const prefix of [0, 1, 2, 3, 5, 6, 7, 0x84, 0xff]) {
      same(c, concat(Uint8Array.of(prefix), raw.subarray(1)));
    }
  });

  it('is the check key import makes: the same verdicts and ERR_KEY_INVALID', () => {
    const secretKey = new Uint8Array(c.size).fill(11);
    const compressed = c.noble.getPublicKey(secretKey, true);
    const raw = c.noble.getPublicKey(secretKey, false);
    for (const publicKey of [compressed, raw]) {
      const key = importRawKeyPair({ type: c.name, publicKey });
      expect(key.publicKey).toEqual(compressed);
      expect(importRawKeyPair({ type: c.name, publicKey, secretKey }).publicKey).toEqual(
        compressed,
      );
    }
    const jwk = importRawKeyPair({ type: c.name, publicKey: compressed }).publicKeyJwk;
    expect(concat(Uint8Array.of(4), Buffer.from(jwk.x as string, 'base64url'))).toEqual(
      raw.subarray(0, 1 + c.size),
    );
    expect(importPublicKeyPair(jwk).publicKey).toEqual(compressed);
    const off = raw.slice();
    off[2 * c.size] = (off[2 * c.size] as number) ^ 1;
    expect(() => importRawKeyPair({ type: c.name, publicKey: off })).toThrow(
      expect.objectContaining({
        code: 'ERR_KEY_INVALID',
        message: `input: not a valid ${c.name} point`,
      }),
    );
    expect(() => importPublicKeyPair({ ...jwk, y: jwk.x })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
    );
  });
});
