/** `ob3kit pathway check` and `ob3kit pathway issue`; `ob3kit clr build`. */
import { createClrCredential } from '../../clr/index.js';
import { Ob3Error } from '../../errors.js';
import type { KeyPair } from '../../keys/index.js';
import { compareLearners, type ProfileInput } from '../../model/index.js';
import {
  assertValidPathway,
  createClrForPathway,
  createStackedCredential,
  type EvaluatePathwayOptions,
  evaluatePathway,
  type Pathway,
  type PathwayEvaluation,
} from '../../pathway/index.js';
import { type VerificationReport, type VerifyOptions, verify } from '../../verify/index.js';
import { createPalette, shouldColor } from '../color.js';
import {
  type Command,
  dateOpt,
  type OptionValues,
  requireOpt,
  stringOpt,
  stringsOpt,
} from '../command.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.js';
import { emit, type Io, loadDocuments, readInput, readJsonObject, writeOutput } from '../io.js';
import { loadSigningKey } from '../keyfile.js';
import { renderPathway } from '../pathway-render.js';
import { parseFormat, signedText, signWith } from '../sign.js';

const VERIFY_OPTIONS = {
  now: {
    type: 'string',
    value: '<iso>',
    description: 'Verify and evaluate as of this time (default: now)',
  },
  document: {
    type: 'string',
    multiple: true,
    value: '<url>=<file>',
    description: 'Use a local file for the document at this URL (status lists, key documents)',
  },
  'allow-network': { type: 'boolean', description: 'Let checks fetch remote documents' },
  learner: {
    type: 'string',
    value: '<identity>',
    description: "The learner's id (DID, URL) or email: credentials of others do not count",
  },
  'accept-unchecked-status': {
    type: 'boolean',
    description: 'Count credentials whose revocation status could not be checked',
  },
} as const;

async function verifyOptions(io: Io, values: OptionValues): Promise<VerifyOptions> {
  const options: VerifyOptions = {};
  const now = stringOpt(values, 'now');
  if (now !== undefined) options.now = dateOpt(now, '--now');
  const docs = stringsOpt(values, 'document');
  if (docs.length) options.documents = await loadDocuments(io, docs);
  if (values['allow-network'] === true) {
    options.fetch = globalThis.fetch as unknown as NonNullable<VerifyOptions['fetch']>;
  }
  return options;
}

function evaluateOptions(values: OptionValues): EvaluatePathwayOptions {
  const out: EvaluatePathwayOptions = {};
  const learner = stringOpt(values, 'learner');
  if (learner !== undefined) {
    out.learner =
      learner.includes('@') && !learner.includes(':')
        ? { identity: learner, identityType: 'emailAddress' }
        : learner;
  }
  if (values['accept-unchecked-status'] === true) out.acceptUncheckedStatus = true;
  return out;
}

async function readPathway(io: Io, file: string): Promise<Pathway> {
  const json = await readJsonObject(io, file, 'pathway');
  try {
    assertValidPathway(json);
  } catch (e) {
    const issues = (e as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
    throw new UsageError(
      `pathway '${file}' is not a valid pathway definition:\n${issues
        .slice(0, 10)
        .map((i) => `  ${i.path}: ${i.message}`)
        .join('\n')}`,
      'See docs/stacking.md for the format.',
    );
  }
  return json;
}

/** Verify each file; the labels of the credentials an evaluation indexes (containers opened). */
async function verifyAll(
  io: Io,
  files: string[],
  options: VerifyOptions,
): Promise<{ reports: VerificationReport[]; labels: string[] }> {
  const reports: VerificationReport[] = [];
  const labels: string[] = [];
  for (const file of files) {
    const report = await verify(await readInput(io, file, 'credential'), options);
    reports.push(report);
    const type = (report.credential as { type?: unknown } | undefined)?.type;
    const types = Array.isArray(type) ? type : [type];
    const container =
      report.format === 'presentation' ||
      types.includes('VerifiablePresentation') ||
      types.includes('ClrCredential');
    if (!container) labels.push(file);
    else
      for (let i = 0; i < (report.credentials ?? []).length; i++) labels.push(`${file} [${i + 1}]`);
  }
  return { reports, labels };
}

function evaluateOrExplain(
  pathway: Pathway,
  reports: VerificationReport[],
  options: EvaluatePathwayOptions,
): PathwayEvaluation {
  try {
    return evaluatePathway(pathway, reports, options);
  } catch (e) {
    if (e instanceof Ob3Error && e.code === 'ERR_PATHWAY_LEARNERS_MIXED') {
      throw new UsageError(
        e.message.replace(/ \(pass options\.learner[^)]*\)/, ''),
        'Pass --learner <id or email> to evaluate for one learner.',
      );
    }
    throw e;
  }
}

