/**
 * `verifyStackedCredential` holds a stacked credential only when it is authentic and in force,
 * as its components are. A certificate forged in a school's name, signed with a key that cannot
 * be resolved here (a did:web key, offline), is a `warning` (its proof could not be checked), not
 * `invalid`: reading the verdict alone let it hold over the learner's genuine components.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bindKeyPair, generateKeyPair } from '../../src/keys/index.js';
import {
  createStackedCredential,
  evaluatePathway,
  verifyStackedCredential,
} from '../../src/pathway/index.js';
import { signCredential } from '../../src/proof/index.js';
import { createStatusEntry } from '../../src/status/index.js';
import { verify } from '../../src/verify/index.js';
import { analystPathway, makePool, NOW, type Pool } from '../pathway/helpers.js';
import type { Loose } from './helpers.js';

let pool: Pool;
const NAMES = ['sql', 'stats', 'visActive'];
const validFrom = '2025-05-01T00:00:00Z';

beforeAll(async () => {
  pool = await makePool();
}, 60_000);

async function stacked(
  issuerId: string,
  key: Parameters<typeof signCredential>[1]['key'],
  edit?: (c: Loose) => void,
) {
  const p = analystPathway(pool.school);
  const evaluation = evaluatePathway(
    p,
    NAMES.map((n) => pool.reports[n] as Loose),
  );
  const c = createStackedCredential(p, evaluation, {
    issuer: { id: issuerId, type: ['Profile'], name: 'Example University' },
    validFrom,
  }) as Loose;
  edit?.(c);
  return { p, credential: await signCredential(c, { key, validate: false }) };
}

const components = () => NAMES.map((n) => pool.credentials[n]);

describe('verifyStackedCredential: the stacked credential itself must be authentic and in force', () => {
  it('a genuine one holds', async () => {
    const { p, credential } = await stacked(pool.school.did, pool.school.key);
    const r = await verifyStackedCredential(credential, components(), p, {
      now: NOW,
      documents: pool.documents,
    });
    expect(r.holds).toBe(true);
  });

  it('one whose proof could not be checked (a did:web key offline) does not hold', async () => {
    const key = bindKeyPair(await generateKeyPair(), {
      id: 'did:web:university.example#key-1',
      controller: 'did:web:university.example',
    });
    const { p, credential } = await stacked('did:web:university.example', key);
    const report = await verify(credential, { now: NOW, documents: pool.documents });
    expect(report.verdict).toBe('warning');
    expect(report.answers.authentic.value).toBe('unknown');
    const r = await verifyStackedCredential(credential, components(), p, {
      now: NOW,
      documents: pool.documents,
    });
    expect(r.holds).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('stacked_unchecked');
  });

  it('one whose status could not be checked does not hold, unless acceptUncheckedStatus', async () => {
    const { p, credential } = await stacked(pool.school.did, pool.school.key, (c) => {
      c.credentialStatus = createStatusEntry({
        statusListCredential: 'https://example.edu/status/not-given',
        index: 9,
        purpose: 'revocation',
      });
    });
    const options = { now: NOW, documents: pool.documents };
    const r = await verifyStackedCredential(credential, components(), p, options);
    expect(r.report.answers.inForce.value).toBe('unknown');
    expect(r.holds).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('stacked_unchecked');
    const accepted = await verifyStackedCredential(credential, components(), p, {
      ...options,
      acceptUncheckedStatus: true,
    });
    expect(accepted.holds).toBe(true);
  });
});
