import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { verify } from '../../src/verify/index.js';
import {
  buildCli,
  cleanUp,
  commandLines,
  installBin,
  isGoodReport,
  runBin,
  runShellLine,
  tempDir,
} from './helpers.js';
import { referenceVerify } from './reference.js';

let bin: string;
let dir: string;
/** What the first run of the demo printed. */
let printed = '';

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
});

afterAll(() => cleanUp(bin, dir));

describe('ob3kit demo', () => {
  it('writes the files, and its badges re-verify independently through the library', async () => {
    const r = await runBin(bin, ['demo', '--out', 'out'], { cwd: dir });
    printed = r.stdout;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = path.join(dir, 'out');
    expect(r.stdout).toContain(out);
    expect(r.stdout).toMatch(/Demo passed/);
    for (const f of [
      'issuer-key.json',
      'credential.json',
      'badge.png',
      'badge.svg',
      'revoked-credential.json',
      'status-list.json',
    ]) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    expect(statSync(path.join(out, 'issuer-key.json')).mode & 0o777).toBe(0o600);

    const list = JSON.parse(readFileSync(path.join(out, 'status-list.json'), 'utf8'));
    const documents = { [list.id]: list };
    const png = new Uint8Array(readFileSync(path.join(out, 'badge.png')));
    const good = await verify(png, { documents });
    expect(good.format).toBe('png');
    expect(good.verdict, JSON.stringify(good.checks)).toBe('valid');
    expect(isGoodReport(good)).toBe(true);
    expect(good.checks.find((c) => c.id === 'status')?.outcome).toBe('pass');
    const svg = readFileSync(path.join(out, 'badge.svg'), 'utf8');
    const goodSvg = await verify(svg, { documents });
    expect(goodSvg.format).toBe('svg');
    expect(goodSvg.verdict).toBe('valid');
    expect(isGoodReport(goodSvg)).toBe(true);
    expect(goodSvg.checks.find((c) => c.id === 'status')?.outcome).toBe('pass');

    // The signature also verifies with the reference stack (@digitalbazaar/vc, eddsa-rdfc-2022).
    const key = JSON.parse(readFileSync(path.join(out, 'issuer-key.json'), 'utf8'));
    const credential = JSON.parse(readFileSync(path.join(out, 'credential.json'), 'utf8'));
    const reference = await referenceVerify(credential, key);
    expect(reference.error).toBeUndefined();
    expect(reference.verified).toBe(true);
    expect((await referenceVerify(list, key)).verified).toBe(true);

    const revoked = JSON.parse(readFileSync(path.join(out, 'revoked-credential.json'), 'utf8'));
    const bad = await verify(revoked, { documents });
    expect(bad.verdict).toBe('invalid');
    const status = bad.checks.find((c) => c.id === 'status');
    expect(status?.outcome).toBe('fail');
    expect(status?.code).toMatch(/^[a-z_]+$/);
    // Only the status check fails: the revoked credential is otherwise genuine.
    expect(bad.checks.filter((c) => c.outcome === 'fail').map((c) => c.id)).toEqual(['status']);
  });

  it('verifies the demo badge through the CLI with a local status list and a recipient', async () => {
    const out = path.join(dir, 'out');
    const list = JSON.parse(readFileSync(path.join(out, 'status-list.json'), 'utf8'));
    const args = ['verify', 'out/badge.png', '--document', `${list.id}=out/status-list.json`];
    const ok = await runBin(bin, [...args, '--recipient', 'ada@example.com', '--json'], {
      cwd: dir,
    });
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    const outcome = (id: string) =>
      report.checks.find((c: { id: string; outcome: string }) => c.id === id)?.outcome;
    expect(outcome('status')).toBe('pass');
    expect(outcome('recipient')).toBe('pass');
    const wrong = await runBin(bin, [...args, '--recipient', 'eve@example.com', '--json'], {
      cwd: dir,
    });
    expect(
      JSON.parse(wrong.stdout).checks.find((c: { id: string }) => c.id === 'recipient').outcome,
    ).toBe('fail');
    expect(wrong.code).toBe(1);
    const revoked = await runBin(
      bin,
      ['verify', 'out/revoked-credential.json', '--document', `${list.id}=out/status-list.json`],
      { cwd: dir },
    );
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toMatch(/\[FAIL\] status \(status_revoked\)/);
  });

  it('prints next steps that each run as printed, with the exit code they document', async () => {
    installBin(dir, bin);
    const steps = commandLines(printed.slice(printed.indexOf('Next')));
    expect(steps.map((s) => s.line.split('  #')[0])).toEqual([
      `npx ob3kit verify out/badge.png --document https://ob3kit.example/status/1=out/status-list.json`,
      `npx ob3kit verify out/revoked-credential.json --document https://ob3kit.example/status/1=out/status-list.json`,
      'npx ob3kit init my-badges',
    ]);
    expect(steps.map((s) => s.exitCode)).toEqual([0, 1, 0]);
    for (const { line, exitCode } of steps) {
      const r = await runShellLine(line, dir);
      expect(r.code, `${line}\n${r.stdout}\n${r.stderr}`).toBe(exitCode);
    }
    expect(existsSync(path.join(dir, 'my-badges', 'issuer-key.json'))).toBe(true);
  });

  it('quotes a folder name the shell would split', async () => {
    const r = await runBin(bin, ['demo', '--out', "it's here"], { cwd: dir });
    expect(r.code).toBe(0);
    const step = commandLines(r.stdout.slice(r.stdout.indexOf('Next')))[0];
    expect(step?.line).toMatch(/^npx ob3kit verify 'it'\\''s here\/badge\.png' /);
    expect((await runShellLine(step?.line ?? '', dir)).code).toBe(0);
  });

  it('verifies a presentation of the demo credential with its challenge and domain', async () => {
    const out = path.join(dir, 'out');
    const credential = JSON.parse(readFileSync(path.join(out, 'credential.json'), 'utf8'));
    const { did, keyPair } = createDidKey(await generateKeyPair());
    const vp = await signPresentation(
      createPresentation({ holder: did, credentials: [credential] }),
      {
        key: keyPair,
        challenge: 'n-0S6_WzA2Mj',
        domain: 'https://verifier.example',
      },
    );
    writeFileSync(path.join(dir, 'vp.json'), JSON.stringify(vp));
    const list = JSON.parse(readFileSync(path.join(out, 'status-list.json'), 'utf8'));
    const args = ['verify', 'vp.json', '--json', '--domain', 'https://verifier.example'];
    const withList = [...args, '--document', `${list.id}=out/status-list.json`];
    const ok = await runBin(bin, [...withList, '--challenge', 'n-0S6_WzA2Mj'], { cwd: dir });
    const report = JSON.parse(ok.stdout);
    expect(report.format).toBe('presentation');
    expect(report.credentials).toHaveLength(1);
    expect(report.answers.fullyChecked.value).toBe('yes');
    expect(ok.code).toBe(0);
    // Without the status list the credential's status could not be checked: not accepted (3).
    const unchecked = await runBin(bin, [...args, '--challenge', 'n-0S6_WzA2Mj'], { cwd: dir });
    expect(JSON.parse(unchecked.stdout).answers.inForce.value).toBe('unknown');
    expect(unchecked.code).toBe(3);
    const replay = await runBin(bin, [...args, '--challenge', 'another-nonce'], { cwd: dir });
    expect(replay.code).toBe(1);
    expect(JSON.parse(replay.stdout).verdict).toBe('invalid');
  });

  it('refuses an --out that is a file, with exit code 2', async () => {
    const r = await runBin(bin, ['demo', '--out', 'out/badge.png'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot create the folder/);
  });
});
