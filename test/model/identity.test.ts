/**
 * IdentityObject hashing and matching. Oracles: the two hashes the specification publishes with
 * their identity and salt (read from the spec text at test time), and node:crypto's createHash
 * (an independent SHA-256 / MD5) on generated identities and salts.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createIdentityObject,
  hashIdentity,
  type IdentityObject,
  matchIdentity,
} from '../../src/model/index.js';
import { HAVE_OB3, type Json, readSharedText, SKIP_NOTE } from './helpers.js';

const nodeHash = (alg: 'sha256' | 'md5', text: string) =>
  createHash(alg).update(text, 'utf8').digest('hex');

/** Published vectors: [identity, salt, identityHash], found in the spec's own text. */
function publishedVectors(): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  // The model's IdentityHash definition: "'sha256$…' represents the result of calculating a SHA-256
  // hash on the string 'a@example.comKosher'. in which the email identifier 'a@example.com' is
  // salted with 'Kosher'".
  const lines = readSharedText('spec/common_credentials.lines');
  const m =
    /'(sha256\$[0-9a-f]{64})' represents .*? on the string '([^']+)'.*?identifier '([^']+)' is salted with '([^']+)'/.exec(
      lines,
    );
  if (m) {
    expect(m[2]).toBe(`${m[3]}${m[4]}`);
    out.push([m[3] as string, m[4] as string, m[1] as string]);
  }
  // The implementation guide's getting-started credential and the sentence explaining it.
  const guide = readSharedText('spec/impl/getting-started.md');
  const hash = /"identityHash": "(sha256\$[0-9a-f]{64})"/.exec(guide)?.[1];
  const salt = /"salt": "([^"]+)"/.exec(guide)?.[1];
  const concatenated = /student email address and credential salt\s+`([^`]+)`/.exec(guide)?.[1];
  if (hash && salt && concatenated?.endsWith(salt))
    out.push([concatenated.slice(0, -salt.length), salt, hash]);
  return out;
}

describe.skipIf(!HAVE_OB3)(`published IdentityHash vectors${SKIP_NOTE}`, () => {
  it('both vectors are found in the spec text and reproduced', () => {
    const vectors = publishedVectors();
    expect(vectors).toHaveLength(2);
    for (const [identity, salt, expected] of vectors) {
      expect(hashIdentity(identity, salt)).toBe(expected);
      const io = createIdentityObject({ identity, identityType: 'emailAddress', salt });
      expect(io).toEqual({
        type: 'IdentityObject',
        hashed: true,
        identityHash: expected,
        identityType: 'emailAddress',
        salt,
      });
      expect(matchIdentity(io, identity)).toBe(true);
      expect(
        matchIdentity(
          { ...io, identityHash: expected.toUpperCase().replace('SHA256$', 'sha256$') },
          identity,
        ),
      ).toBe(true);
      expect(matchIdentity(io, identity.toUpperCase())).toBe(false);
    }
  });
});

describe('createIdentityObject', () => {
  it('property: the hash is sha256(identity + salt) as node:crypto computes it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        (identity, salt) => {
          const io = createIdentityObject({ identity, identityType: 'emailAddress', salt });
          expect(io.identityHash).toBe(`sha256$${nodeHash('sha256', identity + salt)}`);
          expect(io.salt).toBe(salt);
          expect(matchIdentity(io, identity)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a random salt (16 bytes hex by default, saltBytes to change) when none is given', () => {
    const a = createIdentityObject({ identity: 'a@example.com', identityType: 'emailAddress' });
    const b = createIdentityObject({ identity: 'a@example.com', identityType: 'emailAddress' });
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(b.salt).not.toBe(a.salt);
    expect(a.identityHash).toBe(`sha256$${nodeHash('sha256', `a@example.com${a.salt}`)}`);
    expect(
      createIdentityObject({ identity: 'x', identityType: 'name' }, { saltBytes: 32 }).salt,
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashed:false stores the plaintext; no salt unless given', () => {
    expect(
      createIdentityObject({ identity: 'Albert Exampleton', identityType: 'name', hashed: false }),
    ).toEqual({
      type: 'IdentityObject',
      hashed: false,
      identityHash: 'Albert Exampleton',
      identityType: 'name',
    });
  });

  it('an empty salt hashes without salt (and is recorded as given)', () => {
    const io = createIdentityObject({
      identity: 'a@example.com',
      identityType: 'emailAddress',
      salt: '',
    });
    expect(io.identityHash).toBe(`sha256$${nodeHash('sha256', 'a@example.com')}`);
    expect(io.salt).toBe('');
  });

  const bad: Array<[string, unknown, string]> = [
    [
      'missing identity',
      { identityType: 'emailAddress' },
      '"identity" is required (expected a non-empty string, found undefined)',
    ],
    [
      'empty identity',
      { identity: '', identityType: 'emailAddress' },
      '"identity" is invalid (expected a non-empty string, found an empty string)',
    ],
    [
      'missing identityType',
      { identity: 'a' },
      '"identityType" is required (expected one of the IdentifierTypeEnum terms, found undefined)',
    ],
    [
      'unknown identityType',
      { identity: 'a', identityType: 'email' },
      '"identityType" is invalid (expected one of the IdentifierTypeEnum terms or an "ext:" term, found "email")',
    ],
    [
      'hashed not boolean',
      { identity: 'a', identityType: 'name', hashed: 'yes' },
      '"hashed" is invalid (expected a boolean, found "yes")',
    ],
    [
      'salt not string',
      { identity: 'a', identityType: 'name', salt: 1 },
      '"salt" is invalid (expected a string, found number 1)',
    ],
    [
      'unknown property',
      { identity: 'a', identityType: 'name', algorithm: 'md5' },
      '"algorithm" is not a property of the input',
    ],
    ['not an object', 'a@example.com', 'the input must be an object (found "a@example.com")'],
  ];
  it.each(bad)('%s is a TypeError', (_name, input, message) => {
    expect(() => createIdentityObject(input as Json)).toThrow(TypeError);
    expect(() => createIdentityObject(input as Json)).toThrow(`createIdentityObject: ${message}`);
  });

  it('bad options are a TypeError', () => {
    const input = { identity: 'a', identityType: 'name' as const };
    expect(() => createIdentityObject(input, { saltBytes: 2 })).toThrow(TypeError);
    expect(() => createIdentityObject(input, 'x' as Json)).toThrow(TypeError);
  });
});

describe('matchIdentity', () => {
  const hashed: IdentityObject = {
    type: 'IdentityObject',
    hashed: true,
    identityHash: `sha256$${nodeHash('sha256', 'student@example.eduPepper')}`,
    identityType: 'emailAddress',
    salt: 'Pepper',
  };

  it('hashed sha256: matches the right identity only; upper-case hex is accepted', () => {
    expect(matchIdentity(hashed, 'student@example.edu')).toBe(true);
    expect(
      matchIdentity(
        { ...hashed, identityHash: hashed.identityHash.replace(/[a-f]/g, (c) => c.toUpperCase()) },
        'student@example.edu',
      ),
    ).toBe(true);
    expect(matchIdentity(hashed, 'other@example.edu')).toBe(false);
    expect(matchIdentity(hashed, 'Student@example.edu')).toBe(false);
    expect(matchIdentity({ ...hashed, salt: 'Salt' }, 'student@example.edu')).toBe(false);
  });

  it('hashed without salt: hash of the identity alone', () => {
    const io = {
      ...hashed,
      identityHash: `sha256$${nodeHash('sha256', 'x@example.com')}`,
      salt: undefined,
    };
    expect(matchIdentity(io, 'x@example.com')).toBe(true);
  });

  it('legacy md5 hashes (listed by the model) are matched, never produced', () => {
    const io = { ...hashed, identityHash: `md5$${nodeHash('md5', 'student@example.eduPepper')}` };
    expect(matchIdentity(io, 'student@example.edu')).toBe(true);
    expect(matchIdentity(io, 'student@example.org')).toBe(false);
    expect(hashIdentity('student@example.edu', 'Pepper', 'md5')).toBe(io.identityHash);
  });

  it('hashed:false compares the plaintext exactly', () => {
    const plain: IdentityObject = {
      type: 'IdentityObject',
      hashed: false,
      identityHash: 'student@1edtech.edu',
      identityType: 'emailAddress',
      salt: 'not-used',
    };
    expect(matchIdentity(plain, 'student@1edtech.edu')).toBe(true);
    expect(matchIdentity(plain, 'STUDENT@1edtech.edu')).toBe(false);
  });

  it('the identity type must match when the claim states one', () => {
    expect(matchIdentity(hashed, 'student@example.edu', { identityType: 'emailAddress' })).toBe(
      true,
    );
    expect(
      matchIdentity(hashed, 'student@example.edu', { identityType: 'studentId' as Json }),
    ).toBe(false);
  });

  it('malformed or unsupported IdentityObjects do not match', () => {
    for (const io of [
      { ...hashed, identityHash: hashed.identityHash.replace('sha256$', 'sha1$') },
      { ...hashed, identityHash: 'sha256$zz' },
      { ...hashed, identityHash: 'sha256$abc' },
      { ...hashed, identityHash: 42 },
      { ...hashed, hashed: 'true' },
      { ...hashed, salt: 7 },
    ]) {
      expect(matchIdentity(io as Json, 'student@example.edu')).toBe(false);
    }
  });

  it('misuse is a TypeError', () => {
    expect(() => matchIdentity(null as Json, 'a')).toThrow(TypeError);
    expect(() => matchIdentity(hashed, 42 as Json)).toThrow(
      'matchIdentity: claimedIdentity must be a string (found number 42)',
    );
    expect(() => matchIdentity(hashed, 'a', 'x' as Json)).toThrow(TypeError);
    expect(() => hashIdentity('a', 'b', 'sha1' as Json)).toThrow(TypeError);
    expect(() => hashIdentity(1 as Json)).toThrow(TypeError);
  });
});
