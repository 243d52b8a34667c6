/** `ob3kit issue`: sign one credential, or a CSV batch. */
import { runBatch } from '../batch.js';
import { type Command, dateOpt, intOpt, requireOpt, stringOpt, stringsOpt } from '../command.js';
import { loadContexts } from '../contexts.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { emit, type Io, readJsonObject } from '../io.js';
import { loadSigningKey } from '../keyfile.js';
import { parseFormat, type SignSettings, signedText, signWith } from '../sign.js';
import { addStatusEntry, readStatusListInfo } from '../status-glue.js';

/** Say so when the credential's issuer is not the key's controller: verifiers would reject it. */
function warnIssuerMismatch(
  io: Io,
  credential: Record<string, unknown>,
  controller: string | undefined,
): void {
  const issuer = credential.issuer;
  const id =
    typeof issuer === 'string'
      ? issuer
      : issuer && typeof issuer === 'object'
        ? (issuer as { id?: unknown }).id
        : undefined;
  if (typeof id === 'string' && controller !== undefined && id !== controller) {
    io.err(
      `ob3kit issue: warning: the issuer '${id}' is not the key's controller '${controller}'; verifiers will reject the signature unless that issuer lists this key.\n`,
    );
  }
}

/**
 * The `issue` command.
 *
 * @example
 * ```ts
 * // ob3kit issue unsigned.json --key issuer-key.json -o signed.json
 * await runCli(['issue', 'unsigned.json', '--key', 'issuer-key.json', '-o', 'signed.json']);
 * ```
 */
export const issueCommand: Command = {
  name: 'issue',
  summary: 'Sign a credential (Data Integrity or JWT), or a CSV batch of them',
  usage: [
    'issue <unsigned.json|-> --key <file> [--format di|jwt] [--suite <name>] [--created <iso>] [--status-list <file> --index <n>] [-o <file>]',
    'issue --batch <recipients.csv> --template <file> --key <file> --out <dir> [--bake <image>] [--format di|jwt] [--workers <n>]',
  ],
  description: [
    'Signs an unsigned credential and prints it, or writes it with -o. With --status-list and',
    '--index, a status entry pointing at that bit of the list is added before signing.',
    '',
    'With --batch, each CSV row fills the template ({{column}} placeholders; columns id, email and',
    'name also set the recipient) and is signed, and baked with --bake, on worker threads. Bad rows',
    'are reported with their line numbers; the rest go on (exit code 2 when any row failed).',
    'The CLI guide (docs/cli.md) describes the mapping.',
  ].join('\n'),
  options: {
    key: { type: 'string', value: '<file>', description: 'Issuer key file (from ob3kit keygen)' },
    format: { type: 'string', value: '<fmt>', description: 'di (Data Integrity, default) or jwt' },
    suite: {
      type: 'string',
      value: '<name>',
      description: 'eddsa-rdfc-2022, ecdsa-rdfc-2019 or Ed25519Signature2020',
    },
    created: { type: 'string', value: '<iso>', description: "Proof 'created' time (default now)" },
    context: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'Add a JSON-LD context the credential uses (never fetched)',
    },
    'status-list': {
      type: 'string',
      value: '<file>',
      description: 'Status list credential to point at (with --index)',
    },
    index: { type: 'string', value: '<n>', description: 'Bit index in the status list' },
    output: { type: 'string', short: 'o', value: '<file>', description: 'Write the result here' },
    batch: { type: 'string', value: '<csv>', description: 'Issue one credential per CSV row' },
    template: { type: 'string', value: '<file>', description: 'Batch: the unsigned template' },
    out: { type: 'string', value: '<dir>', description: 'Batch: folder for the results' },
    bake: { type: 'string', value: '<image>', description: 'Batch: bake each into this PNG/SVG' },
    workers: {
      type: 'string',
      value: '<n>',
      description: 'Batch: worker threads (default: cores)',
    },
  },
  positionals: { min: 0, max: 1, names: '<unsigned.json> (or - for stdin)' },
  examples: [
    'ob3kit issue unsigned.json --key issuer-key.json -o signed.json',
    'ob3kit issue unsigned.json --key issuer-key.json --format jwt > signed.jwt',
    'ob3kit issue --batch recipients.csv --template template.json --key issuer-key.json --out badges/ --bake badge.png',
  ],
  async run({ values, positionals, io, name }) {
    const settings: SignSettings = { format: parseFormat(stringOpt(values, 'format')) };
    const suite = stringOpt(values, 'suite');
    if (suite !== undefined) {
      if (settings.format === 'jwt') throw new UsageError('--suite applies to --format di only');
      settings.suite = suite;
    }
    const created = stringOpt(values, 'created');
    if (created !== undefined) {
      dateOpt(created, '--created');
      settings.created = created;
    }
    const contextPairs = stringsOpt(values, 'context');
    if (contextPairs.length) settings.contexts = await loadContexts(io, contextPairs);
    const batch = stringOpt(values, 'batch');
    if (batch !== undefined) {
      if (positionals.length) {
        throw new UsageError(
          `--batch takes no <unsigned.json>; got '${positionals[0]}'`,
          'The template comes with --template.',
        );
      }
      for (const opt of ['status-list', 'index', 'output']) {
        if (values[opt] !== undefined) throw new UsageError(`--${opt} cannot be used with --batch`);
      }
      const workersText = stringOpt(values, 'workers');
      return runBatch(io, {
        csvFile: batch,
        templateFile: requireOpt(values, 'template', name),
        keyFile: requireOpt(values, 'key', name),
        outDir: requireOpt(values, 'out', name),
        ...(values.bake !== undefined ? { bakeFile: stringOpt(values, 'bake') as string } : {}),
        sign: settings,
        ...(workersText !== undefined ? { workers: intOpt(workersText, '--workers', 1) } : {}),
      });
    }
    for (const opt of ['template', 'out', 'bake', 'workers']) {
      if (values[opt] !== undefined) throw new UsageError(`--${opt} applies to --batch only`);
    }
    const file = positionals[0];
    if (file === undefined) {
      throw new UsageError(
        'missing <unsigned.json> (or --batch <csv>)',
        `Run 'ob3kit ${name} --help' for the usage.`,
      );
    }
    const keyFile = requireOpt(values, 'key', name);
    let credential = await readJsonObject(io, file, 'credential');
    const listFile = stringOpt(values, 'status-list');
    const indexText = stringOpt(values, 'index');
    if ((listFile === undefined) !== (indexText === undefined)) {
      throw new UsageError('--status-list and --index go together', 'Give both, or neither.');
    }
    const key = await loadSigningKey(io, keyFile);
    if (listFile !== undefined && indexText !== undefined) {
      const index = intOpt(indexText, '--index');
      const list = await readJsonObject(io, listFile, 'status list credential');
      credential = addStatusEntry(credential, await readStatusListInfo(list, listFile), index);
    }
    warnIssuerMismatch(io, credential, key.controller);
    const signed = await signWith(credential, key, settings);
    emit(io, stringOpt(values, 'output'), signedText(signed));
    return EXIT_OK;
  },
};
