/**
 * `ob3kit pathway check`, `ob3kit pathway issue` and `ob3kit clr build` as subprocesses: badges
 * issued with `ob3kit issue`, progress after each, the stacked credential and its CLR verified by
 * `ob3kit verify` and the library, and bad input.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { verify } from '../../src/verify/index.js';
import { buildCli, runBin, tempDir } from './helpers.js';

let bin: string;
let dir: string;
let issuer: string;
const SQL = 'https://example.edu/achievements/sql';
const STATS = 'https://example.edu/achievements/statistics';
const VIS = 'https://example.edu/achievements/visualisation';

function write(name: string, value: unknown): void {
  writeFileSync(
    path.join(dir, name),
    typeof value === 'string' ? value : JSON.stringify(value, null, 2),
  );
}

function unsigned(achievement: string, name: string, learner = 'did:example:ada') {
  return createOpenBadgeCredential({
    issuer: { id: issuer, name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    name,
    credentialSubject: {
      id: learner,
      achievement: {
        id: achievement,
        name,
        description: `${name} course.`,
        criteria: { narrative: 'Pass.' },
      },
    },
  });
}

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  expect((await runBin(bin, ['keygen', '-o', 'key.json'], { cwd: dir })).code).toBe(0);
  issuer = JSON.parse(readFileSync(path.join(dir, 'key.json'), 'utf8')).controller;
  const badges: Array<[string, string, string, string?]> = [
    ['sql', SQL, 'SQL'],
    ['stats', STATS, 'Statistics'],
    ['vis', VIS, 'Visualisation'],
    ['grace', SQL, 'SQL', 'did:example:grace'],
  ];
  for (const [file, id, name, learner] of badges) {
    write(`${file}-unsigned.json`, unsigned(id, name, learner));
    const r = await runBin(
      bin,
      ['issue', `${file}-unsigned.json`, '--key', 'key.json', '-o', `${file}.json`],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
  }
  write('pathway.json', {
    type: 'Pathway',
    formatVersion: 1,
    id: 'https://example.edu/pathways/data-analyst',
    name: 'Data Analyst',
    issuers: [issuer],
    destination: {
      id: 'https://example.edu/achievements/data-analyst',
      name: 'Data Analyst Certificate',
      description: 'Holds the three data badges.',
    },
    requirement: {
      all: [
        { achievement: { id: SQL } },
        { achievement: { id: STATS } },
        { achievement: { id: VIS } },
      ],
    },
  });
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(path.dirname(bin), { recursive: true, force: true });
});

describe('ob3kit pathway check', () => {
  it('shows progress after each badge; exit 1 until met, then 0', async () => {
    const one = await runBin(bin, ['pathway', 'check', 'pathway.json', 'sql.json'], { cwd: dir });
    expect(one.code).toBe(1);
    expect(one.stdout).toContain('Data Analyst');
    expect(one.stdout).toMatch(/░/);
    expect(one.stdout).toContain('33%');
    expect(one.stdout).toContain('✓ SQL');
    expect(one.stdout).toContain('← sql.json (SQL,');
    expect(one.stdout).toContain('Still needed');
    expect(one.stdout).toContain(`a credential for ${STATS}`);
    expect(one.stdout.includes('\u001b[')).toBe(false); // NO_COLOR
    const two = await runBin(bin, ['pathway', 'check', 'pathway.json', 'sql.json', 'stats.json'], {
      cwd: dir,
    });
    expect(two.code).toBe(1);
    expect(two.stdout).toContain('66%');
    const all = await runBin(
      bin,
      ['pathway', 'check', 'pathway.json', 'sql.json', 'stats.json', 'vis.json'],
      { cwd: dir },
    );
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('100%');
    expect(all.stdout).toContain('MET');
    expect(all.stdout).not.toContain('Still needed');
  });

  it('prints the evaluation as JSON with --json, and colour only when forced', async () => {
    const r = await runBin(bin, ['pathway', 'check', 'pathway.json', 'sql.json', '--json'], {
      cwd: dir,
    });
    const e = JSON.parse(r.stdout);
    expect(e.progress).toMatchObject({ required: 3, achieved: 1, unit: 'requirements' });
    expect(e.credentials[0]).toMatchObject({ counts: true, achievementId: SQL });
    const coloured = await runBin(bin, ['pathway', 'check', 'pathway.json', 'sql.json'], {
      cwd: dir,
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(coloured.stdout.includes('\u001b[32m')).toBe(true);
  });

  it('refuses to mix learners (exit 2) unless --learner names one', async () => {
    const mixed = await runBin(
      bin,
      ['pathway', 'check', 'pathway.json', 'sql.json', 'grace.json'],
      { cwd: dir },
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('different learners');
    expect(mixed.stderr).toContain('--learner');
    const ada = await runBin(
      bin,
      [
        'pathway',
        'check',
        'pathway.json',
        'sql.json',
        'grace.json',
        '--learner',
        'did:example:ada',
      ],
      { cwd: dir },
    );
    expect(ada.code).toBe(1);
    expect(ada.stdout).toContain('other_learner');
  });

  it('names what is wrong with a bad pathway, a missing file, or a badge that is not JSON', async () => {
    write('bad-pathway.json', {
      type: 'Pathway',
      formatVersion: 1,
      id: 'x',
      name: 'X',
      requirement: { any: [] },
    });
    const bad = await runBin(bin, ['pathway', 'check', 'bad-pathway.json', 'sql.json'], {
      cwd: dir,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('$.id');
    expect(bad.stderr).toContain('$.requirement.any');
    write('not-json.json', '{ nope');
    const notJson = await runBin(bin, ['pathway', 'check', 'not-json.json'], { cwd: dir });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not valid JSON at line 1/);
    const missing = await runBin(bin, ['pathway', 'check', 'pathway.json', 'nope.json'], {
      cwd: dir,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("'nope.json': no such file");
    // A broken badge is reported in the view, not a crash.
    write('garbage.json', '{"type": "VerifiableCredential"}');
    const garbage = await runBin(bin, ['pathway', 'check', 'pathway.json', 'garbage.json'], {
      cwd: dir,
    });
    expect(garbage.code).toBe(1);
    expect(garbage.stdout).toContain('not_a_badge');
  });
});

describe('ob3kit pathway issue and clr build', () => {
  it('issues the stacked credential and a CLR of its parts; both verify', async () => {
    const r = await runBin(
      bin,
      [
        'pathway',
        'issue',
        'pathway.json',
        'sql.json',
        'stats.json',
        'vis.json',
        '--key',
        'key.json',
        '--issuer-name',
        'Example University',
        '-o',
        'stacked.json',
        '--clr',
        'record.json',
      ],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const stacked = JSON.parse(readFileSync(path.join(dir, 'stacked.json'), 'utf8'));
    expect(stacked.credentialSubject.achievement.id).toBe(
      'https://example.edu/achievements/data-analyst',
    );
    expect(stacked.evidence).toHaveLength(3);
    expect((await verify(stacked)).verdict).toBe('valid');
    const v = await runBin(bin, ['verify', 'record.json'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('Verdict: VALID');
    expect(v.stdout).toContain('Bundled credential 4: VALID');
  });

  it('issues nothing when the pathway is not met (exit 1), and refuses --clr with JWT (exit 2)', async () => {
    const r = await runBin(
      bin,
      ['pathway', 'issue', 'pathway.json', 'sql.json', '--key', 'key.json', '-o', 'nothing.json'],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not met; nothing was issued');
    expect(() => readFileSync(path.join(dir, 'nothing.json'))).toThrow();
    const jwt = await runBin(
      bin,
      [
        'pathway',
        'issue',
        'pathway.json',
        'sql.json',
        'stats.json',
        'vis.json',
        '--key',
        'key.json',
        '--format',
        'jwt',
        '--clr',
        'r.json',
      ],
      { cwd: dir },
    );
    expect(jwt.code).toBe(2);
    const noKey = await runBin(bin, ['pathway', 'issue', 'pathway.json', 'sql.json'], { cwd: dir });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--key');
  });

  it('clr build bundles signed credentials of one learner into a signed record', async () => {
    const r = await runBin(
      bin,
      [
        'clr',
        'build',
        'sql.json',
        'stats.json',
        '--key',
        'key.json',
        '--name',
        'Transcript',
        '-o',
        'transcript.json',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const report = await verify(
      JSON.parse(readFileSync(path.join(dir, 'transcript.json'), 'utf8')),
    );
    expect(report.verdict).toBe('valid');
    expect(report.credentials).toHaveLength(2);
    const mixed = await runBin(
      bin,
      ['clr', 'build', 'sql.json', 'grace.json', '--key', 'key.json', '--name', 'T'],
      { cwd: dir },
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('same learner');
    const unsignedInput = await runBin(
      bin,
      ['clr', 'build', 'sql-unsigned.json', '--key', 'key.json', '--name', 'T'],
      { cwd: dir },
    );
    expect(unsignedInput.code).toBe(2);
    expect(unsignedInput.stderr).toContain('no embedded proof');
  });
});
