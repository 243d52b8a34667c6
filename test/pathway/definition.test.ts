/**
 * Pathway definitions: validatePathway's located issues, its bounds, and its agreement with the
 * published JSON Schema (schemas/pathway/pathway-v1.json, compiled with Ajv2019 as an oracle):
 * everything the schema refuses is refused, and what the schema accepts but validatePathway
 * refuses is one of the documented rules a schema cannot state.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import {
  assertValidPathway,
  describeRequirement,
  MAX_PATHWAY_DEPTH,
  validatePathway,
} from '../../src/pathway/index.js';
import { mutate } from '../schema/corpus.js';
import { compileOfficial, readJson } from '../schema/helpers.js';
import type { Loose } from '../verify/helpers.js';

const SCHEMA = readJson(path.resolve(__dirname, '../../schemas/pathway/pathway-v1.json'));

function base(): Loose {
  return {
    type: 'Pathway',
    formatVersion: 1,
    id: 'https://example.edu/pathways/data-analyst',
    name: 'Data Analyst',
    description: 'Three badges.',
    issuers: ['did:web:example.edu'],
    destination: {
      id: 'https://example.edu/achievements/data-analyst',
      name: 'Data Analyst Certificate',
      description: 'Holds the three data badges.',
      achievementType: 'Certificate',
    },
    requirement: {
      all: [
        { achievement: { id: 'https://example.edu/achievements/sql' }, name: 'SQL' },
        {
          any: [
            { achievement: { alignment: { targetUrl: 'http://data.europa.eu/esco/skill/x' } } },
            { achievement: { alignment: { targetCode: 'S1', targetFramework: 'ESCO' } } },
          ],
        },
        {
          atLeast: 1,
          of: [
            { achievement: { achievementType: 'Course', fieldOfStudy: 'Statistics' }, count: 2 },
            {
              achievement: { id: 'https://example.edu/achievements/vis' },
              issuers: ['did:web:other.example'],
            },
          ],
        },
        {
          credits: 5,
          of: [
            {
              achievement: { achievementType: 'Course' },
              result: {
                resultType: 'Percent',
                minValue: 50,
                maxValue: 100,
                values: ['A'],
                levels: ['urn:x'],
                meetsRequired: true,
              },
            },
          ],
        },
      ],
    },
  };
}

const SEMANTIC = new Set([
  'issuers_missing',
  'range',
  'too_deep',
  'too_large',
  'destination_invalid',
]);

describe('validatePathway', () => {
  it('accepts a definition using every form', () => {
    expect(validatePathway(base())).toEqual({ ok: true, issues: [] });
    expect(() => assertValidPathway(base())).not.toThrow();
  });

  it('names each problem by its path', () => {
    const p = base();
    p.formatVersion = 2;
    p.requirement.all[0].achievement = { id: 'sql' };
    p.requirement.all[1].any.push({ anyOf: [] });
    p.requirement.all[2].atLeast = 3;
    p.requirement.all[3].of[0].result = { minValue: 9, maxValue: 1, extra: true };
    p.requirement.all.push({ all: [] });
    const { ok, issues } = validatePathway(p);
    expect(ok).toBe(false);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['format_version', '$.formatVersion'],
      ['not_uri', '$.requirement.all[0].achievement.id'],
      ['one_of', '$.requirement.all[1].any[2]'],
      ['range', '$.requirement.all[2].atLeast'],
      ['unknown_property', '$.requirement.all[3].of[0].result.extra'],
      ['range', '$.requirement.all[3].of[0].result'],
      ['type', '$.requirement.all[4].all'],
    ]);
    expect(() => assertValidPathway(p)).toThrow(ValidationError);
  });

  it('requires an accepted issuer for every achievement requirement', () => {
    const p = base();
    delete p.issuers;
    const { issues } = validatePathway(p);
    expect(issues.map((i) => i.code)).toEqual(Array(5).fill('issuers_missing'));
    expect(issues.map((i) => i.path)).not.toContain('$.requirement.all[2].of[1]');
  });

  it('checks the destination as an Open Badges 3.0 Achievement', () => {
    const p = base();
    p.destination.achievementType = 'NotAType';
    expect(validatePathway(p).issues).toEqual([
      expect.objectContaining({
        code: 'destination_invalid',
        path: '$.destination.achievementType',
      }),
    ]);
  });

  it('bounds the tree: depth and size', () => {
    let deep: Loose = { achievement: { id: 'https://example.edu/a' } };
    for (let i = 0; i < MAX_PATHWAY_DEPTH + 5; i++) deep = { all: [deep] };
    const p = { ...base(), requirement: deep };
    expect(validatePathway(p).issues.map((i) => i.code)).toEqual(['too_deep']);
    const wide = {
      ...base(),
      requirement: {
        all: Array.from({ length: 1200 }, () => ({ achievement: { id: 'https://example.edu/a' } })),
      },
    };
    expect(validatePathway(wide).issues.map((i) => i.code)).toEqual(['too_large']);
  });

  it('never throws on hostile input', () => {
    for (const v of [null, 1, 'x', [], { requirement: 'x' }, { requirement: { all: 'x' } }]) {
      expect(validatePathway(v).ok).toBe(false);
    }
  });

  it('describes the tree in words (the stacked credential criteria)', () => {
    expect(describeRequirement(base().requirement).split('\n').slice(0, 4)).toEqual([
      '- All of:',
      '  - SQL',
      '  - One of:',
      '    - an achievement aligned to http://data.europa.eu/esco/skill/x',
    ]);
  });
});

describe('the pathway JSON Schema', () => {
  it('agrees with validatePathway on every mutation of a full definition', () => {
    const check = compileOfficial(SCHEMA);
    let cases = 0;
    let schemaValid = 0;
    const disagreements: string[] = [];
    for (const c of mutate('pathway', base())) {
      const ours = validatePathway(c.doc);
      const theirs = check(c.doc);
      cases++;
      if (theirs) schemaValid++;
      if (!theirs && ours.ok)
        disagreements.push(`schema refuses, validatePathway accepts: ${c.name}`);
      if (theirs && !ours.ok && !ours.issues.every((i) => SEMANTIC.has(i.code))) {
        disagreements.push(
          `schema accepts, validatePathway refuses (${ours.issues.map((i) => i.code).join(', ')}): ${c.name}`,
        );
      }
    }
    console.info(`pathway schema agreement: ${cases} cases, ${schemaValid} schema-valid`);
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(cases).toBeGreaterThan(300);
    expect(schemaValid).toBeGreaterThan(10);
  });
});
