/**
 * `ob3kit serve` on the issuance ledger: SQLite by default (status survives a restart) and
 * PostgreSQL by URL (two services on one database see each other's changes). Real processes,
 * real HTTP; the lists are read back through the service and checked by `verify()`.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFileJson } from '../../src/cli/keyfile.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { verify } from '../../src/verify/index.js';
import { buildCli, cleanUp, tempDir } from '../cli/helpers.js';
import { type PgCluster, postgresUnavailable, startPostgres } from '../ledger/pg-cluster.js';

const PUBLIC = 'https://issuer.example';
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies
type Json = Record<string, any>;

let bin: string;
let dir: string;

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  const key = createDidKey(await generateKeyPair()).keyPair;
  writeFileSync(path.join(dir, 'key.json'), JSON.stringify(keyFileJson(key, 'multikey')));
});
afterAll(() => cleanUp(bin, dir));

/** Start `ob3kit serve`; resolves with its URL and a stop function (SIGTERM, exit code). */
async function serve(args: string[]) {
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--key', 'key.json', '--status', '--public-url', PUBLIC, '--port', '0', ...args],
    { cwd: dir },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      const m = /listening on (\S+)/.exec(err);
      if (m) resolve(m[1] as string);
    });
    exited.then(() => reject(new Error(err)));
  });
  return {
    url,
    out: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  credentialSubject: { id: 'did:example:alice', name: 'Alice' },
};

async function issue(url: string): Promise<Json> {
  const r = await fetch(`${url}/credentials/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credential }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as Json).verifiableCredential;
}

async function setStatus(url: string, id: string, purpose: string, status: boolean) {
  const r = await fetch(`${url}/credentials/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      credentialId: id,
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: purpose },
      status,
    }),
  });
  return r.status;
}

/** verify() with the lists read through the service. */
async function verdict(url: string, vc: Json) {
  const documents: Json = {};
  for (const entry of vc.credentialStatus as Json[]) {
    const r = await fetch(`${url}${new URL(entry.statusListCredential).pathname}`);
    expect(r.status).toBe(200);
    documents[entry.statusListCredential] = await r.json();
  }
  const report = await verify(vc, { documents });
  return report.checks.filter((c) => c.id === 'status').map((c) => c.code ?? c.outcome);
}

describe('SQLite (the default ledger)', () => {
  it('keeps issued entries and status in ob3kit-ledger.sqlite across a restart', async () => {
    const a = await serve([]);
    expect(existsSync(path.join(dir, 'ob3kit-ledger.sqlite'))).toBe(true);
    expect(JSON.parse(a.out().split('\n')[0] as string).ledger).toBe(
      path.join(dir, 'ob3kit-ledger.sqlite'),
    );
    const vc = await issue(a.url);
    expect(await verdict(a.url, vc)).toEqual(['pass', 'pass']);
    expect(await setStatus(a.url, vc.id, 'revocation', true)).toBe(200);
    expect(await a.stop()).toBe(0);

    const b = await serve([]);
    expect(await verdict(b.url, vc)).toContain('status_revoked');
    // The same credential id is never issued twice.
    const again = await fetch(`${b.url}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: { ...credential, id: vc.id } }),
    });
    expect(again.status).toBe(409);
    expect(
      await setStatus(b.url, 'urn:uuid:00000000-0000-4000-8000-000000000000', 'revocation', true),
    ).toBe(404);
    expect(await b.stop()).toBe(0);
  });
});

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`\n*** SKIPPING the PostgreSQL serve test: ${unavailable} ***\n`);

describe.skipIf(unavailable !== undefined)('PostgreSQL (by URL)', () => {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('two services on one database see each other’s issuances and status changes', async () => {
    const db = await (cluster as PgCluster).createDatabase('serve_two');
    const a = await serve(['--ledger', db]);
    const b = await serve(['--ledger', db]);
    try {
      expect(JSON.parse(a.out().split('\n')[0] as string).ledger).not.toMatch(/:[^:@/]+@/);
      const vc = await issue(a.url);
      expect(await verdict(b.url, vc)).toEqual(['pass', 'pass']);
      expect(await setStatus(b.url, vc.id, 'suspension', true)).toBe(200);
      // A's signed copy of the list is made again because its bits changed.
      expect(await verdict(a.url, vc)).toContain('status_suspended');
      expect(await setStatus(a.url, vc.id, 'suspension', false)).toBe(200);
      expect(await verdict(b.url, vc)).toEqual(['pass', 'pass']);
      const other = await issue(b.url);
      const [ea, eb] = [vc.credentialStatus[0], other.credentialStatus[0]];
      expect(
        ea.statusListCredential === eb.statusListCredential &&
          ea.statusListIndex === eb.statusListIndex,
      ).toBe(false);
    } finally {
      expect(await a.stop()).toBe(0);
      expect(await b.stop()).toBe(0);
    }
  });
});
