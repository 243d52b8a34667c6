/**
 * Attack: recipient identity hashes (IdentityHash, `sha256$` / `md5$`, now computed by ob3kit's
 * own SHA-256 and MD5), where a hash decides whether a badge is about a learner: `hashIdentity`,
 * `matchIdentity`, `verify()`'s `recipient` check for Open Badges 3.0 and 2.0, and the 2.0
 * upgrade. node:crypto's `createHash` is the oracle.
 *
 * Tried, nothing found: arbitrary identities and salts (astral characters, long text) hashed as
 * node:crypto hashes them; the hex in either case matches; a hash truncated or extended by a
 * digit, one digit changed, the other algorithm's label, another salt or no salt never matches.
 *
 * Found:
 * - Open Badges 2.0: a hashed recipient whose `salt` is not a string (a number, an array, a
 *   value object) was checked as if it had no salt, and the upgrade dropped it: with
 *   `"salt": ["g"]` and the hash of "nobody@example.org", the recipient check passed for
 *   nobody@example.org, although to a JSON-LD reader (and to the issuer who hashed with the salt)
 *   the badge names "nobody@example.or". Now the check fails (`recipient_mismatch` at
 *   `$.recipient.salt`) and the upgrade throws `ERR_OB2_INCOMPLETE`; a null salt is still
 *   no salt, as JSON-LD reads it.
 * - An unpaired UTF-16 surrogate in an identity or salt has no UTF-8 form; UTF-8 encoding
 *   replaces it with U+FFFD, so `hashIdentity('a\ud800')` equalled `hashIdentity('a\ufffd')`
 *   and `matchIdentity` matched a claim against the hash of another text. Now `hashIdentity`
 *   throws `TypeError` and `matchIdentity` does not match (as Data Integrity hashing refuses
 *   such text).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashIdentity, matchIdentity } from '../../src/model/identity.js';
import type { IdentityObject } from '../../src/model/types.generated.js';
import { upgradeOb2 } from '../../src/ob2/index.js';
import { verify } from '../../src/verify/index.js';
import { fixture, specDocuments } from '../ob2/helpers.js';
import { fuzzRuns, type Loose } from './helpers.js';

const RUNS = fuzzRuns(60);
const IN_2017 = new Date('2017-01-15T00:00:00Z');
type Alg = 'sha256' | 'md5';

const oracle = (alg: Alg, text: string) => createHash(alg).update(text, 'utf8').digest('hex');

/** Well-formed text: any code points (astral included), never a lone surrogate. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 2000 }),
);

function identityObject(identityHash: string, salt?: unknown): IdentityObject {
  return {
    type: 'IdentityObject',
    hashed: true,
    identityHash,
    identityType: 'emailAddress',
    ...(salt === undefined ? {} : { salt }),
  } as IdentityObject;
}

/** Change the hex digit at `i` to another one. */
function flipDigit(hex: string, i: number): string {
  const c = hex[i] === '0' ? '1' : '0';
  return hex.slice(0, i) + c + hex.slice(i + 1);
}

