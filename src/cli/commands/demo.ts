/** `ob3kit demo`: the whole issuer-to-verifier flow, offline, on built-in defaults. */
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { bakeBadge } from '../../bake/index.js';
import { createDidKey, generateKeyPair } from '../../keys/index.js';
import {
  createAchievement,
  createAchievementCredential,
  createIdentityObject,
  createProfile,
} from '../../model/index.js';
import { signCredential } from '../../proof/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../status/index.js';
import type { VerificationReport } from '../../verify/index.js';
import { verify } from '../../verify/index.js';
import { createBadgePng, createBadgeSvg } from '../badge-art.js';
import { createPalette, shouldColor } from '../color.js';
import { type Command, stringOpt } from '../command.js';
import { runStackingDemo } from '../demo-stacking.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.js';
import { shellCommand, writeOutput } from '../io.js';
import { keyFileJson } from '../keyfile.js';

/** Where the demo pretends to publish things (never fetched: verification gets local copies). */
const BASE = 'https://ob3kit.example';
const STATUS_LIST_URL = `${BASE}/status/1`;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The `demo` command.
 *
 * @example
 * ```ts
 * // ob3kit demo --out /tmp/badges
 * await runCli(['demo', '--out', '/tmp/badges']);
 * ```
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Issue, bake, revoke and verify sample badges, offline, in a few seconds',
  usage: ['demo [--out <dir>]'],
  description: [
    'Makes an issuer key (did:key, Ed25519), an achievement and a credential for a sample learner,',
    'signs it (eddsa-rdfc-2022), bakes it into a PNG and an SVG, creates a signed status list,',
    'issues and revokes a second credential, then verifies everything with the status list passed',
    'as a local document (no network). Writes the files into --out (default ./ob3kit-demo).',
    'Exit code 0 only when the good badges verify valid (signature verified, status checked and',
    'clear) and the revoked one is reported invalid because of its status alone.',
    'Then stacks three badges into a certificate along a pathway (progress after each) and',
    'bundles them with it in a CLR 2.0 record, verifying both.',
  ].join('\n'),
  options: {
    out: {
      type: 'string',
      value: '<dir>',
      description: 'Folder for the files (default ob3kit-demo)',
    },
  },
  positionals: { min: 0, max: 0, names: '' },
  examples: ['ob3kit demo', 'ob3kit demo --out /tmp/badges'],
  async run({ values, io }) {
    const c = createPalette(shouldColor({ isTTY: io.stdoutIsTTY }, io.env));
    const outDir = path.resolve(io.cwd, stringOpt(values, 'out') ?? 'ob3kit-demo');
    try {
      mkdirSync(outDir, { recursive: true });
    } catch (e) {
      throw new UsageError(`cannot create the folder '${outDir}': ${(e as Error).message}`);
    }
    const started = Date.now();
    const write = (name: string, data: string | Uint8Array, secret = false): string =>
      writeOutput(io, path.join(outDir, name), data, { secret });
    const step = (text: string): void => io.out(`${c.cyan('•')} ${text}\n`);

    io.out(
      `${c.bold('ob3kit demo')} — issue, bake, revoke and verify Open Badges 3.0, offline\n\n`,
    );

    // 1. Issuer key and DID.
    const { did, keyPair: key } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    write('issuer-key.json', json(keyFileJson(key, 'multikey')), true);
    step(`Issuer key: Ed25519, ${c.dim(did)}`);

    // 2. Issuer profile, achievement, status list.
    const issuer = createProfile({
      id: did,
      name: 'ob3kit Demo Academy',
      url: `${BASE}/`,
      email: 'badges@ob3kit.example',
    });
    const achievement = createAchievement({
      id: `${BASE}/achievements/open-badges-101`,
      name: 'Open Badges 101',
      description: 'Understands how Open Badges 3.0 credentials are issued, baked and verified.',
      criteria: {
        narrative: 'Complete the ob3kit demo: issue, bake, revoke and verify a badge.',
      },
      achievementType: 'Badge',
    });
    const list = createStatusList({ purpose: 'revocation' });
    // Entries are picked at random, as the Bitstring Status List spec asks (group privacy).
    const goodIndex = randomInt(list.length);
    let revokedIndex = randomInt(list.length);
    while (revokedIndex === goodIndex) revokedIndex = randomInt(list.length);
    const signList = async () =>
      signCredential(
        await createStatusListCredential({
          id: STATUS_LIST_URL,
          issuer: did,
          list,
          validFrom: new Date(),
        }),
        { key, suite: 'eddsa-rdfc-2022' },
      );
    write('status-list.json', json(await signList()));
    step(`Status list ${c.dim(STATUS_LIST_URL)}: ${list.length} entries, all clear, signed`);

    // 3. Two credentials, each with its own status entry.
    const makeCredential = (n: number, learner: string, email: string) =>
      createAchievementCredential({
        id: `urn:uuid:${crypto.randomUUID()}`,
        name: `Open Badges 101 — ${learner}`,
        issuer,
        validFrom: new Date(),
        credentialSubject: {
          identifier: [
            createIdentityObject({ identityType: 'emailAddress', identity: email, hashed: true }),
          ],
          achievement,
        },
        credentialStatus: createStatusEntry({
          statusListCredential: STATUS_LIST_URL,
          index: n,
          purpose: 'revocation',
        }) as { id: string; type: string },
      });
    const good = await signCredential(
      makeCredential(goodIndex, 'Ada Lovelace', 'ada@example.com'),
      {
        key,
        suite: 'eddsa-rdfc-2022',
      },
    );
    write('credential.json', json(good));
    step(`Signed a credential for Ada Lovelace (eddsa-rdfc-2022), status entry ${goodIndex}`);
    const revoked = await signCredential(
      makeCredential(revokedIndex, 'Mallory', 'mallory@example.com'),
      {
        key,
        suite: 'eddsa-rdfc-2022',
      },
    );
    write('revoked-credential.json', json(revoked));
    step(`Signed a second credential for Mallory, status entry ${revokedIndex}`);

    // 4. Bake the good credential.
    const art = { achievement: achievement.name, issuer: issuer.name ?? did };
    const png = bakeBadge(createBadgePng(art), good);
    write('badge.png', png);
    const svg = bakeBadge(createBadgeSvg(art), good);
    write('badge.svg', svg);
    step('Baked it into badge.png and badge.svg');

    // 5. Revoke the second credential and publish (here: write) the signed status list.
    setStatus(list, revokedIndex, true);
    const listCredential = await signList();
    write('status-list.json', json(listCredential));
    step(`Revoked Mallory's credential: entry ${revokedIndex} set, status list re-signed`);

    // 6. Verify everything, offline: the status list comes from the local copy.
    const documents = { [STATUS_LIST_URL]: listCredential };
    const checks: Array<{ file: string; report: VerificationReport; expect: 'valid' | 'revoked' }> =
      [];
    for (const [file, input, expect] of [
      ['badge.png', png, 'valid'],
      ['badge.svg', svg, 'valid'],
      ['credential.json', good, 'valid'],
      ['revoked-credential.json', revoked, 'revoked'],
    ] as const) {
      checks.push({ file, report: await verify(input, { documents }), expect });
    }
    io.out(
      `\n${c.bold('Verification')} (offline; the status list is read from status-list.json)\n`,
    );
    let ok = true;
    const widest = Math.max(...checks.map((x) => x.file.length));
    const outcome = (report: VerificationReport, id: string) =>
      report.checks.find((k) => k.id === id)?.outcome;
    for (const { file, report, expect } of checks) {
      const status = report.checks.find((k) => k.id === 'status');
      const failed = report.checks.filter((k) => k.outcome === 'fail');
      const warned = report.checks.filter((k) => k.outcome === 'warn');
      // The good badges: valid, with a verified proof and a checked, clear status.
      // The revoked one: invalid because of its status, and only because of it.
      const pass =
        expect === 'valid'
          ? report.verdict === 'valid' &&
            outcome(report, 'proof') === 'pass' &&
            outcome(report, 'status') === 'pass'
          : report.verdict === 'invalid' &&
            status?.outcome === 'fail' &&
            failed.every((k) => k.id === 'status');
      ok &&= pass;
      const verdict =
        report.verdict === 'valid'
          ? c.green('valid')
          : report.verdict === 'warning'
            ? c.yellow('warning')
            : c.red('invalid');
      const notes: string[] = [];
      if (outcome(report, 'proof') === 'pass') notes.push('signature verified');
      if (status?.outcome === 'pass') notes.push('not revoked');
      if (status?.outcome === 'fail') notes.push(c.red(`REVOKED (${status.code ?? 'status'})`));
      for (const k of failed.filter((x) => x.id !== 'status')) {
        notes.push(c.red(`${k.id} failed: ${k.code ?? k.message ?? ''}`));
      }
      for (const k of warned) notes.push(c.yellow(`warning ${k.code ?? k.id}`));
      io.out(
        `  ${pass ? c.green('✔') : c.red('✘')} ${file.padEnd(widest)}  ${verdict} (${report.format}): ${notes.join(', ')}\n`,
      );
    }
    const warnings = new Map<string, string>();
    for (const { report } of checks) {
      for (const k of report.checks) {
        if (k.outcome === 'warn' && k.code) warnings.set(k.code, k.message ?? '');
      }
    }
    for (const [code, message] of warnings) io.out(`    ${c.dim(`${code}: ${message}`)}\n`);

    // 7. Stacking: a pathway of three badges, the certificate and its CLR (demo-stacking.ts).
    const stacking = await runStackingDemo({
      key,
      issuer,
      learner: createIdentityObject({ identityType: 'emailAddress', identity: 'ada@example.com' }),
      c,
      out: (t) => io.out(t),
      write,
    });
    ok &&= stacking.ok;

    io.out(`\n${c.bold('Files')} in ${outDir}\n`);
    for (const [f, d] of [
      ['issuer-key.json', 'issuer private key (Multikey, mode 0600): keep secret'],
      ['credential.json', 'signed OpenBadgeCredential (Data Integrity proof)'],
      ['badge.png', 'PNG badge with the credential baked in'],
      ['badge.svg', 'SVG badge with the credential baked in'],
      ['revoked-credential.json', 'a second credential, revoked'],
      ['status-list.json', `signed BitstringStatusListCredential (entry ${revokedIndex} set)`],
      ...stacking.files,
    ]) {
      io.out(`  ${String(f).padEnd(24)} ${c.dim(String(d))}\n`);
    }
    const rel = (f: string) => {
      const r = path.relative(io.cwd, path.join(outDir, f));
      return r.startsWith('-') ? `./${r}` : r;
    };
    const document = `${STATUS_LIST_URL}=${rel('status-list.json')}`;
    io.out(`\n${c.bold('Next')} (each line runs as shown)\n`);
    for (const [command, comment] of [
      [['verify', rel('badge.png'), '--document', document], 'valid'],
      [['verify', rel('revoked-credential.json'), '--document', document], 'revoked: exit code 1'],
      [['init', 'my-badges'], 'a starter to issue your own badges'],
    ] as const) {
      io.out(`  ${shellCommand(['npx', 'ob3kit', ...command])}  ${c.dim(`# ${comment}`)}\n`);
    }
    io.out(
      `\n${ok ? c.green('Demo passed') : c.red('Demo FAILED')} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
    return ok ? EXIT_OK : EXIT_INVALID;
  },
};
