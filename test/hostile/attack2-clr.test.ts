/**
 * A CLR's bundled credentials are a JSON-LD set of nodes (`@container: @set` in the CLR context):
 * the record's proof signs each node once, whatever the order and however many times it is
 * written. Repeating an entry (whole or split in parts) keeps the proof valid; verification must
 * not read such a list as the one signed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClrCredential } from '../../src/clr/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { signCredential } from '../../src/proof/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { type VerificationReport, verify } from '../../src/verify/index.js';
import { LEARNER, makeBadge, NOW, type Party, party, STATS } from '../pathway/helpers.js';
import { fuzzRuns, type Loose } from './helpers.js';

const LIST = 'https://example.edu/status/7';

let school: Party;
let documents: Record<string, Loose>;
let unsigned: Loose;
let revoked: Loose;
let record: Loose;

function failures(r: VerificationReport): string[] {
  return r.checks.filter((c) => c.outcome === 'fail').map((c) => c.code as string);
}

beforeAll(async () => {
  school = await party(41);
  const list = createStatusList({ purpose: 'revocation' });
  setStatus(list, 3, true);
  const listCredential = await signCredential(
    await createStatusListCredential({
      id: LIST,
      issuer: school.did,
      list,
      validFrom: '2020-01-01T00:00:00Z',
    }),
    { key: school.key },
  );
  documents = { [LIST]: listCredential };
  revoked = await makeBadge(school, {
    achievement: STATS,
    name: 'Stats',
    extra: (c) => {
      c.credentialStatus = createStatusEntry({
        statusListCredential: LIST,
        index: 3,
        purpose: 'revocation',
      });
    },
  });
  unsigned = createOpenBadgeCredential({
    id: 'urn:uuid:33333333-0000-4000-8000-000000000001',
    issuer: { id: school.did, name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: {
      id: LEARNER,
      achievement: {
        id: 'https://example.edu/a/legacy',
        name: 'Legacy',
        description: 'x',
        criteria: { id: 'https://example.edu/criteria/legacy' },
      },
    },
  });
  record = await signCredential(
    createClrCredential({
      name: 'Transcript',
      issuer: { id: school.did, name: 'Example University' },
      validFrom: '2024-02-01T00:00:00Z',
      credentialSubject: { id: LEARNER, verifiableCredential: [unsigned, revoked] },
    }) as Loose,
    { key: school.key },
  );
  const r = await verify(record, { now: NOW, documents });
  expect(r.verdict).toBe('invalid');
  expect(r.credentials?.[1]?.checks.find((c) => c.id === 'status')?.code).toBe('status_revoked');
}, 60_000);

describe('CLR bundled credentials written more than once', () => {
  it('padding the list to push a revoked credential past the limit keeps the proof but fails', async () => {
    const padded = structuredClone(record);
    padded.credentialSubject.verifiableCredential = [...Array(4).fill(unsigned), revoked];
    const r = await verify(padded, {
      now: NOW,
      documents,
      limits: { maxBundledCredentials: 3 },
    });
    // The record's proof still passes: the repeats are not in what was signed.
    expect(r.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');
    expect(r.verdict).toBe('invalid');
    expect(failures(r)).toContain('clr_credential_repeated');
    // The repeats cost nothing: the revoked credential is still verified, and fails.
    expect(r.credentials?.map((c) => c.verdict)).toEqual(['warning', 'invalid']);
  });

  it('a credential split into two entries with one id fails', async () => {
    const split = structuredClone(record);
    const { credentialStatus, ...rest } = revoked;
    split.credentialSubject.verifiableCredential = [
      unsigned,
      rest,
      { id: revoked.id, credentialStatus },
    ];
    const r = await verify(split, { now: NOW, documents });
    expect(r.verdict).toBe('invalid');
    expect(failures(r)).toContain('clr_credential_repeated');
  });

  it('any repeat at any place fails (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        async (which, places) => {
          const entries: Loose[] = [unsigned, revoked];
          which.forEach((w, k) => {
            const at = (places[k % places.length] as number) % (entries.length + 1);
            entries.splice(at, 0, w === 0 ? unsigned : revoked);
          });
          const doc = structuredClone(record);
          doc.credentialSubject.verifiableCredential = entries;
          const r = await verify(doc, { now: NOW, documents });
          expect(r.verdict).toBe('invalid');
          expect(failures(r)).toContain('clr_credential_repeated');
        },
      ),
      { numRuns: fuzzRuns(8) },
    );
  }, 60_000);

  it('distinct credentials, in any order, are not repeats', async () => {
    const other = await makeBadge(school, { achievement: 'https://example.edu/a/x', name: 'X' });
    const signed = await signCredential(
      createClrCredential({
        name: 'Transcript',
        issuer: { id: school.did, name: 'Example University' },
        validFrom: '2024-02-01T00:00:00Z',
        credentialSubject: { id: LEARNER, verifiableCredential: [unsigned, other] },
      }) as Loose,
      { key: school.key },
    );
    const r = await verify(signed, { now: NOW, documents });
    expect(r.verdict).toBe('warning');
    const reordered = structuredClone(signed);
    reordered.credentialSubject.verifiableCredential.reverse();
    expect(failures(await verify(reordered, { now: NOW, documents }))).toEqual([]);
  });
});
