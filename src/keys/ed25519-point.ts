/**
 * The Ed25519 public-key check key import makes (a canonical encoding of a curve point that is
 * not of small order), in a few lines of BigInt arithmetic: RFC 8032 section 5.1.3 decoding
 * (strict: y < p, and x = 0 with the sign bit set refused) and the section 6 reference
 * addition to multiply by the cofactor. Building the whole curve from `@noble/curves` for this
 * check cost a new process a few milliseconds on its first verification, although WebCrypto
 * then verifies the signature. Same verdicts as `@noble/curves` with `zip215: false`:
 * `test/keys/ed25519-point.test.ts` holds it to the package (torsion points, non-canonical
 * encodings, random bytes and keys). Not constant time: public keys only.
 *
 * @internal
 */

/** The field prime 2^255 - 19. */
const P = 2n ** 255n - 19n;
/** The curve constant d = -121665 / 121666 (RFC 8032 section 5.1). */
const D = 0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3n;

function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function pow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

/** sqrt(-1) = 2^((p - 1) / 4), computed on first use. */
let sqrtM1: bigint | undefined;

/** RFC 8032 section 5.1.3: the affine point [x, y] a 32-byte encoding stands for, if any. */
function decodePoint(bytes: Uint8Array): [bigint, bigint] | undefined {
  if (bytes.length !== 32) return undefined;
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(bytes[i] as number);
  const sign = y >> 255n;
  y &= (1n << 255n) - 1n;
  if (y >= P) return undefined;
  // x^2 = u / v with u = y^2 - 1, v = d y^2 + 1; candidate x = u v^3 (u v^7)^((p - 5) / 8).
  const y2 = (y * y) % P;
  const u = mod(y2 - 1n);
  const v = mod(D * y2 + 1n);
  const v3 = (((v * v) % P) * v) % P;
  const v7 = (((v3 * v3) % P) * v) % P;
  let x = (((u * v3) % P) * pow((u * v7) % P, (P - 5n) / 8n)) % P;
  const vx2 = (v * ((x * x) % P)) % P;
  if (vx2 !== u) {
    if (vx2 !== mod(-u)) return undefined;
    sqrtM1 ??= pow(2n, (P - 1n) / 4n);
    x = (x * sqrtM1) % P;
  }
  if (x === 0n && sign === 1n) return undefined;
  if ((x & 1n) !== sign) x = P - x;
  return [x, y];
}

type Extended = [bigint, bigint, bigint, bigint];

/** RFC 8032 section 6 `point_add` (complete on edwards25519, so it also doubles). */
function add(p: Extended, q: Extended): Extended {
  const a = mod((p[1] - p[0]) * (q[1] - q[0]));
  const b = mod((p[1] + p[0]) * (q[1] + q[0]));
  const c = mod(2n * p[3] * q[3] * D);
  const d = mod(2n * p[2] * q[2]);
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
}

/**
 * True when `bytes` is the canonical encoding of an Ed25519 point whose order is not small
 * (8 times it is not the identity). For a small-order key the signature R = identity, S = 0
 * verifies every message under RFC 8032.
 */
export function isUsableEd25519Point(bytes: Uint8Array): boolean {
  const point = decodePoint(bytes);
  if (point === undefined) return false;
  const [x, y] = point;
  let q: Extended = [x, y, 1n, (x * y) % P];
  for (let i = 0; i < 3; i++) q = add(q, q);
  // The identity is (0 : 1 : 1 : 0): X = 0 and Y = Z.
  return !(q[0] === 0n && q[1] === q[2]);
}
