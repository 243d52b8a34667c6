/** `ob3kit upgrade`: turn a verified Open Badges 2.0 assertion into an unsigned OB 3.0 credential. */
import { Ob3Error } from '../../errors.js';
import { type UpgradeOb2Options, upgradeOb2 } from '../../ob2/index.js';
import type { VerificationReport } from '../../verify/index.js';
import { createPalette, shouldColor } from '../color.js';
import { type Command, dateOpt, stringOpt, stringsOpt } from '../command.js';
import { EXIT_INVALID, EXIT_OK } from '../errors.js';
import { emit, loadDocuments, readInput } from '../io.js';
import { renderReport } from '../render.js';

/** A hosted assertion's URL, given instead of a file. */
const URL_ARG = /^https?:\/\/\S+$/i;

/**
 * The input of `verify` and `upgrade`: a hosted assertion's URL as given, else the file (or
 * standard input for `-`) as bytes.
 *
 * @example
 * ```ts
 * const input = await readCredentialArg(io, 'https://example.org/assertions/1');
 * ```
 */
export async function readCredentialArg(
  io: Parameters<typeof readInput>[0],
  arg: string,
): Promise<string | Uint8Array> {
  if (URL_ARG.test(arg)) return arg;
  return readInput(io, arg, 'credential');
}

/**
 * The `upgrade` command.
 *
 * @example
 * ```ts
 * // ob3kit upgrade badge.png -o upgraded.json --allow-network
 * await runCli(['upgrade', 'badge.png', '-o', 'upgraded.json', '--allow-network']);
 * ```
 */
export const upgradeCommand: Command = {
  name: 'upgrade',
  summary: 'Upgrade a verified Open Badges 2.0 assertion to an unsigned Open Badges 3.0 credential',
  usage: [
    'upgrade <assertion|image|url> [-o <out.json>] [--force] [--allow-network] [--document <url>=<file> ...] [--now <iso>] [--issuer-id <uri>] [--achievement-id <uri>] [--id <uri>] [--subject-id <uri>]',
  ],
  description: [
    'Verifies the Open Badges 2.0 assertion (its JSON, its signed JWS, a baked PNG or SVG, or the',
    "URL of a hosted assertion) and writes the OpenBadgeCredential the OB 3.0 implementation guide's",
    'migration recipe makes of it: a new id, the original assertion as evidence, the BadgeClass as',
    'the achievement (related to it), the same recipient, dates and evidence. It is unsigned: the',
    'issuer signs it with `ob3kit issue`.',
    '',
    'Hosted assertions are verified by fetching them from their own id: pass --allow-network, or',
    'the documents with --document. An assertion that does not verify is refused (exit 1, with its',
    'report) unless --force is given.',
  ].join('\n'),
  options: {
    output: {
      type: 'string',
      short: 'o',
      value: '<out.json>',
      description: 'Write the credential here',
    },
    force: { type: 'boolean', description: 'Upgrade even if the assertion did not verify' },
    'allow-network': { type: 'boolean', description: 'Let verification fetch the badge objects' },
    document: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'Use a local file for the document at this URL',
    },
    now: { type: 'string', value: '<iso>', description: 'Verify as of this time (default: now)' },
    'issuer-id': {
      type: 'string',
      value: '<uri>',
      description: "The issuer's id in the new credential (e.g. its did:web)",
    },
    'achievement-id': {
      type: 'string',
      value: '<uri>',
      description: "The achievement's id (default: derived from the BadgeClass id)",
    },
    id: {
      type: 'string',
      value: '<uri>',
      description: "The new credential's id (default: a random urn:uuid)",
    },
    'subject-id': {
      type: 'string',
      value: '<uri>',
      description: "The recipient's id (e.g. a DID), when known",
    },
  },
  positionals: {
    min: 1,
    max: 1,
    names: '<assertion|image|url> (a file, - for stdin, or a hosted assertion URL)',
  },
  examples: [
    'ob3kit upgrade https://example.org/assertions/123 --allow-network -o upgraded.json',
    'ob3kit upgrade badge.png --document https://example.org/assertions/123=assertion.json --document https://example.org/badge=badge.json --document https://example.org/issuer=issuer.json',
    'ob3kit upgrade signed.jws --allow-network --issuer-id did:web:example.org -o upgraded.json',
  ],
  async run({ values, positionals, io }) {
    const options: UpgradeOb2Options = {};
    const now = stringOpt(values, 'now');
    if (now !== undefined) options.now = dateOpt(now, '--now');
    const docs = stringsOpt(values, 'document');
    if (docs.length) options.documents = await loadDocuments(io, docs);
    if (values['allow-network'] === true) {
      options.fetch = globalThis.fetch as unknown as NonNullable<UpgradeOb2Options['fetch']>;
    }
    if (values.force === true) options.force = true;
    for (const [flag, key] of [
      ['issuer-id', 'issuerId'],
      ['achievement-id', 'achievementId'],
      ['id', 'id'],
      ['subject-id', 'subjectId'],
    ] as const) {
      const v = stringOpt(values, flag);
      if (v !== undefined) options[key] = v;
    }
    const input = await readCredentialArg(io, positionals[0] as string);
    const palette = createPalette(shouldColor({ isTTY: io.stderrIsTTY }, io.env));
    try {
      const { credential, report } = await upgradeOb2(input, options);
      if (report.verdict !== 'valid') io.err(renderReport(report, palette));
      emit(io, stringOpt(values, 'output'), `${JSON.stringify(credential, null, 2)}\n`);
      return EXIT_OK;
    } catch (e) {
      if (e instanceof Ob3Error && e.code === 'ERR_OB2_NOT_VERIFIED') {
        const report = e.details?.report as VerificationReport | undefined;
        if (report) io.err(renderReport(report, palette));
        io.err(`ob3kit upgrade: ${e.message.replace(/^upgradeOb2: /, '')} (--force)\n`);
        return EXIT_INVALID;
      }
      throw e;
    }
  },
};
