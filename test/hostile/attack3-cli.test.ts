/**
 * `ob3kit verify` exit code 0 means accepted: authentic, in force and fully checked (as the
 * documentation tells library users to decide). A presentation carrying no credential is
 * authentic (its holder signed it) and fully checked, but nothing in it is in force: the command
 * line must not accept it, nor a presentation without a proof (nothing binds its holder).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/process-io.js';
import { runCli } from '../../src/cli/run.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { verify } from '../../src/verify/index.js';
import { makeBadge, NOW, type Party, party, SQL } from '../pathway/helpers.js';
import type { Loose } from './helpers.js';

const OPTIONS = { challenge: 'c-1', domain: 'https://verifier.example' };
let holder: Party;
let badge: Loose;

beforeAll(async () => {
  holder = await party(71);
  badge = await makeBadge(holder, { achievement: SQL, name: 'SQL' });
}, 60_000);

async function exitCode(input: unknown, challenge = true): Promise<number> {
  const io: Io = {
    out: () => {},
    err: () => {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd: '/',
    readStdin: async () => new TextEncoder().encode(JSON.stringify(input)),
  };
  return runCli(
    [
      'verify',
      '-',
      '--now',
      NOW.toISOString(),
      ...(challenge ? ['--challenge', OPTIONS.challenge, '--domain', OPTIONS.domain] : []),
    ],
    io,
  );
}

const present = (credentials: Loose[]) =>
  signPresentation(createPresentation({ holder: holder.did, credentials }), {
    key: holder.key,
    ...OPTIONS,
  });

describe('ob3kit verify: exit 0 only for what is authentic, in force and fully checked', () => {
  it('a presentation with a credential is accepted', async () => {
    expect(await exitCode(await present([badge]))).toBe(0);
  });

  it('an empty presentation (in force: unknown) is not accepted', async () => {
    const vp = await present([]);
    const r = await verify(vp, { now: NOW, ...OPTIONS });
    expect(r.verdict).not.toBe('invalid');
    expect(r.answers.inForce.value).toBe('unknown');
    expect(await exitCode(vp)).toBe(3);
  });

  it('a presentation without a proof, verified without a challenge (authentic: unknown), is not accepted', async () => {
    const vp = createPresentation({ holder: holder.did, credentials: [badge] });
    const r = await verify(vp, { now: NOW });
    expect(r.verdict).toBe('warning');
    expect(r.answers.authentic.value).toBe('unknown');
    expect(r.answers.fullyChecked.value).toBe('yes');
    expect(await exitCode(vp, false)).toBe(3);
  });
});
