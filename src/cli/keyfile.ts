/** Key files: what `ob3kit keygen` writes and what `--key` reads. */

import type { KeyPair } from '../keys/index.js';
import { createDidJwk, createDidKey, exportKeyPair, importKeyPair } from '../keys/index.js';
import { UsageError } from './errors.js';
import { bytesToText, type Io, parseJsonText, readInput } from './io.js';

/**
 * The warning at the top of every private key file.
 *
 * @example
 * ```ts
 * const file = { _warning: PRIVATE_KEY_WARNING, ...exportKeyPair(key, { includeSecret: true }) };
 * ```
 */
export const PRIVATE_KEY_WARNING =
  'PRIVATE KEY — keep secret. Anyone holding this file can issue credentials in its name.';

/**
 * Read a key file given with `--key`: a Multikey (`publicKeyMultibase` + `secretKeyMultibase`),
 * a JWK, or a JsonWebKey verification method with `secretKeyJwk`, as `ob3kit keygen` writes.
 * The key must hold its secret part and have an `id` (the verification method) to sign with.
 *
 * @example
 * ```ts
 * const key = await loadSigningKey(io, 'issuer-key.json');
 * ```
 */
export async function loadSigningKey(io: Io, file: string): Promise<KeyPair> {
  const json = parseKeyJson(bytesToText(await readInput(io, file, 'key file')), file);
  return keyFromJson(json, file);
}

/**
 * Parse key file text into JSON, with key-file wording in errors.
 *
 * @example
 * ```ts
 * const json = parseKeyJson(readFileSync('k.json', 'utf8'), 'k.json');
 * ```
 */
export function parseKeyJson(text: string, file: string): Record<string, unknown> {
  const value = parseJsonText(text, `key file '${file}'`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(
      `key file '${file}' must hold a JSON object (a Multikey or a JWK)`,
      "Make a key with 'ob3kit keygen -o issuer-key.json'.",
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Import a signing key from parsed key-file JSON (used by the batch workers too).
 *
 * @example
 * ```ts
 * const key = keyFromJson(JSON.parse(text), 'issuer-key.json');
 * ```
 */
export function keyFromJson(json: Record<string, unknown>, file: string): KeyPair {
  const { _warning: _ignored, ...rest } = json;
  let key: KeyPair;
  try {
    key = importKeyPair(rest);
  } catch (e) {
    const err = e as { message?: string; code?: string };
    throw new UsageError(
      `key file '${file}' is not a usable key: ${err.message ?? String(e)}${err.code ? ` (${err.code})` : ''}`,
      "Give a Multikey or JWK with its secret part, e.g. one made by 'ob3kit keygen -o issuer-key.json'.",
    );
  }
  if (!key.hasSecretKey) {
    throw new UsageError(
      `key file '${file}' holds only a public key; signing needs the secret key`,
      "Use the file 'ob3kit keygen' wrote (with secretKeyMultibase or a JWK 'd').",
    );
  }
  if (key.id === undefined) {
    // A bare key: sign as its did:key (or did:jwk for RSA), the same DID keygen would make.
    key = key.type === 'RSA' ? createDidJwk(key).keyPair : createDidKey(key).keyPair;
  }
  return key;
}

/**
 * Serialize a key pair for a key file, with its secret and the warning on top.
 *
 * @example
 * ```ts
 * writeOutput(io, 'key.json', JSON.stringify(keyFileJson(key, 'multikey'), null, 2), { secret: true });
 * ```
 */
export function keyFileJson(key: KeyPair, format: 'multikey' | 'jwk'): Record<string, unknown> {
  const body = exportKeyPair(key, {
    format: format === 'jwk' || key.type === 'RSA' ? 'JsonWebKey' : 'multikey',
    includeSecret: true,
  });
  return { _warning: PRIVATE_KEY_WARNING, ...body };
}