/**
 * The `pathway check` command.
 *
 * @example
 * ```ts
 * // ob3kit pathway check pathway.json sql.json stats.png
 * await runCli(['pathway', 'check', 'pathway.json', 'sql.json', 'stats.png']);
 * ```
 */
export const pathwayCheckCommand: Command = {
  name: 'pathway check',
  summary: 'Show progress on a pathway from the badges a learner holds',
  usage: [
    'pathway check <pathway.json> <badge...> [--learner <identity>] [--json] [--now <iso>] [--document <url>=<file> ...] [--allow-network] [--accept-unchecked-status]',
  ],
  description: [
    'Verifies each badge (JSON, JWT, baked PNG or SVG; a presentation or CLR counts for the',
    'credentials it holds), then evaluates the pathway: which requirement each badge meets, which',
    'badges do not count and why (revoked, expired, another issuer, ...), and what is still',
    'missing. Badges of more than one learner are refused unless --learner names one.',
    '',
    'Exit code 0 when the pathway is met, 1 when it is not yet, 2 on bad input.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', description: 'Print the evaluation object as JSON' },
    ...VERIFY_OPTIONS,
  },
  positionals: { min: 1, max: 1000, names: '<pathway.json> <badge...>' },
  examples: [
    'ob3kit pathway check pathway.json sql.json statistics.png visualisation.svg',
    'ob3kit pathway check pathway.json wallet/*.json --learner did:example:ada --json',
  ],
  async run({ values, positionals, io }) {
    const [pathwayFile, ...files] = positionals as [string, ...string[]];
    const pathway = await readPathway(io, pathwayFile);
    const { reports, labels } = await verifyAll(io, files, await verifyOptions(io, values));
    const evaluation = evaluateOrExplain(pathway, reports, evaluateOptions(values));
    if (values.json === true) io.out(`${JSON.stringify(evaluation, null, 2)}\n`);
    else {
      const palette = createPalette(shouldColor({ isTTY: io.stdoutIsTTY }, io.env));
      io.out(renderPathway(evaluation, labels, palette, pathway.destination.name as string));
    }
    return evaluation.met ? EXIT_OK : EXIT_INVALID;
  },
};

function issuerProfile(key: KeyPair, name: string | undefined): ProfileInput {
  if (!key.controller) {
    throw new UsageError(
      'the key file names no controller (issuer id)',
      'Make a key with ob3kit keygen.',
    );
  }
  return { id: key.controller, ...(name ? { name } : {}) };
}

/**
 * The `pathway issue` command.
 *
 * @example
 * ```ts
 * // ob3kit pathway issue pathway.json sql.json stats.json vis.json --key issuer-key.json -o stacked.json
 * await runCli(['pathway', 'issue', 'pathway.json', 'sql.json', '--key', 'issuer-key.json']);
 * ```
 */
export const pathwayIssueCommand: Command = {
  name: 'pathway issue',
  summary: 'Issue the stacked credential of a met pathway (and a CLR of its parts)',
  usage: [
    'pathway issue <pathway.json> <badge...> --key <file> [--issuer-name <name>] [--format di|jwt] [-o <file>] [--clr <file>] [--learner <identity>] [--now <iso>] [--document <url>=<file> ...] [--allow-network]',
  ],
  description: [
    'Checks the pathway as `pathway check` does; when it is met, issues the Open Badges 3.0',
    'credential for its destination, naming each badge used as evidence, signed with --key (its',
    'controller is the issuer). With --clr, also writes a signed CLR 2.0 record bundling the badges',
    'as issued and the stacked credential (Data Integrity only), each associated to the destination.',
    '',
    'Exit code 0 when issued, 1 when the pathway is not met (what is missing is printed), 2 on bad input.',
  ].join('\n'),
  options: {
    key: { type: 'string', value: '<file>', description: 'Issuer key file (from ob3kit keygen)' },
    'issuer-name': { type: 'string', value: '<name>', description: "The issuer's name" },
    format: { type: 'string', value: '<fmt>', description: 'di (Data Integrity, default) or jwt' },
    output: {
      type: 'string',
      short: 'o',
      value: '<file>',
      description: 'Write the stacked credential here',
    },
    clr: {
      type: 'string',
      value: '<file>',
      description: 'Also write a signed CLR 2.0 record here',
    },
    ...VERIFY_OPTIONS,
  },
  positionals: { min: 2, max: 1000, names: '<pathway.json> <badge...>' },
  examples: [
    'ob3kit pathway issue pathway.json sql.json stats.json vis.json --key issuer-key.json -o certificate.json --clr record.json',
  ],
  async run({ values, positionals, io, name }) {
    const [pathwayFile, ...files] = positionals as [string, ...string[]];
    const format = parseFormat(stringOpt(values, 'format'));
    const clrFile = stringOpt(values, 'clr');
    if (clrFile !== undefined && format === 'jwt') {
      throw new UsageError(
        '--clr needs --format di',
        'A CLR bundles credentials with embedded proofs.',
      );
    }
    const key = await loadSigningKey(io, requireOpt(values, 'key', name));
    const pathway = await readPathway(io, pathwayFile);
    const vo = await verifyOptions(io, values);
    const { reports, labels } = await verifyAll(io, files, vo);
    const evaluation = evaluateOrExplain(pathway, reports, evaluateOptions(values));
    if (!evaluation.met) {
      io.err(
        renderPathway(
          evaluation,
          labels,
          createPalette(shouldColor({ isTTY: io.stderrIsTTY }, io.env)),
        ),
      );
      io.err(`ob3kit ${name}: ${pathway.name} is not met; nothing was issued.\n`);
      return EXIT_INVALID;
    }
    const issuer = issuerProfile(key, stringOpt(values, 'issuer-name'));
    const now = vo.now;
    const stacked = createStackedCredential(pathway, evaluation, {
      issuer,
      ...(now ? { now } : {}),
    });
    const signed = await signWith(stacked as unknown as Record<string, unknown>, key, { format });
    emit(io, stringOpt(values, 'output'), signedText(signed));
    if (clrFile !== undefined) {
      try {
        const record = createClrForPathway(pathway, evaluation, reports, {
          issuer,
          stacked: signed as Record<string, unknown>,
          ...(now ? { now } : {}),
        });
        const signedRecord = await signWith(record as unknown as Record<string, unknown>, key, {
          format: 'di',
        });
        writeOutput(io, clrFile, signedText(signedRecord));
      } catch (e) {
        if (e instanceof Ob3Error && e.code === 'ERR_PATHWAY_COMPONENT') {
          throw new UsageError(
            e.message,
            'The stacked credential was written; only the CLR was not.',
          );
        }
        throw e;
      }
    }
    return EXIT_OK;
  },
};

