/**
 * The command list loads each command only when it runs: `ob3kit --help` and `--version` load
 * no command module and nothing of the library, and the list's names and summaries are the
 * commands' own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands/index.js';
import { formatGlobalHelp } from '../../src/cli/run.js';

const ROOT = path.resolve(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ob3kit-startup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run src/cli/main.ts (through tsx) and list every file it loads. */
function loadedBy(args: string[]): { files: string[]; stdout: string; status: number | null } {
  const log = path.join(tmp, `loaded-${args.join('_').replace(/\W/g, '')}.txt`);
  const hooks = path.join(tmp, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) {\n` +
      `  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');\n` +
      `  return next(url, context);\n}\n`,
  );
  const register = path.join(tmp, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  writeFileSync(log, '');
  const r = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(register).href, '--import', 'tsx', 'src/cli/main.ts', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith(pathToFileURL(ROOT).href))
    .map((u) => path.relative(ROOT, new URL(u).pathname))
    .filter((f) => !f.startsWith('node_modules/tsx/'));
  return { files: [...new Set(files)], stdout: r.stdout, status: r.status };
}

describe('CLI start-up', () => {
  it('--version and --help load no command and nothing of the library', () => {
    const version = loadedBy(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    );
    const help = loadedBy(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(formatGlobalHelp());
    const runtimeDeps = Object.keys(
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies,
    );
    for (const { files } of [version, help]) {
      expect(files).toContain('src/cli/main.ts');
      expect(files).toContain('src/cli/commands/index.ts');
      const library = files.filter(
        (f) =>
          (f.startsWith('src/') && !f.startsWith('src/cli/')) ||
          (f.startsWith('src/cli/commands/') && f !== 'src/cli/commands/index.ts') ||
          runtimeDeps.some((d) => f.startsWith(`node_modules/${d}/`)),
      );
      expect(library).toEqual([]);
    }
  });

  it('a command loads its module and the library when it runs', () => {
    const { files, status } = loadedBy(['keygen', '--help']);
    expect(status).toBe(0);
    expect(files).toContain('src/cli/commands/keygen.ts');
    expect(files.some((f) => f.startsWith('src/keys/'))).toBe(true);
    expect(files).not.toContain('src/cli/commands/verify.ts');
  });

  it("lists every command module's commands, under their own names and summaries", async () => {
    const loaded: Command[] = [];
    for (const entry of commands) {
      const cmd = await entry.load();
      expect([cmd.name, cmd.summary]).toEqual([entry.name, entry.summary]);
      loaded.push(cmd);
    }
    expect(new Set(loaded.map((c) => c.name)).size).toBe(loaded.length);
    // Every command a command module exports is in the list.
    const dir = path.join(ROOT, 'src/cli/commands');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (name.endsWith('Command')) expect(loaded, `${file}: ${name}`).toContain(value);
      }
    }
  });
});
