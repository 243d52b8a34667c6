/**
 * P-256 / P-384 public keys are read by ob3kit's own point decoder (`src/keys/ec-point.ts`) on
 * every import path verification takes, and WebCrypto verifies with the point it re-encodes. A
 * forger's classes, each held to implementations other than ob3kit's own: WebCrypto's point
 * import (OpenSSL, not the `@noble/curves` the decoder replaced), node:crypto's ECDSA verdicts,
 * `@digitalbazaar/ecdsa-multikey` for Multikey / JWK twins, and `@noble/curves`' `nist.js` for
 * the arithmetic of secret keys (the negated point, another key's scalar).
 *
 * - a point the decoder takes that WebCrypto refuses (or the other way round), or one it reads
 *   as another point: both forms, both parities, an odd y flipped, random x, x or y >= p,
 *   the identity, other prefixes and lengths (hybrid `06` / `07`, which OpenSSL takes, are
 *   refused: SEC1 public keys in Multikey, did:key and JWK are never hybrid);
 * - one key's forms (Multikey, JWK, did:key, `publicKeyJwk`, WebCrypto) naming different points,
 *   or P-256 bytes read under a P-384 label;
 * - a secret key paired with another public key (another scalar's, the negated point);
 * - secret members smuggled into a document verification imports: ignored, never used, never
 *   a reason to refuse a valid public key (as `importKeyPair(json, { publicOnly: true })`);
 * - the no-WebCrypto fallback answering otherwise than WebCrypto and node:crypto on the same
 *   signature classes (high s, r or s zero, n, unreduced, all ones).
 *
 * Nothing was found in these classes; the tests stay as regressions.
 */
import { createPublicKey, type JsonWebKey, verify as nodeVerify, webcrypto } from 'node:crypto';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { p256 as nobleP256, p384 as nobleP384 } from '@noble/curves/nist.js';
import { encode as base58 } from 'base58-universal';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDidKey, resolveDidKey } from '../../src/keys/did.js';
import { decodeEcPoint, encodeEcPoint } from '../../src/keys/ec-point.js';
import { generateKeyPair } from '../../src/keys/generate.js';
import { importKeyPair, importRawKeyPair } from '../../src/keys/import.js';
import { importPublicKeyPair } from '../../src/keys/import-public.js';
import { resolveVerificationMethod } from '../../src/keys/resolve.js';
import type { Jwk, KeyPair } from '../../src/keys/types.js';
import { bigIntBytes as bytesOf } from '../helpers.js';
import { fuzzRuns } from './helpers.js';

const CURVES = [
  {
    name: 'P-256' as const,
    noble: nobleP256,
    size: 32,
    alg: 'ES256' as const,
    hash: 'sha256',
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    pub: [0x80, 0x24],
    priv: [0x86, 0x26],
  },
  {
    name: 'P-384' as const,
    noble: nobleP384,
    size: 48,
    alg: 'ES384' as const,
    hash: 'sha384',
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    pub: [0x81, 0x24],
    priv: [0x87, 0x26],
  },
];
type Curve = (typeof CURVES)[number];

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const multibase = (header: number[], bytes: Uint8Array) =>
  `z${base58(Uint8Array.from([...header, ...bytes]))}`;
const bigOf = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** WebCrypto's (OpenSSL's) reading of raw SEC1 bytes: the uncompressed point, or undefined. */
async function webCryptoPoint(c: Curve, bytes: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    const key = await webcrypto.subtle.importKey(
      'raw',
      bytes,
      { name: 'ECDSA', namedCurve: c.name },
      true,
      ['verify'],
    );
    return new Uint8Array(await webcrypto.subtle.exportKey('raw', key));
  } catch {
    return undefined;
  }
}

/** A public JWK of the uncompressed point `raw`. */
function jwkOf(c: Curve, raw: Uint8Array): Jwk {
  return {
    kty: 'EC',
    crv: c.name,
    x: b64u(raw.subarray(1, 1 + c.size)),
    y: b64u(raw.subarray(1 + c.size)),
  };
}

