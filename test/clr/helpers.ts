/** Helpers of the CLR tests: records, badges and the reference material. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createClrCredential } from '../../src/clr/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';

export const ROOT = path.resolve(__dirname, '../..');
export const OB3 = path.resolve(ROOT, '../shared/ob3');
export const CLR_GUIDE = path.join(OB3, 'spec/impl/linked-data-proof-clr.html');
export const HAVE_GUIDE = existsSync(CLR_GUIDE);
export const SKIP_GUIDE = `skipped: ${CLR_GUIDE} (the CLR walk-through) is absent`;

/** The JSON of the `<pre>` titled `title` in the CLR walk-through. */
export function guideBlock(title: string): Record<string, unknown> {
  const html = readFileSync(CLR_GUIDE, 'utf8');
  const m = new RegExp(`<pre class="example json" title="${title}">([\\s\\S]*?)</pre`).exec(html);
  if (!m) throw new Error(`no <pre> titled ${title}`);
  return JSON.parse(m[1] as string);
}

/** The `<code>` after a label in the CLR walk-through. */
export function guideCode(label: string): string {
  const html = readFileSync(CLR_GUIDE, 'utf8');
  const m = new RegExp(`${label}[\\s\\S]*?<code\\s*>([^<]+)</code`).exec(html);
  if (!m) throw new Error(`no <code> after ${label}`);
  return (m[1] as string).trim();
}

/** 1EdTech's validator fixture `clr20/simple.json` (see fixtures/verify/README.md). */
export function clrSimple(): Record<string, unknown> {
  return JSON.parse(
    readFileSync(path.join(ROOT, 'fixtures/verify/1edtech/clr-simple.json'), 'utf8'),
  );
}

/** An unsigned badge of `learner` for `achievementId`. */
export function badge(
  achievementId: string,
  learner = 'did:example:learner',
  issuer = 'https://example.edu/issuers/1',
): Record<string, unknown> {
  return createOpenBadgeCredential({
    issuer: { id: issuer, name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: {
      id: learner,
      achievement: {
        id: achievementId,
        name: `Achievement ${achievementId.split('/').pop()}`,
        description: 'A course.',
        criteria: { narrative: 'Pass the course.' },
      },
    },
  }) as unknown as Record<string, unknown>;
}

/** An unsigned record bundling `credentials` for `learner`, with a program they are part of. */
export function record(
  credentials: Array<Record<string, unknown>>,
  learner = 'did:example:learner',
): Record<string, unknown> {
  const program = 'https://example.edu/achievements/program';
  return createClrCredential({
    name: 'Transcript',
    issuer: { id: 'https://example.edu/issuers/1', name: 'Example University' },
    validFrom: '2024-02-01T00:00:00Z',
    credentialSubject: {
      id: learner,
      verifiableCredential: credentials,
      achievement: [
        {
          id: program,
          name: 'Program',
          description: 'The program.',
          criteria: { narrative: 'All courses.' },
        },
      ],
      association: credentials.map((c) => ({
        associationType: 'isPartOf' as const,
        sourceId: (c.credentialSubject as { achievement: { id: string } }).achievement.id,
        targetId: program,
      })),
    },
  }) as unknown as Record<string, unknown>;
}
