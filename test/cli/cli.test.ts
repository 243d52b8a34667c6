import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKeyPair } from '../../src/keys/index.js';
import { buildCli, cleanUp, runBin, tempDir } from './helpers.js';

let bin: string;
let dir: string;

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
});

afterAll(() => cleanUp(bin, dir));

describe('global options', () => {
  it('prints help, version, and rejects an unknown command with exit code 2', async () => {
    const help = await runBin(bin, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: ob3kit <command>/);
    expect(help.stdout).toMatch(/verify/);
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    const version = await runBin(bin, ['--version']);
    expect(version.stdout.trim()).toBe(pkg.version);
    const unknown = await runBin(bin, ['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(unknown.stderr).toMatch(/ob3kit --help/);
  });

  it('shows per-command help and rejects unknown options', async () => {
    const help = await runBin(bin, ['verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--document <url>=<file>/);
    const bad = await runBin(bin, ['verify', 'x.json', '--frob']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--frob'/);
    expect(bad.stderr).toMatch(/ob3kit verify --help/);
  });
});

describe('keygen', () => {
  it('writes an Ed25519 did:key Multikey file with mode 0600 that the library imports', async () => {
    const r = await runBin(bin, ['keygen', '-o', 'key.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/DID: did:key:z6Mk/);
    const file = path.join(dir, 'key.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json._warning).toMatch(/PRIVATE KEY/);
    const { _warning, ...rest } = json;
    const key = importKeyPair(rest);
    expect(key.type).toBe('Ed25519');
    expect(key.hasSecretKey).toBe(true);
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    // Not overwritten without --force.
    const again = await runBin(bin, ['keygen', '-o', 'key.json'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(again.stderr).toMatch(/--force/);
  });

  it('makes did:web P-256 keys with their DID document', async () => {
    const r = await runBin(
      bin,
      [
        'keygen',
        '--type',
        'p256',
        '--did',
        'web:badges.example.edu',
        '-o',
        'p.json',
        '--did-document',
        'did.json',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(dir, 'did.json'), 'utf8'));
    expect(doc.id).toBe('did:web:badges.example.edu');
    expect(doc.assertionMethod).toEqual(['did:web:badges.example.edu#key-1']);
    const { _warning, ...rest } = JSON.parse(readFileSync(path.join(dir, 'p.json'), 'utf8'));
    const key = importKeyPair(rest);
    expect(key.type).toBe('P-256');
    expect(doc.verificationMethod[0].publicKeyMultibase).toBe(key.publicKeyMultibase);
  });

  it('rejects a bad type and a bad did with exit code 2', async () => {
    const t = await runBin(bin, ['keygen', '--type', 'dsa'], { cwd: dir });
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--type must be ed25519, p256 or rsa, got 'dsa'/);
    const d = await runBin(bin, ['keygen', '--did', 'web:'], { cwd: dir });
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--did web:<host> needs a host name/);
  });
});

describe('verify: bad input', () => {
  it('names a missing file (exit 2) and reports a non-JSON file as invalid (exit 1)', async () => {
    const missing = await runBin(bin, ['verify', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read credential 'nope.json': no such file/);
    writeFileSync(path.join(dir, 'bad.json'), '{"a": ');
    const bad = await runBin(bin, ['verify', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/\[FAIL\] parse/);
    const json = await runBin(bin, ['verify', '-', '--json'], { cwd: dir, input: '{"a": ' });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).verdict).toBe('invalid');
  });

  it('colours the report only when asked to and NO_COLOR is unset', async () => {
    const plain = await runBin(bin, ['verify', 'bad.json'], { cwd: dir });
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = await runBin(bin, ['verify', 'bad.json'], {
      cwd: dir,
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(coloured.stdout).toContain('\u001b[31m[FAIL]\u001b[39m parse');
  });

  it('rejects a malformed --document and --now with exit code 2', async () => {
    const d = await runBin(bin, ['verify', 'bad.json', '--document', 'nourl'], { cwd: dir });
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--document 'nourl' is not <url>=<file>/);
    const n = await runBin(bin, ['verify', 'bad.json', '--now', 'soon'], { cwd: dir });
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/--now must be an ISO 8601 date-time/);
  });
});
