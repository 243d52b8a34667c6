import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unbakeBadge } from '../../src/bake/index.js';
import { createDemoBadgePng, createDemoBadgeSvg } from '../../src/cli/png.js';
import { verify } from '../../src/verify/index.js';
import { buildCli, isGoodReport, runBin, tempDir } from './helpers.js';
import { referenceVerify } from './reference.js';

let bin: string;
let dir: string;
let did: string;

/** An unsigned credential modelled on the spec's basic OpenBadgeCredential example. */
function unsigned(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'http://example.com/credentials/3527',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Example Corp' },
    validFrom: '2010-01-01T00:00:00Z',
    name: 'Teamwork Badge',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.com/achievements/21st-century-skills/teamwork',
        type: ['Achievement'],
        criteria: { narrative: 'Team members are nominated for this badge by their peers.' },
        description: 'This badge recognizes the capacity to collaborate within a group.',
        name: 'Teamwork',
      },
    },
    ...extra,
  };
}

const file = (name: string): string => path.join(dir, name);
const readJson = (name: string) => JSON.parse(readFileSync(file(name), 'utf8'));

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  const k = await runBin(bin, ['keygen', '-o', 'key.json'], { cwd: dir });
  expect(k.code).toBe(0);
  did = readJson('key.json').controller;
  writeFileSync(file('unsigned.json'), JSON.stringify(unsigned(did), null, 2));
});

