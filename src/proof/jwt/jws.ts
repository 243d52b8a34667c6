/**
 * Compact JWS plumbing shared by credential JWTs and presentation JWTs: strict parsing,
 * header checks, key selection and signing. Not exported from the package.
 */

import { Ob3Error } from '../../errors.js';
import {
  fromBase64Url,
  fromUtf8,
  maxEncodedLength,
  toBase64Url,
  utf8,
} from '../../internal/bytes.js';
import { describeValue } from '../../internal/describe.js';
import { isObject } from '../../internal/json.js';
import { describeJsonTextProblem, parseJsonText } from '../../internal/json-scan.js';
import { DEFAULT_MAX_JSON_DEPTH, MAX_DECODED_BYTES } from '../../internal/limits.js';
import { importPublicKeyPair } from '../../keys/import-public.js';
import { isKeyPair } from '../../keys/key-pair.js';
import { isSigner, type SigningKey, toSigningKey as signingKeyOf } from '../../keys/signer.js';
import type { JwsAlgorithm, KeyPair } from '../../keys/types.js';
import type { JwtIssue } from './types.js';

/** The algorithms ob3kit signs and verifies with. */
export const SUPPORTED_ALGORITHMS: readonly JwsAlgorithm[] = ['RS256', 'ES256', 'ES384', 'EdDSA'];

/** Default largest JWT, in characters (1 MiB). */
export const DEFAULT_MAX_JWT_LENGTH = 1024 * 1024;

/** Default clock tolerance for `exp` and `nbf`, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE = 60;

/** Private JWK members (RFC 7518): a header `jwk` holding one of them is rejected. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** A compact JWS split and decoded. */
export interface ParsedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

/**
 * Split and decode a compact JWS. Issues (never throws): `jwt_too_large`, `jwt_malformed`.
 */
export function parseCompactJws(
  jwt: string,
  maxLength: number,
): { parsed?: ParsedJws; issues: JwtIssue[] } {
  if (jwt.length > maxLength) {
    return {
      issues: [
        {
          code: 'jwt_too_large',
          message: `The JWT is ${jwt.length} characters long; the limit is ${maxLength} (options.maxLength)`,
        },
      ],
    };
  }
  const text = jwt.trim();
  const parts = text.split('.');
  if (parts.length !== 3) {
    return {
      issues: [
        {
          code: 'jwt_malformed',
          message:
            parts.length === 5
              ? 'Expected a compact JWS (3 segments); found 5 segments (a JWE, which is not supported)'
              : `Expected a compact JWS of 3 base64url segments separated by ".", found ${parts.length} segment(s)`,
        },
      ],
    };
  }
  const [h, p, s] = parts as [string, string, string];
  // Bound before work: the header and the signature have small legitimate sizes (the payload
  // is bounded by maxLength).
  const segmentBounds = [
    ['header', h, MAX_DECODED_BYTES.jwsHeader],
    ['signature', s, MAX_DECODED_BYTES.jwsSignature],
  ] as const;
  for (const [name, segment, bytes] of segmentBounds) {
    const max = maxEncodedLength('base64url', bytes);
    if (segment.length > max) {
      return {
        issues: [
          {
            code: 'jwt_too_large',
            path: name,
            message: `The ${name} segment is ${segment.length} characters long; a JWS ${name} takes at most ${max}`,
          },
        ],
      };
    }
  }
  const issues: JwtIssue[] = [];
  const header = decodeJsonSegment(h, 'header', issues);
  const payload = decodeJsonSegment(p, 'payload', issues);
  // An empty signature (an unsecured JWT) parses, so that `alg: none` is reported as such.
  const signature = fromBase64Url(s);
  if (signature === undefined) {
    issues.push({
      code: 'jwt_malformed',
      path: 'signature',
      message: 'The signature segment is not valid unpadded base64url',
    });
  }
  if (issues.length > 0 || !header || !payload || !signature) return { issues };
  return {
    parsed: { header, payload, signingInput: utf8(`${h}.${p}`), signature },
    issues,
  };
}

