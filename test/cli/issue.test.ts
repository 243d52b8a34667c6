import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoBadgePng } from '../../src/cli/badge-art.js';
import { exportKeyPair, importKeyPair } from '../../src/keys/index.js';
import { verify } from '../../src/verify/index.js';
import {
  buildCli,
  cleanUp,
  firstProof,
  isGoodReport,
  runBin,
  tempDir,
  unsigned,
} from './helpers.js';
import { referenceVerify } from './reference.js';

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
});

afterAll(() => cleanUp(bin, dir));

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
    expect(firstProof(signed).cryptosuite).toBe('eddsa-rdfc-2022');
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

  it('takes --key as a bare Multikey { id, controller, publicKeyMultibase, secretKeyMultibase } or a JWK', async () => {
    const { _warning, type: _type, ...bare } = readJson('key.json');
    writeFileSync(file('bare.json'), JSON.stringify(bare));
    const m = await runBin(bin, ['issue', 'unsigned.json', '--key', 'bare.json'], { cwd: dir });
    expect(m.code).toBe(0);
    expect(isGoodReport(await verify(JSON.parse(m.stdout)))).toBe(true);
    // A private JWK without an id signs as its did:key, the same DID as the Multikey.
    const jwk = exportKeyPair(importKeyPair(bare), { format: 'jwk', includeSecret: true });
    expect(jwk.d).toBeTypeOf('string');
    writeFileSync(file('key.jwk.json'), JSON.stringify(jwk));
    const j = await runBin(bin, ['issue', 'unsigned.json', '--key', 'key.jwk.json'], { cwd: dir });
    expect(j.code).toBe(0);
    const signed = JSON.parse(j.stdout);
    expect(firstProof(signed).verificationMethod).toBe(bare.id);
    expect(isGoodReport(await verify(signed))).toBe(true);
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
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr).toBe(
      [
        `ob3kit issue: error: the key in 'key.json' is not the issuer of 'stdin': the key ${did}#${did.slice(8)} belongs to ${did}, not to the issuer https://example.com/issuers/876543; verifiers would reject the signature`,
        `  Use the issuer's key, make the issuer ${did}, or pass --no-check-issuer to sign anyway.`,
        '',
      ].join('\n'),
    );
    const forced = await runBin(bin, ['issue', '-', '--key', 'key.json', '--no-check-issuer'], {
      cwd: dir,
      input: JSON.stringify(unsigned('https://example.com/issuers/876543')),
    });
    expect(forced.code).toBe(0);
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

describe('issue refuses what verifiers would reject', () => {
  it('fills a missing id and validFrom, says so, and the result verifies', async () => {
    const template = unsigned(did);
    delete template.id;
    delete template.validFrom;
    writeFileSync(file('template-only.json'), JSON.stringify(template));
    const r = await runBin(
      bin,
      ['issue', 'template-only.json', '--key', 'key.json', '-o', 'filled.json'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const signed = readJson('filled.json');
    expect(signed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(Date.parse(signed.validFrom)).toBeGreaterThan(Date.now() - 60_000);
    expect(r.stderr).toBe(
      [
        `ob3kit issue: note: 'template-only.json' has no id; set it to ${signed.id}`,
        `ob3kit issue: note: 'template-only.json' has no validFrom; set it to ${signed.validFrom}`,
        '',
      ].join('\n'),
    );
    expect(isGoodReport(await verify(signed))).toBe(true);
  });

  it('lists every issue of an invalid credential with its file and path; --no-validate signs it', async () => {
    const bad = unsigned(did, {
      validFrom: 'Sun, 26 Feb 2023 01:22:14 +0000',
      evidence: [{ id: 'https://example.com/evidence/1' }],
    });
    delete (bad.credentialSubject as Record<string, unknown>).achievement;
    writeFileSync(file('bad.json'), JSON.stringify(bad));
    const r = await runBin(bin, ['issue', 'bad.json', '--key', 'key.json', '-o', 'x.json'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(existsSync(file('x.json'))).toBe(false);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^ob3kit issue: error: 'bad.json' is not a valid credential \(\d+ issues\); nothing was signed$/,
    );
    expect(lines).toContain(
      '  bad.json $.validFrom: validFrom must be an XML Schema dateTimeStamp with a time zone (2024-01-31T09:00:00Z), found "Sun, 26 Feb 2023 01:22:14 +0000" (date_invalid)',
    );
    expect(lines).toContain(
      '  bad.json $.evidence[0]: Each evidence entry must have a type (entry_type_missing)',
    );
    expect(lines).toContain(
      '  bad.json $.credentialSubject: credentialSubject.achievement is required (subject_achievement_missing)',
    );
    expect(lines.at(-1)).toBe('  Fix them, or pass --no-validate to sign it anyway.');
    const forced = await runBin(
      bin,
      ['issue', 'bad.json', '--key', 'key.json', '--no-validate', '-o', 'x.json'],
      { cwd: dir },
    );
    expect(forced.code).toBe(0);
    expect(existsSync(file('x.json'))).toBe(true);
  });

  it('refuses a template without issuer, for JWTs too', async () => {
    const noIssuer = unsigned(did);
    delete noIssuer.issuer;
    for (const format of ['di', 'jwt']) {
      const r = await runBin(bin, ['issue', '-', '--key', 'key.json', '--format', format], {
        cwd: dir,
        input: JSON.stringify(noIssuer),
      });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        '  stdin $: A verifiable credential must have an issuer (issuer_missing)',
      );
    }
  });
});

describe('issue with P-256 and RSA keys', () => {
  it('signs ecdsa-rdfc-2019 with a P-256 key and a JWT with an RSA key; refuses RSA Data Integrity', async () => {
    expect(
      (await runBin(bin, ['keygen', '--type', 'p256', '-o', 'p256.json'], { cwd: dir })).code,
    ).toBe(0);
    const p256 = readJson('p256.json');
    const ec = await runBin(
      bin,
      ['issue', '-', '--key', 'p256.json', '--created', '2024-05-06T07:08:09Z'],
      {
        cwd: dir,
        input: JSON.stringify(unsigned(p256.controller)),
      },
    );
    expect(ec.code).toBe(0);
    const signed = JSON.parse(ec.stdout);
    expect(firstProof(signed).cryptosuite).toBe('ecdsa-rdfc-2019');
    expect(firstProof(signed).created).toBe('2024-05-06T07:08:09Z');
    expect(isGoodReport(await verify(signed))).toBe(true);

    expect(
      (await runBin(bin, ['keygen', '--type', 'rsa', '-o', 'rsa.json'], { cwd: dir })).code,
    ).toBe(0);
    const rsa = readJson('rsa.json');
    const di = await runBin(bin, ['issue', '-', '--key', 'rsa.json'], {
      cwd: dir,
      input: JSON.stringify(unsigned(rsa.controller)),
    });
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

  it('refuses a key that is not the template issuer, before the first row', async () => {
    writeFileSync(
      file('foreign.json'),
      JSON.stringify(unsigned('did:web:someone-else.example', { name: 'For {{name}}' })),
    );
    const args = ['issue', '--batch', 'recipients.csv', '--key', 'key.json', '--out', 'b4'];
    const r = await runBin(bin, [...args, '--template', 'foreign.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `ob3kit issue: error: the key in 'key.json' is not the issuer of the template 'foreign.json': the key ${did}#${did.slice(8)} belongs to ${did}, not to the issuer did:web:someone-else.example; every credential of the batch would fail verification; nothing was issued`,
    );
    expect(existsSync(file('b4'))).toBe(false);
  });

  it('reports each invalid row with every issue located, and issues the others', async () => {
    const template = unsigned(did, { validUntil: '{{until}}' });
    delete template.id;
    writeFileSync(file('t-until.json'), JSON.stringify(template));
    writeFileSync(file('until.csv'), 'name,until\nAda,2030-01-01T00:00:00Z\nBob,next year\n');
    const r = await runBin(
      bin,
      [
        'issue',
        '--batch',
        'until.csv',
        '--template',
        't-until.json',
        '--key',
        'key.json',
        '--out',
        'b5',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Issued 1 of 2/);
    expect(r.stdout).toContain(
      '  line 3 $.validUntil: validUntil must be an XML Schema dateTimeStamp with a time zone (2024-01-31T09:00:00Z), found "next year" (date_invalid)',
    );
    expect(readdirSync(file('b5'))).toEqual(['0002-ada.json']);
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
