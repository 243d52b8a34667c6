/**
 * `ob3kit verify`: the exit code tells the truth (0 accepted, 1 invalid, 2 usage or input error,
 * 3 not fully checked), the policies, several inputs and patterns, NDJSON, and messages in the
 * command line's language. Credentials are signed here with real keys; reports are checked
 * against the library's own `verify()` on the same input.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliMessage } from '../../src/cli/render.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { buildCli, cleanUp, type RunResult, runBin, tempDir, unsigned } from './helpers.js';

let bin: string;
let dir: string;
const LIST = 'https://example.edu/status/1';
let doc: string[];

async function issuerKey(): Promise<{ did: string; keyPair: KeyPair }> {
  return createDidKey(await generateKeyPair());
}

function write(name: string, value: unknown): void {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

const cli = (args: string[], input?: string): Promise<RunResult> =>
  runBin(bin, args, { cwd: dir, ...(input !== undefined ? { input } : {}) });

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  const { did, keyPair } = await issuerKey();
  const list = createStatusList({ purpose: 'revocation' });
  setStatus(list, 5, true);
  const listCredential = await signCredential(
    await createStatusListCredential({ id: LIST, issuer: did, list }),
    { key: keyPair },
  );
  write('status-list.json', listCredential);
  doc = ['--document', `${LIST}=status-list.json`];
  const badge = (index: number, edit?: (c: Record<string, unknown>) => void) => {
    const c = unsigned(did, {
      credentialStatus: createStatusEntry({
        statusListCredential: LIST,
        index,
        purpose: 'revocation',
      }),
    });
    edit?.(c);
    return signCredential(c, { key: keyPair, validate: false });
  };
  write('badges/good.json', await badge(3));
  write('badges/revoked.json', await badge(5));
  // Signed as a real issuer would: its subject names no one (neither id nor identifier).
  write(
    'badges/unnamed.json',
    await badge(4, (c) => {
      const subject = c.credentialSubject as Record<string, unknown>;
      delete subject.id;
      subject.name = 'Taylor Tuna';
    }),
  );
  const tampered = JSON.parse(readFileSync(path.join(dir, 'badges/good.json'), 'utf8'));
  tampered.name = 'Changed after signing';
  write('tampered.json', tampered);
  write('empty.json', '  \n');
  copyFileSync(
    path.resolve(__dirname, '../../fixtures/images/baked-compressed.png'),
    path.join(dir, 'compressed.png'),
  );
});

afterAll(() => cleanUp(bin, dir));

describe('verify: the exit code', () => {
  it('0 accepted: authentic, in force, fully checked', async () => {
    const r = await cli(['verify', 'badges/good.json', ...doc]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Authentic: +yes/);
    expect(r.stdout).toMatch(/In force: +yes/);
    expect(r.stdout).toMatch(/Fully checked: +yes/);
    expect(r.stdout).toContain('Result: accepted (exit 0)');
  });

  it('3 not fully checked: the status list could not be checked (offline), in the CLI’s words', async () => {
    const r = await cli(['verify', 'badges/good.json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/In force: +unknown/);
    expect(r.stdout).toContain('could not be checked (offline)');
    expect(r.stdout).not.toContain('does not verify');
    expect(r.stdout).toContain(`--document ${LIST}=<file>`);
    expect(r.stdout).toContain('--allow-network');
    // The library's option names are not what a person types.
    expect(r.stdout).not.toMatch(/options\.(fetch|documents)|no fetch was allowed/);
  });

  it('1 invalid: revoked (with the list), tampered; a revoked badge is never accepted offline either', async () => {
    const revoked = await cli(['verify', 'badges/revoked.json', ...doc]);
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toMatch(/In force: +NO: .*revoked/);
    const offline = await cli(['verify', 'badges/revoked.json']);
    expect(offline.code).toBe(3);
    const tampered = await cli(['verify', 'tampered.json', ...doc]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/Authentic: +NO/);
  });

  it('--policy and --fail-on: conformance findings are warnings by default, errors on request', async () => {
    const trusting = await cli(['verify', 'badges/unnamed.json', ...doc, '--json']);
    expect(trusting.code).toBe(0);
    const report = JSON.parse(trusting.stdout);
    expect(report.reportVersion).toBe(2);
    expect(report.policy).toBe('default');
    expect(report.verdict).toBe('warning');
    expect(report.answers.conformant.value).toBe('no');
    expect(
      report.checks.find((c: { code?: string }) => c.code === 'subject_unidentified'),
    ).toMatchObject({ outcome: 'warn', category: 'conformance', fixBy: 'issuer' });
    const strict = await cli(['verify', 'badges/unnamed.json', ...doc, '--policy', 'conformance']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('policy: conformance');
    const failOn = await cli(['verify', 'badges/unnamed.json', ...doc, '--fail-on', 'warning']);
    expect(failOn.code).toBe(1);
    const bad = await cli(['verify', 'badges/good.json', '--policy', 'lenient']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--policy must be default or conformance/);
    const badFail = await cli(['verify', 'badges/good.json', '--fail-on', 'error']);
    expect(badFail.code).toBe(2);
  });

  it('2 input error: an empty input says it is empty', async () => {
    const file = await cli(['verify', 'empty.json']);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/'empty.json' is empty: there is no credential to verify/);
    const stdin = await cli(['verify', '-'], '');
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/standard input is empty/);
  });

  it('--help documents the exit codes and the policies', async () => {
    const help = await cli(['verify', '--help']);
    expect(help.code).toBe(0);
    for (const text of [
      '0 accepted',
      '1 invalid',
      '2 usage or input error',
      '3 not fully checked',
      '--policy',
      '--fail-on',
      '--ndjson',
      '--allow-private-addresses',
      '--context',
    ]) {
      expect(help.stdout).toContain(text);
    }
  });
});

describe('verify: several inputs', () => {
  it('files and a quoted pattern; the exit code is the first of 1, 2, 3 that applies to any', async () => {
    const all = await cli(['verify', 'badges/*.json', ...doc]);
    expect(all.stdout).toContain('== badges/good.json');
    expect(all.stdout).toContain('== badges/revoked.json');
    expect(all.stdout).toContain('== badges/unnamed.json');
    expect(all.stdout).toMatch(/3 inputs: 2 accepted, 1 invalid, 0 not fully checked/);
    expect(all.code).toBe(1);
    const unchecked = await cli(['verify', 'badges/good.json', 'badges/unnamed.json']);
    expect(unchecked.code).toBe(3);
    const missing = await cli(['verify', 'badges/good.json', 'nope.json', ...doc]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope.json/);
    expect(missing.stdout).toContain('== badges/good.json');
    const none = await cli(['verify', 'nothing/*.json']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no file matches 'nothing\/\*\.json'/);
  });

  it('--ndjson writes one versioned report a line, each with its file; --json an array', async () => {
    const r = await cli(['verify', 'badges/*.json', ...doc, '--ndjson', '--policy', 'conformance']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const reports = lines.map((l) => JSON.parse(l));
    expect(reports.map((x) => x.file)).toEqual([
      'badges/good.json',
      'badges/revoked.json',
      'badges/unnamed.json',
    ]);
    expect(reports.map((x) => [x.reportVersion, x.policy, x.verdict])).toEqual([
      [2, 'conformance', 'valid'],
      [2, 'conformance', 'invalid'],
      [2, 'conformance', 'invalid'],
    ]);
    expect(r.code).toBe(1);
    const json = await cli(['verify', 'badges/good.json', 'badges/revoked.json', ...doc, '--json']);
    const array = JSON.parse(json.stdout);
    expect(array.map((x: { file: string; verdict: string }) => [x.file, x.verdict])).toEqual([
      ['badges/good.json', 'valid'],
      ['badges/revoked.json', 'invalid'],
    ]);
    const both = await cli(['verify', 'badges/good.json', '--json', '--ndjson']);
    expect(both.code).toBe(2);
  });
});

describe('verify: options and messages', () => {
  it('a URL says how to fetch it; --allow-private-addresses needs --allow-network', async () => {
    const url = await cli(['verify', 'https://badges.example.org/assertions/1']);
    expect(url.stderr).toMatch(/fetched only with --allow-network/);
    expect(url.stderr).toContain('--document https://badges.example.org/assertions/1=<file>');
    expect(url.code).toBe(3);
    const priv = await cli(['verify', 'badges/good.json', '--allow-private-addresses']);
    expect(priv.code).toBe(2);
    expect(priv.stderr).toMatch(/--allow-private-addresses needs --allow-network/);
  });

  it('a compressed PNG text chunk is explained in plain words', async () => {
    const r = await cli(['verify', 'compressed.png']);
    expect(r.stdout).toMatch(
      /iTXt chunk \(the text chunk of a PNG in which a badge image carries its credential\)/,
    );
  });

  it('--context gives a context the credential uses; a malformed one is a usage error', async () => {
    write('ctx.json', { '@context': { extra: 'https://example.org/vocab#extra' } });
    const ok = await cli([
      'verify',
      'badges/good.json',
      ...doc,
      '--context',
      'https://example.org/ctx=ctx.json',
    ]);
    expect(ok.code).toBe(0);
    const bad = await cli(['verify', 'badges/good.json', '--context', 'nourl']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--context 'nourl' is not <url>=<file>/);
  });

  it('library option names become the flags that do the same', () => {
    expect(
      cliMessage('x is needed and no fetch was given (pass it in documents, or pass fetch)'),
    ).toBe(
      'x is needed and no fetch was given (give it with --document <url>=<file>, or pass --allow-network)',
    );
    expect(cliMessage('past limits.maxFetches (64)')).toBe('past the maxFetches limit (64)');
  });
});
