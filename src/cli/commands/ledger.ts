/** `ob3kit revoke` and `ob3kit status publish`: status changes and publication from the issuance ledger. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJsonText as parseBounded } from '../../jsonld/index.js';
import type { Ledger, StatusChange, StatusTarget } from '../../ledger/index.js';
import { DEFAULT_LEDGER_FILE, ledgerLocation, openExistingLedger } from '../batch-ledger.js';
import { writeFileAtomic } from '../batch-worker.js';
import { type Command, requireOpt, stringOpt, stringsOpt } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadSigningKey } from '../keyfile.js';
import { signedText, signWith } from '../sign.js';

const LEDGER_OPTION = {
  type: 'string',
  value: '<file|url>',
  description: `Issuance ledger: SQLite file or postgresql:// URL (default ${DEFAULT_LEDGER_FILE})`,
} as const;

async function withLedger<T>(io: Io, spec: string, fn: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = await openExistingLedger(io, spec);
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

/**
 * `revoke`.
 *
 * @example
 * ```ts
 * // ob3kit revoke urn:uuid:… --ledger ob3kit-ledger.sqlite
 * await runCli(['revoke', 'urn:uuid:…', '--ledger', 'ob3kit-ledger.sqlite']);
 * ```
 */
export const revokeCommand: Command = {
  name: 'revoke',
  summary: 'Revoke or suspend credentials by id or recipient, in the issuance ledger',
  usage: [
    'revoke <credential-id> [--suspend|--unsuspend] [--reason <text>] [--ledger <file|url>] [--json]',
    'revoke --recipient <email|id> [--suspend|--unsuspend] [--reason <text>] [--ledger <file|url>] [--json]',
  ],
  description: [
    "Sets the revocation entry (final) of a credential the ledger recorded ('issue --batch",
    "--status-list'), or with --recipient of every credential of that recipient (the email",
    'address, or the subject id, the batch recorded). --suspend sets the suspension entry instead',
    '(reversible), --unsuspend clears it. The change is kept in the ledger with the time and',
    "--reason. Verifiers see it once you publish the lists again: 'ob3kit status publish'.",
  ].join('\n'),
  options: {
    recipient: { type: 'string', value: '<email|id>', description: 'Every credential of them' },
    suspend: { type: 'boolean', description: 'Suspend instead of revoking' },
    unsuspend: { type: 'boolean', description: 'Lift a suspension' },
    reason: { type: 'string', value: '<text>', description: 'Why (kept in the ledger)' },
    ledger: LEDGER_OPTION,
    json: { type: 'boolean', description: 'Print the changed entries as JSON' },
  },
  positionals: { min: 0, max: 1, names: '<credential-id>' },
  examples: [
    'ob3kit revoke urn:uuid:9a6b2a4e-3c55-4a59-9b55-6a1f2f0c2d11',
    'ob3kit revoke --recipient ada@example.com --reason "issued in error"',
    'ob3kit revoke --recipient did:example:ada --suspend',
  ],
  async run({ values, positionals, io, name }) {
    const id = positionals[0];
    const recipient = stringOpt(values, 'recipient');
    if ((id === undefined) === (recipient === undefined)) {
      throw new UsageError(
        id === undefined
          ? 'missing <credential-id> (or --recipient)'
          : 'give a <credential-id> or --recipient, not both',
        `Run 'ob3kit ${name} --help' for the usage.`,
      );
    }
    if (recipient === '') throw new UsageError('--recipient is empty');
    if (values.suspend === true && values.unsuspend === true) {
      throw new UsageError('--suspend and --unsuspend cannot go together');
    }
    const reason = stringOpt(values, 'reason');
    const target: StatusTarget =
      id !== undefined ? { credentialId: id } : { recipient: recipient as string };
    const options = reason !== undefined ? { reason } : {};
    const action =
      values.suspend === true ? 'suspend' : values.unsuspend === true ? 'unsuspend' : 'revoke';
    const spec = stringOpt(values, 'ledger') ?? DEFAULT_LEDGER_FILE;
    const changes: StatusChange[] = await withLedger(io, spec, (ledger) =>
      action === 'suspend'
        ? ledger.suspend(target, options)
        : action === 'unsuspend'
          ? ledger.unsuspend(target, options)
          : ledger.revoke(target, options),
    );
    if (values.json === true) {
      io.out(`${JSON.stringify({ action, changes }, null, 2)}\n`);
    } else {
      const done = { revoke: 'revoked', suspend: 'suspended', unsuspend: 'unsuspended' }[action];
      for (const c of changes) {
        io.out(
          `${c.credentialId}: ${c.changed ? done : `already ${done}`} (entry ${c.index} of ${c.list})\n`,
        );
      }
    }
    const changed = changes.filter((c) => c.changed).length;
    io.err(
      changed
        ? `Changed ${changed} entr${changed === 1 ? 'y' : 'ies'} in the ledger ${ledgerLocation(io, spec)}.\nPublish the lists again for verifiers to see it: ob3kit status publish --key <issuer-key> --out <dir>\n`
        : 'Nothing changed.\n',
    );
    return EXIT_OK;
  },
};

