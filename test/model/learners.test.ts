import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLearners, createIdentityObject, isLearner } from '../../src/model/index.js';

const RUNS = Math.max(100, Number(process.env.OB3KIT_FUZZ_RUNS) || 0);
const email = 'ada@example.edu';
const hashed = (salt: string) =>
  createIdentityObject({ identity: email, identityType: 'emailAddress', salt });
const plain = createIdentityObject({
  identity: email,
  identityType: 'emailAddress',
  hashed: false,
});

describe('compareLearners', () => {
  it('two ids decide alone', () => {
    expect(compareLearners({ id: 'did:example:a' }, { id: 'did:example:a' })).toBe('same');
    expect(compareLearners({ id: 'did:example:a' }, { id: 'did:example:b' })).toBe('different');
    // Even when an identifier matches: two different ids are two learners.
    expect(
      compareLearners(
        { id: 'did:example:a', identifier: [plain] },
        { id: 'did:example:b', identifier: [plain] },
      ),
    ).toBe('different');
  });

  it('identifiers carrying one identity: plaintext, plaintext against hash, equal salted hashes', () => {
    expect(compareLearners({ identifier: [plain] }, { identifier: [plain] })).toBe('same');
    expect(compareLearners({ identifier: [plain] }, { identifier: [hashed('s1')] })).toBe('same');
    expect(compareLearners({ identifier: [hashed('s1')] }, { identifier: [plain] })).toBe('same');
    expect(compareLearners({ identifier: [hashed('s1')] }, { identifier: [hashed('s1')] })).toBe(
      'same',
    );
    // Different salts: not comparable without the plaintext.
    expect(compareLearners({ identifier: [hashed('s1')] }, { identifier: [hashed('s2')] })).toBe(
      'unknown',
    );
    expect(
      compareLearners({ identifier: [hashed('s1')] }, { identifier: [hashed('s2')] }, [
        { identity: email, identityType: 'emailAddress' },
      ]),
    ).toBe('same');
    // Another identity type never matches.
    const student = createIdentityObject({
      identity: email,
      identityType: 'sisSourcedId',
      hashed: false,
    });
    expect(compareLearners({ identifier: [plain] }, { identifier: [student] })).toBe('unknown');
  });

  it('an id and an identifier are compared through known identities only', () => {
    expect(compareLearners({ id: 'did:example:a' }, { identifier: [plain] })).toBe('unknown');
    expect(
      compareLearners({ id: 'did:example:a' }, { identifier: [hashed('x')] }, [
        'did:example:a',
        email,
      ]),
    ).toBe('same');
    expect(
      compareLearners({ id: 'did:example:a' }, { identifier: [hashed('x')] }, ['did:example:a']),
    ).toBe('unknown');
  });

  it('non-objects are unknown', () => {
    expect(compareLearners(undefined, { id: 'x:y' })).toBe('unknown');
    expect(compareLearners('did:example:a', 'did:example:a')).toBe('unknown');
  });

  it('is symmetric (property)', () => {
    const subject = fc.oneof(
      fc.record({ id: fc.constantFrom('did:example:a', 'did:example:b') }),
      fc.record({ identifier: fc.constantFrom([plain], [hashed('s1')], [hashed('s2')]) }),
      fc.record({
        id: fc.constantFrom('did:example:a', 'did:example:b'),
        identifier: fc.constantFrom([plain], [hashed('s1')]),
      }),
    );
    fc.assert(
      fc.property(subject, subject, fc.boolean(), (a, b, withKnown) => {
        const known = withKnown ? ['did:example:a', email] : [];
        expect(compareLearners(a, b, known)).toBe(compareLearners(b, a, known));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('isLearner', () => {
  it('matches an id or an identifier against known identities', () => {
    expect(isLearner({ id: 'did:example:a' }, ['did:example:a'])).toBe(true);
    expect(isLearner({ identifier: [hashed('q')] }, [email])).toBe(true);
    expect(
      isLearner({ identifier: [hashed('q')] }, [{ identity: email, identityType: 'sisSourcedId' }]),
    ).toBe(false);
    expect(isLearner({ id: 'did:example:a' }, [])).toBe(false);
  });
});
