/**
 * The four answers must say what was not checked, whatever else a summary entry says: an unsigned
 * credential a CLR bundles (vouched for by the record's proof) whose status could not be
 * checked leaves the record's "in force" open, exactly as a signed one does; otherwise the record
 * reads as fully checked and the command line accepts it (exit 0) while a revoked credential may
 * sit inside. And a record vouches for its unsigned credentials only when its issuer's key signed
 * it: a record whose proof verifies with another key must not make them read as vouched for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClrCredential } from '../../src/clr/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { signCredential } from '../../src/proof/index.js';
import { createStatusEntry } from '../../src/status/index.js';
import { verify } from '../../src/verify/index.js';
import { LEARNER, NOW, type Party, party } from '../pathway/helpers.js';
import type { Loose } from './helpers.js';

const LIST = 'https://example.edu/status/9';
let school: Party;

beforeAll(async () => {
  school = await party(43);
}, 60_000);

function bundled(withStatus: boolean): Loose {
  const c: Loose = createOpenBadgeCredential({
    id: 'urn:uuid:33333333-0000-4000-8000-000000000009',
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
  if (withStatus) {
    c.credentialStatus = createStatusEntry({
      statusListCredential: LIST,
      index: 3,
      purpose: 'revocation',
    });
  }
  return c;
}

async function record(item: Loose): Promise<Loose> {
  return signCredential(
    createClrCredential({
      name: 'Transcript',
      issuer: { id: school.did, name: 'Example University' },
      validFrom: '2024-02-01T00:00:00Z',
      credentialSubject: { id: LEARNER, verifiableCredential: [item] },
    }) as Loose,
    { key: school.key },
  );
}

describe('an unsigned bundled credential whose status was not checked', () => {
  it('leaves the record not fully checked and its in force answer open', async () => {
    // The status list is not given and nothing is fetched: the status cannot be checked.
    const r = await verify(await record(bundled(true)), { now: NOW });
    const inner = r.credentials?.[0];
    expect(inner?.checks.find((c) => c.id === 'status')?.code).toBe('status_unchecked_offline');
    expect(inner?.answers.fullyChecked.value).toBe('no');
    expect(r.answers.fullyChecked.value).toBe('no');
    expect(r.answers.inForce.value).toBe('unknown');
    // The record still says the credential has no proof of its own.
    expect(r.checks.map((c) => c.code)).toContain('clr_credential_unsigned');
  });

  it('without a status, the record is fully checked (the warning alone)', async () => {
    const r = await verify(await record(bundled(false)), { now: NOW });
    expect(r.credentials?.[0]?.answers.fullyChecked.value).toBe('yes');
    expect(r.answers.fullyChecked.value).toBe('yes');
    expect(r.answers.inForce.value).toBe('yes');
    expect(r.verdict).toBe('warning');
  });
});

describe("a record signed with a key that is not its issuer's vouches for nothing", () => {
  it('its unsigned credential is not vouched for (proof_missing, credential_invalid)', async () => {
    const attacker = await party(44);
    // The record names the school as issuer, but the attacker's key signs it.
    const forged = await signCredential(
      createClrCredential({
        name: 'Transcript',
        issuer: { id: school.did, name: 'Example University' },
        validFrom: '2024-02-01T00:00:00Z',
        credentialSubject: { id: LEARNER, verifiableCredential: [bundled(false)] },
      }) as Loose,
      { key: attacker.key, checkIssuer: false },
    );
    const r = await verify(forged, { now: NOW });
    expect(r.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');
    expect(r.checks.find((c) => c.id === 'issuer' && c.outcome === 'fail')?.code).toBe(
      'issuer_key_mismatch',
    );
    expect(r.verdict).toBe('invalid');
    const inner = r.credentials?.[0];
    expect(inner?.checks.find((c) => c.id === 'proof')?.code).toBe('proof_missing');
    expect(inner?.verdict).toBe('invalid');
    expect(r.checks.find((c) => c.id === 'credentials')?.code).toBe('credential_invalid');
  });
});
