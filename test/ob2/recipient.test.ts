/**
 * The recipient of an Open Badges 2.0 assertion, checked when the caller knows the identity:
 * `sha256$` / `md5$` of the identity followed by the salt (or no salt), or the plaintext.
 * Expected hashes come from the 2.0 specification ("mayze"), 1EdTech's validator test data
 * (nobody@example.org with salt "deadsea") and node:crypto.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type KnownRecipient, verify } from '../../src/verify/index.js';
import { codes, fixture, type Loose, outcomes, specDocuments } from './helpers.js';

const IN_2017 = new Date('2017-01-15T00:00:00Z');

async function check(recipient: Loose, known: KnownRecipient | undefined) {
  const a = fixture('spec/assertion-hosted.json');
  a.recipient = recipient;
  const report = await verify(a, {
    documents: { ...specDocuments(), [a.id]: a },
    now: IN_2017,
    recipient: known,
  });
  return { outcome: outcomes(report, 'recipient')[0], code: codes(report, 'recipient')[0], report };
}

describe('recipient identity', () => {
  it('sha256 with a salt: the validator test vector (nobody@example.org, salt deadsea)', async () => {
    const recipient = {
      type: 'email',
      hashed: true,
      salt: 'deadsea',
      identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942',
    };
    expect((await check(recipient, 'nobody@example.org')).outcome).toBe('pass');
    expect((await check(recipient, 'somebody@example.org')).code).toBe('recipient_mismatch');
    // Upper-case hex (the spec allows either case).
    const upper = {
      ...recipient,
      identity: recipient.identity
        .replace(/[a-f]/g, (c) => c.toUpperCase())
        .replace('SHA256', 'sha256'),
    };
    expect((await check(upper, 'nobody@example.org')).outcome).toBe('pass');
  });

  it('sha256 without a salt: the specification example ("mayze")', async () => {
    const recipient = {
      type: 'email',
      hashed: true,
      identity: 'sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6',
    };
    expect((await check(recipient, 'mayze')).outcome).toBe('pass');
    expect((await check(recipient, 'Mayze')).outcome).toBe('fail');
  });

  it('md5, with and without salt (node:crypto as the oracle)', async () => {
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const salted = {
      type: 'email',
      hashed: true,
      salt: 'sel gris',
      identity: `md5$${md5('learner@example.org' + 'sel gris')}`,
    };
    expect((await check(salted, 'learner@example.org')).outcome).toBe('pass');
    const bare = { type: 'email', hashed: true, identity: `md5$${md5('learner@example.org')}` };
    expect((await check(bare, 'learner@example.org')).outcome).toBe('pass');
    expect((await check(bare, 'learner@example.com')).outcome).toBe('fail');
  });

  it('plaintext: exact comparison; hashed omitted means plaintext (as in the specification introduction)', async () => {
    expect(
      (await check({ type: 'email', hashed: false, identity: 'a@example.org' }, 'a@example.org'))
        .outcome,
    ).toBe('pass');
    expect(
      (await check({ type: 'email', identity: 'a@example.org' }, 'a@example.org')).outcome,
    ).toBe('pass');
    expect(
      (await check({ type: 'email', identity: 'a@example.org' }, 'A@example.org')).outcome,
    ).toBe('fail');
    // A plaintext that looks like a hash is still compared as text.
    const looks = `sha256$${createHash('sha256').update('a@example.org').digest('hex')}`;
    expect(
      (await check({ type: 'email', hashed: false, identity: looks }, 'a@example.org')).outcome,
    ).toBe('fail');
  });

  it('a known identity type must match the recipient type (2.0 and 3.0 names)', async () => {
    const r = { type: 'url', hashed: false, identity: 'https://learner.example/me' };
    expect((await check(r, { identity: 'https://learner.example/me', type: 'url' })).outcome).toBe(
      'pass',
    );
    expect(
      (await check(r, { identity: 'https://learner.example/me', type: 'emailAddress' })).outcome,
    ).toBe('fail');
    const e = { type: 'email', hashed: false, identity: 'a@example.org' };
    expect((await check(e, { identity: 'a@example.org', type: 'emailAddress' })).outcome).toBe(
      'pass',
    );
  });

  it('not requested: skipped; a malformed hash is a data validation failure', async () => {
    expect((await check({ type: 'email', identity: 'a@example.org' }, undefined)).code).toBe(
      'recipient_not_requested',
    );
    const { report } = await check(
      { type: 'email', hashed: true, identity: 'sha1$abcdef' },
      'a@example.org',
    );
    expect(codes(report, 'schema')).toEqual(['ob2_identity_hash_invalid']);
    expect(outcomes(report, 'recipient')).toEqual(['fail']);
  });
});
