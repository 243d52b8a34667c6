/**
 * Ed25519 through WebCrypto (`crypto.subtle`, algorithm `Ed25519`) where the runtime has it:
 * Node 20+, Deno, Bun and current browsers. It is an order of magnitude faster than pure-JS
 * Ed25519, and its verification is the strict, cofactorless RFC 8032 check the reference stack
 * (node:crypto / OpenSSL) makes. Every function returns `undefined` when WebCrypto cannot
 * answer (no `crypto.subtle`, no Ed25519 support, an unexpected error); the caller then uses
 * `@noble/curves`, so behaviour never depends on the runtime, only speed does.
 *
 * @internal
 */

/** `undefined` until the first attempt tells whether this runtime supports Ed25519. */
let supported: boolean | undefined;

function subtle(): SubtleCrypto | undefined {
  if (supported === false) return undefined;
  const s = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (s === undefined) supported = false;
  return s;
}

function unsupported(e: unknown): undefined {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'NotSupportedError' || name === 'TypeError') supported = false;
  return undefined;
}

/** Public keys imported for verification, by their bytes (bounded, oldest dropped first). */
const MAX_VERIFY_KEYS = 256;
const verifyKeys = new Map<string, Promise<CryptoKey | undefined>>();

function keyOf(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function importVerifyKey(s: SubtleCrypto, publicKey: Uint8Array): Promise<CryptoKey | undefined> {
  const k = keyOf(publicKey);
  let key = verifyKeys.get(k);
  if (key === undefined) {
    key = s
      .importKey('raw', publicKey.slice(), { name: 'Ed25519' }, false, ['verify'])
      .then((v) => {
        supported = true;
        return v;
      }, unsupported);
    verifyKeys.set(k, key);
    if (verifyKeys.size > MAX_VERIFY_KEYS) {
      const oldest = verifyKeys.keys().next();
      if (!oldest.done) verifyKeys.delete(oldest.value);
    }
  }
  return key;
}

/**
 * Verify an Ed25519 signature with WebCrypto. The public key must already be validated (a
 * canonical encoding of a curve point), as ob3kit's key pairs are when they are created.
 *
 * @returns the verdict, or `undefined` when WebCrypto cannot answer.
 */
export async function webCryptoEd25519Verify(
  publicKey: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean | undefined> {
  const s = subtle();
  if (s === undefined) return undefined;
  const key = await importVerifyKey(s, publicKey);
  if (key === undefined) return undefined;
  try {
    return await s.verify({ name: 'Ed25519' }, key, signature.slice(), data.slice());
  } catch (e) {
    return unsupported(e);
  }
}

/** PKCS #8 wrapping of a 32-byte Ed25519 seed (RFC 8410). */
const PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/** Signing keys, by the seed object they were made from (kept as long as the seed is). */
const signKeys = new WeakMap<Uint8Array, Promise<CryptoKey | undefined>>();

/**
 * Sign with WebCrypto (Ed25519 is deterministic: the same bytes as any other implementation).
 *
 * @param seed - the 32-byte secret seed; keep passing the same object to reuse its imported key.
 * @returns the 64-byte signature, or `undefined` when WebCrypto cannot answer.
 */
export async function webCryptoEd25519Sign(
  seed: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array | undefined> {
  const s = subtle();
  if (s === undefined || seed.length !== 32) return undefined;
  let key = signKeys.get(seed);
  if (key === undefined) {
    const pkcs8 = new Uint8Array(48);
    pkcs8.set(PKCS8_PREFIX);
    pkcs8.set(seed, 16);
    key = s.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']).then((v) => {
      supported = true;
      return v;
    }, unsupported);
    signKeys.set(seed, key);
  }
  const k = await key;
  if (k === undefined) return undefined;
  try {
    return new Uint8Array(await s.sign({ name: 'Ed25519' }, k, data.slice()));
  } catch (e) {
    return unsupported(e);
  }
}

/** Ed25519 public keys already found valid (bounded). */
const MAX_VALID_KEYS = 1024;
const validKeys = new Set<string>();

/**
 * Memoize an Ed25519 public-key validity check (point decompression is costly, and verifiers
 * see the same issuer keys again and again). Only successes are remembered.
 */
export function isValidEd25519PublicKeyCached(
  publicKey: Uint8Array,
  check: (publicKey: Uint8Array) => boolean,
): boolean {
  const k = keyOf(publicKey);
  if (validKeys.has(k)) return true;
  const ok = check(publicKey);
  if (ok) {
    if (validKeys.size >= MAX_VALID_KEYS) validKeys.clear();
    validKeys.add(k);
  }
  return ok;
}
