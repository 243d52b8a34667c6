/** `ob3kit verify`: verify a credential in any form and print the report. */

import type { VerifyOptions } from '../../verify/index.js';
import { verify } from '../../verify/index.js';
import { createPalette, shouldColor } from '../color.js';
import { type Command, dateOpt, stringOpt, stringsOpt } from '../command.js';
import { loadContexts } from '../contexts.js';
import { EXIT_INVALID, EXIT_OK } from '../errors.js';
import { loadDocuments } from '../io.js';
import { renderReport } from '../render.js';
import { readCredentialArg } from './upgrade.js';

/**
 * The `verify` command.
 *
 * @example
 * ```ts
 * // ob3kit verify badge.png --json
 * await runCli(['verify', 'badge.png', '--json']);
 * ```
 */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify a credential (JSON, JWT, baked PNG or SVG) and print the report',
  usage: [
    'verify <file|-|url> [--json] [--now <iso>] [--document <url>=<file> ...] [--allow-network] [--recipient <identity>] [--challenge <nonce>] [--domain <domain>]',
  ],
  description: [
    'Reads the file (or standard input for -) and lets the library detect its form: a JSON',
    'credential or presentation (each credential it carries is verified too), a compact JWT, or a',
    'PNG/SVG image with a baked credential; Open Badges 2.0 assertions too (JSON, signed JWS,',
    'baked images, or the URL of a hosted assertion).',
    'Nothing is fetched unless --allow-network is given: remote documents a check needs (status',
    'list credentials, did:web or key documents, issuer profiles) come from --document, else that',
    'check is reported as skipped or a warning.',
    '',
    'Exit code 0 when the verdict is valid or warning, 1 when it is invalid.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', description: 'Print the report object as JSON' },
    now: { type: 'string', value: '<iso>', description: 'Verify as of this time (default: now)' },
    document: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'Use a local file for the document at this URL',
    },
    context: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'Add a JSON-LD context the credential uses (never fetched)',
    },
    'allow-network': { type: 'boolean', description: 'Let checks fetch remote documents' },
    recipient: {
      type: 'string',
      value: '<identity>',
      description: 'Check the credential was issued to this email, URL or DID',
    },
    challenge: {
      type: 'string',
      value: '<nonce>',
      description: 'Presentations: the challenge (nonce) you asked the holder to sign',
    },
    domain: {
      type: 'string',
      value: '<domain>',
      description: 'Presentations: the domain you expect the proof to be bound to',
    },
  },
  positionals: {
    min: 1,
    max: 1,
    names: '<file> (a credential file, - for stdin, or a hosted Open Badges 2.0 assertion URL)',
  },
  examples: [
    'ob3kit verify badge.png',
    'ob3kit verify credential.json --document https://example.edu/status/1=status-list.json',
    'ob3kit verify credential.jwt --json --now 2030-01-01T00:00:00Z',
  ],
  async run({ values, positionals, io }) {
    const file = positionals[0] as string;
    const options: VerifyOptions = {};
    const now = stringOpt(values, 'now');
    if (now !== undefined) options.now = dateOpt(now, '--now');
    const docs = stringsOpt(values, 'document');
    if (docs.length) options.documents = await loadDocuments(io, docs);
    const contextPairs = stringsOpt(values, 'context');
    if (contextPairs.length) options.contexts = await loadContexts(io, contextPairs);
    if (values['allow-network'] === true) {
      options.fetch = globalThis.fetch as unknown as NonNullable<VerifyOptions['fetch']>;
    }
    const recipient = stringOpt(values, 'recipient');
    if (recipient !== undefined) options.recipient = recipient;
    const challenge = stringOpt(values, 'challenge');
    if (challenge !== undefined) options.challenge = challenge;
    const domain = stringOpt(values, 'domain');
    if (domain !== undefined) options.domain = domain;
    const report = await verify(await readCredentialArg(io, file), options);
    if (values.json === true) {
      io.out(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.out(renderReport(report, createPalette(shouldColor({ isTTY: io.stdoutIsTTY }, io.env))));
    }
    return report.verdict === 'invalid' ? EXIT_INVALID : EXIT_OK;
  },
};
