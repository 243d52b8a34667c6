/** `ob3kit serve`: the VC-API issuer, verifier and status service over HTTP. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import type { KeyPair } from '../../keys/index.js';
import {
  createLedger,
  createMemoryLedgerStore,
  type Ledger,
  type LedgerStore,
  type StatusListSeries,
} from '../../ledger/index.js';
import { SIGNING_SUITES, type SuiteName } from '../../proof/index.js';
import { createVcApiHandler, type VcApiIssuer, type VcApiOptions } from '../../serve/index.js';
import type { VerifyOptions } from '../../verify/index.js';
import { DEFAULT_LEDGER_FILE, ledgerLocation, openLedgerStore } from '../batch-ledger.js';
import { type Command, intOpt, stringOpt, stringsOpt } from '../command.js';
import { loadContexts } from '../contexts.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { type Io, loadDocuments, readJsonObject } from '../io.js';
import { loadSigningKey } from '../keyfile.js';
import { startServer } from '../serve-server.js';

const HELP = "Run 'ob3kit serve --help' for the usage.";

/** The members a configuration file may have. */
const CONFIG_KEYS = [
  'host',
  'port',
  'publicUrl',
  'tokenFile',
  'tokensForVerify',
  'issuers',
  'ledger',
  'statusLists',
  'contexts',
  'documents',
  'allowNetwork',
  'allowPrivateAddresses',
  'maxBodyBytes',
  'rateLimit',
  'tls',
  'log',
  'failureStatus',
] as const;
const ISSUER_KEYS = ['name', 'keyFile', 'id', 'suite', 'format', 'status'];

/** A configuration file, as JSON. Relative file names are read from the file's folder. */
interface ConfigFile {
  host?: string;
  port?: number;
  publicUrl?: string;
  tokenFile?: string;
  tokensForVerify?: boolean;
  issuers?: Array<{
    name: string;
    keyFile: string;
    id?: string;
    suite?: string;
    format?: 'di' | 'jwt';
    status?: boolean;
  }>;
  ledger?: string;
  statusLists?: { revocation?: string; suspension?: string; length?: number };
  contexts?: Record<string, string>;
  documents?: Record<string, string>;
  allowNetwork?: boolean;
  allowPrivateAddresses?: boolean;
  maxBodyBytes?: number;
  rateLimit?: { ratePerSecond: number; burst?: number } | false;
  tls?: { host?: string; port: number; cert: string; key: string };
  log?: 'json' | 'off';
  failureStatus?: number;
}

function configError(file: string, message: string): UsageError {
  return new UsageError(
    `config '${file}': ${message}`,
    'See docs/serve.md for the configuration file.',
  );
}

async function readConfig(io: Io, file: string): Promise<{ config: ConfigFile; dir: string }> {
  const raw = await readJsonObject(io, file, 'config file');
  for (const k of Object.keys(raw)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(k)) {
      throw configError(file, `unknown member "${k}" (known: ${CONFIG_KEYS.join(', ')})`);
    }
  }
  const config = raw as ConfigFile;
  const expect = (ok: boolean, what: string) => {
    if (!ok) throw configError(file, what);
  };
  for (const k of ['host', 'publicUrl', 'tokenFile', 'ledger'] as const) {
    expect(config[k] === undefined || typeof config[k] === 'string', `"${k}" must be a string`);
  }
  for (const k of ['tokensForVerify', 'allowNetwork', 'allowPrivateAddresses'] as const) {
    expect(
      config[k] === undefined || typeof config[k] === 'boolean',
      `"${k}" must be true or false`,
    );
  }
  for (const k of ['port', 'maxBodyBytes', 'failureStatus'] as const) {
    const v = config[k];
    expect(
      v === undefined || (Number.isInteger(v) && (v as number) >= 0),
      `"${k}" must be a whole number`,
    );
  }
  expect(
    config.log === undefined || config.log === 'json' || config.log === 'off',
    '"log" must be "json" or "off"',
  );
  if (config.issuers !== undefined) {
    expect(Array.isArray(config.issuers), '"issuers" must be an array');
    config.issuers.forEach((i, n) => {
      expect(typeof i === 'object' && i !== null, `issuers[${n}] must be an object`);
      for (const k of Object.keys(i)) {
        expect(ISSUER_KEYS.includes(k), `issuers[${n}] has the unknown member "${k}"`);
      }
      expect(
        typeof i.name === 'string' && typeof i.keyFile === 'string',
        `issuers[${n}] needs "name" and "keyFile"`,
      );
    });
  }
  for (const k of ['contexts', 'documents'] as const) {
    const v = config[k];
    expect(
      v === undefined ||
        (typeof v === 'object' &&
          v !== null &&
          Object.values(v).every((f) => typeof f === 'string')),
      `"${k}" must map URLs to file names`,
    );
  }
  if (config.tls !== undefined) {
    const t = config.tls;
    expect(
      typeof t === 'object' &&
        typeof t.cert === 'string' &&
        typeof t.key === 'string' &&
        Number.isInteger(t.port),
      '"tls" must be { "port", "cert", "key", "host"? }',
    );
  }
  if (config.rateLimit !== undefined && config.rateLimit !== false) {
    const r = config.rateLimit;
    expect(
      typeof r === 'object' && typeof r.ratePerSecond === 'number' && r.ratePerSecond > 0,
      '"rateLimit" must be { "ratePerSecond", "burst"? } or false',
    );
  }
  return { config, dir: path.dirname(path.resolve(io.cwd, file)) };
}

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

