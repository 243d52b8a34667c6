/** Signing glue shared by `issue`, `issue --batch`, `status` and `demo`: picks the library call. */
import { createDocumentLoader } from '../jsonld/index.js';
import type { KeyPair } from '../keys/index.js';
import {
  ECDSA_RDFC_2019,
  EDDSA_RDFC_2022,
  SIGNING_SUITES,
  type SignCredentialJwtOptions,
  type SignCredentialOptions,
  type SuiteName,
  signCredential,
  signCredentialJwt,
} from '../proof/index.js';
import { UsageError } from './errors.js';

/**
 * How to sign.
 *
 * @example
 * ```ts
 * const s: SignSettings = { format: 'di', suite: 'eddsa-rdfc-2022', created: '2025-01-01T00:00:00Z' };
 * ```
 */
export interface SignSettings {
  /** `di` (Data Integrity proof, default) or `jwt` (VC-JOSE compact JWS). */
  format: 'di' | 'jwt';
  /** Data Integrity cryptosuite (default by key type: eddsa-rdfc-2022, ecdsa-rdfc-2019). */
  suite?: string;
  /** Proof `created` time (ISO 8601). */
  created?: string;
  /** JSON-LD contexts the caller added (`--context`), by URL; never fetched. */
  contexts?: Record<string, object>;
}

/**
 * Check a `--format` value.
 *
 * @example
 * ```ts
 * parseFormat('jwt'); // 'jwt'
 * ```
 */
export function parseFormat(value: string | undefined): 'di' | 'jwt' {
  const f = (value ?? 'di').toLowerCase();
  if (f === 'di' || f === 'jwt') return f;
  throw new UsageError(
    `--format must be di (Data Integrity proof) or jwt, got '${value}'`,
    "Run 'ob3kit issue --help' for the usage.",
  );
}

/**
 * Sign a credential: a Data Integrity proof (the signed JSON object) or a compact JWT (text).
 *
 * @example
 * ```ts
 * const signed = await signWith(credential, key, { format: 'di' });
 * ```
 */
export async function signWith(
  credential: Record<string, unknown>,
  key: KeyPair,
  settings: SignSettings,
): Promise<Record<string, unknown> | string> {
  if (settings.format === 'jwt') {
    const options: SignCredentialJwtOptions = { key };
    if (settings.created !== undefined) options.now = new Date(settings.created);
    return signCredentialJwt(credential, options);
  }
  const suite = pickSuite(key, settings.suite);
  const options: SignCredentialOptions = { key, suite };
  if (settings.created !== undefined) options.created = settings.created;
  if (settings.contexts !== undefined) {
    options.documentLoader = createDocumentLoader({ contexts: settings.contexts });
  }
  return (await signCredential(credential, options)) as Record<string, unknown>;
}

/** The suite to sign with: the one asked for, else the one that fits the key type. */
function pickSuite(key: KeyPair, asked: string | undefined): SuiteName {
  if (asked !== undefined) {
    if (!(SIGNING_SUITES as readonly string[]).includes(asked)) {
      throw new UsageError(
        `--suite must be one of ${SIGNING_SUITES.join(', ')}, got '${asked}'`,
        "Run 'ob3kit issue --help' for the usage.",
      );
    }
    return asked as SuiteName;
  }
  if (key.type === 'RSA') {
    throw new UsageError(
      'RSA keys have no Data Integrity suite; sign a JWT with --format jwt',
      'Or make an Ed25519 key with ob3kit keygen.',
    );
  }
  return key.type === 'P-256' || key.type === 'P-384' ? ECDSA_RDFC_2019 : EDDSA_RDFC_2022;
}

/**
 * The text to write for a signed credential: pretty JSON, or the JWT on one line.
 *
 * @example
 * ```ts
 * writeFileSync('signed.json', signedText(await signWith(credential, key, { format: 'di' })));
 * ```
 */
export function signedText(signed: Record<string, unknown> | string): string {
  return typeof signed === 'string' ? `${signed}\n` : `${JSON.stringify(signed, null, 2)}\n`;
}
