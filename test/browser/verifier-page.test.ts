/**
 * The verifier page (examples/verifier-page/) end to end in headless Chromium: built with
 * esbuild, served with its own strict CSP from 127.0.0.1, a person drops or picks a baked badge
 * or pastes a JWT and sees the report — valid, tampered (invalid), revoked once the status list
 * credential is added as a document. The page's verdicts and check outcomes are compared with
 * `verify()` run in Node on the same input. Set OB3KIT_UPDATE_SCREENSHOT=1 to refresh
 * docs/images/verifier-page.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type VerificationReport, verify } from '../../src/verify/index.js';
import { makePageBadges, type PageBadges, STATUS_LIST_URL } from './badges.js';
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

const PAGE_DIR = path.join(ROOT, 'examples/verifier-page');
const SCREENSHOT = path.join(ROOT, 'docs/images/verifier-page.png');

interface Shown {
  verdict: string | undefined;
  label: string;
  reason: string;
  issuerName: string;
  issuerId: string;
  achievementName: string;
  achievementDescription: string;
  achievementImage: { src: string; loaded: boolean; hidden: boolean };
  format: string;
  checks: Array<{ id: string; outcome: string; code: string | null }>;
}

function expectedChecks(report: VerificationReport): Shown['checks'] {
  return report.checks.map((c) => ({ id: c.id, outcome: c.outcome, code: c.code ?? null }));
}

describe.skipIf(!HAS_BROWSER)('the verifier page in headless Chromium', () => {
  let browser: Browser | undefined;
  let server: LocalServer | undefined;
  let page: Page;
  let badges: PageBadges;
  const problems: string[] = [];

  /** Run one action on the page and wait until it has shown a new report. */
  async function act(action: () => Promise<void>): Promise<Shown> {
    await page.evaluate(() => {
      document.body.dataset.state = 'waiting';
    });
    await action();
    await page.waitForSelector('body[data-state="done"]', { timeout: 45_000 });
    await page.waitForFunction(() => {
      const img = document.getElementById('achievement-image') as HTMLImageElement;
      return img.hidden || img.complete;
    });
    return page.evaluate(() => {
      const t = (id: string) => document.getElementById(id)?.textContent ?? '';
      const img = document.getElementById('achievement-image') as HTMLImageElement;
      return {
        verdict: document.getElementById('verdict')?.dataset.verdict,
        label: t('verdict-label'),
        reason: t('verdict-reason'),
        issuerName: t('issuer-name'),
        issuerId: t('issuer-id'),
        achievementName: t('achievement-name'),
        achievementDescription: t('achievement-description'),
        achievementImage: {
          src: img.getAttribute('src') ?? '',
          loaded: img.complete && img.naturalWidth > 0,
          hidden: img.hidden,
        },
        format: t('format'),
        checks: Array.from(document.querySelectorAll<HTMLTableRowElement>('#checks tr')).map(
          (tr) => ({
            id: tr.dataset.check ?? '',
            outcome: tr.dataset.outcome ?? '',
            code: tr.dataset.code ?? null,
          }),
        ),
      };
    });
  }

  function pick(name: string, mimeType: string, data: Uint8Array | string) {
    return () => page.setInputFiles('#file', { name, mimeType, buffer: Buffer.from(data) });
  }

  function drop(name: string, mimeType: string, data: Uint8Array | string) {
    return async () => {
      const transfer = await page.evaluateHandle(
        ({ name, mimeType, base64 }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], name, { type: mimeType }));
          return dt;
        },
        { name, mimeType, base64: Buffer.from(data).toString('base64') },
      );
      await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
    };
  }

  beforeAll(async () => {
    badges = await makePageBadges();
    const built = await bundle('examples/verifier-page/main.ts', {
      tsconfig: 'examples/tsconfig.json',
    });
    server = await serve({
      '/': { body: readFileSync(path.join(PAGE_DIR, 'index.html')), type: 'text/html' },
      '/style.css': { body: readFileSync(path.join(PAGE_DIR, 'style.css')), type: 'text/css' },
      '/app.js': { body: built.code, type: 'text/javascript' },
    });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 45_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a baked PNG badge as valid: issuer, achievement with its image, every check', async () => {
    const shown = await act(pick('badge.png', 'image/png', badges.validPng));
    const node = await verify(badges.validPng);
    expect(node.verdict).toBe('valid');
    expect(shown).toMatchObject({
      verdict: 'valid',
      label: 'Valid',
      issuerName: badges.issuerName,
      issuerId: badges.did,
      achievementName: badges.achievementName,
      achievementDescription: badges.achievementDescription,
      format: 'Format: PNG',
    });
    expect(shown.achievementImage).toMatchObject({ loaded: true, hidden: false });
    expect(shown.achievementImage.src).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(shown.checks).toEqual(expectedChecks(node));
    expect(shown.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');
    const shot = process.env.OB3KIT_UPDATE_SCREENSHOT
      ? SCREENSHOT
      : path.join(mkdtempSync(path.join(tmpdir(), 'ob3kit-shot-')), 'verifier-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    if (!process.env.OB3KIT_UPDATE_SCREENSHOT) rmSync(path.dirname(shot), { recursive: true });
  });

  it('verifies a baked SVG dropped on the page as Node does', async () => {
    const shown = await act(drop('badge.svg', 'image/svg+xml', badges.validSvg));
    const node = await verify(badges.validSvg);
    expect(node.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');
    expect(shown.verdict).toBe(node.verdict);
    expect(shown.format).toBe('Format: SVG');
    expect(shown.checks).toEqual(expectedChecks(node));
  });

  it('verifies a pasted VC-JWT', async () => {
    const shown = await act(async () => {
      await page.fill('#paste', badges.jwt);
      await page.click('#verify-paste');
    });
    expect(shown).toMatchObject({ verdict: 'valid', format: 'Format: JWT' });
    expect(shown.checks).toEqual(expectedChecks(await verify(badges.jwt)));
  });

  it('shows the credential a pasted presentation carries', async () => {
    const shown = await act(async () => {
      await page.fill('#paste', JSON.stringify(badges.presentation));
      await page.click('#verify-paste');
    });
    const node = await verify(badges.presentation);
    expect(node.format).toBe('presentation');
    expect(shown).toMatchObject({
      verdict: node.verdict,
      format: 'Format: PRESENTATION',
      achievementName: badges.achievementName,
      issuerName: badges.issuerName,
    });
    expect(shown.checks).toEqual(expectedChecks(node));
  });

  it('shows a tampered badge as invalid, with the failed signature check', async () => {
    const shown = await act(pick('tampered.png', 'image/png', badges.tamperedPng));
    expect(shown).toMatchObject({ verdict: 'invalid', label: 'Invalid' });
    expect(shown.checks.find((c) => c.id === 'proof')).toEqual({
      id: 'proof',
      outcome: 'fail',
      code: 'proof_signature_invalid',
    });
    expect(shown.reason).toMatch(/signature/i);
    expect(shown.checks).toEqual(expectedChecks(await verify(badges.tamperedPng)));
  });

  it('shows a revoked badge as revoked once its status list credential is added', async () => {
    // Without the list the page cannot know (offline): a warning, not a pass.
    const before = await act(pick('revoked.png', 'image/png', badges.revokedPng));
    expect(before.checks.find((c) => c.id === 'status')).toEqual({
      id: 'status',
      outcome: 'warn',
      code: 'status_unchecked_offline',
    });
    expect(before.verdict).not.toBe('invalid');
    // Adding the document re-verifies the badge on the page.
    const after = await act(async () => {
      await page.click('#docs summary');
      await page.fill('#docs-paste', JSON.stringify(badges.statusList));
      await page.click('#add-doc');
    });
    expect(await page.textContent('#docs-list')).toContain(STATUS_LIST_URL);
    expect(after).toMatchObject({ verdict: 'invalid', label: 'Revoked' });
    expect(after.reason).toMatch(/revoked/i);
    expect(after.checks.find((c) => c.id === 'status')).toEqual({
      id: 'status',
      outcome: 'fail',
      code: 'status_revoked',
    });
    const node = await verify(badges.revokedPng, {
      documents: { [STATUS_LIST_URL]: badges.statusList },
    });
    expect(after.checks).toEqual(expectedChecks(node));

    // Removing the document takes the page back to "cannot tell" ...
    const removed = await act(() => page.click('#docs-list button'));
    expect(await page.textContent('#docs-count')).toBe('0');
    expect(removed.checks.find((c) => c.id === 'status')?.outcome).toBe('warn');
    // ... and the same list as a VC-JWT (used for the credential id in its payload) revokes again.
    const viaJwt = await act(async () => {
      await page.fill('#docs-paste', badges.statusListJwt);
      await page.click('#add-doc');
    });
    expect(await page.textContent('#docs-list')).toContain(STATUS_LIST_URL);
    expect(viaJwt).toMatchObject({ verdict: 'invalid', label: 'Revoked' });
    expect(viaJwt.checks.find((c) => c.id === 'status')?.code).toBe('status_revoked');
  });

  it('says why a document was not added', async () => {
    await page.fill('#docs-paste', '{"type": "no id here"}');
    await page.click('#add-doc');
    await page.waitForSelector('#docs-error:not([hidden])');
    expect(await page.textContent('#docs-error')).toMatch(/"id"/);
    expect(await page.textContent('#docs-count')).toBe('1');
  });

  it('shows credential text as text, never as markup', async () => {
    const hostile = '<img src=x id=injected onerror="document.title=1">Badge';
    const shown = await act(async () => {
      const credential = JSON.parse(JSON.stringify(badges.statusList));
      credential.credentialSubject = { achievement: { name: hostile } };
      await page.fill('#paste', JSON.stringify(credential));
      await page.click('#verify-paste');
    });
    expect(shown.achievementName).toBe(hostile);
    expect(await page.$('#injected')).toBeNull();
    expect(shown.verdict).toBe('invalid');
  });

  it('stayed on 127.0.0.1 under its CSP, with no errors', () => {
    expect(problems).toEqual([]);
    expect(new Set(server?.requests)).toEqual(new Set(['/', '/style.css', '/app.js']));
  });

  it('builds with its build script', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'ob3kit-page-'));
    try {
      const outfile = path.join(out, 'app.js');
      execFileSync(process.execPath, [path.join(PAGE_DIR, 'build.mjs'), outfile], {
        cwd: ROOT,
        stdio: 'pipe',
      });
      const code = readFileSync(outfile, 'utf8');
      expect(code.length).toBeGreaterThan(10_000);
      expect(code).toContain('status_revoked');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

if (!HAS_BROWSER) {
  describe('the verifier page in headless Chromium', () => {
    it.skip(SKIP_REASON, () => {});
  });
}
