import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unbakeBadge } from '../../src/bake/index.js';
import { createDemoBadgePng, createDemoBadgeSvg } from '../../src/cli/badge-art.js';
import { bakeClr } from '../../src/clr/index.js';
import { verify } from '../../src/verify/index.js';
import { buildCli, cleanUp, isGoodReport, runBin, tempDir, unsigned } from './helpers.js';

let bin: string;
let dir: string;
let did: string;

const file = (name: string): string => path.join(dir, name);
const readJson = (name: string) => JSON.parse(readFileSync(file(name), 'utf8'));

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  const k = await runBin(bin, ['keygen', '-o', 'key.json'], { cwd: dir });
  expect(k.code).toBe(0);
  did = readJson('key.json').controller;
  writeFileSync(file('unsigned.json'), JSON.stringify(unsigned(did), null, 2));
  const i = await runBin(
    bin,
    ['issue', 'unsigned.json', '--key', 'key.json', '-o', 'signed.json'],
    {
      cwd: dir,
    },
  );
  expect(i.code).toBe(0);
});

afterAll(() => cleanUp(bin, dir));

describe('bake and unbake', () => {
  it('bakes into a PNG that unbakes to the same credential and verifies', async () => {
    writeFileSync(file('plain.png'), createDemoBadgePng());
    const b = await runBin(bin, ['bake', 'plain.png', 'signed.json', '-o', 'baked.png'], {
      cwd: dir,
    });
    expect(b.code).toBe(0);
    const baked = new Uint8Array(readFileSync(file('baked.png')));
    expect(unbakeBadge(baked).credential).toEqual(readJson('signed.json'));
    const u = await runBin(bin, ['unbake', 'baked.png'], { cwd: dir });
    expect(u.code).toBe(0);
    expect(JSON.parse(u.stdout)).toEqual(readJson('signed.json'));
    expect(isGoodReport(await verify(baked))).toBe(true);
    const v = await runBin(bin, ['validate', 'baked.png'], { cwd: dir });
    expect(v.stdout).toMatch(/valid/);
    expect(v.code).toBe(0);
  });

  it('bakes a JWT into an SVG', async () => {
    const jwt = await runBin(
      bin,
      ['issue', 'unsigned.json', '--key', 'key.json', '--format', 'jwt', '-o', 'c.jwt'],
      {
        cwd: dir,
      },
    );
    expect(jwt.code).toBe(0);
    writeFileSync(file('plain.svg'), createDemoBadgeSvg());
    const b = await runBin(bin, ['bake', 'plain.svg', 'c.jwt', '-o', 'baked.svg'], { cwd: dir });
    expect(b.code).toBe(0);
    const u = await runBin(bin, ['unbake', 'baked.svg'], { cwd: dir });
    expect(u.stdout.trim()).toBe(readFileSync(file('c.jwt'), 'utf8').trim());
    const report = await verify(readFileSync(file('baked.svg'), 'utf8'));
    expect(report.format).toBe('svg');
    expect(isGoodReport(report)).toBe(true);
  });

  it('unbake prints a CLR 2.0 record baked with bakeClr, with a note; bake refuses a record', async () => {
    const c = await runBin(
      bin,
      [
        'clr',
        'build',
        'signed.json',
        '--key',
        'key.json',
        '--name',
        'Transcript',
        '-o',
        'record.json',
      ],
      { cwd: dir },
    );
    expect(c.code).toBe(0);
    writeFileSync(file('record.png'), bakeClr(createDemoBadgePng(), readJson('record.json')));
    const u = await runBin(bin, ['unbake', 'record.png'], { cwd: dir });
    expect(u.code).toBe(0);
    expect(JSON.parse(u.stdout)).toEqual(readJson('record.json'));
    expect(u.stderr).toMatch(/holds a CLR 2\.0 record \(json\)/);
    writeFileSync(file('plain-r.png'), createDemoBadgePng());
    const b = await runBin(bin, ['bake', 'plain-r.png', 'record.json', '-o', 'r.png'], {
      cwd: dir,
    });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/ERR_BAKE_PAYLOAD/);
    expect(existsSync(file('r.png'))).toBe(false);
  });

  it('rejects an image that is neither PNG nor SVG, a missing -o, and an unbaked image', async () => {
    writeFileSync(file('not-an-image.txt'), 'hello');
    const b = await runBin(bin, ['bake', 'not-an-image.txt', 'signed.json', '-o', 'x.png'], {
      cwd: dir,
    });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/\(ERR_[A-Z_]+\)/);
    const o = await runBin(bin, ['bake', 'plain.png', 'signed.json'], { cwd: dir });
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/missing --output/);
    const u = await runBin(bin, ['unbake', 'plain.png'], { cwd: dir });
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/\(ERR_[A-Z_]+\)/);
  });
});

