/** The command line with Open Badges 2.0: verify (JSON, image, URL), unbake, upgrade. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCredential } from '../../src/schema/index.js';
import { itxtData, makePng } from '../bake/helpers.js';
import { fixture } from '../ob2/helpers.js';
import { buildCli, cleanUp, runBin, tempDir } from './helpers.js';

let bin: string;
let dir: string;
const URL = 'https://example.org/beths-robotics-badge.json';
const file = (name: string): string => path.join(dir, name);
/** The badge objects, served from files with --document. */
const DOCS = [
  '--document',
  `${URL}=assertion.json`,
  '--document',
  'https://example.org/robotics-badge.json=badgeclass.json',
  '--document',
  'https://example.org/organization.json=issuer.json',
];
const IN_2017 = ['--now', '2017-01-15T00:00:00Z'];

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  writeFileSync(file('assertion.json'), JSON.stringify(fixture('spec/assertion-hosted.json')));
  writeFileSync(file('badgeclass.json'), JSON.stringify(fixture('spec/badgeclass.json')));
  writeFileSync(file('issuer.json'), JSON.stringify(fixture('spec/issuer.json')));
  writeFileSync(
    file('baked.png'),
    makePng({ before: [{ type: 'iTXt', data: itxtData('openbadges', URL) }] }),
  );
});

afterAll(() => cleanUp(bin, dir));

describe('ob3kit with Open Badges 2.0', () => {
  it('verify: the assertion JSON, a baked PNG and the hosted URL', async () => {
    for (const input of ['assertion.json', 'baked.png', URL]) {
      const r = await runBin(bin, ['verify', input, '--json', ...DOCS, ...IN_2017], { cwd: dir });
      expect(r.code, `${input}: ${r.stderr}`).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.verdict, input).toBe('valid');
      expect(report.ob2.badgeClass.name).toBe('Awesome Robotics Badge');
    }
    const expired = await runBin(
      bin,
      ['verify', 'assertion.json', ...DOCS, '--now', '2018-01-01T00:00:00Z'],
      { cwd: dir },
    );
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain('expired');
  });

  it('unbake: prints what is baked and says what to do with it', async () => {
    const r = await runBin(bin, ['unbake', 'baked.png'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(URL);
    expect(r.stderr).toMatch(/Open Badges 2\.0 assertion \(hosted at .*'ob3kit upgrade'/);
  });

  it('upgrade: writes an unsigned Open Badges 3.0 credential that validates', async () => {
    const r = await runBin(
      bin,
      ['upgrade', 'baked.png', '-o', 'upgraded.json', ...DOCS, ...IN_2017],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    const credential = JSON.parse(readFileSync(file('upgraded.json'), 'utf8'));
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.evidence.at(-1).id).toBe(URL);
    expect(validateCredential(credential).ok).toBe(true);
  });

  it('upgrade: refuses what does not verify (exit 1, with the report), unless --force', async () => {
    const r = await runBin(bin, ['upgrade', 'assertion.json', ...IN_2017], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ob2_hosted_unchecked_offline');
    expect(r.stderr).toContain('--force');
    const expired = await runBin(
      bin,
      ['upgrade', 'assertion.json', ...DOCS, '--now', '2018-01-01T00:00:00Z', '--force'],
      { cwd: dir },
    );
    expect(expired.code, expired.stderr).toBe(0);
    expect(JSON.parse(expired.stdout).validUntil).toBe('2017-06-30T23:59:59Z');
    expect(expired.stderr).toContain('expired');
  });
});