/**
 * The `clr build` command.
 *
 * @example
 * ```ts
 * // ob3kit clr build a.json b.json --key issuer-key.json --name Transcript -o record.json
 * await runCli(['clr', 'build', 'a.json', 'b.json', '--key', 'issuer-key.json', '--name', 'Transcript']);
 * ```
 */
export const clrBuildCommand: Command = {
  name: 'clr build',
  summary: 'Bundle signed credentials of one learner into a signed CLR 2.0 record',
  usage: [
    'clr build <credential.json...> --key <file> --name <name> [--issuer-name <name>] [-o <file>]',
  ],
  description: [
    'Reads each credential (JSON with an embedded proof; it is bundled exactly as issued), checks',
    'they are about one learner, and writes a CLR 2.0 ClrCredential bundling them, signed with --key',
    '(its controller is the publisher). Verify it with `ob3kit verify`.',
  ].join('\n'),
  options: {
    key: {
      type: 'string',
      value: '<file>',
      description: 'Publisher key file (from ob3kit keygen)',
    },
    name: { type: 'string', value: '<name>', description: "The record's name" },
    'issuer-name': { type: 'string', value: '<name>', description: "The publisher's name" },
    output: { type: 'string', short: 'o', value: '<file>', description: 'Write the record here' },
  },
  positionals: { min: 1, max: 1000, names: '<credential.json...>' },
  examples: [
    'ob3kit clr build sql.json stats.json --key issuer-key.json --name Transcript -o record.json',
  ],
  async run({ values, positionals, io, name }) {
    const key = await loadSigningKey(io, requireOpt(values, 'key', name));
    const recordName = requireOpt(values, 'name', name);
    const credentials: Record<string, unknown>[] = [];
    for (const file of positionals) {
      const c = await readJsonObject(io, file, 'credential');
      if (c.proof === undefined) {
        throw new UsageError(
          `credential '${file}' has no embedded proof`,
          'Bundle signed credentials (ob3kit issue).',
        );
      }
      credentials.push(c);
    }
    const subjects = credentials.map((c) => c.credentialSubject);
    const first = subjects[0] as Record<string, unknown> | undefined;
    subjects.forEach((s, i) => {
      if (i > 0 && compareLearners(first, s) !== 'same') {
        throw new UsageError(
          `'${positionals[i]}' is not shown to be about the same learner as '${positionals[0]}'`,
          'A CLR is the record of one learner.',
        );
      }
    });
    const learner: Record<string, unknown> = {};
    if (first && typeof first.id === 'string') learner.id = first.id;
    if (first?.identifier !== undefined) learner.identifier = first.identifier;
    let record: Record<string, unknown>;
    try {
      record = createClrCredential({
        name: recordName,
        issuer: issuerProfile(key, stringOpt(values, 'issuer-name')),
        credentialSubject: { ...learner, verifiableCredential: credentials },
      } as never) as unknown as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`cannot build the record: ${(e as Error).message}`);
    }
    emit(
      io,
      stringOpt(values, 'output'),
      signedText(await signWith(record, key, { format: 'di' })),
    );
    return EXIT_OK;
  },
};
