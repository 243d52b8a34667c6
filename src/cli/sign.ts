/** Signing glue shared by `issue`, `issue --batch`, `status` and `demo`: picks the library call. */
import type { Issue } from '../errors.js';
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
  signingKeyMismatch,
  validateBeforeSigning,
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
  /** Validate before signing (default true; `--no-validate` turns it off). */
  validate?: boolean;
  /** Refuse a key that is not the issuer's (default true; `--no-check-issuer` turns it off). */
  checkIssuer?: boolean;
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
  const checks = {
    ...(settings.validate === false ? { validate: false } : {}),
    ...(settings.checkIssuer === false ? { checkIssuer: false } : {}),
  };
  if (settings.format === 'jwt') {
    const options: SignCredentialJwtOptions = { key, ...checks };
    if (settings.created !== undefined) options.now = new Date(settings.created);
    if (settings.contexts !== undefined) {
      options.documentLoader = createDocumentLoader({ contexts: settings.contexts });
    }
    return signCredentialJwt(credential, options);
  }
  const suite = pickSuite(key, settings.suite);
  const options: SignCredentialOptions = { key, suite, ...checks };
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

/**
 * Refuse, before anything is signed, a key that is not the issuer's (the party a document names
 * as `issuer`): the message names the key file, the key and the issuer. Nothing happens when the
 * document names no issuer id (validation reports that).
 *
 * @example
 * ```ts
 * checkKeyIsIssuer(credential, key, 'key.json', 'the credential');
 * ```
 */
export function checkKeyIsIssuer(
  document: Record<string, unknown>,
  key: KeyPair,
  keyFile: string,
  what: string,
  consequence = 'verifiers would reject the signature',
  hint?: string,
): void {
  // A credential without issuer is refused by validation, with its own message.
  if (document.issuer === undefined) return;
  const why = signingKeyMismatch(document, {
    id: key.id,
    controller: key.controller,
    publicKeyJwk: key.publicKeyJwk,
  });
  if (why === undefined) return;
  throw new UsageError(
    `the key in '${keyFile}' is not the issuer of ${what}: ${why}; ${consequence}`,
    hint ??
      `Use the issuer's key, make the issuer ${key.controller ?? "the key's controller"}, or pass --no-check-issuer to sign anyway.`,
  );
}

/**
 * Validate a credential as signing will, and refuse it with every issue on its own line,
 * located by file and JSON path.
 *
 * @example
 * ```ts
 * await refuseInvalid(credential, 'unsigned.json');
 * ```
 */
export async function refuseInvalid(
  credential: Record<string, unknown>,
  file: string,
  contexts?: SignSettings['contexts'],
): Promise<void> {
  // A JWT signs its bytes, but verifiers read its credential as JSON-LD all the same: the same
  // checks for either format.
  const { ok, issues } = await validateBeforeSigning(credential, {
    ...(contexts !== undefined ? { documentLoader: createDocumentLoader({ contexts }) } : {}),
  });
  if (ok) return;
  throw new UsageError(
    `'${file}' is not a valid credential (${issues.length} issue${issues.length === 1 ? '' : 's'}); nothing was signed\n${formatIssues(issues, file)}`,
    'Fix them, or pass --no-validate to sign it anyway.',
  );
}

/**
 * Issues as lines `  <file> <path>: <message> (<code>)`.
 *
 * @example
 * ```ts
 * formatIssues([{ code: 'issuer_missing', path: '$', message: 'A verifiable credential must have an issuer' }], 'c.json');
 * // '  c.json $: A verifiable credential must have an issuer (issuer_missing)'
 * ```
 */
export function formatIssues(issues: readonly Issue[], file: string): string {
  return issues.map((i) => `  ${file} ${i.path}: ${i.message} (${i.code})`).join('\n');
}
