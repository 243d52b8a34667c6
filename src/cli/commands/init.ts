/** `ob3kit init [dir]`: a working starter for issuing badges (key, profile, template, art). */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createDidKey, generateKeyPair } from '../../keys/index.js';
import {
  createAchievement,
  createAchievementCredential,
  createIdentityObject,
  createProfile,
} from '../../model/index.js';
import { type BadgeArt, createBadgePng, createBadgeSvg } from '../badge-art.js';
import { createPalette, shouldColor } from '../color.js';
import { type Command, stringOpt } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { shellCommand, writeOutput } from '../io.js';
import { keyFileJson } from '../keyfile.js';

/** The sample recipients (name, email), also the learner of `unsigned.json` (the first). */
const RECIPIENTS: ReadonlyArray<readonly [string, string]> = [
  ['Ada Lovelace', 'ada@example.com'],
  ['Grace Hopper', 'grace@example.com'],
  ['Alan Turing', 'alan@example.com'],
];

/** The files a starter holds, in the order they are listed. */
export const STARTER_FILES = [
  'issuer-key.json',
  'issuer.json',
  'unsigned.json',
  'template.json',
  'recipients.csv',
  'badge.png',
  'badge.svg',
  '.gitignore',
] as const;

/** Longest name the starter takes (a name is shown on the badge and in every credential). */
const MAX_NAME = 200;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function nameOpt(value: string | undefined, fallback: string, option: string): string {
  if (value === undefined) return fallback;
  const name = value.replace(/\s+/gu, ' ').trim();
  if (name === '') throw new UsageError(`--${option} must not be empty`);
  if ([...name].length > MAX_NAME) {
    throw new UsageError(`--${option} is longer than ${MAX_NAME} characters`);
  }
  return name;
}

function urlOpt(value: string | undefined): string {
  const text = value ?? 'https://example.org';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--url must be an https URL such as https://badges.example.edu, got '${text}'`,
    );
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) {
    throw new UsageError(
      `--url must be a plain https URL such as https://badges.example.edu, got '${text}'`,
      'Badges, profiles and status lists are published over https.',
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** A URL path segment for a name (`Data Analysis 101` → `data-analysis-101`). */
function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'achievement';
}

/** Refuse a folder that holds anything unless `force`; say what is there. */
function checkFolder(dir: string, shown: string, force: boolean): void {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) {
      throw new UsageError(`'${shown}' is a file, not a folder`, 'Give the name of a new folder.');
    }
    entries = readdirSync(dir);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as { code?: string }).code === 'ENOENT') return;
    throw new UsageError(`cannot read the folder '${shown}': ${(e as Error).message}`);
  }
  if (entries.length > 0 && !force) {
    const some = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', ...' : '');
    throw new UsageError(
      `the folder '${shown}' is not empty (${some}); nothing was written`,
      'Give a new or empty folder, or pass --force to write the starter files into it (files of the same names are replaced; a key too).',
    );
  }
}

/**
 * The commands that take a starter from unsigned badge to a revoked one, in order, as a person
 * types them in the starter's folder.
 *
 * @example
 * ```ts
 * starterSteps('https://example.org')[0]; // ['issue', 'unsigned.json', '--key', ...]
 * ```
 */
export function starterSteps(url: string): Array<{ args: string[]; comment: string }> {
  const host = new URL(url).host;
  const listUrl = `${url}/status/1`;
  const published = `public/${host}${new URL(listUrl).pathname}`;
  const grace = 'badges/0003-grace-hopper.png';
  return [
    {
      args: ['issue', 'unsigned.json', '--key', 'issuer-key.json', '-o', 'signed.json'],
      comment: 'sign one badge',
    },
    {
      args: ['bake', 'badge.png', 'signed.json', '-o', 'baked.png'],
      comment: 'bake it into the image',
    },
    { args: ['verify', 'baked.png'], comment: 'check it, offline' },
    {
      args: [
        'issue',
        '--batch',
        'recipients.csv',
        '--template',
        'template.json',
        '--key',
        'issuer-key.json',
        '--out',
        'badges/',
        '--bake',
        'badge.png',
        '--status-list',
        `${url}/status/{n}`,
      ],
      comment: 'one badge a row, each with a status entry in the ledger',
    },
    {
      args: ['status', 'publish', '--key', 'issuer-key.json', '--out', 'public/'],
      comment: `the signed status list, to upload to ${listUrl}`,
    },
    {
      args: ['verify', grace, '--document', `${listUrl}=${published}`],
      comment: 'valid',
    },
    {
      args: ['revoke', '--recipient', 'grace@example.com', '--reason', 'issued in error'],
      comment: "revoke Grace's badge",
    },
    {
      args: ['status', 'publish', '--key', 'issuer-key.json', '--out', 'public/'],
      comment: 'publish the list again',
    },
    {
      args: ['verify', grace, '--document', `${listUrl}=${published}`],
      comment: 'invalid: revoked (exit code 1)',
    },
  ];
}

/**
 * The `init` command.
 *
 * @example
 * ```ts
 * // ob3kit init my-badges --issuer-name "Example University" --achievement "Teamwork"
 * await runCli(['init', 'my-badges', '--issuer-name', 'Example University']);
 * ```
 */