describe('hashIdentity and matchIdentity against node:crypto', () => {
  it('hash identity + salt as node:crypto does, and match it in either case of hex', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom<Alg>('sha256', 'md5'), (identity, salt, alg) => {
        const want = `${alg}$${oracle(alg, identity + salt)}`;
        expect(hashIdentity(identity, salt, alg)).toBe(want);
        expect(matchIdentity(identityObject(want, salt), identity)).toBe(true);
        expect(matchIdentity(identityObject(want.toUpperCase(), salt), identity)).toBe(true);
        if (salt === '') expect(matchIdentity(identityObject(want), identity)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('never match a truncated, extended or changed hash, the other label, another salt', () => {
    fc.assert(
      fc.property(
        text,
        text,
        fc.constantFrom<Alg>('sha256', 'md5'),
        fc.nat(),
        (identity, salt, alg, at) => {
          const hex = oracle(alg, identity + salt);
          const other: Alg = alg === 'sha256' ? 'md5' : 'sha256';
          const wrong = [
            `${alg}$${hex.slice(0, -1)}`,
            `${alg}$${hex.slice(0, -2)}`,
            `${alg}$${hex.slice(0, hex.length / 2)}`,
            `${alg}$${hex}0`,
            `${alg}$${hex}00`,
            `${alg}$${flipDigit(hex, at % hex.length)}`,
            `${other}$${hex}`,
            `${other}$${oracle(alg, identity + salt)
              .padEnd(64, '0')
              .slice(0, other === 'md5' ? 32 : 64)}`,
            `${alg}$`,
            `${alg}${hex}`,
            hex,
          ];
          for (const identityHash of wrong) {
            expect(matchIdentity(identityObject(identityHash, salt), identity), identityHash).toBe(
              false,
            );
          }
          expect(matchIdentity(identityObject(`${alg}$${hex}`, `${salt}x`), identity)).toBe(false);
          if (salt !== '') {
            expect(matchIdentity(identityObject(`${alg}$${hex}`), identity)).toBe(false);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a lone surrogate: hashIdentity throws, matchIdentity does not match another text', () => {
    const lone = ['a\ud800', '\udc00b', 'x\ud83d', 'y\ude00z', '\udc00\ud800'];
    for (const s of lone) {
      const replaced = s.replace(/[\ud800-\udfff]/g, '\ufffd');
      const hash = `sha256$${oracle('sha256', replaced)}`;
      // node:crypto encodes the lone surrogate as U+FFFD: the two texts hash alike.
      expect(oracle('sha256', s)).toBe(oracle('sha256', replaced));
      expect(() => hashIdentity(s)).toThrow(TypeError);
      expect(() => hashIdentity('someone@example.org', s)).toThrow(TypeError);
      expect(() => hashIdentity(s, '', 'md5')).toThrow(TypeError);
      expect(matchIdentity(identityObject(hash), s)).toBe(false);
      expect(matchIdentity(identityObject(hash), replaced)).toBe(true);
      const salted = `sha256$${oracle('sha256', `me${replaced}`)}`;
      expect(matchIdentity(identityObject(salted, s), 'me')).toBe(false);
    }
    // A surrogate pair split between identity and salt is refused too.
    expect(() => hashIdentity('a\ud83d', '\ude00')).toThrow(TypeError);
    expect(hashIdentity('a\ud83d\ude00')).toBe(`sha256$${oracle('sha256', 'a\ud83d\ude00')}`);
  });
});

describe('verify() recipient check, Open Badges 3.0', () => {
  it('matches a salted hash made by node:crypto, and nothing else', async () => {
    const salt = 'pepper\u00e9\u{1f600}';
    const email = 'learner@example.edu';
    const credential: Loose = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'https://example.edu/issuer', type: ['Profile'], name: 'Example' },
      validFrom: '2024-01-01T00:00:00Z',
      name: 'Badge',
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [identityObject(`md5$${oracle('md5', email + salt)}`, salt)],
        achievement: {
          id: 'https://example.edu/a',
          type: ['Achievement'],
          name: 'A',
          description: 'A',
          criteria: { narrative: 'A' },
        },
      },
    };
    const outcome = async (recipient: string) =>
      (await verify(credential, { recipient, now: IN_2017 })).checks.find(
        (c) => c.id === 'recipient',
      )?.outcome;
    expect(await outcome(email)).toBe('pass');
    expect(await outcome(`${email} `)).toBe('fail');
    expect(await outcome('Learner@example.edu')).toBe('fail');
    expect(await outcome(email + salt)).toBe('fail');
  });
});

describe('Open Badges 2.0: a hashed recipient with a salt that is not a string', () => {
  const EMAIL = 'nobody@example.org';
  const sha = (s: string) => `sha256$${oracle('sha256', s)}`;

  function assertion(identity: string, salt: unknown): Loose {
    const a = fixture('spec/assertion-hosted.json');
    a.recipient.identity = identity;
    a.recipient.hashed = true;
    if (salt === undefined) delete a.recipient.salt;
    else a.recipient.salt = salt;
    return a;
  }

  async function recipientOutcome(a: Loose): Promise<string | undefined> {
    const documents = { ...specDocuments(), [a.id]: a };
    const report = await verify(a, { documents, now: IN_2017, recipient: EMAIL });
    return report.checks.find((c) => c.id === 'recipient')?.outcome;
  }

  it('a string salt, no salt and a null salt (no salt to JSON-LD) are checked as hashed', async () => {
    expect(await recipientOutcome(assertion(sha(`${EMAIL}deadsea`), 'deadsea'))).toBe('pass');
    expect(await recipientOutcome(assertion(sha(EMAIL), undefined))).toBe('pass');
    expect(await recipientOutcome(assertion(sha(EMAIL), null))).toBe('pass');
    expect(await recipientOutcome(assertion(sha(EMAIL), 'deadsea'))).toBe('fail');
  });

  it.each<[string, unknown, string]>([
    ['a number', 123, '123'],
    ['an array', ['g'], 'g'],
    ['a value object', { '@value': 'g' }, 'g'],
    ['a boolean', true, 'true'],
  ])('%s is not dropped: the check fails whichever identity was hashed', async (_, salt, read) => {
    // The hash without the salt (what dropping it compared with) ...
    const withoutSalt = assertion(sha(EMAIL), salt);
    expect(await recipientOutcome(withoutSalt)).toBe('fail');
    // ... and with the salt as a JSON-LD reader reads it.
    expect(await recipientOutcome(assertion(sha(EMAIL + read), salt))).toBe('fail');
    const documents = { ...specDocuments(), [withoutSalt.id]: withoutSalt };
    await expect(
      upgradeOb2(withoutSalt, { documents, now: IN_2017, force: true }),
    ).rejects.toMatchObject({
      code: 'ERR_OB2_INCOMPLETE',
      message: expect.stringContaining('"salt"'),
    });
  });
});
