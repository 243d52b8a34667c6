/** `ob3kit keygen`: make an issuer key pair and its DID. */

import type { KeyPair, KeyType } from '../../keys/index.js';
import {
  bindKeyPair,
  createDidJwk,
  createDidKey,
  exportKeyPair,
  generateKeyPair,
} from '../../keys/index.js';
import { type Command, stringOpt } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { writeOutput } from '../io.js';
import { keyFileJson } from '../keyfile.js';

const TYPES: Record<string, KeyType> = {
  ed25519: 'Ed25519',
  p256: 'P-256',
  'p-256': 'P-256',
  rsa: 'RSA',
};

/**
 * Bind a key to a did:web DID and make the DID document to publish at
 * `https://<host>/.well-known/did.json` (or `https://<host>/<path>/did.json`).
 */
function didWeb(
  key: KeyPair,
  did: string,
): { keyPair: KeyPair; document: Record<string, unknown> } {
  const keyPair = bindKeyPair(key, { id: `${did}#key-1`, controller: did });
  const method = exportKeyPair(keyPair, { format: key.type === 'RSA' ? 'JsonWebKey' : 'multikey' });
  return {
    keyPair,
    document: {
      '@context': [
        'https://www.w3.org/ns/did/v1',
        key.type === 'RSA'
          ? 'https://w3id.org/security/jwk/v1'
          : 'https://w3id.org/security/multikey/v1',
      ],
      id: did,
      verificationMethod: [method],
      assertionMethod: [keyPair.id],
      authentication: [keyPair.id],
    },
  };
}

/**
 * The `keygen` command.
 *
 * @example
 * ```ts
 * // ob3kit keygen -o issuer-key.json
 * await runCli(['keygen', '-o', 'issuer-key.json']);
 * ```
 */
export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'Make an issuer key pair (Ed25519, P-256 or RSA) and its DID',
  usage: ['keygen [--type ed25519|p256|rsa] [--did key|jwk|web:<host>] [-o <file>]'],
  description: [
    'Writes the key as JSON: a Multikey (Ed25519, P-256) or a JsonWebKey (RSA, or --format jwk),',
    'with the secret part and a "_warning" on top. With -o the file is created with mode 0600',
    '(owner only) and an existing file is not replaced unless --force is given. Without -o the key',
    'is printed to standard output. The DID is printed to standard error.',
    '',
    '--did key (default for Ed25519 and P-256): the did:key of the public key, resolvable offline.',
    '--did jwk (default for RSA): the did:jwk of the public key.',
    '--did web:<host>[:<path>]: did:web; publish the DID document written by --did-document at',
    '  https://<host>/.well-known/did.json (or https://<host>/<path>/did.json).',
  ].join('\n'),
  options: {
    type: { type: 'string', value: '<type>', description: 'ed25519 (default), p256 or rsa' },
    did: { type: 'string', value: '<method>', description: 'key, jwk or web:<host>' },
    format: { type: 'string', value: '<fmt>', description: 'multikey (default) or jwk' },
    output: { type: 'string', short: 'o', value: '<file>', description: 'Write the key here' },
    'did-document': {
      type: 'string',
      value: '<file>',
      description: 'Also write the public DID document (for did:web)',
    },
    force: { type: 'boolean', description: 'Replace an existing key file' },
  },
  positionals: { min: 0, max: 0, names: '' },
  examples: [
    'ob3kit keygen -o issuer-key.json',
    'ob3kit keygen --type p256 --did web:badges.example.edu -o key.json --did-document did.json',
  ],
  async run({ values, io }) {
    const typeText = (stringOpt(values, 'type') ?? 'ed25519').toLowerCase();
    const type = TYPES[typeText];
    if (!type) {
      throw new UsageError(
        `--type must be ed25519, p256 or rsa, got '${typeText}'`,
        "Run 'ob3kit keygen --help' for the usage.",
      );
    }
    const format = stringOpt(values, 'format') ?? 'multikey';
    if (format !== 'multikey' && format !== 'jwk') {
      throw new UsageError(`--format must be multikey or jwk, got '${format}'`);
    }
    if (format === 'multikey' && type === 'RSA' && values.format !== undefined) {
      throw new UsageError('RSA keys have no Multikey form; use --format jwk');
    }
    const didText = stringOpt(values, 'did') ?? (type === 'RSA' ? 'jwk' : 'key');
    const generated = await generateKeyPair({ type });
    let key: KeyPair;
    let document: Record<string, unknown>;
    if (didText === 'key') {
      if (type === 'RSA') {
        throw new UsageError(
          'RSA keys cannot be a did:key here; use --did jwk or --did web:<host>',
        );
      }
      const made = createDidKey(generated);
      key = made.keyPair;
      document = made.document as unknown as Record<string, unknown>;
    } else if (didText === 'jwk') {
      const made = createDidJwk(generated);
      key = made.keyPair;
      document = made.document as unknown as Record<string, unknown>;
    } else if (didText.startsWith('web:')) {
      const host = didText.slice(4);
      if (!/^[A-Za-z0-9.-]+(%3A\d+)?(:[A-Za-z0-9._~%-]+)*$/.test(host)) {
        throw new UsageError(
          `--did web:<host> needs a host name such as web:badges.example.edu, got '${didText}'`,
          'Write a port as %3A (web:localhost%3A8443) and path segments with ":" (web:example.edu:issuers:1).',
        );
      }
      const made = didWeb(generated, `did:web:${host}`);
      key = made.keyPair;
      document = made.document;
    } else {
      throw new UsageError(`--did must be key, jwk or web:<host>, got '${didText}'`);
    }
    const text = `${JSON.stringify(keyFileJson(key, format), null, 2)}\n`;
    const out = stringOpt(values, 'output');
    if (out === undefined || out === '-') {
      io.out(text);
      io.err('The key printed above includes its PRIVATE part: keep it secret.\n');
    } else {
      const full = writeOutput(io, out, text, { secret: true, overwrite: values.force === true });
      io.err(`Wrote ${key.type} private key to ${full} (mode 0600). Keep it secret.\n`);
    }
    const docFile = stringOpt(values, 'did-document');
    if (docFile !== undefined) {
      const full = writeOutput(io, docFile, `${JSON.stringify(document, null, 2)}\n`);
      io.err(`Wrote the public DID document to ${full}\n`);
    }
    io.err(`DID: ${key.controller}\nVerification method: ${key.id}\n`);
    return EXIT_OK;
  },
};
