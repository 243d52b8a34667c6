/**
 * No `eval` or `new Function` at run time: the verifier bundle runs in a page served with a
 * strict Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval') and verifies Data
 * Integrity, VC-JWT and baked credentials there with the same reports as in Node.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator, validateCredential } from '../../src/schema/index.js';
import { verify } from '../../src/verify/index.js';
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
import { runScenario } from './scenario.js';

const CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'";
const PAGE = `<!doctype html><meta charset="utf-8"><title>ob3kit under CSP</title>
<pre id="out"></pre><script type="module" src="/app.js"></script>`;
const NOW = '2025-06-01T12:00:00Z';

interface Summary {
  verdict: string;
  checks: Array<{ id: string; outcome: string; code: string | null }>;
}

interface Results {
  [name: string]: Summary | { ok: boolean; issues: number };
  schema: { ok: boolean; issues: number };
}

function summarize(r: Awaited<ReturnType<typeof verify>>): Summary {
  return {
    verdict: r.verdict,
    checks: r.checks.map((c) => ({ id: c.id, outcome: c.outcome, code: c.code ?? null })),
  };
}

describe.skipIf(!HAS_BROWSER)("the verifier under a strict CSP (script-src 'self')", () => {
  let browser: Browser | undefined;
  let server: LocalServer | undefined;
  let page: Page;
  let fromPage: {
    result?: Results;
    error?: string;
    violations: string[];
    evalBlocked?: boolean;
    compiler?: string;
  };
  let expected: Results;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const scenario = await runScenario({
      seedHex: '5a'.repeat(32),
      created: '2024-01-01T00:00:00Z',
      now: NOW,
      pngBase64: readFileSync(path.join(ROOT, 'fixtures/images/plain.png')).toString('base64'),
      svg: readFileSync(path.join(ROOT, 'fixtures/images/plain.svg'), 'utf8'),
      p256SecretHex: '4d'.repeat(32),
      rsaJwk: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        format: 'jwk',
      }) as Record<string, unknown>,
    });
    const tampered = structuredClone(scenario.signed);
    tampered.validFrom = '2024-01-02T00:00:00Z';
    const input = {
      now: NOW,
      signed: scenario.signed,
      jwt: scenario.jwt,
      bakedPngBase64: scenario.bakedPngBase64,
      tampered,
      ecdsa: scenario.ecdsa.signed,
      rsaJwt: scenario.rsa.jwt,
    };
    const now = new Date(NOW);
    const schema = validateCredential(scenario.signed);
    expected = {
      dataIntegrity: summarize(await verify(input.signed, { now })),
      jwt: summarize(await verify(input.jwt, { now })),
      bakedPng: summarize(await verify(Buffer.from(input.bakedPngBase64, 'base64'), { now })),
      tampered: summarize(await verify(input.tampered, { now })),
      ecdsa: summarize(await verify(input.ecdsa, { now })),
      rsaJwt: summarize(await verify(input.rsaJwt, { now })),
      schema: { ok: schema.ok, issues: schema.issues.length },
    };

    const built = await bundle('test/browser/csp-entry.ts');
    const headers = { 'content-security-policy': CSP };
    server = await serve({
      '/': { body: PAGE, type: 'text/html; charset=utf-8', headers },
      '/app.js': { body: built.code, type: 'text/javascript; charset=utf-8', headers },
      '/input.json': { body: JSON.stringify(input), type: 'application/json', headers },
    });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('#out[data-result]', { state: 'attached', timeout: 45_000 });
    fromPage = JSON.parse((await page.getAttribute('#out', 'data-result')) ?? '{}');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is really enforced: the page itself cannot compile strings', async () => {
    const header = await page.evaluate(async () => {
      const r = await fetch('/');
      return r.headers.get('content-security-policy');
    });
    expect(header).toBe(CSP);
    // (DevTools evaluation is exempt from CSP, so the page script makes this attempt itself.)
    expect(fromPage.evalBlocked).toBe(true);
  });

  it('verifies Data Integrity (Ed25519, P-256), VC-JWT (EdDSA, RS256) and a baked PNG without eval, as Node does', () => {
    expect(fromPage.error).toBeUndefined();
    expect(fromPage.violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(fromPage.result).toEqual(expected);
    const proof = (name: string) =>
      (fromPage.result?.[name] as Summary | undefined)?.checks.find((c) => c.id === 'proof');
    expect(proof('dataIntegrity')?.outcome).toBe('pass');
    expect(proof('jwt')?.outcome).toBe('pass');
    expect(proof('bakedPng')?.outcome).toBe('pass');
    expect(proof('tampered')?.outcome).toBe('fail');
    expect(proof('ecdsa')?.outcome).toBe('pass');
    expect(proof('rsaJwt')?.outcome).toBe('pass');
  });

  it('says clearly that compiling a schema of your own needs eval (ajv), without crashing', async () => {
    // In Node the same call compiles.
    const node = await createValidator({ type: 'object', required: ['name'] });
    expect(node.validate({}).ok).toBe(false);
    expect(fromPage.compiler).toBe('ERR_SCHEMA_COMPILER_UNAVAILABLE');
  });

  it('runs the schema check (precompiled validators) without eval', () => {
    const jwt = fromPage.result?.jwt as Summary | undefined;
    const schemaCheck = jwt?.checks.find((c) => c.id === 'schema');
    expect(schemaCheck).toEqual({ id: 'schema', outcome: 'pass', code: null });
    expect(fromPage.result?.schema).toEqual(expected.schema);
  });
});

if (!HAS_BROWSER) {
  describe("the verifier under a strict CSP (script-src 'self')", () => {
    it.skip(SKIP_REASON, () => {});
  });
}
