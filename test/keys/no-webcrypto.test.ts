/**
 * Where the runtime has no `crypto.subtle` (React Native's Hermes), key pairs sign and verify
 * with @noble/curves, which they then import on demand: the same signatures (Ed25519 is
 * deterministic, ECDSA uses RFC 6979 nonces) and the same verdicts as with WebCrypto. Ran in a
 * file of its own: the Ed25519 WebCrypto probe remembers, for the process, that it is missing.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from '../../src/keys/generate.js';
import { importPublicKeyPair } from '../../src/keys/import-public.js';
import type { KeyPair, KeyType } from '../../src/keys/types.js';

const message = new TextEncoder().encode('Open Badges 3.0');
const TYPES: Array<Exclude<KeyType, 'RSA'>> = ['Ed25519', 'P-256', 'P-384'];

interface Case {
  type: KeyType;
  key: KeyPair;
  publicKey: KeyPair;
  signature: Uint8Array;
}

/** Keys, and signatures made with WebCrypto where the runtime has it (Ed25519), before stubbing. */
async function withWebCrypto(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const type of TYPES) {
    const key = await generateKeyPair({
      type,
      seed: new Uint8Array(type === 'P-384' ? 48 : 32).fill(8),
    });
    const signature = await key.sign(message);
    const publicKey = importPublicKeyPair({ ...key.publicKeyJwk });
    expect(await publicKey.verify(message, signature)).toBe(true);
    cases.push({ type, key, publicKey, signature });
  }
  return cases;
}

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('without crypto.subtle', () => {
  it('signs and verifies as with WebCrypto, loading the curves on demand', async () => {
    const cases = await withWebCrypto();
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    expect(globalThis.crypto.subtle).toBeUndefined();
    for (const { type, key, publicKey, signature } of cases) {
      // Deterministic signatures: the pure-JS signer gives the same bytes.
      expect(await key.sign(message), type).toEqual(signature);
      expect(await publicKey.verify(message, signature), type).toBe(true);
      // A fresh public key (no key imported into WebCrypto before) takes the same path.
      const fresh = importPublicKeyPair({ ...publicKey.publicKeyJwk });
      expect(await fresh.verify(message, signature), type).toBe(true);
      const tampered = signature.slice();
      tampered[5] = (tampered[5] as number) ^ 1;
      expect(await fresh.verify(message, tampered), type).toBe(false);
      expect(await fresh.verify(message.subarray(1), signature), type).toBe(false);
    }
  });
});
