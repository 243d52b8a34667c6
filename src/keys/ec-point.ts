/**
 * P-256 and P-384 public points (SEC 1 section 2.3.3 / 2.3.4) in a few lines of BigInt
 * arithmetic: decode a compressed (`02` / `03`) or uncompressed (`04`) point, check that x and
 * y are field elements (less than p) and that the point is on the curve y^2 = x^3 - 3x + b, and
 * encode it either way. The identity (`00`), hybrid encodings (`06` / `07`) and every other
 * prefix are refused. Both curves have cofactor 1, so every other point on the curve is of
 * prime order. Key import and WebCrypto verification need nothing more; building the curves from
 * `@noble/curves` for this cost a new process several milliseconds before its first
 * verification. Same verdicts and bytes as `@noble/curves`: `test/keys/ec-point.test.ts` holds
 * it to the package. Not constant time: public keys only.
 *
 * @internal
 */

/** The NIST curves whose public points this module reads. */
export type EcCurveName = 'P-256' | 'P-384';

/** Byte sizes of the NIST curves' keys and signatures (SEC1 points, IEEE P1363 `r || s`). */
export interface EcSizes {
  /** Secret scalar. */
  readonly secretKey: number;
  /** Compressed public point (`02`/`03` prefix). */
  readonly compressed: number;
  /** Uncompressed public point (`04` prefix). */
  readonly uncompressed: number;
  /** Signature `r || s`. */
  readonly signature: number;
}

/** P-256 sizes: 32-byte scalar, 33 / 65-byte points, 64-byte signature. */
export const P256_SIZES: EcSizes = Object.freeze({
  secretKey: 32,
  compressed: 33,
  uncompressed: 65,
  signature: 64,
});

/** P-384 sizes: 48-byte scalar, 49 / 97-byte points, 96-byte signature. */
export const P384_SIZES: EcSizes = Object.freeze({
  secretKey: 48,
  compressed: 49,
  uncompressed: 97,
  signature: 96,
});

interface Curve {
  /** The field prime (3 mod 4 for both curves). */
  p: bigint;
  /** The constant b of y^2 = x^3 - 3x + b. */
  b: bigint;
  /** Bytes of a field element. */
  size: number;
}

/** Domain parameters (FIPS 186-5, SEC 2): the field prime and b; a = -3 for both. */
const CURVES: Record<EcCurveName, Curve> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    size: 32,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    size: 48,
  },
};

/** An affine point on P-256 or P-384 (never the identity). */
export interface EcPoint {
  readonly x: bigint;
  readonly y: bigint;
}

function pow(base: bigint, exponent: bigint, p: bigint): bigint {
  let result = 1n;
  let b = base % p;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % p;
    b = (b * b) % p;
  }
  return result;
}

/** x^3 - 3x + b mod p, for 0 <= x < p. */
function rightSide(c: Curve, x: bigint): bigint {
  const r = (((x * x) % c.p) * x - 3n * x + c.b) % c.p;
  return r < 0n ? r + c.p : r;
}

function readBig(bytes: Uint8Array, start: number, end: number): bigint {
  let v = 0n;
  for (let i = start; i < end; i++) v = (v << 8n) | BigInt(bytes[i] as number);
  return v;
}

function writeBig(out: Uint8Array, start: number, size: number, value: bigint): void {
  let v = value;
  for (let i = start + size - 1; i >= start; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * The point a SEC1 encoding stands for: 1 + size bytes with prefix `02` (y even) or `03` (y odd),
 * or 1 + 2 * size bytes with prefix `04`. `undefined` for any other length or prefix, a
 * coordinate not less than p, or a point not on the curve.
 */
export function decodeEcPoint(curve: EcCurveName, bytes: Uint8Array): EcPoint | undefined {
  const c = CURVES[curve];
  const head = bytes[0];
  if (bytes.length === 1 + c.size && (head === 2 || head === 3)) {
    const x = readBig(bytes, 1, 1 + c.size);
    if (x >= c.p) return undefined;
    const y2 = rightSide(c, x);
    // p = 3 mod 4: a square's root is y2^((p + 1) / 4); anything else is not a square.
    let y = pow(y2, (c.p + 1n) / 4n, c.p);
    if ((y * y) % c.p !== y2) return undefined;
    if ((y & 1n) !== BigInt(head & 1)) y = (c.p - y) % c.p;
    return { x, y };
  }
  if (bytes.length === 1 + 2 * c.size && head === 4) {
    const x = readBig(bytes, 1, 1 + c.size);
    const y = readBig(bytes, 1 + c.size, 1 + 2 * c.size);
    if (x >= c.p || y >= c.p) return undefined;
    if ((y * y) % c.p !== rightSide(c, x)) return undefined;
    return { x, y };
  }
  return undefined;
}

/** The SEC1 encoding of a point: compressed (`02` / `03` and x) or uncompressed (`04`, x, y). */
export function encodeEcPoint(
  curve: EcCurveName,
  point: EcPoint,
  compressed: boolean,
): Uint8Array<ArrayBuffer> {
  const { size } = CURVES[curve];
  if (compressed) {
    const out = new Uint8Array(1 + size);
    out[0] = 2 + Number(point.y & 1n);
    writeBig(out, 1, size, point.x);
    return out;
  }
  const out = new Uint8Array(1 + 2 * size);
  out[0] = 4;
  writeBig(out, 1, size, point.x);
  writeBig(out, 1 + size, size, point.y);
  return out;
}

/**
 * The uncompressed (`04`) encoding of a valid SEC1 point, either form. Throws `RangeError` when
 * `bytes` is not a point of the curve (callers pass points they have already decoded).
 */
export function uncompressEcPoint(curve: EcCurveName, bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const point = decodeEcPoint(curve, bytes);
  if (point === undefined) throw new RangeError(`not a ${curve} point`);
  return encodeEcPoint(curve, point, false);
}
