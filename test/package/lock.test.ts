/**
 * scripts/check-lock.mjs: package.json and package-lock.json agree (what `npm ci` needs), on
 * the committed files and on copies broken one way at a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { checkLock } from '../../scripts/check-lock.mjs';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/check-lock.mjs');
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON
type Json = Record<string, any>;
const read = (f: string): Json => JSON.parse(readFileSync(path.join(ROOT, f), 'utf8'));
const fresh = () => ({ pkg: read('package.json'), lock: read('package-lock.json') });
const check = (pkg: Json, lock: Json): string[] => checkLock(pkg, lock);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Run the script on a copy of the two files, changed by `edit`; exit code and output. */
function runOn(edit: (pkg: Json, lock: Json) => void): { code: number; out: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ob3kit-lock-'));
  dirs.push(dir);
  const { pkg, lock } = fresh();
  edit(pkg, lock);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  try {
    const out = execFileSync(process.execPath, [SCRIPT, '--dir', dir], { encoding: 'utf8' });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
}

describe('check-lock', () => {
  it('the committed lock file agrees with package.json', () => {
    const { pkg, lock } = fresh();
    expect(check(pkg, lock)).toEqual([]);
    const out = execFileSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/^lock: ok/);
  });

  it('the committed lock holds the binaries of every platform', () => {
    const { lock } = fresh();
    const esbuild = Object.keys(lock.packages['node_modules/esbuild'].optionalDependencies);
    expect(esbuild).toEqual(
      expect.arrayContaining(['@esbuild/darwin-arm64', '@esbuild/win32-x64']),
    );
    for (const name of esbuild) expect(lock.packages[`node_modules/${name}`]).toBeDefined();
  });

  it('a range changed in package.json only', () => {
    const { pkg, lock } = fresh();
    const locked = lock.packages[''].dependencies.fflate;
    pkg.dependencies.fflate = '^0.7.0';
    expect(check(pkg, lock)).toEqual([
      `dependencies.fflate is ^0.7.0 in package.json but ${locked} in the lock file`,
    ]);
  });

  it('a dependency added to package.json, or left in the lock file', () => {
    const { pkg, lock } = fresh();
    pkg.dependencies['left-pad'] = '^1.3.0';
    lock.packages[''].devDependencies.vanished = '1.0.0';
    const problems = check(pkg, lock);
    expect(problems).toContain(
      'dependencies.left-pad (^1.3.0) is in package.json but not in the lock file',
    );
    expect(problems).toContain(
      'left-pad is declared but the lock file has no node_modules/left-pad',
    );
    expect(problems).toContain(
      'devDependencies.vanished (1.0.0) is in the lock file but not in package.json',
    );
  });

  it("another platform's optional package missing from the lock file", () => {
    const { pkg, lock } = fresh();
    delete lock.packages['node_modules/@esbuild/darwin-arm64'];
    expect(check(pkg, lock)).toEqual([
      'node_modules/esbuild has the optional dependency @esbuild/darwin-arm64, which the lock file lacks (npm ci fails where it is needed)',
    ]);
  });

  it('a lock file of another version, package or format', () => {
    const { pkg, lock } = fresh();
    pkg.version = '9.9.9';
    lock.lockfileVersion = 2;
    const problems = check(pkg, lock);
    expect(problems).toContain('lockfileVersion is 2, expected 3 (npm 9 or later)');
    expect(problems.some((p) => p.startsWith('the lock file has version'))).toBe(true);
    expect(check({ ...pkg, name: 'other' }, lock).some((p) => p.includes('"other"'))).toBe(true);
  });

  it('the script exits 1 on a range the locked version does not satisfy (npm ls)', () => {
    // Declared the same in both files, so only npm's own reading of the tree catches it.
    const r = runOn((pkg, lock) => {
      pkg.dependencies.fflate = '^0.7.0';
      lock.packages[''].dependencies.fflate = '^0.7.0';
    });
    expect(r.code).toBe(1);
    const version = fresh().lock.packages['node_modules/fflate'].version;
    expect(r.out).toContain(`invalid: fflate@${version}`);
  });

  it('the script exits 0 on an unchanged copy and 1 on a changed range', () => {
    expect(runOn(() => {}).code).toBe(0);
    const r = runOn((pkg) => {
      pkg.devDependencies.vitest = '^1.0.0';
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('devDependencies.vitest is ^1.0.0 in package.json');
  });
});