function decodeJsonSegment(
  segment: string,
  name: 'header' | 'payload',
  issues: JwtIssue[],
): Record<string, unknown> | undefined {
  const bytes = fromBase64Url(segment);
  if (bytes === undefined || segment.length === 0) {
    issues.push({
      code: 'jwt_malformed',
      path: name,
      message: `The ${name} segment is not valid unpadded base64url (or is empty)`,
    });
    return undefined;
  }
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    issues.push({
      code: 'jwt_malformed',
      path: name,
      message: `The ${name} segment does not decode to UTF-8 JSON`,
    });
    return undefined;
  }
  // Bounded before it is parsed, and one member name once: JSON.parse would keep the last of
  // two `alg` (or `kid`, `iss`...), another JOSE library the first (RFC 7515 section 4: reject).
  // (The credential sits one level down in the payload.)
  const parsed = parseJsonText(text, { maxJsonDepth: DEFAULT_MAX_JSON_DEPTH + 1 });
  if (!parsed.ok) {
    issues.push({
      code: parsed.problem.kind === 'duplicate' ? 'jwt_duplicate_member' : 'jwt_malformed',
      path: name,
      message:
        parsed.problem.kind === 'syntax'
          ? `The ${name} segment does not decode to UTF-8 JSON`
          : `The ${name} ${describeJsonTextProblem(parsed.problem)}`,
    });
    return undefined;
  }
  const value = parsed.value;
  if (!isObject(value)) {
    issues.push({
      code: 'jwt_malformed',
      path: name,
      message: `The ${name} must be a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`,
    });
    return undefined;
  }
  return value;
}

/**
 * Check `alg` and `crit`. Issues: `jwt_alg_missing`, `jwt_alg_forbidden`, `jwt_alg_unsupported`,
 * `jwt_crit_unsupported`.
 */
export function checkHeader(
  header: Record<string, unknown>,
  algorithms: readonly JwsAlgorithm[],
): JwtIssue[] {
  const issues: JwtIssue[] = [];
  const alg = header.alg;
  if (typeof alg !== 'string' || alg.length === 0) {
    issues.push({
      code: 'jwt_alg_missing',
      path: 'header.alg',
      message: `The header must have an "alg" string, found ${describeValue(alg)}`,
    });
  } else if (alg.toLowerCase() === 'none' || /^HS\d+$/i.test(alg)) {
    issues.push({
      code: 'jwt_alg_forbidden',
      path: 'header.alg',
      message: `"alg": "${alg}" is forbidden: an unsigned or HMAC JWT proves nothing about its issuer (expected one of ${algorithms.join(', ')})`,
    });
  } else if (!algorithms.includes(effectiveAlgorithm(alg) as JwsAlgorithm)) {
    issues.push({
      code: 'jwt_alg_unsupported',
      path: 'header.alg',
      message: `"alg": "${alg}" is not accepted; expected one of ${algorithms.join(', ')}`,
    });
  }
  if (header.crit !== undefined) {
    const crit = header.crit;
    const names = Array.isArray(crit) ? crit.map((c) => String(c)).join(', ') : describeValue(crit);
    issues.push({
      code: 'jwt_crit_unsupported',
      path: 'header.crit',
      message: `The header marks extensions as critical (${names}); none are supported, so the JWT must be rejected (RFC 7515 section 4.1.11)`,
    });
  }
  return issues;
}

/** True when a header `jwk` holds private key material. */
export function hasPrivateMembers(jwk: Record<string, unknown>): string | undefined {
  return PRIVATE_JWK_MEMBERS.find((m) => jwk[m] !== undefined);
}

/** Import a header `jwk` (public members only). Issues: `jwt_jwk_private`, `jwt_key_invalid`. */
export function importHeaderJwk(jwk: unknown): { key?: KeyPair; issue?: JwtIssue } {
  if (!isObject(jwk)) {
    return {
      issue: {
        code: 'jwt_key_invalid',
        path: 'header.jwk',
        message: `The header "jwk" must be a JWK object, found ${describeValue(jwk)}`,
      },
    };
  }
  const priv = hasPrivateMembers(jwk);
  if (priv !== undefined) {
    return {
      issue: {
        code: 'jwt_jwk_private',
        path: `header.jwk.${priv}`,
        message: `The header "jwk" contains the private key member "${priv}"; a JWT must only carry a public key`,
      },
    };
  }
  try {
    const { kid: _kid, ...rest } = jwk;
    return { key: importPublicKeyPair(rest) };
  } catch (e) {
    return {
      issue: {
        code: 'jwt_key_invalid',
        path: 'header.jwk',
        message: `The header "jwk" is not a usable public key: ${errorText(e)}`,
      },
    };
  }
}

/**
 * The algorithm a header `alg` means: `Ed25519` (the fully-specified name of RFC 9864) is
 * EdDSA over Ed25519.
 */
export function effectiveAlgorithm(alg: unknown): unknown {
  return alg === 'Ed25519' ? 'EdDSA' : alg;
}

