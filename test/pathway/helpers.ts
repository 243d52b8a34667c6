/**
 * A pool of real, signed badges and their verification reports for the pathway tests: three
 * component achievements from a school, one from another issuer, a revoked and an expired badge,
 * a badge of another learner, a forged one, and badges with results and credits.
 */
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import type { Pathway } from '../../src/pathway/index.js';
import { signCredential } from '../../src/proof/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { type VerificationReport, verify } from '../../src/verify/index.js';
import type { Loose } from '../verify/helpers.js';

export const NOW = new Date('2025-06-01T00:00:00Z');
export const LEARNER = 'did:example:ada';
export const OTHER_LEARNER = 'did:example:grace';
export const SQL = 'https://example.edu/achievements/sql';
export const STATS = 'https://example.edu/achievements/statistics';
export const VIS = 'https://example.edu/achievements/visualisation';
export const ETHICS = 'https://example.edu/achievements/data-ethics';
export const DEST = 'https://example.edu/achievements/data-analyst';
export const ESCO_SQL = 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d';
export const LIST_URL = 'https://example.edu/status/1';

export interface Party {
  did: string;
  key: KeyPair;
  document: object;
}

export async function party(seed: number): Promise<Party> {
  const { did, keyPair, document } = createDidKey(
    await generateKeyPair({ seed: new Uint8Array(32).fill(seed) }),
  );
  return { did, key: keyPair, document };
}

export interface BadgeSpec {
  achievement: string;
  name: string;
  learner?: string;
  by?: Party;
  extra?: (c: Loose) => void;
}

let counter = 0;