/** The error code an import throws, or 'ok'. */
function codeOf(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

const scalar = (c: Curve) =>
  fc
    .uint8Array({ minLength: c.size, maxLength: c.size })
    .filter((s) => c.noble.utils.isValidSecretKey(s));

describe.each(CURVES)('$name public points against WebCrypto (OpenSSL)', (c) => {
  /** Every class of bytes a forger tries, from a valid key's point or from nothing. */
  const attempts = fc.oneof(
    scalar(c).map((s) => c.noble.getPublicKey(s, true)),
    scalar(c).map((s) => c.noble.getPublicKey(s, false)),
    // the other parity: the negated point, still on the curve
    scalar(c).map((s) => {
      const b = c.noble.getPublicKey(s, true);
      b[0] = (b[0] as number) ^ 1;
      return b;
    }),
    // y changed in its last bit: off the curve
    scalar(c).map((s) => {
      const b = c.noble.getPublicKey(s, false);
      b[2 * c.size] = (b[2 * c.size] as number) ^ 1;
      return b;
    }),
    // a valid point's body under another prefix
    fc.tuple(scalar(c), fc.boolean(), fc.integer({ min: 0, max: 255 })).map(([s, long, pre]) => {
      const b = c.noble.getPublicKey(s, !long);
      b[0] = pre;
      return b;
    }),
    // random x (about half are no point's x), random uncompressed bytes
    fc
      .tuple(fc.constantFrom(2, 3), fc.uint8Array({ minLength: c.size, maxLength: c.size }))
      .map(([pre, x]) => cat(Uint8Array.of(pre), x)),
    fc
      .uint8Array({ minLength: 2 * c.size, maxLength: 2 * c.size })
      .map((xy) => cat(Uint8Array.of(4), xy)),
    // x just above p or below 2^bits, and x = 0..3 (small x)
    fc
      .tuple(
        fc.constantFrom(2, 3),
        fc.constantFrom(
          0n,
          1n,
          2n,
          3n,
          c.p - 1n,
          c.p,
          c.p + 1n,
          c.p + 3n,
          (1n << BigInt(8 * c.size)) - 1n,
        ),
      )
      .map(([pre, x]) => cat(Uint8Array.of(pre), bytesOf(x, c.size))),
    // wrong lengths: a P-256 point given to P-384 and the other way round, truncated, padded
    fc.tuple(scalar(c), fc.integer({ min: -2, max: 2 })).map(([s, d]) => {
      const b = c.noble.getPublicKey(s, true);
      return d < 0 ? b.subarray(0, b.length + d) : cat(b, new Uint8Array(d));
    }),
  );

  it('takes exactly the points WebCrypto takes (hybrid 06 / 07 aside), as the same point', async () => {
    let taken = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(attempts, async (bytes) => {
        const theirs = await webCryptoPoint(c, bytes);
        const ours = decodeEcPoint(c.name, bytes);
        const hybrid = bytes[0] === 6 || bytes[0] === 7;
        if (hybrid) expect(ours).toBeUndefined();
        else expect(ours === undefined).toBe(theirs === undefined);
        const imported = codeOf(() => importRawKeyPair({ type: c.name, publicKey: bytes }));
        if (ours === undefined) {
          refused++;
          expect(imported).toBe('ERR_KEY_INVALID');
          return;
        }
        taken++;
        expect(encodeEcPoint(c.name, ours, false)).toEqual(theirs);
        // The key's every public form is WebCrypto's point.
        const key = importRawKeyPair({ type: c.name, publicKey: bytes });
        expect(key.publicKeyJwk).toEqual(jwkOf(c, theirs as Uint8Array));
        expect(await webCryptoPoint(c, key.publicKey)).toEqual(theirs);
      }),
      { numRuns: fuzzRuns(300) },
    );
    expect(taken).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

describe.each(CURVES)('$name: one key, one point, whatever the form', (c) => {
  it('Multikey, JWK, did:key and WebCrypto name the point @digitalbazaar/ecdsa-multikey reads', async () => {
    const secrets = fc.sample(scalar(c), fuzzRuns(12));
    for (const s of secrets) {
      const compressed = c.noble.getPublicKey(s, true);
      const raw = c.noble.getPublicKey(s, false);
      const publicKeyMultibase = multibase(c.pub, compressed);
      const ref = await EcdsaMultikey.from({
        '@context': 'https://w3id.org/security/multikey/v1',
        type: 'Multikey',
        id: 'did:example:issuer#k',
        controller: 'did:example:issuer',
        publicKeyMultibase,
      });
      const refJwk = await EcdsaMultikey.toJwk({ keyPair: ref });
      const fromMultikey = importPublicKeyPair({
        type: 'Multikey',
        controller: 'did:example:issuer',
        publicKeyMultibase,
      });
      const fromJwk = importPublicKeyPair({ ...refJwk });
      const fromUncompressed = importPublicKeyPair({
        type: 'Multikey',
        publicKeyMultibase: multibase(c.pub, raw),
      });
      for (const key of [fromMultikey, fromJwk, fromUncompressed]) {
        expect(key.type).toBe(c.name);
        expect(key.publicKey).toEqual(compressed);
        expect(key.publicKeyMultibase).toBe(publicKeyMultibase);
        expect(key.publicKeyJwk).toEqual({ kty: 'EC', crv: c.name, x: refJwk.x, y: refJwk.y });
      }
      // A did:key of the key resolves to the same key.
      const did = createDidKey(fromJwk).did;
      expect(did).toBe(`did:key:${publicKeyMultibase}`);
      const resolved = await resolveVerificationMethod(`${did}#${publicKeyMultibase}`);
      expect(resolved.keyPair.publicKey).toEqual(compressed);
      // Its signature (WebCrypto's) verifies under each form; the negated point's does not.
      const message = new TextEncoder().encode(`${c.name} ${publicKeyMultibase}`);
      const p1363 = await webcrypto.subtle.sign(
        { name: 'ECDSA', hash: c.name === 'P-256' ? 'SHA-256' : 'SHA-384' },
        await webcrypto.subtle.importKey(
          'jwk',
          { ...jwkOf(c, raw), d: b64u(s) },
          { name: 'ECDSA', namedCurve: c.name },
          false,
          ['sign'],
        ),
        message,
      );
      const signature = new Uint8Array(p1363);
      for (const key of [fromMultikey, fromJwk, fromUncompressed, resolved.keyPair]) {
        expect(await key.verify(message, signature)).toBe(true);
      }
      const negated = compressed.slice();
      negated[0] = (negated[0] as number) ^ 1;
      const other = importPublicKeyPair({
        type: 'Multikey',
        publicKeyMultibase: multibase(c.pub, negated),
      });
      expect(await other.verify(message, signature)).toBe(false);
    }
  });

  it('refuses bytes of one curve under the other label (Multikey codec, JWK crv, did:key)', () => {
    const o = CURVES.find((x) => x.name !== c.name) as Curve;
    const s = new Uint8Array(o.size).fill(0x17);
    const compressed = o.noble.getPublicKey(s, true);
    const raw = o.noble.getPublicKey(s, false);
    // The other curve's point under this curve's codec: every form is refused.
    for (const bytes of [compressed, raw]) {
      expect(
        codeOf(() =>
          importPublicKeyPair({ type: 'Multikey', publicKeyMultibase: multibase(c.pub, bytes) }),
        ),
      ).toBe('ERR_KEY_INVALID');
    }
    expect(codeOf(() => importPublicKeyPair({ ...jwkOf(o, raw), crv: c.name }))).toBe(
      'ERR_KEY_INVALID',
    );
    expect(codeOf(() => resolveDidKey(`did:key:${multibase(c.pub, compressed)}`))).toBe(
      'ERR_DID_INVALID',
    );
    // A did:key holds the compressed point only.
    expect(codeOf(() => resolveDidKey(`did:key:${multibase(o.pub, raw)}`))).toBe('ERR_DID_INVALID');
    // Coordinates with a leading zero byte dropped, or one added, are refused (RFC 7518 6.2.1.2).
    const jwk = jwkOf(c, c.noble.getPublicKey(new Uint8Array(c.size).fill(0x17), false));
    const x = Buffer.from(jwk.x as string, 'base64url');
    for (const bad of [cat(Uint8Array.of(0), x), x.subarray(1)]) {
      expect(codeOf(() => importPublicKeyPair({ ...jwk, x: b64u(bad) }))).toBe('ERR_KEY_INVALID');
    }
  });
});

describe.each(CURVES)('$name: a secret key with another public key', (c) => {
  it("refuses another scalar's point and the negated point, in every document form", () => {
    fc.assert(
      fc.property(scalar(c), scalar(c), (s, t) => {
        fc.pre(bigOf(s) !== bigOf(t));
        const own = c.noble.getPublicKey(s, false);
        const others = [
          c.noble.getPublicKey(t, false),
          c.noble.Point.fromBytes(own).negate().toBytes(false),
        ];
        // The key's own documents import, with its secret key.
        const key = importKeyPair({ ...jwkOf(c, own), d: b64u(s) });
        expect(key.hasSecretKey).toBe(true);
        expect(key.publicKey).toEqual(c.noble.getPublicKey(s, true));
        for (const raw of others) {
          const compressed = c.noble.Point.fromBytes(raw).toBytes(true);
          const documents: unknown[] = [
            { ...jwkOf(c, raw), d: b64u(s) },
            {
              type: 'JsonWebKey',
              publicKeyJwk: jwkOf(c, raw),
              secretKeyJwk: { ...jwkOf(c, own), d: b64u(s) },
            },
            {
              type: 'Multikey',
              publicKeyMultibase: multibase(c.pub, compressed),
              secretKeyMultibase: multibase(c.priv, s),
            },
          ];
          for (const doc of documents)
            expect(codeOf(() => importKeyPair(doc))).toBe('ERR_KEY_INVALID');
          expect(
            codeOf(() => importRawKeyPair({ type: c.name, publicKey: raw, secretKey: s })),
          ).toBe('ERR_KEY_INVALID');
        }
      }),
      { numRuns: fuzzRuns(20) },
    );
  });

  it('signs with the secret key: node:crypto verifies, @noble/curves gives the same RFC 6979 bytes', async () => {
    for (const s of fc.sample(scalar(c), fuzzRuns(6))) {
      const raw = c.noble.getPublicKey(s, false);
      const message = new TextEncoder().encode(`signed ${b64u(s)}`);
      const keys: KeyPair[] = [
        importKeyPair({ ...jwkOf(c, raw), d: b64u(s) }),
        importKeyPair({ type: 'Multikey', secretKeyMultibase: multibase(c.priv, s) }),
        importRawKeyPair({ type: c.name, secretKey: s }),
      ];
      const expected = c.noble.sign(message, s, { lowS: false });
      const nodeKey = createPublicKey({ key: jwkOf(c, raw) as JsonWebKey, format: 'jwk' });
      for (const key of keys) {
        const signature = await key.sign(message);
        expect(signature).toEqual(expected);
        expect(
          nodeVerify(c.hash, message, { key: nodeKey, dsaEncoding: 'ieee-p1363' }, signature),
        ).toBe(true);
      }
    }
  });
});

describe.each(CURVES)('$name: generateKeyPair from a seed', (c) => {
  it('refuses a seed that is no scalar in [1, n-1] with a located ERR_KEY_INVALID', async () => {
    // Was a bare RangeError / Error from @noble/curves ("invalid scalar: out of range").
    for (const seed of [
      new Uint8Array(c.size),
      new Uint8Array(c.size).fill(0xff),
      bytesOf(c.n, c.size),
    ]) {
      await expect(generateKeyPair({ type: c.name, seed })).rejects.toMatchObject({
        name: 'KeyError',
        code: 'ERR_KEY_INVALID',
        details: { field: 'seed' },
      });
    }
  });

  it('makes the key of a valid seed, with the default id of its fingerprint', async () => {
    const seed = bytesOf(c.n - 1n, c.size);
    const fingerprint = multibase(c.pub, c.noble.getPublicKey(seed, true));
    const key = await generateKeyPair({ type: c.name, seed, controller: 'did:example:issuer' });
    expect(key.id).toBe(`did:example:issuer#${fingerprint}`);
    expect(key.controller).toBe('did:example:issuer');
    expect(key.hasSecretKey).toBe(true);
    expect(key.publicKeyMultibase).toBe(fingerprint);
    const named = await generateKeyPair({ type: c.name, seed, id: 'did:example:issuer#k' });
    expect(named.id).toBe('did:example:issuer#k');
    expect(named.controller).toBeUndefined();
    const bare = await generateKeyPair({ type: c.name, seed });
    expect(bare.id).toBeUndefined();
    const message = new TextEncoder().encode('seeded');
    expect(await bare.sign(message)).toEqual(c.noble.sign(message, seed, { lowS: false }));
  });
});

describe.each(CURVES)('$name: secret members in a document verification imports', (c) => {
  it('are ignored, valid or not, and the public key is read as it is', () => {
    const s = new Uint8Array(c.size).fill(0x2a);
    const raw = c.noble.getPublicKey(s, false);
    const compressed = c.noble.getPublicKey(s, true);
    const garbage = [
      'not base64url!',
      b64u(new Uint8Array(c.size).fill(0xff)), // >= n
      b64u(new Uint8Array(c.size)), // zero
      b64u(new Uint8Array(c.size + 1).fill(1)), // wrong length
      b64u(c.noble.utils.randomSecretKey()), // another key's
    ];
    const documents: unknown[] = garbage.flatMap((d) => [
      { ...jwkOf(c, raw), d },
      { ...jwkOf(c, raw), d, p: d, q: d },
      { type: 'JsonWebKey', publicKeyJwk: jwkOf(c, raw), secretKeyJwk: { ...jwkOf(c, raw), d } },
      { type: 'JsonWebKey', publicKeyJwk: jwkOf(c, raw), privateKeyJwk: { kty: 'EC', d } },
      {
        type: 'Multikey',
        publicKeyMultibase: multibase(c.pub, compressed),
        secretKeyMultibase: d,
      },
      {
        type: 'Multikey',
        publicKeyMultibase: multibase(c.pub, compressed),
        privateKeyMultibase: multibase(c.priv, Buffer.from(d, 'base64url')),
      },
    ]);
    for (const doc of documents) {
      const key = importPublicKeyPair(doc);
      expect(key.hasSecretKey).toBe(false);
      expect(key.publicKey).toEqual(compressed);
    }
    // A `d` inside publicKeyJwk is refused (a published secret key), as always.
    expect(
      codeOf(() =>
        importPublicKeyPair({
          type: 'JsonWebKey',
          publicKeyJwk: { ...jwkOf(c, raw), d: b64u(s) },
        }),
      ),
    ).toBe('ERR_KEY_INVALID');
    // A secret-only Multikey has no public key to verify with.
    expect(
      codeOf(() =>
        importPublicKeyPair({ type: 'Multikey', secretKeyMultibase: multibase(c.priv, s) }),
      ),
    ).toBe('ERR_KEY_FORMAT');
  });
});

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('without WebCrypto: the same verdicts as WebCrypto and node:crypto', () => {
  it('on valid, high-s, zero, n, unreduced and all-ones signatures', async () => {
    interface Row {
      c: Curve;
      jwk: Jwk;
      message: Uint8Array;
      signature: Uint8Array;
      expected: boolean;
      label: string;
    }
    const rows: Row[] = [];
    for (const c of CURVES) {
      for (let i = 1; i <= 4; i++) {
        const s = new Uint8Array(c.size).fill(0x30 + i);
        const jwk = jwkOf(c, c.noble.getPublicKey(s, false));
        const nodeKey = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
        const message = new TextEncoder().encode(`message ${i}`);
        const valid = c.noble.sign(message, s, { lowS: false });
        const r = bigOf(valid.subarray(0, c.size));
        const sv = bigOf(valid.subarray(c.size));
        const limit = 1n << BigInt(8 * c.size);
        const pair = (a: bigint, b: bigint) => cat(bytesOf(a, c.size), bytesOf(b, c.size));
        const variants: Record<string, Uint8Array> = {
          valid,
          'high s': pair(r, c.n - sv),
          'r = 0': pair(0n, sv),
          's = 0': pair(r, 0n),
          'r = n': pair(c.n, sv),
          's = n': pair(r, c.n),
          'all ones': new Uint8Array(2 * c.size).fill(0xff),
          ...(r + c.n < limit ? { 'r + n': pair(r + c.n, sv) } : {}),
          ...(sv + c.n < limit ? { 's + n': pair(r, sv + c.n) } : {}),
        };
        for (const [label, signature] of Object.entries(variants)) {
          const expected = nodeVerify(
            c.hash,
            message,
            { key: nodeKey, dsaEncoding: 'ieee-p1363' },
            signature,
          );
          rows.push({ c, jwk, message, signature, expected, label: `${c.name} ${label}` });
          expect(await importPublicKeyPair(jwk).verify(message, signature), label).toBe(expected);
        }
      }
    }
    expect(rows.filter((r) => r.expected).length).toBeGreaterThanOrEqual(16);
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    for (const row of rows) {
      const key = importPublicKeyPair({ ...row.jwk });
      expect(await key.verify(row.message, row.signature), row.label).toBe(row.expected);
    }
  });
});