function readTokens(io: Io, file: string | undefined): string[] {
  const tokens: string[] = [];
  const env = io.env.OB3KIT_SERVE_TOKEN;
  if (env) tokens.push(...env.split(/[\s,]+/).filter(Boolean));
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read token file '${file}': ${(e as Error).message}`);
    }
    tokens.push(
      ...text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    );
    if (tokens.length === 0) throw new UsageError(`token file '${file}' holds no token`);
  }
  for (const t of tokens) {
    if (t.length < 16) {
      throw new UsageError(
        'an API token must be at least 16 characters',
        'Make one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"',
      );
    }
  }
  return tokens;
}

/**
 * The `serve` command.
 *
 * @example
 * ```ts
 * // ob3kit serve --key issuer-key.json --port 8080
 * await runCli(['serve', '--key', 'issuer-key.json', '--port', '8080']);
 * ```
 */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run a VC-API issuer, verifier and status service over HTTP',
  usage: [
    'serve [--config <file>] [--key <file>] [--host <addr>] [--port <n>] [--token-file <file>] [--context <url>=<file> ...]',
  ],
  description: [
    'Serves the W3C VC-API: POST /credentials/issue (and /issuers/<name>/credentials/issue),',
    'POST /credentials/verify, POST /presentations/verify, POST /credentials/status, and the',
    'status list credentials under /status-lists/. Binds 127.0.0.1 by default. Issuing and status',
    'changes need an API token (Authorization: Bearer) when given one; binding beyond loopback',
    'with an issuer requires one (--token-file, or OB3KIT_SERVE_TOKEN). One JSON log line per',
    'request on standard output (no credential contents). SIGINT/SIGTERM: stop accepting, finish',
    'in-flight requests, close the ledger, exit 0.',
    '',
    'Nothing is fetched unless --allow-network; contexts are never fetched (add them with',
    '--context). --allow-private-addresses lets verification fetch from loopback and private',
    'addresses: dangerous outside tests (it lets a credential make this service call internal',
    'hosts).',
  ].join('\n'),
  options: {
    config: {
      type: 'string',
      short: 'c',
      value: '<file>',
      description: 'JSON configuration file (flags override it)',
    },
    key: {
      type: 'string',
      value: '<file>',
      description: 'Issuer key file (an issuer named "default")',
    },
    'issuer-id': {
      type: 'string',
      value: '<url>',
      description: "The issuer's id (default: the key's controller; the key must be the issuer's)",
    },
    suite: {
      type: 'string',
      value: '<suite>',
      description: `Data Integrity suite (${SIGNING_SUITES.join(', ')})`,
    },
    format: { type: 'string', value: '<fmt>', description: 'di (default) or jwt' },
    status: {
      type: 'boolean',
      description: 'Give issued credentials status entries (revocation, suspension)',
    },
    ledger: {
      type: 'string',
      value: '<file|url>',
      description: `Issuance ledger: a SQLite file (default ${DEFAULT_LEDGER_FILE}), a postgresql:// URL, or memory`,
    },
    host: {
      type: 'string',
      value: '<addr>',
      description: 'Address to listen on (default 127.0.0.1)',
    },
    port: {
      type: 'string',
      value: '<n>',
      description: 'HTTP port (default 8080; 0: any free port)',
    },
    'public-url': {
      type: 'string',
      value: '<url>',
      description: 'Where clients reach this service (status list URLs)',
    },
    'token-file': { type: 'string', value: '<file>', description: 'API tokens, one a line' },
    context: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'Add a JSON-LD context (never fetched)',
    },
    document: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'A local document for this URL (keys, lists)',
    },
    'allow-network': {
      type: 'boolean',
      description: 'Let verification fetch remote documents (https only)',
    },
    'allow-private-addresses': {
      type: 'boolean',
      description: 'Also from loopback/private addresses (tests only)',
    },
    'max-body': {
      type: 'string',
      value: '<bytes>',
      description: 'Largest request body (default 1048576)',
    },
    'rate-limit': {
      type: 'string',
      value: '<n>',
      description: 'Requests per second per client address (default 100; 0: off)',
    },
    'tls-cert': {
      type: 'string',
      value: '<file>',
      description: 'PEM certificate for a TLS listener',
    },
    'tls-key': {
      type: 'string',
      value: '<file>',
      description: 'PEM private key for the TLS listener',
    },
    'tls-port': { type: 'string', value: '<n>', description: 'TLS port (default 8443)' },
    log: { type: 'string', value: '<mode>', description: 'json (default) or off' },
  },
  positionals: { min: 0, max: 0, names: '' },
  examples: [
    'ob3kit serve --key issuer-key.json',
    'OB3KIT_SERVE_TOKEN=$(cat token) ob3kit serve --config serve.json --host 0.0.0.0',
    'ob3kit serve --key k.json --status --public-url https://issuer.example',
    'ob3kit serve --key k.json --status --ledger postgresql://issuer@db/badges --public-url https://issuer.example',
  ],
  async run({ values, io }) {
    const setup = await buildSetup(io, values);
    const { server, ledger, log } = setup;
    let running: Awaited<ReturnType<typeof startServer>>;
    try {
      running = await startServer(server);
    } catch (e) {
      await ledger?.close();
      const err = e as { code?: string; message?: string };
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
        throw new UsageError(`cannot listen: ${err.message}`, 'Choose another --host or --port.');
      }
      throw e;
    }
    log({
      level: 'info',
      event: 'started',
      time: new Date().toISOString(),
      urls: running.urls,
      ...(setup.ledgerWhere ? { ledger: setup.ledgerWhere } : {}),
    });
    io.err(`ob3kit serve: listening on ${running.urls.join(', ')}\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log({ level: 'info', event: 'stopping', time: new Date().toISOString(), signal });
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        running
          .close()
          .then(() => ledger?.close())
          .then(resolve, resolve);
      };
      const onInt = () => stop('SIGINT');
      const onTerm = () => stop('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
    });
    return EXIT_OK;
  },
};

type Values = Parameters<Command['run']>[0]['values'];

function numberOpt(
  text: string | undefined,
  fallback: number | undefined,
  label: string,
): number | undefined {
  if (text === undefined) return fallback;
  return intOpt(text, label);
}

/** Resolve the configuration file and flags into the handler's and the server's options. */
async function buildSetup(io: Io, values: Values) {
  const configFile = stringOpt(values, 'config');
  const { config, dir } = configFile
    ? await readConfig(io, configFile)
    : { config: {} as ConfigFile, dir: io.cwd };
  const rel = (f: string) => path.resolve(dir, f);
  const ioAt: Io = { ...io, cwd: dir };

  // Issuers: from the file, or one "default" issuer from --key.
  const issuers: VcApiIssuer[] = [];
  for (const i of config.issuers ?? []) {
    issuers.push(await issuerFrom(ioAt, i));
  }
  const keyFile = stringOpt(values, 'key');
  if (keyFile !== undefined) {
    issuers.unshift(
      await issuerFrom(io, {
        name: 'default',
        keyFile,
        ...(stringOpt(values, 'issuer-id') !== undefined
          ? { id: stringOpt(values, 'issuer-id') }
          : {}),
        ...(stringOpt(values, 'suite') !== undefined ? { suite: stringOpt(values, 'suite') } : {}),
        ...(stringOpt(values, 'format') !== undefined
          ? { format: stringOpt(values, 'format') as 'di' }
          : {}),
        ...(values.status === true ? { status: true } : {}),
      }),
    );
  } else if (['issuer-id', 'suite', 'format', 'status'].some((k) => values[k] !== undefined)) {
    throw new UsageError('--issuer-id, --suite, --format and --status need --key', HELP);
  }

  const host = stringOpt(values, 'host') ?? config.host ?? '127.0.0.1';
  const port = numberOpt(stringOpt(values, 'port'), config.port ?? 8080, '--port');
  const publicUrl = stringOpt(values, 'public-url') ?? config.publicUrl;
  const tokens = readTokens(
    io,
    stringOpt(values, 'token-file') ?? (config.tokenFile ? rel(config.tokenFile) : undefined),
  );

  // TLS listener.
  const certFile = stringOpt(values, 'tls-cert') ?? (config.tls ? rel(config.tls.cert) : undefined);
  const keyPem = stringOpt(values, 'tls-key') ?? (config.tls ? rel(config.tls.key) : undefined);
  if ((certFile === undefined) !== (keyPem === undefined)) {
    throw new UsageError('a TLS listener needs both --tls-cert and --tls-key', HELP);
  }
  let tls: { host: string; port: number; cert: Uint8Array; key: Uint8Array } | undefined;
  if (certFile !== undefined && keyPem !== undefined) {
    const read = (f: string, what: string) => {
      try {
        return new Uint8Array(readFileSync(path.resolve(io.cwd, f)));
      } catch (e) {
        throw new UsageError(`cannot read ${what} '${f}': ${(e as Error).message}`);
      }
    };
    tls = {
      host: config.tls?.host ?? host,
      port: numberOpt(
        stringOpt(values, 'tls-port'),
        config.tls?.port ?? 8443,
        '--tls-port',
      ) as number,
      cert: read(certFile, 'TLS certificate'),
      key: read(keyPem, 'TLS key'),
    };
  }

  // Issuing beyond loopback is never open.
  const hosts = [host, ...(tls ? [tls.host] : [])];
  if (issuers.length > 0 && tokens.length === 0 && hosts.some((h) => !isLoopback(h))) {
    throw new UsageError(
      `issuing on ${hosts.find((h) => !isLoopback(h))} (beyond loopback) needs an API token`,
      'Give --token-file <file> (or set OB3KIT_SERVE_TOKEN); clients send Authorization: Bearer <token>.',
    );
  }

  // Status: the series of lists (the ledger is opened last, once everything else is valid).
  const wantsStatus = issuers.some((i) => i.status);
  const flagLedger = stringOpt(values, 'ledger');
  const ledgerSpec = flagLedger ?? config.ledger;
  const series = wantsStatus || ledgerSpec !== undefined ? statusSeries(config, publicUrl) : [];

  // Verification: contexts, documents, network.
  const contexts = {
    ...(await loadContexts(
      ioAt,
      Object.entries(config.contexts ?? {}).map(([u, f]) => `${u}=${f}`),
    )),
    ...(await loadContexts(io, stringsOpt(values, 'context'))),
  };
  const documents = {
    ...(await loadDocuments(
      ioAt,
      Object.entries(config.documents ?? {}).map(([u, f]) => `${u}=${f}`),
    )),
    ...(await loadDocuments(io, stringsOpt(values, 'document'))),
  };
  const allowNetwork = values['allow-network'] === true || config.allowNetwork === true;
  const allowPrivate =
    values['allow-private-addresses'] === true || config.allowPrivateAddresses === true;
  if (allowPrivate && !allowNetwork) {
    throw new UsageError('--allow-private-addresses needs --allow-network', HELP);
  }
  const verify: NonNullable<VcApiOptions['verify']> = {
    ...(Object.keys(documents).length ? { documents } : {}),
    ...(allowNetwork
      ? { fetch: globalThis.fetch as unknown as NonNullable<VerifyOptions['fetch']> }
      : {}),
    ...(allowPrivate ? { allowPrivateAddresses: true } : {}),
  };

  const maxBodyBytes = numberOpt(
    stringOpt(values, 'max-body'),
    config.maxBodyBytes ?? 1024 * 1024,
    '--max-body',
  ) as number;
  if (maxBodyBytes < 1024) throw new UsageError('--max-body must be at least 1024 bytes');
  const rateText = stringOpt(values, 'rate-limit');
  let rateLimit: { ratePerSecond: number; burst?: number } | undefined =
    config.rateLimit === false ? undefined : (config.rateLimit ?? { ratePerSecond: 100 });
  if (rateText !== undefined) {
    const n = intOpt(rateText, '--rate-limit');
    rateLimit = n === 0 ? undefined : { ratePerSecond: n };
  }
  const logMode = stringOpt(values, 'log') ?? config.log ?? 'json';
  if (logMode !== 'json' && logMode !== 'off')
    throw new UsageError(`--log must be json or off, got '${logMode}'`);
  const log =
    logMode === 'json'
      ? (entry: Record<string, unknown>) => io.out(`${JSON.stringify(entry)}\n`)
      : () => {};

  let ledger: Ledger | undefined;
  let ledgerWhere: string | undefined;
  if (wantsStatus || ledgerSpec !== undefined) {
    const at = flagLedger !== undefined ? io : ioAt;
    const spec = ledgerSpec ?? DEFAULT_LEDGER_FILE;
    ledger = await openLedger(at, spec, series);
    ledgerWhere = spec === 'memory' ? 'memory' : ledgerLocation(at, spec);
  }
  const options: VcApiOptions = {
    issuers,
    ...(tokens.length ? { tokens } : {}),
    ...(config.tokensForVerify ? { tokensForVerify: true } : {}),
    ...(ledger ? { ledger } : {}),
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    contexts,
    verify,
    maxBodyBytes,
    ...(config.failureStatus !== undefined ? { failureStatus: config.failureStatus } : {}),
  };
  let handler: ReturnType<typeof createVcApiHandler>;
  try {
    handler = createVcApiHandler(options);
  } catch (e) {
    await ledger?.close();
    if (e instanceof TypeError)
      throw new UsageError(e.message.replace(/^createVcApiHandler(\(options\))?:\s*/, ''), HELP);
    throw e;
  }
  return {
    ledger,
    ledgerWhere,
    log,
    server: {
      handler,
      host,
      ...(port !== undefined ? { port } : {}),
      ...(tls ? { tls } : {}),
      maxBodyBytes,
      ...(rateLimit ? { rateLimit } : {}),
      log,
    },
  };
}

async function issuerFrom(
  io: Io,
  i: {
    name: string;
    keyFile: string;
    id?: string;
    suite?: string;
    format?: string;
    status?: boolean;
  },
): Promise<VcApiIssuer> {
  const key: KeyPair = await loadSigningKey(io, i.keyFile);
  if (i.suite !== undefined && !(SIGNING_SUITES as readonly string[]).includes(i.suite)) {
    throw new UsageError(
      `issuer ${i.name}: suite must be one of ${SIGNING_SUITES.join(', ')}, got '${i.suite}'`,
    );
  }
  if (i.format !== undefined && i.format !== 'di' && i.format !== 'jwt') {
    throw new UsageError(`issuer ${i.name}: format must be di or jwt, got '${i.format}'`);
  }
  return {
    name: i.name,
    key,
    ...(i.id !== undefined ? { id: i.id } : {}),
    ...(i.suite !== undefined ? { suite: i.suite as SuiteName } : {}),
    ...(i.format !== undefined ? { format: i.format as 'di' | 'jwt' } : {}),
    ...(i.status === true ? { status: true } : {}),
  };
}

function statusSeries(config: ConfigFile, publicUrl: string | undefined): StatusListSeries[] {
  const lists = config.statusLists;
  const base = publicUrl?.replace(/\/+$/, '');
  const revocation =
    lists?.revocation ?? (base ? `${base}/status-lists/revocation/{n}` : undefined);
  const suspension =
    lists?.suspension ?? (base ? `${base}/status-lists/suspension/{n}` : undefined);
  if (revocation === undefined && suspension === undefined) {
    throw new UsageError(
      'status lists need a public URL to be published at',
      'Give --public-url https://<where clients reach this service> (or statusLists in the config file).',
    );
  }
  const length = lists?.length;
  return [
    ...(revocation
      ? [{ url: revocation, purpose: 'revocation' as const, ...(length ? { length } : {}) }]
      : []),
    ...(suspension
      ? [{ url: suspension, purpose: 'suspension' as const, ...(length ? { length } : {}) }]
      : []),
  ];
}

/**
 * Open the issuance ledger: `memory` (lost when the service stops), a PostgreSQL URL, or a SQLite
 * file (created when missing), with the service's series of lists.
 */
async function openLedger(io: Io, spec: string, series: StatusListSeries[]): Promise<Ledger> {
  const store: LedgerStore =
    spec === 'memory' ? createMemoryLedgerStore() : await openLedgerStore(io, spec);
  try {
    return createLedger(store, { lists: series });
  } catch (e) {
    await store.close();
    const err = e as { code?: string; message?: string };
    if (err.code?.startsWith('ERR_LEDGER')) {
      throw new UsageError(`status lists: ${err.message} (${err.code})`);
    }
    throw e;
  }
}
