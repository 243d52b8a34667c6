/**
 * The stacking part of `ob3kit demo`: a pathway of three badges, the learner's progress after
 * each, the stacked certificate and a CLR 2.0 record of its parts, all verified offline.
 */
import type { KeyPair } from '../keys/index.js';
import { createAchievementCredential, type IdentityObject, type Profile } from '../model/index.js';
import {
  createClrForPathway,
  createStackedCredential,
  evaluatePathway,
  type Pathway,
} from '../pathway/index.js';
import { signCredential } from '../proof/index.js';
import { type VerificationReport, verify } from '../verify/index.js';
import type { Palette } from './color.js';
import { progressBar } from './pathway-render.js';

const BASE = 'https://ob3kit.example';

/** What the stacking section needs from the demo. */
export interface StackingDemoContext {
  key: KeyPair;
  issuer: Profile;
  /** The learner's (hashed) identifier, the same on every badge. */
  learner: IdentityObject;
  c: Palette;
  out: (text: string) => void;
  write: (name: string, data: string) => void;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Run the stacking section; returns whether everything came out as it must (progress rising
 * to met, the certificate and the record valid, every bundled credential valid) and the files.
 *
 * @example
 * ```ts
 * const { ok, files } = await runStackingDemo({ key, issuer, learner, c, out: io.out, write });
 * ```
 */
export async function runStackingDemo(
  ctx: StackingDemoContext,
): Promise<{ ok: boolean; files: Array<[string, string]> }> {
  const { key, issuer, learner, c, out, write } = ctx;
  const parts = ['SQL', 'Statistics', 'Visualisation'].map((name) => ({
    name,
    id: `${BASE}/achievements/${name.toLowerCase()}`,
  }));
  const pathway: Pathway = {
    type: 'Pathway',
    formatVersion: 1,
    id: `${BASE}/pathways/data-literacy`,
    name: 'Data Literacy',
    issuers: [issuer.id],
    destination: {
      id: `${BASE}/achievements/data-literacy`,
      name: 'Data Literacy Certificate',
      description: 'Awarded for the SQL, Statistics and Visualisation badges.',
      achievementType: 'Certificate',
    },
    requirement: { all: parts.map((p) => ({ name: p.name, achievement: { id: p.id } })) },
  };
  write('pathway.json', json(pathway));
  out(`\n${c.bold('Stacking')} (three badges make a certificate; ${c.dim('pathway.json')})\n`);
  let ok = true;
  const reports: VerificationReport[] = [];
  let last = 0;
  for (const part of parts) {
    const badge = await signCredential(
      createAchievementCredential({
        name: part.name,
        issuer,
        validFrom: new Date(),
        credentialSubject: {
          identifier: [learner],
          achievement: {
            id: part.id,
            name: part.name,
            description: `The ${part.name} module.`,
            criteria: { narrative: 'Pass the module project.' },
          },
        },
      }),
      { key },
    );
    reports.push(await verify(badge));
    const e = evaluatePathway(pathway, reports);
    ok &&= e.progress.ratio > last;
    last = e.progress.ratio;
    out(
      `  after ${part.name.padEnd(14)} ${progressBar(e.progress.ratio, c)} ${String(Math.floor(e.progress.ratio * 100 + 1e-9)).padStart(3)}%${e.met ? `  ${c.green('met')}` : ''}\n`,
    );
  }
  const evaluation = evaluatePathway(pathway, reports);
  ok &&= evaluation.met;
  const certificate = await signCredential(
    createStackedCredential(pathway, evaluation, { issuer }),
    {
      key,
    },
  );
  write('certificate.json', json(certificate));
  const record = await signCredential(
    createClrForPathway(pathway, evaluation, reports, { issuer, stacked: certificate }),
    { key },
  );
  write('record.json', json(record));
  const certReport = await verify(certificate);
  const recordReport = await verify(record);
  const bundled = recordReport.credentials ?? [];
  const certOk = certReport.verdict === 'valid';
  const recordOk =
    recordReport.verdict === 'valid' &&
    bundled.length === 4 &&
    bundled.every((r) => r.verdict === 'valid');
  ok &&= certOk && recordOk;
  const mark = (good: boolean) => (good ? c.green('✔') : c.red('✘'));
  out(
    `  ${mark(certOk)} certificate.json  ${certOk ? c.green('valid') : c.red(certReport.verdict)}: the certificate, naming its ${parts.length} badges as evidence\n`,
  );
  out(
    `  ${mark(recordOk)} record.json       ${recordOk ? c.green('valid') : c.red(recordReport.verdict)} (CLR 2.0): bundles the badges and the certificate, each verified (${bundled.map((r) => r.verdict).join(', ')})\n`,
  );
  return {
    ok,
    files: [
      ['pathway.json', 'a pathway: three badges earn the Data Literacy Certificate'],
      ['certificate.json', 'the stacked certificate (OpenBadgeCredential)'],
      ['record.json', 'a CLR 2.0 record of the badges and the certificate'],
    ],
  };
}
