/**
 * A reader that closes the pipe early (`ob3kit ... | head`) ends the output, not the process:
 * no EPIPE crash, and the exit code is the command's own. Runs the real bin.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './helpers.js';

let bin: string;
beforeAll(async () => {
  bin = await buildCli();
}, 60_000);
afterAll(() => rmSync(path.dirname(bin), { recursive: true, force: true }));

/** Run the bin with one of its output pipes closed by the reader before it writes. */
function runClosed(
  args: string[],
  closed: 'stdout' | 'stderr',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; other: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    child[closed].destroy();
    let other = '';
    const open = closed === 'stdout' ? child.stderr : child.stdout;
    open.on('data', (d) => {
      other += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, other }));
    child.stdin.end();
  });
}

describe('a closed output pipe', () => {
  it('--help with standard output closed exits 0, without an EPIPE error', async () => {
    const r = await runClosed(['--help'], 'stdout');
    expect(r.other).not.toMatch(/EPIPE|Unhandled/);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  });

  it('a usage error with standard error closed still exits 2', async () => {
    const r = await runClosed(['verify', '--no-such-option'], 'stderr');
    expect(r.other).not.toMatch(/EPIPE|Unhandled/);
    expect(r.code).toBe(2);
  });
});
