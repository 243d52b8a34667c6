import { describe, expect, it } from 'vitest';
import {
  ASSOCIATION_TYPES,
  assertValidClrCredential,
  createAssociation,
  createClrCredential,
  createClrSubject,
  validateClrCredential,
} from '../../src/clr/index.js';
import { ValidationError } from '../../src/errors.js';
import type { Loose } from '../verify/helpers.js';
import { badge, clrSimple, guideBlock, HAVE_GUIDE, record } from './helpers.js';

const A = 'https://example.edu/achievements/a';
const B = 'https://example.edu/achievements/b';
const learner = 'did:example:learner';

describe('createAssociation', () => {
  it('accepts exactly the eight CLR 2.0 association types', () => {
    expect([...ASSOCIATION_TYPES]).toEqual([
      'exactMatchOf',
      'isChildOf',
      'isParentOf',
      'isPartOf',
      'isPeerOf',
      'isRelatedTo',
      'precedes',
      'replacedBy',
    ]);
    for (const associationType of ASSOCIATION_TYPES) {
      expect(createAssociation({ associationType, sourceId: A, targetId: B })).toEqual({
        type: 'Association',
        associationType,
        sourceId: A,
        targetId: B,
      });
    }
  });

  it('refuses other types, missing ends, non-URIs and extra members, naming the field', () => {
    const bad: Array<[unknown, string, string]> = [
      [
        { associationType: 'hasPart', sourceId: A, targetId: B },
        'ERR_MODEL_VALUE',
        'associationType',
      ],
      [
        { associationType: 'isparentof', sourceId: A, targetId: B },
        'ERR_MODEL_VALUE',
        'associationType',
      ],
      [{ associationType: 'isPartOf', targetId: B }, 'ERR_MODEL_REQUIRED', 'sourceId'],
      [
        { associationType: 'isPartOf', sourceId: 'not a uri', targetId: B },
        'ERR_MODEL_VALUE',
        'sourceId',
      ],
      [
        { associationType: 'isPartOf', sourceId: A, targetId: B, weight: 1 },
        'ERR_MODEL_UNKNOWN_PROPERTY',
        'weight',
      ],
      [
        { type: 'Relation', associationType: 'isPartOf', sourceId: A, targetId: B },
        'ERR_MODEL_VALUE',
        'type',
      ],
    ];
    for (const [input, code, path] of bad) {
      expect(() => createAssociation(input as never)).toThrow(
        expect.objectContaining({ code, path }),
      );
    }
  });
});

