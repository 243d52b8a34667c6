/**
 * Ed25519 (RFC 8032) and P-256 (FIPS 186-5 / SEC 2) built from `@noble/curves`' generic
 * Edwards and Weierstrass code. The package's own `ed25519.js` and `nist.js` entry points also
 * build ristretto255, X25519, FROST, OPRF, hash-to-curve, P-384 and P-521 when they are
 * imported — about 30 ms of start-up that a verifier never needs. Same algorithms, same bytes:
 * `test/keys/curves.test.ts` holds these to the package's curves. Each curve is built on first
 * use (a few milliseconds), not when the module loads. Verification does not import this module
 * (public points are read by `ec-point.ts` and `ed25519-point.ts`, signatures checked by
 * WebCrypto): it loads on demand, where a secret key is used or WebCrypto cannot verify.
 *
 * @internal
 */
import { eddsa, edwards } from '@noble/curves/abstract/edwards.js';
import { type ECDSA, ecdsa, weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';

/** `build()`'s result, built on first property access. */
function onFirstUse<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = () => {
    built ??= build();
    return built;
  };
  return new Proxy({} as T, {
    get: (_, property) => Reflect.get(target(), property),
    has: (_, property) => Reflect.has(target(), property),
  });
}

/** Ed25519 domain parameters (RFC 8032 section 5.1; a = -1, d = -121665/121666). */
const ED25519_P = 2n ** 255n - 19n;
const ed25519Point = () =>
  edwards({
    p: ED25519_P,
    n: 2n ** 252n + 27742317777372353535851937790883648493n,
    h: 8n,
    a: ED25519_P - 1n,
    d: 0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3n,
    Gx: 0x216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51an,
    Gy: 0x6666666666666666666666666666666666666666666666666666666666666658n,
  });

/** RFC 8032 section 5.1.5: clear the 3 low bits, clear bit 255, set bit 254. */
function clampScalar(bytes: Uint8Array): Uint8Array {
  bytes[0] = (bytes[0] as number) & 248;
  bytes[31] = ((bytes[31] as number) & 127) | 64;
  return bytes;
}

/** Ed25519 (PureEdDSA, SHA-512); verification is strict RFC 8032 unless `zip215: true`. */
export const ed25519 = onFirstUse(() =>
  eddsa(ed25519Point(), sha512, {
    adjustScalarBytes: clampScalar,
    zip215: false,
  }),
);

/** P-256 / secp256r1 domain parameters (FIPS 186-5, SEC 2). */
const p256Point = () =>
  weierstrass({
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    h: 1n,
    a: 0xffffffff00000001000000000000000000000000fffffffffffffffffffffffcn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    Gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    Gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  });

/** ECDSA over P-256 with SHA-256 (RFC 6979 deterministic nonces). */
export const p256 = onFirstUse(() => ecdsa(p256Point(), sha256));

/** P-384 / secp384r1 domain parameters (FIPS 186-5, SEC 2); ECDSA with SHA-384 (RFC 6979 nonces). */
function buildP384(): ECDSA {
  const point = weierstrass({
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    h: 1n,
    a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffcn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    Gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    Gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
  });
  return ecdsa(point, sha384);
}

let p384Curve: ECDSA | undefined;

/** ECDSA over P-384 with SHA-384, built on first use (verifiers of Ed25519 and P-256 never pay for it). */
export function getP384(): ECDSA {
  p384Curve ??= buildP384();
  return p384Curve;
}
