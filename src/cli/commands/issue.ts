/** `ob3kit issue`: sign one credential, or a CSV batch. */
import { randomUUID } from 'node:crypto';
import type { KeyPair } from '../../keys/index.js';
import { createLedger } from '../../ledger/index.js';
import { runBatch } from '../batch.js';
import {
  DEFAULT_LEDGER_FILE,
  ledgerLocation,
  openLedgerStore,
  parseStatusListOption,
  refuseSeveralStatusEntries,
} from '../batch-ledger.js';
import { type Command, dateOpt, intOpt, requireOpt, stringOpt, stringsOpt } from '../command.js';
import { loadContexts } from '../contexts.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { emit, type Io, readJsonObject } from '../io.js';
import { loadSigningKey } from '../keyfile.js';
import {
  checkKeyIsIssuer,
  parseFormat,
  refuseInvalid,
  type SignSettings,
  signedText,
  signWith,
} from '../sign.js';
import { addStatusEntry, readStatusListInfo } from '../status-glue.js';
import { fillIdAndDate } from '../template.js';

/**
 * Issue one credential with a status entry from the issuance ledger: reserve, sign, write, then
 * mark it issued.
 */
async function issueWithLedger(
  io: Io,
  credential: Record<string, unknown>,
  key: KeyPair,
  settings: SignSettings,
  opts: { statusList: string; ledger: string; output: string | undefined; shown: string },
): Promise<number> {
  if (credential.credentialStatus !== undefined) {
    throw new UsageError(
      'the credential already has a credentialStatus',
      'Remove it: with --status-list the ledger adds one.',
    );
  }
  const series = await parseStatusListOption(io, opts.statusList);
  if (settings.validate !== false) {
    refuseSeveralStatusEntries(credential, series, opts.statusList, `'${opts.shown}'`);
  }
  const ledger = createLedger(await openLedgerStore(io, opts.ledger), { lists: series });
  try {
    const subjects = credential.credentialSubject;
    const subject = (Array.isArray(subjects) ? subjects[0] : subjects) as
      | Record<string, unknown>
      | undefined;
    const text = (v: unknown): string | undefined =>
      typeof v === 'string' && v.length > 0 ? v : undefined;
    const achievement = subject?.achievement;
    const achievementId = text(
      (Array.isArray(achievement) ? achievement[0] : (achievement as { id?: unknown } | undefined))
        ?.id,
    );
    const subjectId = text(subject?.id);
    const credentialId = text(credential.id);
    const output = opts.output !== undefined && opts.output !== '-' ? opts.output : undefined;
    const { record } = await ledger.issue(
      {
        ...(credentialId !== undefined ? { credentialId } : {}),
        ...(subjectId !== undefined ? { recipient: subjectId, subjectId } : {}),
        ...(achievementId !== undefined ? { achievement: achievementId } : {}),
        ...(output !== undefined ? { output } : {}),
      },
      async (r) => {
        const signed = await signWith(ledger.attachStatus(credential, r), key, settings);
        emit(io, opts.output, signedText(signed));
      },
    );
    const entries = record.status.map((s) => `${s.purpose} entry ${s.index} of ${s.list}`);
    io.err(
      `Recorded ${record.credentialId} in the ledger ${ledgerLocation(io, opts.ledger)}: ${entries.join(', ')}.\n`,
    );
    return EXIT_OK;
  } finally {
    await ledger.close();
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
    'issue <unsigned.json|-> --key <file> [--format di|jwt] [--suite <name>] [--created <iso>] [--status-list <file> --index <n>] [--no-validate] [--no-check-issuer] [-o <file>]',
    'issue <unsigned.json|-> --key <file> --status-list <url|config.json> [--ledger <file|postgresql://...>] [-o <file>]',
    'issue --batch <recipients.csv> --template <file> --key <file> --out <dir> [--bake <image>] [--format di|jwt] [--workers <n>] [--force] [--no-validate] [--no-check-issuer]',
    'issue --batch <recipients.csv> ... --status-list <url|config.json> [--ledger <file|postgresql://...>]',
  ],
  description: [
    'Signs an unsigned credential and prints it, or writes it with -o. A missing id (a fresh',
    'urn:uuid:) and validFrom (now) are filled in, and said so. With --status-list and --index,',
    'a status entry pointing at that bit of the list is added before signing. With',
    '--status-list <url> (or --ledger), the entry comes from the issuance ledger instead (default',
    `${DEFAULT_LEDGER_FILE}), which records the credential before it is signed.`,
    '',
    'Nothing is signed that verifiers would reject: a credential that breaks the VC Data Model or',
    'Open Badges 3.0 rules is refused with every issue and its JSON path (--no-validate signs it',
    "anyway), and so is a key that is not the issuer's (--no-check-issuer).",
    '',
    'With --batch, each CSV row fills the template ({{column}} placeholders; columns id, email and',
    'name also set the recipient) and is signed, and baked with --bake, on worker threads. Bad rows',
    'are reported with their line numbers; the rest go on (exit code 2 when any row failed).',
    'Existing output files are not replaced unless --force is given.',
    '',
    'With --batch and --status-list, each credential gets a status entry at a random, never reused',
    'index, recorded with its id and recipient in the issuance ledger (--ledger: a SQLite file,',
    'default ob3kit-ledger.sqlite beside the --out folder, or a postgresql:// URL) before it is',
    "signed; the folder gets a manifest.csv. A rerun skips the rows already issued. Then 'ob3kit",
    "revoke' and 'ob3kit status publish'. The CLI guide (docs/cli.md) describes the mapping.",
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
      value: '<file|url>',
      description: 'Status list file (with --index); batch: list URL or config file (ledger)',
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
    ledger: {
      type: 'string',
      value: '<file|url>',
      description: 'Issuance ledger: SQLite file or postgresql:// URL',
    },
    force: { type: 'boolean', description: 'Batch: replace output files that exist' },
    'no-validate': {
      type: 'boolean',
      description: 'Sign even a credential that breaks the data model rules',
    },
    'no-check-issuer': {
      type: 'boolean',
      description: "Sign even with a key that is not the issuer's",
    },
  },
  positionals: { min: 0, max: 1, names: '<unsigned.json> (or - for stdin)' },
  examples: [
    'ob3kit issue unsigned.json --key issuer-key.json -o signed.json',
    'ob3kit issue unsigned.json --key issuer-key.json --format jwt > signed.jwt',
    'ob3kit issue --batch recipients.csv --template template.json --key issuer-key.json --out badges/ --bake badge.png',
    "ob3kit issue --batch recipients.csv --template template.json --key issuer-key.json --out badges/ --status-list 'https://example.edu/status/{n}'",
  ],
  async run({ values, positionals, io, name }) {
    const settings: SignSettings = { format: parseFormat(stringOpt(values, 'format')) };
    const validate = values['no-validate'] !== true;
    const checkIssuer = values['no-check-issuer'] !== true;
    if (!validate) settings.validate = false;
    if (!checkIssuer) settings.checkIssuer = false;
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
      for (const opt of ['index', 'output']) {
        if (values[opt] !== undefined) throw new UsageError(`--${opt} cannot be used with --batch`);
      }
      const statusList = stringOpt(values, 'status-list');
      const ledger = stringOpt(values, 'ledger');
      if (ledger !== undefined && statusList === undefined) {
        throw new UsageError(
          '--ledger goes with --status-list',
          'Give the status list URL (or configuration) the ledger allocates entries in.',
        );
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
        ...(values.force === true ? { force: true } : {}),
        ...(statusList !== undefined ? { statusList } : {}),
        ...(ledger !== undefined ? { ledger } : {}),
      });
    }
    for (const opt of ['template', 'out', 'bake', 'workers', 'force']) {
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
    const ledgerSpec = stringOpt(values, 'ledger');
    const shown = file === '-' ? 'stdin' : file;
    /** Fill a missing id and validFrom (saying so), then refuse what verifiers would reject. */
    const prepare = async (c: Record<string, unknown>, key: KeyPair) => {
      const filled = fillIdAndDate(c, new Date(), () => `urn:uuid:${randomUUID()}`);
      for (const member of filled.filled) {
        io.err(
          `ob3kit ${name}: note: '${shown}' has no ${member}; set it to ${String(filled.credential[member])}\n`,
        );
      }
      if (checkIssuer) checkKeyIsIssuer(filled.credential, key, keyFile, `'${shown}'`);
      if (validate) await refuseInvalid(filled.credential, shown, settings.contexts);
      return filled.credential;
    };
    if (
      listFile !== undefined &&
      indexText === undefined &&
      (ledgerSpec !== undefined || /^https?:\/\//i.test(listFile))
    ) {
      const key = await loadSigningKey(io, keyFile);
      credential = await prepare(credential, key);
      return issueWithLedger(io, credential, key, settings, {
        statusList: listFile,
        ledger: ledgerSpec ?? DEFAULT_LEDGER_FILE,
        output: stringOpt(values, 'output'),
        shown,
      });
    }
    if (ledgerSpec !== undefined) {
      throw new UsageError('--ledger goes with --status-list <url or configuration>');
    }
    if ((listFile === undefined) !== (indexText === undefined)) {
      throw new UsageError(
        '--status-list and --index go together',
        'Give both, or neither; or give --status-list <url> (and --ledger) to take the entry from the issuance ledger.',
      );
    }
    const key = await loadSigningKey(io, keyFile);
    if (listFile !== undefined && indexText !== undefined) {
      const index = intOpt(indexText, '--index');
      const list = await readJsonObject(io, listFile, 'status list credential');
      credential = addStatusEntry(credential, await readStatusListInfo(list, listFile), index);
    }
    credential = await prepare(credential, key);
    const signed = await signWith(credential, key, settings);
    emit(io, stringOpt(values, 'output'), signedText(signed));
    return EXIT_OK;
  },
};
