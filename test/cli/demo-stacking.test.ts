/** The stacking section of `ob3kit demo`: its files verify, and `pathway check` reads them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePathway } from '../../src/pathway/index.js';
import { verify } from '../../src/verify/index.js';
import { buildCli, cleanUp, runBin, tempDir } from './helpers.js';

let bin: string;
let dir: string;

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
});

afterAll(() => cleanUp(bin, dir));

describe('ob3kit demo: stacking', () => {
  it('shows progress to the certificate and writes a pathway, a certificate and a CLR that verify', async () => {
    const r = await runBin(bin, ['demo', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Stacking');
    expect(r.stdout).toMatch(/after SQL .* 33%/);
    expect(r.stdout).toMatch(/after Visualisation .* 100% {2}met/);
    const out = path.join(dir, 'out');
    const read = (f: string) => JSON.parse(readFileSync(path.join(out, f), 'utf8'));
    const record = await verify(read('record.json'));
    expect(record.verdict).toBe('valid');
    expect(record.credentials?.map((x) => x.verdict)).toEqual(['valid', 'valid', 'valid', 'valid']);
    const certificate = read('certificate.json');
    expect((await verify(certificate)).verdict).toBe('valid');
    // The record's badges meet the pathway, evaluated independently of the demo.
    const evaluation = evaluatePathway(read('pathway.json'), [record]);
    expect(evaluation.met).toBe(true);
    expect(certificate.evidence.map((e: { id: string }) => e.id)).toEqual(
      evaluation.requirement.satisfiedBy.map((s) => s.id),
    );
    const check = await runBin(bin, ['pathway', 'check', 'out/pathway.json', 'out/record.json'], {
      cwd: dir,
    });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('100%');
    expect(check.stdout).toContain('(SQL, ob3kit Demo Academy)');
  });
});