/** True when the key type goes with the header `alg`. */
export function algorithmFitsKey(alg: unknown, key: KeyPair): boolean {
  return key.algorithm === effectiveAlgorithm(alg);
}

/**
 * Verify the signature of a parsed JWS with a key. Throws `ERR_CRYPTO_UNAVAILABLE` when the
 * runtime cannot check it (no WebCrypto for RSA, the curves failed to load): no verdict, rather
 * than a valid signature reported invalid.
 */
export async function verifySignature(parsed: ParsedJws, key: KeyPair): Promise<boolean> {
  try {
    return await key.verify(parsed.signingInput, parsed.signature);
  } catch (e) {
    if (e instanceof Ob3Error && e.code === 'ERR_CRYPTO_UNAVAILABLE') throw e;
    return false;
  }
}

/**
 * The issues of checking a JWS signature with a resolved key: `jwt_alg_key_mismatch` when the
 * header `alg` does not fit the key, `jwt_signature_invalid` when the signature does not verify
 * (`what` names the token in the message, e.g. "JWT" or "presentation JWT"); none when it verifies.
 */
export async function checkJwsSignature(
  parsed: ParsedJws,
  alg: unknown,
  key: KeyPair,
  what: string,
): Promise<JwtIssue[]> {
  if (!algorithmFitsKey(alg, key)) {
    return [
      {
        code: 'jwt_alg_key_mismatch',
        path: 'header.alg',
        message: `"alg": "${String(alg)}" does not fit the ${key.type} key (expected ${key.algorithm})`,
      },
    ];
  }
  if (!(await verifySignature(parsed, key))) {
    return [
      {
        code: 'jwt_signature_invalid',
        path: 'signature',
        message: `The ${what} signature does not verify with the key`,
      },
    ];
  }
  return [];
}

/** Encode and sign a compact JWS. */
export async function signCompactJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: SigningKey,
): Promise<string> {
  const input = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(payload)))}`;
  const signature = await key.sign(utf8(input));
  return `${input}.${toBase64Url(signature)}`;
}

/**
 * Accept an ob3kit `KeyPair`, a `Signer`, or any key document `importKeyPair` reads (a private
 * JWK, a Multikey with `secretKeyMultibase`, ...). Throws `TypeError` for anything else. The
 * importer of secret keys (which brings `@noble/curves`) is loaded only for a key document, so
 * verification, which shares this module, never loads it.
 */
export async function toSigningKey(key: unknown, fn: string): Promise<SigningKey> {
  if (isKeyPair(key) || isSigner(key)) return signingKeyOf(key, fn);
  if (isObject(key) && typeof (key as { sign?: unknown }).sign !== 'function') {
    const { importKeyPair } = await import('../../keys/import.js');
    return signingKeyOf(importKeyPair(key), fn);
  }
  if (isObject(key)) return signingKeyOf(key, fn);
  throw new TypeError(
    `${fn}: options.key must be a KeyPair from ob3kit, a Signer or a private key document (JWK, Multikey), found ${describeValue(key)}`,
  );
}

/** Resolve the signing algorithm for a key, checking an explicit `alg`. */
export function pickAlgorithm(key: SigningKey, alg: unknown, fn: string): JwsAlgorithm {
  if (alg === undefined) return key.algorithm;
  if (typeof alg !== 'string' || !SUPPORTED_ALGORITHMS.includes(alg as JwsAlgorithm)) {
    throw new TypeError(
      `${fn}: options.alg must be one of ${SUPPORTED_ALGORITHMS.join(', ')}, found ${describeValue(alg)}`,
    );
  }
  if (alg !== key.algorithm) {
    throw new TypeError(
      `${fn}: options.alg "${alg}" does not fit a ${key.keyType} key (which signs with ${key.algorithm})`,
    );
  }
  return alg as JwsAlgorithm;
}

/** Check the `algorithms` option. */
export function pickAlgorithms(value: unknown, fn: string): readonly JwsAlgorithm[] {
  if (value === undefined) return SUPPORTED_ALGORITHMS;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((a) => !SUPPORTED_ALGORITHMS.includes(a as JwsAlgorithm))
  ) {
    throw new TypeError(
      `${fn}: options.algorithms must be a non-empty array of ${SUPPORTED_ALGORITHMS.join(', ')}`,
    );
  }
  return value as JwsAlgorithm[];
}

/** The message of an error, with its code when it has one. */
export function errorText(e: unknown): string {
  if (isObject(e) || e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    return typeof code === 'string' ? `${code}: ${String(message)}` : String(message);
  }
  return String(e);
}

/** Seconds since the epoch of a Date. */
export function toNumericDate(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
