/** `ob3kit status create|set|check`: status lists for revocation and suspension. */
import {
  type CheckStatusOptions,
  checkStatus,
  createStatusList,
  createStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  MIN_STATUS_LIST_LENGTH,
  setStatus,
} from '../../status/index.js';
import { createPalette, shouldColor } from '../color.js';
import { type Command, intOpt, requireOpt, stringOpt, stringsOpt } from '../command.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.js';
import { loadDocuments, readJsonObject, writeOutput } from '../io.js';
import { loadSigningKey } from '../keyfile.js';
import { checkKeyIsIssuer, signedText, signWith } from '../sign.js';
import { readStatusListInfo } from '../status-glue.js';

function purposeOpt(value: string | undefined): 'revocation' | 'suspension' {
  const p = value ?? 'revocation';
  if (p !== 'revocation' && p !== 'suspension') {
    throw new UsageError(`--purpose must be revocation or suspension, got '${p}'`);
  }
  return p;
}

/**
 * `status create`.
 *
 * @example
 * ```ts
 * // ob3kit status create --id https://example.edu/status/1 --key k.json -o list.json
 * await runCli(['status', 'create', '--id', 'https://example.edu/status/1', '--key', 'k.json', '-o', 'list.json']);
 * ```
 */
export const statusCreateCommand: Command = {
  name: 'status create',
  summary: 'Make a signed status list credential (every entry clear)',
  usage: [
    'status create --id <url> --key <file> [--purpose revocation|suspension] [--length <n>] -o <file>',
  ],
  description: [
    'Makes a BitstringStatusListCredential whose id is --id, the URL where you will publish it,',
    `signed with --key. --length is the number of entries: a multiple of 8, at least and by`,
    `default ${MIN_STATUS_LIST_LENGTH} (the Bitstring Status List minimum, for group privacy).`,
  ].join('\n'),
  options: {
    id: { type: 'string', value: '<url>', description: 'Where the list will be published' },
    key: { type: 'string', value: '<file>', description: 'Issuer key file' },
    purpose: { type: 'string', value: '<p>', description: 'revocation (default) or suspension' },
    length: {
      type: 'string',
      value: '<n>',
      description: `Number of entries (default ${MIN_STATUS_LIST_LENGTH})`,
    },
    output: { type: 'string', short: 'o', value: '<file>', description: 'Write the list here' },
  },
  positionals: { min: 0, max: 0, names: '' },
  examples: [
    'ob3kit status create --id https://example.edu/status/1 --key issuer-key.json -o status-list.json',
  ],
  async run({ values, io, name }) {
    const id = requireOpt(values, 'id', name);
    if (!/^https?:\/\/[^/\s]+/.test(id)) {
      throw new UsageError(
        `--id must be the https URL where the list will be published, got '${id}'`,
      );
    }
    const out = requireOpt(values, 'output', name);
    const lengthText = stringOpt(values, 'length');
    const purpose = purposeOpt(stringOpt(values, 'purpose'));
    const key = await loadSigningKey(io, requireOpt(values, 'key', name));
    const list = createStatusList({
      purpose,
      ...(lengthText === undefined ? {} : { length: intOpt(lengthText, '--length', 1) }),
    });
    const credential = await createStatusListCredential({
      id,
      issuer: key.controller as string,
      list,
      validFrom: new Date(),
    });
    const signed = await signWith(credential, key, { format: 'di' });
    const full = writeOutput(io, out, signedText(signed));
    io.err(
      `Wrote the signed ${purpose} list (${list.length} entries) to ${full}.\nPublish it at ${id}.\n`,
    );
    return EXIT_OK;
  },
};

/**
 * `status set`.
 *
 * @example
 * ```ts
 * // ob3kit status set list.json --index 7 --key k.json
 * await runCli(['status', 'set', 'list.json', '--index', '7', '--key', 'k.json']);
 * ```
 */