describe('bake refuses unsigned credentials', () => {
  it('an unsigned JSON credential or JWT is refused unless --force', async () => {
    writeFileSync(file('plain.png'), createDemoBadgePng());
    const r = await runBin(bin, ['bake', 'plain.png', 'unsigned.json', '-o', 'u.png'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        "ob3kit bake: error: 'unsigned.json' is not signed (it has no proof); a baked badge must carry a signed credential",
        "  Sign it first with 'ob3kit issue', or pass --force to bake it anyway.",
        '',
      ].join('\n'),
    );
    expect(existsSync(file('u.png'))).toBe(false);
    const stripped = { ...readJson('signed.json') };
    stripped.proof = [{ ...stripped.proof[0], proofValue: undefined }];
    writeFileSync(file('no-value.json'), JSON.stringify(stripped));
    const noValue = await runBin(bin, ['bake', 'plain.png', 'no-value.json', '-o', 'u.png'], {
      cwd: dir,
    });
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toMatch(/is not signed \(its proof holds no signature\)/);
    writeFileSync(file('unsecured.jwt'), 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.');
    const jwt = await runBin(bin, ['bake', 'plain.png', 'unsecured.jwt', '-o', 'u.png'], {
      cwd: dir,
    });
    expect(jwt.code).toBe(2);
    expect(jwt.stderr).toMatch(/is not signed \(a JWT without a signature\)/);
    const forced = await runBin(
      bin,
      ['bake', 'plain.png', 'unsigned.json', '-o', 'u.png', '--force'],
      { cwd: dir },
    );
    expect(forced.code).toBe(0);
    expect(unbakeBadge(new Uint8Array(readFileSync(file('u.png')))).credential).toEqual(
      readJson('unsigned.json'),
    );
  });
});

describe('validate', () => {
  it('accepts the spec example and lists located issues for a broken one', async () => {
    const ok = await runBin(bin, ['validate', 'unsigned.json'], { cwd: dir });
    expect(ok.code).toBe(0);
    const broken = unsigned(did);
    delete (broken.credentialSubject as Record<string, unknown>).achievement;
    writeFileSync(file('invalid.json'), JSON.stringify(broken));
    const bad = await runBin(bin, ['validate', 'invalid.json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/\$\.credentialSubject/);
    const missing = await runBin(bin, ['validate', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
  });
});

describe('status lists', () => {
  const url = 'https://example.edu/status/1';
  it('creates a list, points a credential at it, revokes it and checks it', async () => {
    const c = await runBin(
      bin,
      ['status', 'create', '--id', url, '--key', 'key.json', '-o', 'list.json'],
      { cwd: dir },
    );
    expect(c.code).toBe(0);
    expect(readJson('list.json').id).toBe(url);
    const i = await runBin(
      bin,
      [
        'issue',
        'unsigned.json',
        '--key',
        'key.json',
        '--status-list',
        'list.json',
        '--index',
        '7',
        '-o',
        's7.json',
      ],
      { cwd: dir },
    );
    expect(i.code).toBe(0);
    const docArg = `${url}=list.json`;
    const before = await runBin(bin, ['status', 'check', 's7.json', '--document', docArg], {
      cwd: dir,
    });
    expect(before.code).toBe(0);
    const s = await runBin(
      bin,
      ['status', 'set', 'list.json', '--index', '7', '--key', 'key.json'],
      {
        cwd: dir,
      },
    );
    expect(s.code).toBe(0);
    const after = await runBin(bin, ['status', 'check', 's7.json', '--document', docArg], {
      cwd: dir,
    });
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/\$\.credentialStatus: revoked \(status_revoked\)/);
    expect(before.stdout).toMatch(/\$\.credentialStatus: not revoked/);
    // Without the list the status cannot be checked: not a pass.
    const offline = await runBin(bin, ['status', 'check', 's7.json'], { cwd: dir });
    expect(offline.code).toBe(1);
    expect(offline.stdout).toMatch(/unknown \(status_unchecked_offline\)/);
    const report = await verify(readJson('s7.json'), {
      documents: { [url]: readJson('list.json') },
    });
    expect(report.verdict).toBe('invalid');
    expect(report.checks.find((x) => x.id === 'status')?.outcome).toBe('fail');
    // Clearing the entry (and writing elsewhere) reinstates it.
    const clear = await runBin(
      bin,
      [
        'status',
        'set',
        'list.json',
        '--index',
        '7',
        '--value',
        'false',
        '--key',
        'key.json',
        '-o',
        'list2.json',
      ],
      { cwd: dir },
    );
    expect(clear.code).toBe(0);
    const again = await runBin(
      bin,
      ['status', 'check', 's7.json', '--document', `${url}=list2.json`],
      {
        cwd: dir,
      },
    );
    expect(again.code).toBe(0);
  });

  it("status set refuses a key that is not the list's issuer, and leaves the list alone", async () => {
    const k = await runBin(bin, ['keygen', '-o', 'other-key.json'], { cwd: dir });
    expect(k.code).toBe(0);
    const before = readFileSync(file('list.json'), 'utf8');
    const r = await runBin(
      bin,
      ['status', 'set', 'list.json', '--index', '3', '--key', 'other-key.json'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    const other = readJson('other-key.json').controller;
    expect(r.stderr).toBe(
      [
        `ob3kit status set: error: the key in 'other-key.json' is not the issuer of the status list 'list.json' (${url}): the key ${other}#${other.slice(8)} belongs to ${other}, not to the issuer ${did}; the re-signed list would fail its issuer check, and with it the status of every credential that uses it; nothing was changed`,
        "  Use the key the list was issued with ('ob3kit status create' wrote it with that key).",
        '',
      ].join('\n'),
    );
    expect(readFileSync(file('list.json'), 'utf8')).toBe(before);
  });

  it('rejects a bad index and an unknown subcommand', async () => {
    const s = await runBin(
      bin,
      ['status', 'set', 'list.json', '--index', 'x', '--key', 'key.json'],
      {
        cwd: dir,
      },
    );
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--index must be a whole number/);
    const u = await runBin(bin, ['status', 'frob'], { cwd: dir });
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/unknown subcommand 'frob'/);
  });
});
