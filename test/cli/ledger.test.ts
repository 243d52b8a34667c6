/**
 * `issue --batch --status-list` with the issuance ledger, `revoke` and `status publish`, run as the
 * real bin in subprocesses: the whole path from key to published list, reruns, and bad input.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoBadgePng } from '../../src/cli/badge-art.js';
import { createLedger } from '../../src/ledger/index.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite.js';
import { verify } from '../../src/verify/index.js';
import { buildCli, cleanUp, isGoodReport, runBin, tempDir, unsigned } from './helpers.js';
import { referenceVerify } from './reference.js';

let bin: string;
let dir: string;
let did: string;
const file = (name: string): string => path.join(dir, name);
const readJson = (name: string) => JSON.parse(readFileSync(file(name), 'utf8'));
const cli = (args: string[]) => runBin(bin, args, { cwd: dir });
const LIST = 'https://example.edu/status/{n}';

/**
 * A plain VC 2.0 credential (not an Open Badge): it may carry a revocation and a suspension
 * entry (Open Badges 3.0 allows one credentialStatus).
 */
function plainCredential(issuer: string, name = 'Ada Lovelace'): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer,
    validFrom: '2010-01-01T00:00:00Z',
    name: `Membership of ${name}`,
    credentialSubject: { name },
  };
}

const REVOCATION_AND_SUSPENSION = JSON.stringify({
  lists: [
    { url: 'https://example.edu/status/r/{n}', purpose: 'revocation' },
    { url: 'https://example.edu/status/s/{n}', purpose: 'suspension' },
  ],
});

function manifest(name: string): Array<Record<string, string>> {
  const [head, ...rows] = readFileSync(file(name), 'utf8').trim().split('\n');
  const cols = (head as string).split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(file(folder)))
    out[f] = readFileSync(path.join(file(folder), f), 'latin1');
  return out;
}

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  expect((await cli(['keygen', '-o', 'key.json'])).code).toBe(0);
  did = readJson('key.json').controller;
  const template = unsigned(did, { name: 'Teamwork Badge for {{name}}' });
  delete template.id;
  delete (template.credentialSubject as Record<string, unknown>).id;
  writeFileSync(file('template.json'), JSON.stringify(template));
  writeFileSync(
    file('recipients.csv'),
    'name,email,id\nAda Lovelace,ada@example.com,did:example:ada\nGrace Hopper,grace@example.com,\nAda Again,ada@example.com,\n',
  );
  writeFileSync(file('badge.png'), createDemoBadgePng());
});
afterAll(() => cleanUp(bin, dir));

const batch = (out: string, extra: string[] = []) =>
  cli([
    'issue',
    '--batch',
    'recipients.csv',
    '--template',
    'template.json',
    '--key',
    'key.json',
    '--out',
    out,
    ...extra,
  ]);

