/**
 * scripts/build-if-changed.mjs, the build step of `npm run demo` and `npm run build`: it builds
 * only when what dist/ is built from changed, says nothing unless the build fails (then prints
 * the build's whole output), and a full build (with declarations) also satisfies a JavaScript-only
 * request. Run on a copy of the script beside a stand-in for tsup that records each build.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(__dirname, '../../scripts/build-if-changed.mjs');

// The stand-in: records the kind of build, writes dist/cli/main.js, talks as a build does;
// fails (exit 1, with an error on stderr) while a file named `fail` exists.
const FAKE_TSUP = `
const fs = require('node:fs');
if (fs.existsSync('fail')) {
  console.log('CLI Building entry: src/index.ts');
  console.error('src/index.ts(1,1): error TS1005: broken');
  process.exit(1);
}
fs.mkdirSync('dist/cli', { recursive: true });
fs.writeFileSync('dist/cli/main.js', '');
fs.appendFileSync('builds.log', (process.env.OB3KIT_BUILD_DTS === '1' ? 'full' : 'js') + '\\n');
console.log('CLI Building entry: src/index.ts');
console.log('ESM Build success in 42ms');
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ob3kit-build-'));
  for (const d of ['scripts', 'src', 'contexts', 'schemas', 'node_modules/tsup'])
    mkdirSync(path.join(dir, d), { recursive: true });
  copyFileSync(SCRIPT, path.join(dir, 'scripts/build-if-changed.mjs'));
  writeFileSync(
    path.join(dir, 'node_modules/tsup/package.json'),
    JSON.stringify({ name: 'tsup', bin: { tsup: 'cli.js' } }),
  );
  writeFileSync(path.join(dir, 'node_modules/tsup/cli.js'), FAKE_TSUP);
  writeFileSync(path.join(dir, 'src/index.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(dir, 'contexts/c.json'), '{}\n');
  writeFileSync(path.join(dir, 'schemas/s.json'), '{}\n');
  for (const f of ['package.json', 'tsup.config.ts', 'tsconfig.json'])
    writeFileSync(path.join(dir, f), '{}\n');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run the copied script with `args`: exit code, output, and the builds it started. */
function run(...args: string[]): {
  code: number | null;
  stdout: string;
  stderr: string;
  builds: string[];
} {
  const log = path.join(dir, 'builds.log');
  const before = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
  const r = spawnSync(process.execPath, ['scripts/build-if-changed.mjs', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  const all = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, builds: all.slice(before) };
}

describe('build-if-changed', () => {
  it('builds once, silently, then not again until a source changes', () => {
    expect(run()).toEqual({ code: 0, stdout: '', stderr: '', builds: ['js'] });
    expect(run()).toEqual({ code: 0, stdout: '', stderr: '', builds: [] });
    const edits: [string, string][] = [
      ['src/index.ts', 'export const a = 2;\n'],
      ['contexts/c.json', '{ "a": 1 }\n'],
      ['schemas/s.json', '{ "a": 1 }\n'],
      ['package.json', '{ "version": "1.0.0" }\n'],
      ['tsup.config.ts', 'export default {};\n'],
      ['tsconfig.json', '{ "compilerOptions": {} }\n'],
    ];
    for (const [f, text] of edits) {
      writeFileSync(path.join(dir, f), text);
      expect(run().builds, f).toEqual(['js']);
      expect(run().builds, f).toEqual([]);
    }
    writeFileSync(path.join(dir, 'src/new.ts'), 'export {};\n');
    expect(run().builds, 'a new source file').toEqual(['js']);
  });

  it('builds when dist/ is gone, and a full build satisfies a JavaScript-only request', () => {
    rmSync(path.join(dir, 'dist'), { recursive: true });
    expect(run().builds).toEqual(['js']);
    expect(run('--full').builds).toEqual(['full']);
    expect(run('--full').builds).toEqual([]);
    expect(run().builds).toEqual([]);
  });

  it('--force builds even when nothing changed, and says so in one line', () => {
    const r = run('--full', '--force');
    expect(r.builds).toEqual(['full']);
    expect(r.stdout).toMatch(/^built dist\/ in \d+\.\d s\n$/);
  });

  it("a failed build prints the build's whole output, exits with its code, and is tried again", () => {
    writeFileSync(path.join(dir, 'fail'), '');
    writeFileSync(path.join(dir, 'src/index.ts'), 'export const a = ;\n');
    const r = run();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('CLI Building entry: src/index.ts');
    expect(r.stderr).toContain('error TS1005: broken');
    expect(r.stderr).toContain('build failed (output above)');
    expect(run().code, 'not marked as built').toBe(1);
    rmSync(path.join(dir, 'fail'));
    expect(run()).toMatchObject({ code: 0, stdout: '', stderr: '', builds: ['js'] });
  });
});
