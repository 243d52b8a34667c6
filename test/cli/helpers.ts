/** Test helpers: build the real bin once per test file and run it as a subprocess. */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

export const root = path.resolve(__dirname, '../..');

/**
 * Bundle `src/cli/main.ts` the way tsup does for `dist/cli/main.js` (ESM, node platform,
 * dependencies external, shebang banner), into a private folder inside node_modules so that
 * parallel test runs and other builds of `dist/` never collide.
 */
export async function buildCli(): Promise<string> {
  const dir = mkdtempSync(path.join(root, 'node_modules', '.ob3kit-cli-test-'));
  const outfile = path.join(dir, 'main.js');
  const options: BuildOptions = {
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
  };
  try {
    await build(options);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return outfile;
}

/** A fresh temporary working folder. */
export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ob3kit-cli-'));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI with arguments, in `cwd`, optionally feeding standard input. */
export function runBin(
  bin: string,
  args: string[],
  options: { cwd?: string; input?: string | Uint8Array; env?: Record<string, string> } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/**
 * A report of a genuine credential: no failed check, the proof verified, and the verdict
 * `valid` or `warning` (what `ob3kit verify` exits 0 for).
 */
export function isGoodReport(report: {
  verdict: string;
  checks: Array<{ id: string; outcome: string }>;
}): boolean {
  return (
    report.verdict !== 'invalid' &&
    report.checks.every((c) => c.outcome !== 'fail') &&
    report.checks.some((c) => c.id === 'proof' && c.outcome === 'pass')
  );
}

/** An unsigned credential modelled on the spec's basic OpenBadgeCredential example. */
export function unsigned(
  issuer: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
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

/** Remove what `buildCli` and `tempDir` made (safe when setup failed half-way). */
export function cleanUp(bin: string | undefined, dir: string | undefined): void {
  if (bin) rmSync(path.dirname(bin), { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** The (first) Data Integrity proof of a signed credential: `proof` may be one object or an array. */
export function firstProof(signed: { proof?: unknown }): Record<string, unknown> {
  const proof = Array.isArray(signed.proof) ? signed.proof[0] : signed.proof;
  return (proof ?? {}) as Record<string, unknown>;
}

/**
 * Make `npx ob3kit` in `dir` (and any folder below it) run the built CLI `bin`, as it does in a
 * project that installed ob3kit: `node_modules/.bin/ob3kit`, which npx finds without the
 * registry.
 */
export function installBin(dir: string, bin: string): void {
  const binDir = path.join(dir, 'node_modules', '.bin');
  mkdirSync(binDir, { recursive: true });
  const file = path.join(binDir, 'ob3kit');
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
  chmodSync(file, 0o755);
}

/**
 * Run one line of shell, as a person would type it, in `cwd`; returns its result and the
 * folder it ended in (so a `cd` carries over to the next line). npm is kept offline.
 */
export function runShellLine(line: string, cwd: string): Promise<RunResult & { cwd: string }> {
  const marker = path.join(cwd, `.ob3kit-cwd-${process.pid}-${Date.now()}`);
  const script = `${line}\nrc=$?\nprintf '%s' "$PWD" > '${marker}'\nexit $rc\n`;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], {
      cwd,
      env: {
        ...process.env,
        NO_COLOR: '1',
        npm_config_offline: 'true',
        npm_config_update_notifier: 'false',
        npm_config_fund: 'false',
        npm_config_audit: 'false',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      let end = cwd;
      try {
        end = readFileSync(marker, 'utf8');
        rmSync(marker, { force: true });
      } catch {
        // The line ended the shell before the marker was written: stay where it started.
      }
      resolve({ code, stdout, stderr, cwd: end });
    });
    child.stdin.end();
  });
}

/**
 * The shell lines of a printed command list: each `npx ob3kit ...` (or `cd ...`) line, with the
 * exit code its comment documents (`# ... exit code 1 ...`), else 0.
 */
export function commandLines(text: string): Array<{ line: string; exitCode: number }> {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('npx ob3kit ') || l.startsWith('cd '))
    .map((line) => {
      const documented = /#.*\bexit code (\d+)/.exec(line);
      return { line, exitCode: documented ? Number(documented[1]) : 0 };
    });
}