describe('createClrCredential', () => {
  it('writes the contexts in the order CLR 2.0 requires and keeps bundled credentials as given', () => {
    const b = badge(A);
    const before = JSON.stringify(b);
    const clr = record([b]);
    expect(clr['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(clr.id).toMatch(/^urn:uuid:/);
    const subject = clr.credentialSubject as Record<string, unknown>;
    expect(subject.type).toEqual(['ClrSubject']);
    expect((subject.verifiableCredential as unknown[])[0]).toBe(b);
    expect(JSON.stringify(b)).toBe(before);
    expect(validateClrCredential(clr)).toEqual({
      ok: true,
      issues: [],
      schemas: ['vc2/clr-credential'],
    });
  });

  it("keeps the caller's CLR and OB context versions and other contexts after them", () => {
    const clr = createClrCredential({
      '@context': [
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
        'https://purl.imsglobal.org/spec/clr/v2p0/context.json',
      ],
      name: 'T',
      issuer: 'https://example.edu/issuers/1',
      credentialSubject: { id: learner, verifiableCredential: [badge(A)] },
    });
    expect(clr['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]);
  });

  it('defaults validFrom to options.now and honours partial', () => {
    const clr = createClrCredential(
      {
        name: 'T',
        issuer: 'https://example.edu/issuers/1',
        partial: true,
        credentialSubject: { id: learner, verifiableCredential: [badge(A)] },
      },
      { now: new Date('2025-05-05T05:05:05Z') },
    );
    expect(clr.validFrom).toBe('2025-05-05T05:05:05Z');
    expect(clr.partial).toBe(true);
  });

  it('refuses a record without name, learner or credentials, with the path', () => {
    const ok = { name: 'T', issuer: 'https://example.edu/issuers/1' };
    const cases: Array<[unknown, string, string]> = [
      [
        {
          ...ok,
          name: undefined,
          credentialSubject: { id: learner, verifiableCredential: [badge(A)] },
        },
        'ERR_MODEL_REQUIRED',
        'name',
      ],
      [
        { ...ok, credentialSubject: { verifiableCredential: [badge(A)] } },
        'ERR_MODEL_REQUIRED',
        'credentialSubject.id',
      ],
      [
        { ...ok, credentialSubject: { id: learner, verifiableCredential: [] } },
        'ERR_MODEL_VALUE',
        'credentialSubject.verifiableCredential',
      ],
      [
        { ...ok, credentialSubject: { id: learner } },
        'ERR_MODEL_REQUIRED',
        'credentialSubject.verifiableCredential',
      ],
      [
        { ...ok, credentialSubject: { id: learner, verifiableCredential: ['eyJ.a.b'] } },
        'ERR_MODEL_TYPE',
        'credentialSubject.verifiableCredential[0]',
      ],
      [
        {
          ...ok,
          partial: 'no',
          credentialSubject: { id: learner, verifiableCredential: [badge(A)] },
        },
        'ERR_MODEL_TYPE',
        'partial',
      ],
    ];
    for (const [input, code, path] of cases) {
      expect(() => createClrCredential(input as never)).toThrow(
        expect.objectContaining({ code, path }),
      );
    }
  });

  it('refuses an association naming an achievement the record does not hold', () => {
    expect(() =>
      createClrCredential({
        name: 'T',
        issuer: 'https://example.edu/issuers/1',
        credentialSubject: {
          id: learner,
          verifiableCredential: [badge(A)],
          association: [{ associationType: 'isPartOf', sourceId: A, targetId: B }],
        },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_MODEL_VALUE',
        path: 'credentialSubject.association[0].targetId',
      }),
    );
  });

  it('refuses associations that loop (hierarchy or sequence), self-loops included', () => {
    const loops = [
      [
        { associationType: 'isPartOf', sourceId: A, targetId: B },
        { associationType: 'isParentOf', sourceId: A, targetId: B },
      ],
      [
        { associationType: 'precedes', sourceId: A, targetId: B },
        { associationType: 'precedes', sourceId: B, targetId: A },
      ],
      [{ associationType: 'isChildOf', sourceId: A, targetId: A }],
    ];
    for (const association of loops) {
      expect(() =>
        createClrSubject({
          id: learner,
          verifiableCredential: [badge(A), badge(B)],
          association: association as never,
        }),
      ).toThrow(expect.objectContaining({ code: 'ERR_MODEL_VALUE' }));
    }
    // Peers and related achievements may point both ways.
    const fine = createClrSubject({
      id: learner,
      verifiableCredential: [badge(A), badge(B)],
      association: [
        { associationType: 'isPeerOf', sourceId: A, targetId: B },
        { associationType: 'isPeerOf', sourceId: B, targetId: A },
        { associationType: 'isPartOf', sourceId: A, targetId: B },
        { associationType: 'precedes', sourceId: B, targetId: A },
      ],
    });
    expect(fine.association).toHaveLength(4);
  });
});

describe('validateClrCredential', () => {
  it("accepts 1EdTech's validator fixture and, leniently, the walk-through record", () => {
    expect(validateClrCredential(clrSimple()).ok).toBe(true);
    if (HAVE_GUIDE) {
      const guide = guideBlock('Credential');
      // The walk-through writes single values where the model has arrays ("type": "ClrSubject").
      const strict = validateClrCredential(guide);
      expect(strict.ok).toBe(false);
      expect(strict.issues.some((i) => i.path === '$.credentialSubject.type')).toBe(true);
      expect(validateClrCredential(guide, { lenient: true })).toMatchObject({
        ok: true,
        schemas: ['lenient/clr-credential'],
      });
    }
  });

  it('reports located issues for broken records', () => {
    const clr = clrSimple() as Loose;
    clr['@context'] = [clr['@context'][0], clr['@context'][2], clr['@context'][1]];
    clr.credentialSubject.association[0].associationType = 'hasPart';
    delete clr.name;
    const r = validateClrCredential(clr);
    expect(r.ok).toBe(false);
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['$.name', '$.credentialSubject.association[0].associationType']),
    );
    expect(paths.some((p) => p.startsWith('$["@context"]') || p.startsWith('$.@context'))).toBe(
      true,
    );
    expect(() => assertValidClrCredential(clr)).toThrow(ValidationError);
  });

  it('refuses misuse with TypeError', () => {
    expect(() => validateClrCredential({}, 'x' as never)).toThrow(TypeError);
    expect(() => validateClrCredential({}, { lenient: 1 as never })).toThrow(TypeError);
    expect(() => validateClrCredential({}, { schema: {} as never })).toThrow(TypeError);
  });
});
