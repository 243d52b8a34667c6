/**
 * The command line names where in the input a JSON-LD failure is (the error's `details.path`),
 * run in process on files written by the test.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/process-io.js';
import { runCli } from '../../src/cli/run.js';
import { baseCredential } from '../verify/helpers.js';

let dir: string;

/** Run the CLI in `dir`, keeping what it writes. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd: dir,
    readStdin: async () => new Uint8Array(),
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ob3kit-cli-locate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ob3kit issue: an undefined term', () => {
  // Validation (on by default) already names the member; without it, signing fails on it.
  it('is reported with the JSON path of the member when signing without validation', async () => {
    expect((await run(['keygen', '-o', path.join(dir, 'key.json')])).code).toBe(0);
    const key = JSON.parse(readFileSync(path.join(dir, 'key.json'), 'utf8'));
    const c = baseCredential();
    c.issuer.id = key.controller;
    c.credentialSubject.achievement.criteria.narative = 'Nominated by peers.';
    writeFileSync(path.join(dir, 'typo.json'), JSON.stringify(c));
    const r = await run([
      'issue',
      path.join(dir, 'typo.json'),
      '--key',
      path.join(dir, 'key.json'),
      '--no-validate',
    ]);
    expect(r.code, r.err).not.toBe(0);
    expect(r.err).toContain('ERR_JSONLD_UNDEFINED_TERM');
    expect(r.err).toContain('$.credentialSubject.achievement.criteria.narative');
  });
});
