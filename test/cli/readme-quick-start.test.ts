/**
 * The README's command-line quick start, run line by line as printed (`npx ob3kit ...`) in a new
 * folder against the built command line: every line succeeds, or ends with the exit code its
 * comment documents.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCli,
  cleanUp,
  commandLines,
  installBin,
  root,
  runBin,
  runShellLine,
  tempDir,
} from './helpers.js';

let bin: string;
let dir: string;

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  installBin(dir, bin);
});

afterAll(() => cleanUp(bin, dir));

/** The shell block that follows `<!-- marker -->` in README.md. */
function readmeBlock(marker: string): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- ${marker} -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`README.md has no <!-- ${marker} --> shell block`);
  return m[1] as string;
}

/** A command without its comment, spaces collapsed. */
const bare = (line: string) =>
  line
    .replace(/\s+#.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('README command-line quick start', () => {
  const block = readmeBlock('cli-quick-start');
  const lines = commandLines(block);

  it('is made only of commands this test runs', () => {
    const written = block.split('\n').filter((l) => l.trim() !== '');
    expect(lines.map((l) => l.line)).toEqual(written.map((l) => l.trim()));
    expect(lines[0]?.line).toMatch(/^npx ob3kit init my-badges && cd my-badges/);
    // The documented failure: verify of the revoked badge.
    expect(lines.filter((l) => l.exitCode !== 0).map((l) => bare(l.line))).toEqual([
      expect.stringMatching(/^npx ob3kit verify badges\/0003-grace-hopper\.png /),
    ]);
  });

  it('runs every line in order, as printed', async () => {
    let cwd = dir;
    for (const { line, exitCode } of lines) {
      const r = await runShellLine(line, cwd);
      expect(r.code, `${line}\n${r.stdout}\n${r.stderr}`).toBe(exitCode);
      cwd = r.cwd;
      if (exitCode === 1) expect(r.stdout).toMatch(/\[FAIL\] status \(status_revoked\)/);
    }
    expect(cwd).toBe(path.join(dir, 'my-badges'));
  });

  it("is what 'ob3kit init' prints as the next steps", async () => {
    const r = await runBin(bin, ['init', 'steps'], { cwd: dir });
    expect(r.code).toBe(0);
    const printed = commandLines(r.stdout.slice(r.stdout.indexOf('Next')));
    const readme = lines.map((l) => bare(l.line));
    expect(printed.map((l) => bare(l.line))).toEqual(['cd steps', ...readme.slice(1)]);
    expect(readme[0]).toBe('npx ob3kit init my-badges && cd my-badges');
    expect(printed.map((l) => l.exitCode)).toEqual([0, ...lines.slice(1).map((l) => l.exitCode)]);
  });
});