/** A signed badge. */
export async function makeBadge(school: Party, spec: BadgeSpec): Promise<Loose> {
  const by = spec.by ?? school;
  counter++;
  const c = createOpenBadgeCredential({
    id: `urn:uuid:00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    issuer: { id: by.did, name: by === school ? 'Example University' : 'Other Institute' },
    validFrom: '2024-01-01T00:00:00Z',
    name: spec.name,
    credentialSubject: {
      id: spec.learner ?? LEARNER,
      achievement: {
        id: spec.achievement,
        name: spec.name,
        description: `${spec.name} course.`,
        criteria: { narrative: 'Pass the course.' },
      },
    },
  }) as Loose;
  spec.extra?.(c);
  return signCredential(c, { key: by.key });
}

/** The data analyst pathway: SQL, statistics and visualisation from the school. */
export function analystPathway(school: Party, requirement?: Loose): Pathway {
  return {
    type: 'Pathway',
    formatVersion: 1,
    id: 'https://example.edu/pathways/data-analyst',
    name: 'Data Analyst',
    issuers: [school.did],
    destination: {
      id: DEST,
      name: 'Data Analyst Certificate',
      description: 'Holds the three data badges.',
      achievementType: 'Certificate',
    },
    requirement: requirement ?? {
      all: [
        { achievement: { id: SQL } },
        { achievement: { id: STATS } },
        { achievement: { id: VIS } },
      ],
    },
  };
}

export interface Pool {
  school: Party;
  other: Party;
  documents: Record<string, unknown>;
  /** Named reports, each from verify() of a real signed badge. */
  reports: Record<string, VerificationReport>;
  /** The signed credentials, by the same names. */
  credentials: Record<string, Loose>;
}

/** Build and verify the pool (once per test file). */
export async function makePool(): Promise<Pool> {
  const school = await party(21);
  const other = await party(22);
  const list = createStatusList({ purpose: 'revocation' });
  setStatus(list, 5, true);
  const listCredential = await signCredential(
    await createStatusListCredential({
      id: LIST_URL,
      issuer: school.did,
      list,
      validFrom: '2020-01-01T00:00:00Z',
    }),
    { key: school.key },
  );
  const documents = { [LIST_URL]: listCredential };
  const specs: Record<string, BadgeSpec> = {
    sql: { achievement: SQL, name: 'SQL' },
    stats: { achievement: STATS, name: 'Statistics' },
    vis: { achievement: VIS, name: 'Visualisation' },
    ethics: { achievement: ETHICS, name: 'Data Ethics' },
    statsOther: { achievement: STATS, name: 'Statistics', by: other },
    visRevoked: {
      achievement: VIS,
      name: 'Visualisation',
      extra: (c) => {
        c.credentialStatus = createStatusEntry({
          statusListCredential: LIST_URL,
          index: 5,
          purpose: 'revocation',
        });
      },
    },
    visActive: {
      achievement: VIS,
      name: 'Visualisation',
      extra: (c) => {
        c.credentialStatus = createStatusEntry({
          statusListCredential: LIST_URL,
          index: 6,
          purpose: 'revocation',
        });
      },
    },
    sqlExpired: {
      achievement: SQL,
      name: 'SQL',
      extra: (c) => {
        c.validUntil = '2025-01-01T00:00:00Z';
      },
    },
    sqlGrace: { achievement: SQL, name: 'SQL', learner: OTHER_LEARNER },
    statsGrace: { achievement: STATS, name: 'Statistics', learner: OTHER_LEARNER },
    sqlInProgress: {
      achievement: SQL,
      name: 'SQL',
      extra: (c) => {
        c.credentialSubject.result = [{ type: ['Result'], status: 'InProgress' }];
      },
    },
    sqlScored: {
      achievement: SQL,
      name: 'SQL',
      extra: (c) => {
        const a = c.credentialSubject.achievement;
        a.resultDescription = [
          {
            id: 'urn:uuid:rd-percent',
            type: ['ResultDescription'],
            name: 'Score',
            resultType: 'Percent',
            requiredValue: '60',
          },
          {
            id: 'urn:uuid:rd-grade',
            type: ['ResultDescription'],
            name: 'Grade',
            resultType: 'LetterGrade',
            allowedValue: ['F', 'D', 'C', 'B', 'A'],
            requiredValue: 'C',
          },
        ];
        c.credentialSubject.result = [
          { type: ['Result'], resultDescription: 'urn:uuid:rd-percent', value: '72' },
          { type: ['Result'], resultDescription: 'urn:uuid:rd-grade', value: 'B' },
        ];
      },
    },
    sqlLowScore: {
      achievement: SQL,
      name: 'SQL',
      extra: (c) => {
        const a = c.credentialSubject.achievement;
        a.resultDescription = [
          {
            id: 'urn:uuid:rd-percent',
            type: ['ResultDescription'],
            name: 'Score',
            resultType: 'Percent',
            requiredValue: '60',
          },
        ];
        c.credentialSubject.result = [
          { type: ['Result'], resultDescription: 'urn:uuid:rd-percent', value: '41' },
        ];
      },
    },
    course3: {
      achievement: 'https://example.edu/achievements/course-3',
      name: 'Course three',
      extra: (c) => {
        c.credentialSubject.achievement.achievementType = 'Course';
        c.credentialSubject.achievement.creditsAvailable = 3;
      },
    },
    course2: {
      achievement: 'https://example.edu/achievements/course-2',
      name: 'Course two',
      extra: (c) => {
        c.credentialSubject.achievement.achievementType = 'Course';
        c.credentialSubject.achievement.creditsAvailable = 5;
        c.credentialSubject.creditsEarned = 2;
      },
    },
    skilled: {
      achievement: 'https://example.org/achievements/sql-bootcamp',
      name: 'SQL Bootcamp',
      extra: (c) => {
        c.credentialSubject.achievement.alignment = [
          {
            type: ['Alignment'],
            targetName: 'use SQL',
            targetUrl: ESCO_SQL,
            targetFramework: 'ESCO',
            targetCode: 'S5.6.1',
          },
        ];
      },
    },
  };
  const credentials: Record<string, Loose> = {};
  for (const [name, spec] of Object.entries(specs))
    credentials[name] = await makeBadge(school, spec);
  // A forgery: the school's name and achievement, signed by the other party.
  const forged = createOpenBadgeCredential({
    id: 'urn:uuid:00000000-0000-4000-8000-ffffffffffff',
    issuer: { id: school.did, name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: {
      id: LEARNER,
      achievement: {
        id: VIS,
        name: 'Visualisation',
        description: 'x',
        criteria: { narrative: 'x' },
      },
    },
  });
  // Signing would refuse a key that is not the issuer's: a forger's own tool would not.
  credentials.visForged = await signCredential(forged, { key: other.key, checkIssuer: false });
  const reports: Record<string, VerificationReport> = {};
  for (const [name, c] of Object.entries(credentials)) {
    reports[name] = await verify(c, { now: NOW, documents });
  }
  return { school, other, documents, reports, credentials };
}