afterAll(() => {
  rmSync(path.dirname(bin), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('issue', () => {
  it('signs with a Data Integrity proof that the library verifies as valid', async () => {
    const r = await runBin(
      bin,
      ['issue', 'unsigned.json', '--key', 'key.json', '-o', 'signed.json'],
      {
        cwd: dir,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const signed = readJson('signed.json');
    expect(signed.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const report = await verify(signed);
    expect(isGoodReport(report), JSON.stringify(report.checks)).toBe(true);
    // The reference stack (@digitalbazaar/vc + eddsa-rdfc-2022) agrees.
    const reference = await referenceVerify(signed, readJson('key.json'));
    expect(reference.error).toBeUndefined();
    expect(reference.verified).toBe(true);
    // And the CLI agrees.
    const v = await runBin(bin, ['verify', 'signed.json'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/Verdict: (VALID|WARNING)/);
    expect(v.stdout).toMatch(/\[PASS\] proof/);
  });

  it('signs a JWT from standard input', async () => {
    const r = await runBin(bin, ['issue', '-', '--key', 'key.json', '--format', 'jwt'], {
      cwd: dir,
      input: JSON.stringify(unsigned(did)),
    });
    expect(r.code).toBe(0);
    const jwt = r.stdout.trim();
    expect(jwt.split('.')).toHaveLength(3);
    const report = await verify(jwt);
    expect(report.format).toBe('jwt');
    expect(isGoodReport(report), JSON.stringify(report.checks)).toBe(true);
  });

  it('reports a tampered credential as invalid with exit code 1', async () => {
    const signed = readJson('signed.json');
    signed.name = 'Forged Badge';
    writeFileSync(file('tampered.json'), JSON.stringify(signed));
    expect((await referenceVerify(signed, readJson('key.json'))).verified).toBe(false);
    const v = await runBin(bin, ['verify', 'tampered.json', '--json'], { cwd: dir });
    expect(v.code).toBe(1);
    const report = JSON.parse(v.stdout);
    expect(report.verdict).toBe('invalid');
    expect(report.checks.find((c: { id: string }) => c.id === 'proof').outcome).toBe('fail');
  });

  it('rejects bad input with exit code 2 and says what to do', async () => {
    const missingKey = await runBin(bin, ['issue', 'unsigned.json'], { cwd: dir });
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toMatch(/missing --key/);
    const noFile = await runBin(bin, ['issue', 'nope.json', '--key', 'key.json'], { cwd: dir });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/no such file/);
    writeFileSync(file('broken.json'), '{\n  "@context": [,]\n}');
    const badJson = await runBin(bin, ['issue', 'broken.json', '--key', 'key.json'], { cwd: dir });
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(
      /credential 'broken.json' is not valid JSON at line 2, column 16: unexpected ","/,
    );
    writeFileSync(file('notakey.json'), JSON.stringify({ hello: 'world' }));
    const badKey = await runBin(bin, ['issue', 'unsigned.json', '--key', 'notakey.json'], {
      cwd: dir,
    });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/key file 'notakey.json' is not a usable key/);
    expect(badKey.stderr).toMatch(/ob3kit keygen/);
    const { secretKeyMultibase: _s, ...pub } = readJson('key.json');
    writeFileSync(file('public.json'), JSON.stringify(pub));
    const pubKey = await runBin(bin, ['issue', 'unsigned.json', '--key', 'public.json'], {
      cwd: dir,
    });
    expect(pubKey.code).toBe(2);
    expect(pubKey.stderr).toMatch(/only a public key/);
    const other = await runBin(bin, ['issue', '-', '--key', 'key.json'], {
      cwd: dir,
      input: JSON.stringify(unsigned('https://example.com/issuers/876543')),
    });
    expect(other.code).toBe(0);
    expect(other.stderr).toMatch(
      /warning: the issuer 'https:\/\/example.com\/issuers\/876543' is not the key's controller/,
    );
    const fmt = await runBin(
      bin,
      ['issue', 'unsigned.json', '--key', 'key.json', '--format', 'x'],
      {
        cwd: dir,
      },
    );
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toMatch(/--format must be di/);
  });
});

describe('issue with P-256 and RSA keys', () => {
  it('signs ecdsa-rdfc-2019 with a P-256 key and a JWT with an RSA key; refuses RSA Data Integrity', async () => {
    expect(
      (await runBin(bin, ['keygen', '--type', 'p256', '-o', 'p256.json'], { cwd: dir })).code,
    ).toBe(0);
    const p256 = readJson('p256.json');
    const ec = await runBin(bin, ['issue', '-', '--key', 'p256.json'], {
      cwd: dir,
      input: JSON.stringify(unsigned(p256.controller)),
    });
    expect(ec.code).toBe(0);
    const signed = JSON.parse(ec.stdout);
    expect(signed.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
    expect(isGoodReport(await verify(signed))).toBe(true);

    expect(
      (await runBin(bin, ['keygen', '--type', 'rsa', '-o', 'rsa.json'], { cwd: dir })).code,
    ).toBe(0);
    const rsa = readJson('rsa.json');
    const di = await runBin(bin, ['issue', 'unsigned.json', '--key', 'rsa.json'], { cwd: dir });
    expect(di.code).toBe(2);
    expect(di.stderr).toMatch(
      /RSA keys have no Data Integrity suite; sign a JWT with --format jwt/,
    );
    const jwt = await runBin(bin, ['issue', '-', '--key', 'rsa.json', '--format', 'jwt'], {
      cwd: dir,
      input: JSON.stringify(unsigned(rsa.controller)),
    });
    expect(jwt.code).toBe(0);
    const report = await verify(jwt.stdout.trim());
    expect(isGoodReport(report), JSON.stringify(report.checks)).toBe(true);
  });
});

describe('issue with a did:web key', () => {
  it('verifies with the DID document given as --document, and is unchecked without it', async () => {
    const did = 'did:web:badges.example.edu';
    const k = await runBin(
      bin,
      [
        'keygen',
        '--did',
        `web:badges.example.edu`,
        '-o',
        'web.json',
        '--did-document',
        'web-did.json',
      ],
      { cwd: dir },
    );
    expect(k.code).toBe(0);
    const i = await runBin(bin, ['issue', '-', '--key', 'web.json', '-o', 'web-signed.json'], {
      cwd: dir,
      input: JSON.stringify(unsigned(did)),
    });
    expect(i.code).toBe(0);
    const online = await runBin(
      bin,
      ['verify', 'web-signed.json', '--json', '--document', `${did}=web-did.json`],
      { cwd: dir },
    );
    expect(online.code).toBe(0);
    expect(isGoodReport(JSON.parse(online.stdout))).toBe(true);
    const offline = await runBin(bin, ['verify', 'web-signed.json', '--json'], { cwd: dir });
    const proof = JSON.parse(offline.stdout).checks.find((c: { id: string }) => c.id === 'proof');
    expect(proof.outcome).not.toBe('pass');
  });
});

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
    const v = await runBin(bin, ['validate', 'baked.png', '--lenient'], { cwd: dir });
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

describe('issue --batch', () => {
  it('issues and bakes one credential per good row, reporting bad rows by line number', async () => {
    const template = unsigned(did);
    delete template.id;
    template.name = 'Teamwork Badge for {{name}}';
    delete (template.credentialSubject as Record<string, unknown>).id;
    writeFileSync(file('template.json'), JSON.stringify(template));
    writeFileSync(
      file('recipients.csv'),
      [
        'name,email,id',
        '"Lovelace, Ada",ada@example.com,did:example:ada',
        'Grace Hopper,grace@example.com,did:example:grace',
        'Too,Many,Fields,Here',
        '"Jane ""JD"" Doe",jane@example.com,',
        '',
      ].join('\r\n'),
    );
    writeFileSync(file('plain.png'), createDemoBadgePng());
    const r = await runBin(
      bin,
      [
        'issue',
        '--batch',
        'recipients.csv',
        '--template',
        'template.json',
        '--key',
        'key.json',
        '--out',
        'batch',
        '--bake',
        'plain.png',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 4: error: expected 3 field\(s\)/);
    expect(r.stdout).toMatch(/Issued 3 of 4/);
    expect(r.stdout).toMatch(/line 4:/);
    const files = readdirSync(file('batch')).sort();
    expect(files).toEqual([
      '0002-lovelace-ada.json',
      '0002-lovelace-ada.png',
      '0003-grace-hopper.json',
      '0003-grace-hopper.png',
      '0005-jane-jd-doe.json',
      '0005-jane-jd-doe.png',
    ]);
    const ada = JSON.parse(readFileSync(path.join(dir, 'batch', '0002-lovelace-ada.json'), 'utf8'));
    expect(ada.name).toBe('Teamwork Badge for Lovelace, Ada');
    expect(ada.credentialSubject.id).toBe('did:example:ada');
    const jane = JSON.parse(readFileSync(path.join(dir, 'batch', '0005-jane-jd-doe.json'), 'utf8'));
    expect(jane.name).toBe('Teamwork Badge for Jane "JD" Doe');
    expect(jane.credentialSubject.identifier.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, 'batch', f)));
      const input = f.endsWith('.json') ? JSON.parse(new TextDecoder().decode(bytes)) : bytes;
      expect(isGoodReport(await verify(input)), f).toBe(true);
    }
  });

  it('refuses a CSV without rows or with a duplicated column, before issuing', async () => {
    writeFileSync(file('empty.csv'), 'name,email\n');
    const base = ['issue', '--template', 'template.json', '--key', 'key.json', '--out', 'b3'];
    const empty = await runBin(bin, [...base, '--batch', 'empty.csv'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/has a header but no rows/);
    writeFileSync(file('dup.csv'), 'name,name\na,b\n');
    const dup = await runBin(bin, [...base, '--batch', 'dup.csv'], { cwd: dir });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/the header names 'name' twice/);
    expect(existsSync(file('b3'))).toBe(false);
  });

  it('stops before issuing when the template uses a column the CSV lacks', async () => {
    writeFileSync(file('t2.json'), JSON.stringify(unsigned(did, { name: 'For {{fullname}}' })));
    const r = await runBin(
      bin,
      [
        'issue',
        '--batch',
        'recipients.csv',
        '--template',
        't2.json',
        '--key',
        'key.json',
        '--out',
        'b2',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\{\{fullname\}\} but the CSV has no such column/);
    expect(existsSync(file('b2'))).toBe(false);
  });
});