export const initCommand: Command = {
  name: 'init',
  summary: 'Write a starter: issuer key, profile, achievement template, recipients, badge art',
  usage: ['init [dir] [--issuer-name <name>] [--achievement <name>] [--url <https-url>] [--force]'],
  description: [
    'Writes into <dir> (default: the current folder) everything needed to issue badges:',
    '  issuer-key.json   an Ed25519 issuer key and its did:key (private: mode 0600)',
    '  issuer.json       the issuer profile (publish it at --url)',
    '  unsigned.json     one unsigned badge, for the first sample recipient',
    '  template.json     the achievement template for batches ({{name}} comes from the CSV)',
    '  recipients.csv    three sample recipients (name, email)',
    '  badge.png/.svg    badge art showing the achievement and the issuer',
    '  .gitignore        keeps the key and the issuance ledger out of version control',
    'and prints the commands that issue, bake, verify, revoke and publish, each runnable as shown.',
    'A folder that is not empty is refused unless --force is given.',
  ].join('\n'),
  options: {
    'issuer-name': {
      type: 'string',
      value: '<name>',
      description: 'The issuer\'s name (default "Example Academy")',
    },
    achievement: {
      type: 'string',
      value: '<name>',
      description: 'The achievement\'s name (default "Teamwork")',
    },
    url: {
      type: 'string',
      value: '<https-url>',
      description:
        "The issuer's web site, base of the ids and status list URLs (default https://example.org)",
    },
    force: { type: 'boolean', description: 'Write into a folder that is not empty' },
  },
  positionals: { min: 0, max: 1, names: '[dir]' },
  examples: [
    'ob3kit init my-badges',
    'ob3kit init my-badges --issuer-name "Example University" --achievement "Data Analysis" --url https://badges.example.edu',
  ],
  async run({ values, positionals, io }) {
    const c = createPalette(shouldColor({ isTTY: io.stdoutIsTTY }, io.env));
    const shownDir = positionals[0] ?? '.';
    const dir = path.resolve(io.cwd, shownDir);
    const issuerName = nameOpt(stringOpt(values, 'issuer-name'), 'Example Academy', 'issuer-name');
    const achievementName = nameOpt(stringOpt(values, 'achievement'), 'Teamwork', 'achievement');
    const url = urlOpt(stringOpt(values, 'url'));
    checkFolder(dir, shownDir, values.force === true);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new UsageError(`cannot create the folder '${shownDir}': ${(e as Error).message}`);
    }
    const write = (name: string, data: string | Uint8Array, secret = false): void => {
      writeOutput(io, path.join(dir, name), data, { secret });
    };

    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const issuer = createProfile({ id: did, name: issuerName, url: `${url}/` });
    const achievement = createAchievement({
      id: `${url}/achievements/${slug(achievementName)}`,
      name: achievementName,
      description: `Awarded by ${issuerName} for ${achievementName}.`,
      criteria: {
        narrative: `Describe here what a learner does to earn ${achievementName}.`,
      },
      achievementType: 'Badge',
    });
    const [firstName, firstEmail] = RECIPIENTS[0] as readonly [string, string];
    const single = createAchievementCredential({
      name: `${achievementName}: ${firstName}`,
      issuer,
      credentialSubject: {
        identifier: [
          createIdentityObject({
            identityType: 'emailAddress',
            identity: firstEmail,
            hashed: true,
          }),
        ],
        achievement,
      },
    }) as Record<string, unknown>;
    // `ob3kit issue` gives each credential a fresh id and the time it is signed.
    delete single.id;
    delete single.validFrom;
    const template: Record<string, unknown> = {
      ...single,
      name: `${achievementName}: {{name}}`,
      credentialSubject: { type: ['AchievementSubject'], achievement },
    };
    const csv = `name,email\n${RECIPIENTS.map(([n, e]) => `${n},${e}`).join('\n')}\n`;
    const art: BadgeArt = { achievement: achievementName, issuer: issuerName };

    write('issuer-key.json', json(keyFileJson(keyPair, 'multikey')), true);
    write('issuer.json', json(issuer));
    write('unsigned.json', json(single));
    write('template.json', json(template));
    write('recipients.csv', csv);
    write('badge.png', createBadgePng(art));
    write('badge.svg', createBadgeSvg(art));
    write(
      '.gitignore',
      '# Private: anyone holding the key can issue in your name; the ledger names recipients.\nissuer-key.json\nob3kit-ledger.sqlite*\n',
    );

    io.out(`${c.bold('ob3kit init')}: a starter for issuing badges in ${dir}\n\n`);
    const described: Array<[string, string]> = [
      ['issuer-key.json', `Ed25519 issuer key for ${did} (private, mode 0600)`],
      ['issuer.json', `issuer profile: ${issuerName}, publish it at ${url}/`],
      ['unsigned.json', `one unsigned badge: ${achievementName}, for ${firstName}`],
      ['template.json', 'achievement template for batches ({{name}} from the CSV)'],
      ['recipients.csv', `${RECIPIENTS.length} sample recipients (name, email)`],
      ['badge.png, badge.svg', `badge art: ${achievementName}, ${issuerName}`],
      ['.gitignore', 'keeps the key and the ledger out of version control'],
    ];
    for (const [f, d] of described) io.out(`  ${f.padEnd(22)} ${c.dim(d)}\n`);
    io.out(`\n${c.bold('Next')} (each line runs as shown)\n`);
    const rel = path.relative(io.cwd, dir);
    if (rel !== '') io.out(`  ${shellCommand(['cd', rel.startsWith('-') ? `./${rel}` : rel])}\n`);
    for (const step of starterSteps(url)) {
      io.out(`  ${shellCommand(['npx', 'ob3kit', ...step.args])}  ${c.dim(`# ${step.comment}`)}\n`);
    }
    return EXIT_OK;
  },
};
