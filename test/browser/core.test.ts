/**
 * The core in a real browser: the library bundled for the browser by esbuild runs in headless
 * Chromium, signs (Data Integrity and VC-JWT), verifies, bakes and unbakes there, and produces
 * exactly what Node produces from the same input. The eddsa-rdfc-2022 proof made in the browser
 * is also compared with the reference stack's (@digitalbazaar/vc) for the same key and date.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, importRawKeyPair } from '../../src/keys/index.js';
import { referenceIssue, referenceLoader } from '../proof/helpers.js';
import {
  type Browser,
  bundle,
  HAS_BROWSER,
  type LocalServer,
  launchBrowser,
  ROOT,
  SKIP_REASON,
  serve,
} from './helpers.js';
import { firstProof, runScenario, type ScenarioInput, type ScenarioOutput } from './scenario.js';

const INPUT: ScenarioInput = {
  seedHex: '9b'.repeat(32),
  created: '2024-01-01T00:00:00Z',
  now: '2025-06-01T12:00:00Z',
  pngBase64: readFileSync(path.join(ROOT, 'fixtures/images/plain.png')).toString('base64'),
  svg: readFileSync(path.join(ROOT, 'fixtures/images/plain.svg'), 'utf8'),
  p256SecretHex: '3c'.repeat(32),
  rsaJwk: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  }) as Record<string, unknown>,
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>ob3kit core</title>
<script type="module">
import * as scenario from '/scenario.js';
window.ob3 = scenario;
window.ob3ready = true;
</script>`;

declare global {
  interface Window {
    ob3: { runScenario(input: ScenarioInput): Promise<ScenarioOutput> };
    ob3ready?: boolean;
  }
}

describe.skipIf(!HAS_BROWSER)('the core in headless Chromium', () => {
  let browser: Browser | undefined;
  let server: LocalServer | undefined;
  let page: Page;
  let inBrowser: ScenarioOutput;
  let inNode: ScenarioOutput;
  const pageErrors: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    const [built, nodeResult] = await Promise.all([
      bundle('test/browser/scenario.ts'),
      runScenario(INPUT),
    ]);
    inNode = nodeResult;
    server = await serve({
      '/': { body: PAGE, type: 'text/html; charset=utf-8' },
      '/scenario.js': { body: built.code, type: 'text/javascript; charset=utf-8' },
    });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('requestfailed', (r) => blocked.push(r.url()));
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => window.ob3ready === true, undefined, { timeout: 45_000 });
    inBrowser = await page.evaluate((input) => window.ob3.runScenario(input), INPUT);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs in a browser, not in Node', async () => {
    const env = await page.evaluate(() => ({
      ua: navigator.userAgent,
      process: typeof (globalThis as { process?: unknown }).process,
      buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
    }));
    expect(env.ua).toMatch(/Chrome\//);
    expect(env).toMatchObject({ process: 'undefined', buffer: 'undefined' });
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
    expect(server?.requests).toEqual(['/', '/scenario.js']);
  });

  it('signs the same eddsa-rdfc-2022 proof as Node and as the reference stack', async () => {
    expect(inBrowser.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,}$/);
    expect(inBrowser.signed).toEqual(inNode.signed);
    // Oracle: @digitalbazaar/vc signing the same credential with the same key and date.
    const key = importRawKeyPair({ type: 'Ed25519', secretKey: Buffer.from(INPUT.seedHex, 'hex') });
    const { keyPair, document } = createDidKey(key);
    const reference = await referenceIssue(
      inBrowser.credential,
      keyPair,
      'eddsa-rdfc-2022',
      referenceLoader({ [inBrowser.did]: document }),
    );
    expect(reference.proof.proofValue).toBe(inBrowser.proofValue);
  });

  it('signs the same VC-JWT as Node (Ed25519 is deterministic)', () => {
    expect(inBrowser.jwt.split('.')).toHaveLength(3);
    expect(inBrowser.jwt).toBe(inNode.jwt);
  });

  it('verifies Data Integrity and JWT credentials with the same report as Node', () => {
    expect(inBrowser.reports).toEqual(inNode.reports);
    const proof = (name: string) => inBrowser.reports[name]?.checks.find((c) => c.id === 'proof');
    for (const name of ['dataIntegrity', 'dataIntegrityText', 'jwt', 'bakedPng', 'bakedSvg']) {
      expect(proof(name), name).toEqual({ id: 'proof', outcome: 'pass' });
      expect(inBrowser.reports[name]?.verdict, name).not.toBe('invalid');
    }
    expect(inBrowser.reports.jwt?.verdict).toBe('valid');
    expect(inBrowser.reports.bakedPng?.format).toBe('png');
    expect(inBrowser.reports.bakedSvg?.format).toBe('svg');
  });

  it('finds a tampered credential and a tampered JWT invalid, as Node does', () => {
    expect(inBrowser.reports.tampered?.verdict).toBe('invalid');
    expect(inBrowser.reports.tampered?.checks.find((c) => c.id === 'proof')?.outcome).toBe('fail');
    expect(inBrowser.reports.tamperedJwt?.verdict).toBe('invalid');
    expect(inBrowser.reports.tamperedJwt?.checks.find((c) => c.id === 'proof')?.outcome).toBe(
      'fail',
    );
  });

  it('bakes the same PNG and SVG as Node, and unbakes what was baked', () => {
    expect(inBrowser.bakedPngBase64).toBe(inNode.bakedPngBase64);
    expect(inBrowser.bakedSvg).toBe(inNode.bakedSvg);
    expect(inBrowser.unbakedPngCredential).toEqual(inBrowser.signed);
    expect(inBrowser.unbakedSvgJwt).toBe(inBrowser.jwt);
    // The baked PNG still starts with the PNG signature and carries the credential chunk.
    const png = Buffer.from(inBrowser.bakedPngBase64, 'base64');
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.includes(Buffer.from('openbadgecredential'))).toBe(true);
  });

  it('signs ecdsa-rdfc-2019 (P-256) as Node does, and verifies it', () => {
    expect(inBrowser.ecdsa).toEqual(inNode.ecdsa);
    expect(firstProof(inBrowser.ecdsa.signed)).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019' });
    expect(inBrowser.ecdsa.report.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');
  });

  it('signs and verifies RS256 VC-JWTs through WebCrypto as Node does', () => {
    expect(inBrowser.rsa.jwt).toBe(inNode.rsa.jwt);
    expect(
      JSON.parse(Buffer.from(inBrowser.rsa.jwt.split('.')[0] ?? '', 'base64url').toString()),
    ).toMatchObject({ alg: 'RS256' });
    expect(inBrowser.rsa.report).toEqual(inNode.rsa.report);
    expect(inBrowser.rsa.report.verdict).toBe('valid');
  });

  it('signs and verifies a presentation for a challenge and domain as Node does', () => {
    expect(inBrowser.presentation).toEqual(inNode.presentation);
    expect(firstProof(inBrowser.presentation.signed)).toMatchObject({
      challenge: 'c-7f3a',
      domain: 'verifier.example',
      proofPurpose: 'authentication',
    });
    expect(inBrowser.presentation).toMatchObject({ verified: true, issues: [] });
    expect(inBrowser.presentation.wrongChallenge.verified).toBe(false);
    expect(inBrowser.presentation.wrongChallenge.issues.length).toBeGreaterThan(0);
  });

  it('makes, signs and checks a status list as Node does', () => {
    expect(inBrowser.status).toEqual(inNode.status);
    const st = inBrowser.status;
    expect(st.encodedList).toMatch(/^uH4sI/); // multibase base64url of a GZIP stream
    expect(st.decodedBits).toEqual([false, true, false]);
    expect(st.revoked).toMatchObject({ revoked: true, ok: false });
    expect(st.active).toMatchObject({ revoked: false, ok: true });
    expect(st.offline.ok).toBe(false);
    expect(st.offline.checks[0]?.status).toBe('unknown');
    const statusCheck = (r: typeof st.revokedReport) => r.checks.find((c) => c.id === 'status');
    expect(st.revokedReport.verdict).toBe('invalid');
    expect(statusCheck(st.revokedReport)).toEqual({
      id: 'status',
      outcome: 'fail',
      code: 'status_revoked',
    });
    expect(statusCheck(st.activeReport)?.outcome).toBe('pass');
  });
});

if (!HAS_BROWSER) {
  describe('the core in headless Chromium', () => {
    it.skip(SKIP_REASON, () => {});
  });
}
