import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_FILES } from '../../src/cli/commands/init.js';
import { validateCredential } from '../../src/schema/index.js';
import { buildCli, cleanUp, runBin, tempDir } from './helpers.js';

let bin: string;
let dir: string;

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
});

afterAll(() => cleanUp(bin, dir));

const read = (...p: string[]) => readFileSync(path.join(dir, ...p), 'utf8');
const readJson = (...p: string[]) => JSON.parse(read(...p));

describe('ob3kit init', () => {
  it('writes a starter: key (0600), profile, unsigned badge, template, recipients, art', async () => {
    const r = await runBin(bin, ['init', 'starter'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'starter')).sort()).toEqual([...STARTER_FILES].sort());
    expect(statSync(path.join(dir, 'starter', 'issuer-key.json')).mode & 0o777).toBe(0o600);
    const key = readJson('starter', 'issuer-key.json');
    const issuer = readJson('starter', 'issuer.json');
    expect(issuer).toMatchObject({
      id: key.controller,
      type: ['Profile'],
      name: 'Example Academy',
    });
    const unsigned = readJson('starter', 'unsigned.json');
    expect(unsigned.issuer).toEqual(issuer);
    expect(unsigned.id).toBeUndefined();
    expect(unsigned.credentialSubject.achievement.name).toBe('Teamwork');
    // What `issue` fills in (id, validFrom) aside, it is a valid OB 3.0 credential.
    const filled = { ...unsigned, id: 'urn:uuid:1', validFrom: '2025-01-01T00:00:00Z' };
    expect(validateCredential(filled).issues).toEqual([]);
    const template = readJson('starter', 'template.json');
    expect(template.name).toBe('Teamwork: {{name}}');
    expect(template.issuer).toEqual(issuer);
    expect(read('starter', 'recipients.csv').split('\n')[0]).toBe('name,email');
    expect(read('starter', '.gitignore')).toMatch(/^issuer-key\.json$/m);
    expect(read('starter', 'badge.svg')).toContain('>Teamwork</text>');
    const png = PNG.sync.read(readFileSync(path.join(dir, 'starter', 'badge.png')));
    expect(png.width).toBe(512);
    expect(r.stdout).toContain(key.controller);
  });

  it('names the issuer, the achievement and the web site as told', async () => {
    const r = await runBin(
      bin,
      [
        'init',
        'named',
        '--issuer-name',
        'Université <Libre> & "Co"',
        '--achievement',
        '  Data   Analysis 101 ',
        '--url',
        'https://badges.example.edu/',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const unsigned = readJson('named', 'unsigned.json');
    expect(unsigned.issuer.name).toBe('Université <Libre> & "Co"');
    expect(unsigned.issuer.url).toBe('https://badges.example.edu/');
    expect(unsigned.credentialSubject.achievement).toMatchObject({
      id: 'https://badges.example.edu/achievements/data-analysis-101',
      name: 'Data Analysis 101',
    });
    expect(read('named', 'badge.svg')).toContain('Université &lt;Libre&gt; &amp; &quot;Co&quot;');
    expect(r.stdout).toContain("--status-list 'https://badges.example.edu/status/{n}'");
    expect(r.stdout).toContain(
      '--document https://badges.example.edu/status/1=public/badges.example.edu/status/1',
    );
  });

  it('writes into the current folder when it is empty', async () => {
    mkdirSync(path.join(dir, 'here'));
    const r = await runBin(bin, ['init'], { cwd: path.join(dir, 'here') });
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'here')).length).toBe(STARTER_FILES.length);
    expect(r.stdout).not.toMatch(/^\s+cd /m);
  });

  it('refuses a folder that is not empty, leaving it as it was, unless --force', async () => {
    mkdirSync(path.join(dir, 'busy'));
    writeFileSync(path.join(dir, 'busy', 'notes.txt'), 'mine');
    const r = await runBin(bin, ['init', 'busy'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the folder 'busy' is not empty \(notes\.txt\); nothing was written/);
    expect(r.stderr).toMatch(/--force/);
    expect(readdirSync(path.join(dir, 'busy'))).toEqual(['notes.txt']);
    const forced = await runBin(bin, ['init', 'busy', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(read('busy', 'notes.txt')).toBe('mine');
    expect(readdirSync(path.join(dir, 'busy')).length).toBe(STARTER_FILES.length + 1);
  });

  it('refuses a file, an http or malformed URL and an empty name, with exit code 2', async () => {
    writeFileSync(path.join(dir, 'a-file'), '');
    const cases: Array<[string[], RegExp]> = [
      [['init', 'a-file'], /'a-file' is a file, not a folder/],
      [['init', 'u1', '--url', 'http://example.org'], /--url must be a plain https URL/],
      [['init', 'u2', '--url', 'not a url'], /--url must be an https URL/],
      [['init', 'u3', '--url', 'https://example.org/?q=1'], /--url must be a plain https URL/],
      [['init', 'n1', '--issuer-name', '  '], /--issuer-name must not be empty/],
      [['init', 'n2', '--achievement', 'x'.repeat(201)], /--achievement is longer than 200/],
    ];
    for (const [args, message] of cases) {
      const r = await runBin(bin, args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    for (const made of ['u1', 'u2', 'u3', 'n1', 'n2']) {
      expect(() => statSync(path.join(dir, made))).toThrow();
    }
  });
});