export const statusSetCommand: Command = {
  name: 'status set',
  summary: 'Set or clear one entry of a status list and re-sign it',
  usage: ['status set <list-file> --index <n> [--value true|false] --key <file> [-o <file>]'],
  description: [
    'Sets (--value true, the default: revoke or suspend) or clears (--value false) entry --index',
    'of the list and re-signs it with --key, replacing the file unless -o is given. Publish the',
    "new file at the list URL. The key must be the list issuer's: a list re-signed by another key",
    'would fail the status check of every credential that uses it.',
  ].join('\n'),
  options: {
    index: { type: 'string', value: '<n>', description: 'The entry to change' },
    value: { type: 'string', value: '<bool>', description: 'true (default) or false' },
    key: { type: 'string', value: '<file>', description: 'Issuer key file' },
    output: { type: 'string', short: 'o', value: '<file>', description: 'Write here instead' },
  },
  positionals: { min: 1, max: 1, names: '<list-file>' },
  examples: ['ob3kit status set status-list.json --index 7 --key issuer-key.json'],
  async run({ values, positionals, io, name }) {
    const file = positionals[0] as string;
    const index = intOpt(requireOpt(values, 'index', name), '--index');
    const valueText = stringOpt(values, 'value') ?? 'true';
    if (valueText !== 'true' && valueText !== 'false') {
      throw new UsageError(`--value must be true or false, got '${valueText}'`);
    }
    const keyFile = requireOpt(values, 'key', name);
    const listCredential = await readJsonObject(io, file, 'status list credential');
    const info = await readStatusListInfo(listCredential, file);
    if (index >= info.length) {
      throw new UsageError(
        `--index ${index} is past the end of the list (entries 0 to ${info.length - 1})`,
      );
    }
    const key = await loadSigningKey(io, keyFile);
    // Re-signing with another key would break every credential that points at this list.
    checkKeyIsIssuer(
      listCredential,
      key,
      keyFile,
      `the status list '${file}' (${info.id})`,
      'the re-signed list would fail its issuer check, and with it the status of every credential that uses it; nothing was changed',
      "Use the key the list was issued with ('ob3kit status create' wrote it with that key).",
    );
    const subject = listCredential.credentialSubject as Record<string, unknown>;
    const list = await decodeStatusList(subject.encodedList as string, { type: info.type });
    setStatus(list, index, valueText === 'true');
    const { proof: _proof, ...unsigned } = listCredential;
    const updated = {
      ...unsigned,
      credentialSubject: {
        ...subject,
        encodedList: await encodeStatusList(list, { type: info.type }),
      },
    };
    const signed = await signWith(updated, key, { format: 'di' });
    const out = stringOpt(values, 'output') ?? file;
    const full = writeOutput(io, out, signedText(signed));
    io.err(
      `Entry ${index} of ${info.id} is now ${valueText === 'true' ? `set (${info.purpose === 'revocation' ? 'revoked' : info.purpose === 'suspension' ? 'suspended' : 'flagged'})` : 'clear'}; wrote the re-signed list to ${full}.\nPublish it at ${info.id}.\n`,
    );
    return EXIT_OK;
  },
};

/**
 * `status check`.
 *
 * @example
 * ```ts
 * // ob3kit status check signed.json --document https://example.edu/status/1=list.json
 * await runCli(['status', 'check', 'signed.json', '--document', 'https://example.edu/status/1=list.json']);
 * ```
 */
export const statusCheckCommand: Command = {
  name: 'status check',
  summary: "Look up a credential's status entry in its status list",
  usage: [
    'status check <credential> --document <url>=<file> [--document ...] [--allow-network] [--json]',
  ],
  description: [
    "Checks the credential's credentialStatus entries against the list supplied with --document",
    '(or fetched with --allow-network); the list credential proof and issuer are checked too.',
    'Exit code 0 when every entry was checked and is clear, 1 when the credential is revoked or',
    'suspended or its status could not be checked.',
  ].join('\n'),
  options: {
    document: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'A local copy of the status list credential (or a key document)',
    },
    'allow-network': { type: 'boolean', description: 'Fetch the status list' },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  positionals: { min: 1, max: 1, names: '<credential>' },
  examples: [
    'ob3kit status check signed.json --document https://example.edu/status/1=status-list.json',
  ],
  async run({ values, positionals, io }) {
    const file = positionals[0] as string;
    const credential = await readJsonObject(io, file, 'credential');
    const options: CheckStatusOptions = {
      documents: await loadDocuments(io, stringsOpt(values, 'document')),
    };
    if (values['allow-network'] === true) {
      options.fetch = globalThis.fetch as unknown as NonNullable<CheckStatusOptions['fetch']>;
    }
    const result = await checkStatus(credential, options);
    if (values.json === true) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const c = createPalette(shouldColor({ isTTY: io.stdoutIsTTY }, io.env));
      if (result.checks.length === 0)
        io.out(`'${file}' has no credentialStatus: nothing to check\n`);
      for (const k of result.checks) {
        const word =
          k.status === 'ok'
            ? c.green('not revoked')
            : k.status === 'unknown'
              ? c.yellow('unknown')
              : c.red(k.status);
        const where = k.listId
          ? ` — ${k.listId}${k.index !== undefined ? ` entry ${k.index}` : ''}`
          : '';
        io.out(`${k.path}: ${word}${k.code ? ` (${k.code})` : ''}${where}\n`);
        if (k.message && k.status !== 'ok') io.out(`  ${k.message}\n`);
      }
    }
    return result.ok ? EXIT_OK : EXIT_INVALID;
  },
};