/** Where a list published at `url` is written under `outDir`: `<outDir>/<host>/<path>`. */
function listFile(outDir: string, url: string): string {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter((s) => s.length > 0);
  if (u.pathname.endsWith('/') || segments.length === 0) {
    throw new UsageError(
      `the list URL ${url} ends with '/'; give lists URLs that name a file`,
      'Use a URL such as https://example.edu/status/1.',
    );
  }
  const decoded = segments.map((s) => decodeURIComponent(s));
  const host = u.port ? `${u.hostname}_${u.port}` : u.hostname;
  const file = path.resolve(outDir, host, ...decoded);
  const rel = path.relative(outDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel) || decoded.some((s) => /[\\/\0]/.test(s))) {
    throw new UsageError(`the list URL ${url} does not map to a file inside --out`);
  }
  return file;
}

/** The id of the status list credential in a file, when it is one. */
function existingListId(file: string): string | undefined {
  try {
    const parsed = parseBounded(readFileSync(file, 'utf8'));
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return undefined;
    const json = parsed.value as { id?: unknown; type?: unknown };
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const isList = types.some((t) => typeof t === 'string' && t.endsWith('StatusListCredential'));
    return isList && typeof json.id === 'string' ? json.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `status publish`.
 *
 * @example
 * ```ts
 * // ob3kit status publish --key issuer-key.json --out public/
 * await runCli(['status', 'publish', '--key', 'issuer-key.json', '--out', 'public/']);
 * ```
 */
export const statusPublishCommand: Command = {
  name: 'status publish',
  summary: 'Build and sign the status lists from the issuance ledger, to upload',
  usage: ['status publish --key <file> --out <dir> [--ledger <file|url>] [--list <url>] [--json]'],
  description: [
    'Builds every status list the ledger holds (or those given with --list) with the entries',
    'of revoked and suspended credentials set, signs each with --key (the issuer of the',
    'credentials), and writes it under --out at <host>/<path of its URL>: upload each file to',
    'its URL. A file there is replaced only when it is an earlier version of the same list.',
  ].join('\n'),
  options: {
    key: { type: 'string', value: '<file>', description: 'Issuer key file' },
    out: { type: 'string', value: '<dir>', description: 'Folder for the signed lists' },
    ledger: LEDGER_OPTION,
    list: { type: 'string', multiple: true, value: '<url>', description: 'Only this list' },
    force: { type: 'boolean', description: 'Replace files that are not an earlier list' },
    json: { type: 'boolean', description: 'Print what was written as JSON' },
  },
  positionals: { min: 0, max: 0, names: '' },
  examples: [
    'ob3kit status publish --key issuer-key.json --out public/',
    'ob3kit status publish --key issuer-key.json --out public/ --ledger postgresql://issuer@db/badges',
  ],
  async run({ values, io, name }) {
    const key = await loadSigningKey(io, requireOpt(values, 'key', name));
    const outDir = path.resolve(io.cwd, requireOpt(values, 'out', name));
    const spec = stringOpt(values, 'ledger') ?? DEFAULT_LEDGER_FILE;
    const only = stringsOpt(values, 'list');
    const issuer = key.controller;
    if (issuer === undefined) {
      throw new UsageError(
        'the key has no controller (the issuer id) to sign the lists as',
        "Use the key file 'ob3kit keygen' made, which names its DID.",
      );
    }
    const lists = await withLedger(io, spec, async (ledger) => {
      const info = await ledger.lists();
      if (info.length === 0) {
        throw new UsageError(
          `the ledger ${ledgerLocation(io, spec)} holds no status list yet`,
          "Issue with 'ob3kit issue --batch ... --status-list <url>' first.",
        );
      }
      const published = await ledger.publish({
        issuer,
        ...(only.length ? { lists: only } : {}),
        sign: async (c) => signWith(c, key, { format: 'di' }),
      });
      return published.map((p) => ({
        ...p,
        info: info.find((i) => i.url === p.url),
        file: listFile(outDir, p.url),
      }));
    });
    const seen = new Map<string, string>();
    for (const l of lists) {
      const other = seen.get(l.file);
      if (other !== undefined) {
        throw new UsageError(
          `the lists ${other} and ${l.url} would both be written to '${l.file}'; nothing was written`,
          'Publish them separately with --list and another --out.',
        );
      }
      seen.set(l.file, l.url);
    }
    const conflicts = lists.filter(
      (l) => existsSync(l.file) && existingListId(l.file) !== l.url && values.force !== true,
    );
    if (conflicts.length) {
      throw new UsageError(
        `'${conflicts[0]?.file}' exists and is not an earlier version of ${conflicts[0]?.url}; nothing was written`,
        'Choose another --out folder, or pass --force to replace it.',
      );
    }
    for (const l of lists) {
      try {
        mkdirSync(path.dirname(l.file), { recursive: true });
        writeFileAtomic(l.file, signedText(l.credential));
      } catch (e) {
        throw new UsageError(`cannot write '${l.file}': ${(e as Error).message}`);
      }
    }
    const rel = (f: string): string => path.relative(io.cwd, f) || f;
    if (values.json === true) {
      io.out(
        `${JSON.stringify(
          lists.map((l) => ({
            url: l.url,
            file: l.file,
            purpose: l.purpose,
            allocated: l.info?.allocated,
            set: l.info?.set,
          })),
          null,
          2,
        )}\n`,
      );
    } else {
      for (const l of lists) {
        io.out(
          `${rel(l.file)} -> ${l.url} (${l.purpose}; ${l.info?.allocated ?? 0} issued, ${l.info?.set ?? 0} set)\n`,
        );
      }
      io.err(`Signed ${lists.length} list(s). Upload each file to its URL.\n`);
    }
    return EXIT_OK;
  },
};