describe('issue --batch --status-list', () => {
  it('allocates entries, records every credential, writes a manifest; the credentials verify', async () => {
    const r = await batch('badges', ['--status-list', LIST, '--bake', 'badge.png']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Issued 3 of 3/);
    expect(r.stdout).toContain(`Ledger: ${file('ob3kit-ledger.sqlite')}`);
    const rows = manifest('badges/manifest.csv');
    expect(rows.map((m) => [m.row, m.file, m.image, m.recipient])).toEqual([
      ['2', '0002-ada-lovelace.json', '0002-ada-lovelace.png', 'ada@example.com'],
      ['3', '0003-grace-hopper.json', '0003-grace-hopper.png', 'grace@example.com'],
      ['4', '0004-ada-again.json', '0004-ada-again.png', 'ada@example.com'],
    ]);
    // The ledger and the manifest name recipients: owner only.
    const { statSync } = await import('node:fs');
    expect(statSync(file('ob3kit-ledger.sqlite')).mode & 0o777).toBe(0o600);
    expect(statSync(file('badges/manifest.csv')).mode & 0o777).toBe(0o600);
    const ledger = createLedger(await openSqliteLedgerStore(file('ob3kit-ledger.sqlite')));
    try {
      const records = await ledger.find();
      expect(records).toHaveLength(3);
      for (const m of rows) {
        const signed = readJson(`badges/${m.file}`);
        const rec = records.find((x) => x.credentialId === signed.id);
        expect(m.credential_id).toBe(signed.id);
        expect(rec).toMatchObject({ state: 'issued', row: Number(m.row), output: m.file });
        expect(rec?.status[0]?.index).toBe(Number(m.revocation_index));
        expect(signed.credentialStatus).toEqual({
          id: `https://example.edu/status/1#${m.revocation_index}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: m.revocation_index,
          statusListCredential: 'https://example.edu/status/1',
        });
        expect(rec?.achievement).toBe(
          'https://example.com/achievements/21st-century-skills/teamwork',
        );
      }
      expect(records[0]?.subjectId).toBe('did:example:ada');
    } finally {
      await ledger.close();
    }
    const ada = readJson('badges/0002-ada-lovelace.json');
    const reference = await referenceVerify(ada, readJson('key.json'));
    expect(reference.error).toBeUndefined();
    expect(reference.verified).toBe(true);
    const png = new Uint8Array(readFileSync(file('badges/0003-grace-hopper.png')));
    const report = await verify(png);
    expect(isGoodReport(report), JSON.stringify(report.checks)).toBe(true);
  });

  it('skips the rows already issued on a rerun, and issues only a new row', async () => {
    const before = snapshot('badges');
    const r = await batch('badges', ['--status-list', LIST, '--bake', 'badge.png']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 row\(s\) were already issued: skipped/);
    expect(r.stdout).toMatch(/Issued 0 of 0/);
    const after = snapshot('badges');
    expect(after).toEqual(before);
    writeFileSync(
      file('recipients.csv'),
      `${readFileSync(file('recipients.csv'), 'utf8')}Alan Turing,alan@example.com,\n`,
    );
    const more = await batch('badges', ['--status-list', LIST, '--bake', 'badge.png']);
    expect(more.code).toBe(0);
    expect(more.stdout).toMatch(/Issued 1 of 1/);
    const rows = manifest('badges/manifest.csv');
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((m) => m.revocation_index)).size).toBe(4);
    for (const f of Object.keys(before).filter((f) => f !== 'manifest.csv')) {
      expect(readFileSync(path.join(file('badges'), f), 'latin1')).toBe(before[f]);
    }
  });

  it('revokes by id and by recipient, publishes the list, and verifiers see it', async () => {
    const rows = manifest('badges/manifest.csv');
    const grace = rows.find((m) => m.recipient === 'grace@example.com') as Record<string, string>;
    const r1 = await cli([
      'revoke',
      grace.credential_id as string,
      '--ledger',
      'ob3kit-ledger.sqlite',
    ]);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toContain(`${grace.credential_id}: revoked (entry ${grace.revocation_index}`);
    expect(r1.stderr).toMatch(/Publish the lists again/);
    const again = await cli(['revoke', grace.credential_id as string]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already revoked/);
    const r2 = await cli([
      'revoke',
      '--recipient',
      'ada@example.com',
      '--json',
      '--reason',
      'test',
    ]);
    expect(r2.code).toBe(0);
    const changes = JSON.parse(r2.stdout).changes;
    expect(changes.map((c: { credentialId: string }) => c.credentialId).sort()).toEqual(
      rows
        .filter((m) => m.recipient === 'ada@example.com')
        .map((m) => m.credential_id)
        .sort(),
    );
    const pub = await cli(['status', 'publish', '--key', 'key.json', '--out', 'public']);
    expect(pub.stderr).toMatch(/Signed 1 list/);
    expect(pub.code).toBe(0);
    const listFile = 'public/example.edu/status/1';
    expect(pub.stdout).toContain(
      `${listFile} -> https://example.edu/status/1 (revocation; 4 issued, 3 set)`,
    );
    const doc = `https://example.edu/status/1=${listFile}`;
    const revoked = await cli(['status', 'check', `badges/${grace.file}`, '--document', doc]);
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toMatch(/revoked/);
    const alan = rows.find((m) => m.recipient === 'alan@example.com') as Record<string, string>;
    const ok = await cli(['verify', `badges/${alan.file}`, '--document', doc]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\[PASS\] status/);
    // Publishing again replaces the earlier version of the list.
    expect((await cli(['status', 'publish', '--key', 'key.json', '--out', 'public'])).code).toBe(0);
  });

  it('keeps a suspension series from a configuration file; suspend and unsuspend', async () => {
    writeFileSync(file('lists.json'), REVOCATION_AND_SUSPENSION);
    // Two entries a credential: a plain VC 2.0 credential (an Open Badge may have one), and no
    // email or name column (the batch would add Open Badges identifiers to its subject).
    writeFileSync(file('plain.json'), JSON.stringify(plainCredential(did, '{{member}}')));
    writeFileSync(
      file('members.csv'),
      'member,id\nAda Lovelace,did:example:ada\nGrace Hopper,did:example:grace\n',
    );
    const r = await cli([
      'issue',
      '--batch',
      'members.csv',
      '--template',
      'plain.json',
      '--key',
      'key.json',
      '--out',
      'susp',
      '--status-list',
      'lists.json',
      '--ledger',
      'susp.sqlite',
    ]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const rows = manifest('susp/manifest.csv');
    expect(Object.keys(rows[0] as object)).toEqual([
      'row',
      'file',
      'credential_id',
      'recipient',
      'revocation_list',
      'revocation_index',
      'suspension_list',
      'suspension_index',
    ]);
    const grace = rows[1] as Record<string, string>;
    const signed = readJson(`susp/${grace.file}`);
    expect(signed.credentialStatus.map((s: { statusPurpose: string }) => s.statusPurpose)).toEqual([
      'revocation',
      'suspension',
    ]);
    const ledgerOpt = ['--ledger', 'susp.sqlite'];
    expect(
      (await cli(['revoke', grace.credential_id as string, '--suspend', ...ledgerOpt])).code,
    ).toBe(0);
    const pub = ['status', 'publish', '--key', 'key.json', '--out', 'pub2', ...ledgerOpt];
    expect((await cli(pub)).code).toBe(0);
    const docs = [
      '--document',
      'https://example.edu/status/r/1=pub2/example.edu/status/r/1',
      '--document',
      'https://example.edu/status/s/1=pub2/example.edu/status/s/1',
    ];
    const suspended = await cli(['status', 'check', `susp/${grace.file}`, ...docs]);
    expect(suspended.code).toBe(1);
    expect(suspended.stdout).toMatch(/suspended/);
    expect(
      (await cli(['revoke', grace.credential_id as string, '--unsuspend', ...ledgerOpt])).code,
    ).toBe(0);
    expect((await cli(pub)).code).toBe(0);
    expect((await cli(['status', 'check', `susp/${grace.file}`, ...docs])).code).toBe(0);
  });

  it('issues JWTs with status entries and skips them on a rerun', async () => {
    const args = ['--status-list', LIST, '--ledger', 'jwt.sqlite', '--format', 'jwt'];
    const r = await batch('jwt', args);
    expect(r.code).toBe(0);
    const jwt = readFileSync(file('jwt/0002-ada-lovelace.jwt'), 'utf8').trim();
    const report = await verify(jwt);
    expect(isGoodReport(report), JSON.stringify(report.checks)).toBe(true);
    const again = await batch('jwt', args);
    expect(again.stdout).toMatch(/4 row\(s\) were already issued: skipped/);
  });

  it('resumes a batch whose files were lost, with the same ids and entries', async () => {
    const before = manifest('badges/manifest.csv');
    const lost = before[0] as Record<string, string>;
    const { rmSync } = await import('node:fs');
    rmSync(file(`badges/${lost.file}`));
    const r = await batch('badges', ['--status-list', LIST, '--bake', 'badge.png']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Issued 1 of 1/);
    const back = readJson(`badges/${lost.file}`);
    expect(back.id).toBe(lost.credential_id);
    expect(back.credentialStatus.statusListIndex).toBe(lost.revocation_index);
    expect(manifest('badges/manifest.csv')).toEqual(before);
  });

  it('knows its ledger by id: a moved ledger file resumes, another ledger is refused', async () => {
    const { renameSync } = await import('node:fs');
    const args = ['--status-list', LIST, '--bake', 'badge.png'];
    renameSync(file('ob3kit-ledger.sqlite'), file('moved.sqlite'));
    try {
      const moved = await batch('badges', [...args, '--ledger', 'moved.sqlite']);
      expect(moved.code).toBe(0);
      expect(moved.stdout).toMatch(/4 row\(s\) were already issued: skipped/);
      const other = await batch('badges', [...args, '--ledger', 'susp.sqlite']);
      expect(other.code).toBe(2);
      expect(other.stderr).toMatch(
        /was issued with the ledger .*ob3kit-ledger\.sqlite \(urn:uuid:[0-9a-f-]+\), not .*susp\.sqlite/,
      );
    } finally {
      renameSync(file('moved.sqlite'), file('ob3kit-ledger.sqlite'));
    }
  });
});

describe('issue one credential with the ledger', () => {
  it('records it, signs it with its entry, and revoke finds it', async () => {
    const one = unsigned(did);
    delete one.id;
    writeFileSync(file('one.json'), JSON.stringify(one));
    const args = ['--status-list', 'https://example.edu/single/{n}', '--ledger', 'single.sqlite'];
    const r = await cli([
      'issue',
      'one.json',
      '--key',
      'key.json',
      ...args,
      '-o',
      'one-signed.json',
    ]);
    expect(r.code).toBe(0);
    const signed = readJson('one-signed.json');
    expect(r.stderr).toContain(
      `Recorded ${signed.id} in the ledger ${file('single.sqlite')}: revocation entry ${signed.credentialStatus.statusListIndex} of https://example.edu/single/1.`,
    );
    expect(isGoodReport(await verify(signed))).toBe(true);
    const ledger = createLedger(await openSqliteLedgerStore(file('single.sqlite')));
    try {
      const [rec] = await ledger.find({ credentialId: signed.id });
      expect(rec).toMatchObject({
        state: 'issued',
        recipient: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
        achievement: 'https://example.com/achievements/21st-century-skills/teamwork',
        output: 'one-signed.json',
      });
    } finally {
      await ledger.close();
    }
    // The same credential id again is refused: a credential id is issued once.
    writeFileSync(file('one-id.json'), JSON.stringify({ ...one, id: signed.id }));
    const dup = await cli(['issue', 'one-id.json', '--key', 'key.json', ...args]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/already records credential .* \(ERR_LEDGER_CONFLICT\)/);
    const rev = await cli([
      'revoke',
      '--recipient',
      'did:example:ebfeb1f712ebc6f1c276e12ec21',
      '--ledger',
      'single.sqlite',
    ]);
    expect(rev.code).toBe(0);
    expect(rev.stdout).toContain(`${signed.id}: revoked`);
    // A status list file without --index is still the hand-managed path.
    const noIndex = await cli([
      'issue',
      'one.json',
      '--key',
      'key.json',
      '--status-list',
      'lists.json',
    ]);
    expect(noIndex.code).toBe(2);
    expect(noIndex.stderr).toMatch(/--status-list and --index go together/);
  });
});

describe('output files are never replaced silently', () => {
  it('refuses to rerun a plain batch into the same folder without --force', async () => {
    expect((await batch('plain')).code).toBe(0);
    const before = snapshot('plain');
    const r = await batch('plain');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 output file\(s\) already exist: plain\/0002-ada-lovelace\.json/);
    expect(r.stderr).toMatch(/--force/);
    expect(snapshot('plain')).toEqual(before);
    const forced = await batch('plain', ['--force']);
    expect(forced.code).toBe(0);
    expect(snapshot('plain')).not.toEqual(before);
  });

  it('refuses a ledger batch into a folder holding other files, and another ledger for a batch folder', async () => {
    const r = await batch('plain', ['--status-list', LIST]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exist/);
    const other = await batch('badges', ['--status-list', LIST, '--ledger', 'other.sqlite']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /was issued with the ledger .*ob3kit-ledger\.sqlite \(urn:uuid:[0-9a-f-]+\), not .*other\.sqlite/,
    );
    expect(existsSync(file('other.sqlite'))).toBe(false);
  });
});

describe('bad input', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      '--ledger without --status-list',
      ['--ledger', 'x.sqlite'],
      /--ledger goes with --status-list/,
    ],
    ['a non-http URL', ['--status-list', 'ftp://example.edu/status'], /is not an http\(s\) URL/],
    ['a missing configuration file', ['--status-list', 'nope.json'], /no such file/],
    [
      '--index with --batch',
      ['--status-list', LIST, '--index', '3'],
      /--index cannot be used with --batch/,
    ],
  ];
  for (const [name, extra, message] of cases) {
    it(`refuses ${name}`, async () => {
      const r = await batch('never', extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(file('never'))).toBe(false);
    });
  }

  it('refuses bad configurations, a status list credential, and a template with credentialStatus', async () => {
    writeFileSync(file('c1.json'), '{"lists": []}');
    writeFileSync(
      file('c2.json'),
      '{"lists": [{"url": "https://example.edu/s/{n}", "purpose": "refresh"}]}',
    );
    writeFileSync(file('c3.json'), '{"lists": [{"url": "https://example.edu/{n}/{n}"}]}');
    writeFileSync(
      file('c4.json'),
      '{"id": "https://example.edu/status/1", "credentialSubject": {}}',
    );
    writeFileSync(
      file('c5.json'),
      '{"lists": [{"url": "https://example.edu/a/{n}"}, {"url": "https://example.edu/b/{n}"}]}',
    );
    const expectations: Array<[string, RegExp]> = [
      ['c1.json', /has no "lists" array/],
      ['c2.json', /"purpose" must be "revocation" or "suspension"/],
      ['c3.json', /\{n\} 2 times/],
      ['c4.json', /is a status list credential/],
      ['c5.json', /two series of one purpose/],
    ];
    for (const [cfg, message] of expectations) {
      const r = await batch('never', ['--status-list', cfg]);
      expect(r.code, cfg).toBe(2);
      expect(r.stderr, cfg).toMatch(message);
    }
    const t = unsigned(did, { credentialStatus: { type: 'BitstringStatusListEntry' } });
    delete t.id;
    writeFileSync(file('t-status.json'), JSON.stringify(t));
    const r = await cli([
      'issue',
      '--batch',
      'recipients.csv',
      '--template',
      't-status.json',
      '--key',
      'key.json',
      '--out',
      'never',
      '--status-list',
      LIST,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the template has a credentialStatus/);
    expect(existsSync(file('never'))).toBe(false);
  });

  it('refuses a revocation and a suspension entry on an Open Badge before recording anything; one series is fine', async () => {
    // Open Badges 3.0 allows one credentialStatus: signing would refuse every credential.
    writeFileSync(file('two-series.json'), REVOCATION_AND_SUSPENSION);
    const message =
      /is an OpenBadgeCredential, which carries at most one credentialStatus \(Open Badges 3\.0\), but --status-list 'two-series\.json' gives each credential 2 entries \(revocation, suspension\); nothing was issued/;
    const args = ['--status-list', 'two-series.json', '--ledger', 'ob-two.sqlite'];
    const r = await batch('never', args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^ob3kit issue: error: the template 'template\.json' is an/);
    expect(r.stderr).toMatch(/Keep one series in the configuration/);
    const one = unsigned(did);
    delete one.id;
    writeFileSync(file('ob-one.json'), JSON.stringify(one));
    const single = await cli([
      'issue',
      'ob-one.json',
      '--key',
      'key.json',
      ...args,
      '-o',
      'x.json',
    ]);
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(message);
    expect(single.stdout).toBe('');
    for (const f of ['never', 'ob-two.sqlite', 'x.json'])
      expect(existsSync(file(f)), f).toBe(false);
    // A suspension series alone: one entry, a valid badge.
    writeFileSync(
      file('suspension-only.json'),
      JSON.stringify({
        lists: [{ url: 'https://example.edu/status/s-only/{n}', purpose: 'suspension' }],
      }),
    );
    const ok = await cli([
      'issue',
      'ob-one.json',
      '--key',
      'key.json',
      '--status-list',
      'suspension-only.json',
      '--ledger',
      'ob-one.sqlite',
      '-o',
      'ob-one-signed.json',
    ]);
    expect(ok.code).toBe(0);
    const signed = readJson('ob-one-signed.json');
    expect(signed.credentialStatus).toMatchObject({
      statusPurpose: 'suspension',
      statusListCredential: 'https://example.edu/status/s-only/1',
    });
    expect(isGoodReport(await verify(signed))).toBe(true);
  });

  it('revoke: needs one target, an existing ledger, a known credential', async () => {
    const none = await cli(['revoke']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing <credential-id> \(or --recipient\)/);
    const both = await cli(['revoke', 'urn:x', '--recipient', 'a@b']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/not both/);
    const flags = await cli(['revoke', 'urn:x', '--suspend', '--unsuspend']);
    expect(flags.code).toBe(2);
    const noLedger = await cli(['revoke', 'urn:x', '--ledger', 'missing.sqlite']);
    expect(noLedger.code).toBe(2);
    expect(noLedger.stderr).toMatch(/no ledger at 'missing\.sqlite'/);
    expect(existsSync(file('missing.sqlite'))).toBe(false);
    const unknown = await cli(['revoke', 'urn:uuid:00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /holds no credential urn:uuid:0+-0+-4000-8000-0+ \(ERR_LEDGER_NOT_FOUND\)/,
    );
    const noSuspension = await cli(['revoke', '--recipient', 'grace@example.com', '--suspend']);
    expect(noSuspension.code).toBe(2);
    expect(noSuspension.stderr).toMatch(
      /without a suspension entry; nothing was changed \(ERR_LEDGER_NO_STATUS\)/,
    );
    const pg = await cli(['revoke', 'urn:x', '--ledger', 'postgresql://nobody@127.0.0.1:1/none']);
    expect(pg.code).toBe(2);
    expect(pg.stderr).toMatch(/ERR_LEDGER_STORE/);
  });

  it('status publish: needs --key and --out, an existing ledger, and leaves foreign files alone', async () => {
    expect((await cli(['status', 'publish', '--out', 'p'])).stderr).toMatch(/missing --key/);
    expect((await cli(['status', 'publish', '--key', 'key.json'])).stderr).toMatch(/missing --out/);
    const noLedger = await cli([
      'status',
      'publish',
      '--key',
      'key.json',
      '--out',
      'p',
      '--ledger',
      'nope.sqlite',
    ]);
    expect(noLedger.code).toBe(2);
    expect(noLedger.stderr).toMatch(/no ledger at 'nope\.sqlite'/);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(file('foreign/example.edu/status'), { recursive: true });
    writeFileSync(file('foreign/example.edu/status/1'), 'my own notes');
    const r = await cli(['status', 'publish', '--key', 'key.json', '--out', 'foreign']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /is not an earlier version of https:\/\/example\.edu\/status\/1; nothing was written/,
    );
    expect(readFileSync(file('foreign/example.edu/status/1'), 'utf8')).toBe('my own notes');
    const unknown = await cli([
      'status',
      'publish',
      '--key',
      'key.json',
      '--out',
      'p',
      '--list',
      'https://x.example/9',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/ERR_LEDGER_NOT_FOUND/);
  });

  it('status publish refuses two lists that would be written to one file', async () => {
    writeFileSync(
      file('query.json'),
      JSON.stringify({
        lists: [
          { url: 'https://example.edu/q?p=r&n={n}', purpose: 'revocation' },
          { url: 'https://example.edu/q?p=s&n={n}', purpose: 'suspension' },
        ],
      }),
    );
    // Two entries a credential: a plain VC 2.0 credential (an Open Badge may have one).
    writeFileSync(file('q.json'), JSON.stringify(plainCredential(did)));
    const args = ['--status-list', 'query.json', '--ledger', 'query.sqlite'];
    expect(
      (await cli(['issue', 'q.json', '--key', 'key.json', ...args, '-o', 'q-signed.json'])).code,
    ).toBe(0);
    const r = await cli([
      'status',
      'publish',
      '--key',
      'key.json',
      '--out',
      'qpub',
      '--ledger',
      'query.sqlite',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /would both be written to '.*qpub\/example\.edu\/q'; nothing was written/,
    );
    expect(existsSync(file('qpub'))).toBe(false);
  });

  it('has help for the new commands', async () => {
    const revoke = await cli(['revoke', '--help']);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toMatch(/ob3kit revoke --recipient <email\|id>/);
    const publish = await cli(['status', 'publish', '--help']);
    expect(publish.code).toBe(0);
    expect(publish.stdout).toMatch(/<host>\/<path of its URL>/);
    const issue = await cli(['issue', '--help']);
    expect(issue.stdout).toMatch(/--status-list <url\|config\.json>/);
  });
});
