/** `--context <url>=<file>` on `ob3kit issue` and `ob3kit verify`: added contexts, never fetched. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFileJson } from '../../src/cli/keyfile.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { buildCli, cleanUp, runBin, tempDir } from '../cli/helpers.js';

const EXAMPLES_URL = 'https://www.w3.org/ns/credentials/examples/v2';

describe('--context', () => {
  let bin: string;
  let dir: string;
  beforeAll(async () => {
    bin = await buildCli();
    dir = tempDir();
    const { did, keyPair } = createDidKey(await generateKeyPair());
    writeFileSync(path.join(dir, 'key.json'), JSON.stringify(keyFileJson(keyPair, 'multikey')));
    writeFileSync(
      path.join(dir, 'examples.json'),
      JSON.stringify({ '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }),
    );
    writeFileSync(path.join(dir, 'not-a-context.json'), JSON.stringify({ vocab: 1 }));
    writeFileSync(
      path.join(dir, 'unsigned.json'),
      JSON.stringify({
        '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES_URL],
        type: ['VerifiableCredential', 'ExampleAlumniCredential'],
        issuer: did,
        credentialSubject: { id: 'did:example:alice', alumniOf: 'Example University' },
      }),
    );
  });
  afterAll(() => cleanUp(bin, dir));

  it('lets issue sign and verify check a credential in a context the caller gives', async () => {
    const ctx = `${EXAMPLES_URL}=examples.json`;
    const without = await runBin(bin, ['issue', 'unsigned.json', '--key', 'key.json'], {
      cwd: dir,
    });
    expect(without.code).toBe(2);
    // Validation before signing refuses it: JSON-LD needs the context (as verify() says).
    expect(without.stderr).toMatch(/examples\/v2": it is not bundled.*\(context_unknown\)/);
    expect(without.stderr).toMatch(/nothing was signed/);
    const issued = await runBin(
      bin,
      ['issue', 'unsigned.json', '--key', 'key.json', '--context', ctx, '-o', 'signed.json'],
      { cwd: dir },
    );
    expect(issued.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'signed.json'), 'utf8')).proof).toBeDefined();
    const ok = await runBin(bin, ['verify', 'signed.json', '--json', '--context', ctx], {
      cwd: dir,
    });
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect([report.verdict, report.profile]).toEqual(['valid', 'vc']);
    // Without the context the proof cannot be checked: not fully checked (exit 3), not accepted.
    const bare = await runBin(bin, ['verify', 'signed.json', '--json'], { cwd: dir });
    expect(bare.code).toBe(3);
    expect(JSON.parse(bare.stdout).checks.find((c: { id: string }) => c.id === 'jsonld').code).toBe(
      'context_unknown',
    );
  });

  it('refuses malformed pairs and files that are not contexts (exit code 2)', async () => {
    for (const [arg, message] of [
      ['no-equals-sign', /is not <url>=<file>/],
      ['ftp://x.example/c=examples.json', /is not an http\(s\) URL/],
      [`${EXAMPLES_URL}=not-a-context.json`, /must hold a JSON object with "@context"/],
      [`${EXAMPLES_URL}=missing.json`, /no such file/],
    ] as const) {
      const r = await runBin(bin, ['verify', 'unsigned.json', '--context', arg], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
