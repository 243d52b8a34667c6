/**
 * The validation API: dispatch by type and VC version, located issues, assert variants,
 * credentialSchema mapping, caller-supplied (official) schemas. Verdicts are checked against
 * the official schemas (compiled with Ajv2019) as the oracle.
 */
import { describe, expect, it } from 'vitest';
import { Ob3Error, ValidationError } from '../../src/errors.js';
import {
  assertValidAchievement,
  assertValidCredential,
  assertValidEndorsementCredential,
  assertValidProfile,
  compileSchemas,
  createValidator,
  detectVcVersion,
  OFFICIAL_SCHEMA_URLS,
  resolveCredentialSchemas,
  validateAchievement,
  validateCredential,
  validateEndorsementCredential,
  validateProfile,
} from '../../src/schema/index.js';
import { withDocumentedDeviations } from './agreement.js';
import { compact, mutate, toVc1 } from './corpus.js';
import {
  compileOfficial,
  HAVE_OB3,
  OFFICIAL,
  officialSchema,
  SKIP_REASON,
  specExamples,
} from './helpers.js';

const AC_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const EC_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json';

type Doc = Record<string, unknown> & {
  credentialSubject: Record<string, unknown> & { achievement: Record<string, unknown> };
  issuer: Record<string, unknown>;
};

function example(prefix: string): Doc {
  const found = specExamples().find((e) => e.name.startsWith(prefix));
  if (!found) throw new Error(`no spec example ${prefix}`);
  return structuredClone(found.doc) as Doc;
}

describe('validation needing no reference material', () => {
  it('a non-object is one type issue at $', () => {
    for (const value of [null, 5, 'x', [], true]) {
      const r = validateCredential(value);
      expect(r.ok).toBe(false);
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({ code: 'type', path: '$' });
      expect(r.issues[0]!.message).toMatch(/^expected object, found /);
    }
  });

  it('a profile and an achievement pass and fail', () => {
    expect(validateProfile({ id: 'https://example.com/i', type: ['Profile'] }).ok).toBe(true);
    expect(validateProfile({ id: 'https://example.com/i', type: 'Profile' }).issues).toEqual([
      { code: 'type', path: '$.type', message: 'expected array, found "Profile"' },
    ]);
    // VC 1.1 profiles may have a single type
    expect(validateProfile({ id: 'x', type: 'Profile' }, { version: '1.1' }).ok).toBe(true);
    const achievement = {
      id: 'https://example.com/a/1',
      type: ['Achievement'],
      name: 'A',
      description: 'B',
      criteria: { narrative: 'C' },
    };
    expect(validateAchievement(achievement).ok).toBe(true);
    const { criteria: _, ...noCriteria } = achievement;
    expect(validateAchievement(noCriteria).issues).toEqual([
      { code: 'required', path: '$.criteria', message: '"criteria" is required' },
    ]);
    expect(() => assertValidAchievement(achievement)).not.toThrow();
    expect(() => assertValidAchievement(noCriteria)).toThrow(ValidationError);
    expect(() => assertValidProfile({ id: 'x', type: ['Profile'] })).not.toThrow();
    expect(() => assertValidProfile({ type: ['Profile'] })).toThrow(ValidationError);
  });

  it('detects the VC version from @context', () => {
    expect(detectVcVersion({ '@context': ['https://www.w3.org/2018/credentials/v1'] })).toBe('1.1');
    expect(detectVcVersion({ '@context': 'https://www.w3.org/2018/credentials/v1' })).toBe('1.1');
    expect(detectVcVersion({ '@context': ['https://www.w3.org/ns/credentials/v2'] })).toBe('2.0');
    expect(detectVcVersion({})).toBe('2.0');
    expect(detectVcVersion('x')).toBe('2.0');
  });

  it('misuse throws TypeError', () => {
    expect(() => validateCredential({}, 5 as never)).toThrow(TypeError);
    expect(() => validateCredential({}, { version: '3.0' as never })).toThrow(TypeError);
    expect(() => validateCredential({}, { lenient: 'yes' as never })).toThrow(TypeError);
    expect(() => validateCredential({}, { schemas: { [AC_URL]: {} as never } })).toThrow(TypeError);
    expect(() => resolveCredentialSchemas({}, 'x' as never)).toThrow(TypeError);
    return expect(createValidator(5 as never)).rejects.toThrow(TypeError);
  });

  it('a schema that does not compile is a schema_invalid issue', async () => {
    const err = await createValidator({ type: 'no-such-type' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]).toMatchObject({ code: 'schema_invalid', path: '$' });
  });

  it('lists the official schema URLs it maps', () => {
    expect(OFFICIAL_SCHEMA_URLS[AC_URL]).toBe('AchievementCredential');
    expect(OFFICIAL_SCHEMA_URLS[EC_URL]).toBe('EndorsementCredential');
    expect(
      OFFICIAL_SCHEMA_URLS[
        'https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_anyachievementcredential_schema.json'
      ],
    ).toBe('AchievementCredential');
    expect(OFFICIAL_SCHEMA_URLS['https://example.com/schema.json']).toBeUndefined();
  });
});

describe.skipIf(!HAVE_OB3)(
  `validation of the spec's examples${HAVE_OB3 ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    const officialAc = HAVE_OB3
      ? compileOfficial(officialSchema(OFFICIAL.vc2.AchievementCredential))
      : undefined;

    it('each spec example gets the official verdict and names the schema used', () => {
      const oracles = {
        AchievementCredential: officialAc!,
        EndorsementCredential: compileOfficial(officialSchema(OFFICIAL.vc2.EndorsementCredential)),
      };
      for (const { name, doc } of specExamples()) {
        const isEndorsement = (doc.type as string[]).includes('EndorsementCredential');
        const r = validateCredential(doc);
        const expected =
          oracles[isEndorsement ? 'EndorsementCredential' : 'AchievementCredential'](doc);
        expect(r.ok, `${name}: ${JSON.stringify(r.issues)}`).toBe(expected);
        expect(r.schemas[0]).toBe(
          isEndorsement ? 'vc2/endorsement-credential' : 'vc2/achievement-credential',
        );
      }
    });

    it('a missing issuer is one required issue located at $.issuer', () => {
      const doc = example('basicOpenBadgeCredential');
      delete (doc as Record<string, unknown>).issuer;
      const r = validateCredential(doc);
      expect(officialAc!(doc)).toBe(false);
      expect(r).toEqual({
        ok: false,
        issues: [{ code: 'required', path: '$.issuer', message: '"issuer" is required' }],
        schemas: ['vc2/achievement-credential'],
      });
      expect(() => assertValidCredential(doc)).toThrow(ValidationError);
      try {
        assertValidCredential(doc);
      } catch (e) {
        expect((e as ValidationError).code).toBe('ERR_VALIDATION');
        expect((e as ValidationError).issues).toEqual(r.issues);
        expect((e as Error).message).toContain('$.issuer');
      }
    });

    it('oneOf noise is resolved to the alternative that fits the value', () => {
      const doc = example('basicOpenBadgeCredential');
      // an object issuer: the Profile alternative's problems, not "must be string"
      expect(validateCredential({ ...doc, issuer: {} }).issues).toEqual([
        { code: 'required', path: '$.issuer.id', message: '"id" is required' },
        { code: 'required', path: '$.issuer.type', message: '"type" is required' },
      ]);
      // no alternative fits: one type issue naming them all
      expect(validateCredential({ ...doc, issuer: 5 }).issues).toEqual([
        { code: 'type', path: '$.issuer', message: 'expected string or object, found number 5' },
      ]);
      // an extensible vocabulary: one issue naming both ways to be right
      doc.credentialSubject.achievement.achievementType = 'Nope';
      const [issue, ...rest] = validateCredential(doc).issues;
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({
        code: 'one_of',
        path: '$.credentialSubject.achievement.achievementType',
      });
      expect(issue!.message).toContain('"Badge"');
      expect(issue!.message).toContain('a string matching /(ext:)');
      expect(issue!.message).toContain('found "Nope"');
      doc.credentialSubject.achievement.achievementType = 'ext:Internship';
      expect(validateCredential(doc).ok).toBe(true);
    });

    it('issues say what was expected and what was found, at the right path', () => {
      const doc = example('basicOpenBadgeCredential');
      const at = (d: unknown) => validateCredential(d).issues;
      expect(at({ ...doc, type: 'OpenBadgeCredential' })).toEqual([
        { code: 'type', path: '$.type', message: 'expected array, found "OpenBadgeCredential"' },
      ]);
      expect(at({ ...doc, type: ['VerifiableCredential'] })).toEqual([
        {
          code: 'contains',
          path: '$.type',
          message:
            'expected an array containing one of "AchievementCredential", "OpenBadgeCredential", found ["VerifiableCredential"]',
        },
      ]);
      expect(at({ ...doc, validFrom: '2010-01-01' })).toEqual([
        {
          code: 'format',
          path: '$.validFrom',
          message: 'expected a date-time (RFC 3339, e.g. 2024-01-01T00:00:00Z), found "2010-01-01"',
        },
      ]);
      expect(at({ ...doc, '@context': ['https://www.w3.org/ns/credentials/v2'] })).toEqual([
        { code: 'min_items', path: '$.@context', message: 'expected at least 2 items, found 1' },
      ]);
      const ctx = doc['@context'] as string[];
      expect(at({ ...doc, '@context': [ctx[1], ctx[0]] })).toEqual([
        {
          code: 'enum',
          path: '$.@context[0]',
          message: `expected "https://www.w3.org/ns/credentials/v2", found "${ctx[1]}"`,
        },
        expect.objectContaining({ code: 'pattern', path: '$.@context[1]' }),
      ]);
      expect(
        at({
          ...doc,
          issuer: { ...doc.issuer, image: { id: 'https://x/i.png', type: 'Img', 'odd key': 1 } },
        }),
      ).toEqual([
        {
          code: 'additional_properties',
          path: '$.issuer.image["odd key"]',
          message: '"odd key" is not allowed here; expected only id, type, caption',
        },
        { code: 'enum', path: '$.issuer.image.type', message: 'expected "Image", found "Img"' },
      ]);
      expect(at({ ...doc, endorsementJwt: ['not-a-jws'] })).toEqual([
        expect.objectContaining({ code: 'pattern', path: '$.endorsementJwt[0]' }),
      ]);
      const subject = { ...doc.credentialSubject, result: [{ type: ['Result'], status: 'Done' }] };
      expect(at({ ...doc, credentialSubject: subject })).toEqual([
        {
          code: 'enum',
          path: '$.credentialSubject.result[0].status',
          message:
            'expected one of "Completed", "Enrolled", "Failed", "InProgress", "OnHold", "Provisional", "Withdrew", found "Done"',
        },
      ]);
    });

    it('removing any required property is one required issue at that property', () => {
      let checked = 0;
      for (const prefix of ['basicOpenBadgeCredential', 'fullOpenBadge', 'endorsement']) {
        const base = example(prefix);
        for (const c of mutate(prefix, base)) {
          const m = /: remove (\$\S+)$/.exec(c.name);
          if (!m) continue;
          const r = validateCredential(c.doc);
          if (r.ok) continue;
          expect(r.issues, c.name).toEqual([
            { code: 'required', path: m[1], message: `"${m[1]!.split('.').pop()}" is required` },
          ]);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50);
    });

    it('a value of the wrong kind is reported at its own path', () => {
      let checked = 0;
      const base = example('fullOpenBadge');
      for (const c of mutate('fullOpenBadge', base)) {
        const m = /: (\$\S+) as (string|number|object|array|boolean|null)$/.exec(c.name);
        if (!m) continue;
        const r = validateCredential(c.doc);
        if (r.ok) continue;
        const path = m[1]!;
        // at the value itself, or at its container (an array `contains` check, say)
        expect(
          r.issues.some(
            (i) => i.path === path || path.startsWith(`${i.path}[`) || i.path.startsWith(path),
          ),
          `${c.name}: ${JSON.stringify(r.issues)}`,
        ).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThan(100);
    });

    it('an EndorsementCredential is validated with the endorsement schema; credentialSchema entries map', () => {
      const doc = example('endorsement');
      const r = validateCredential(doc);
      expect(r).toEqual({ ok: true, issues: [], schemas: ['vc2/endorsement-credential'] });
      expect(validateEndorsementCredential(doc)).toEqual(r);
      expect(() => assertValidEndorsementCredential(doc)).not.toThrow();
      const { name: _, ...noName } = doc;
      expect(validateCredential(noName).issues).toEqual([
        { code: 'required', path: '$.name', message: '"name" is required' },
      ]);
      expect(() => assertValidEndorsementCredential(noName)).toThrow(ValidationError);
      const { entries, issues } = resolveCredentialSchemas(doc);
      expect(entries).toEqual([
        {
          path: '$.credentialSchema[0]',
          id: EC_URL,
          type: '1EdTechJsonSchemaValidator2019',
          kind: 'EndorsementCredential',
          bundled: 'vc2/endorsement-credential',
          supplied: false,
        },
        {
          path: '$.credentialSchema[1]',
          id: 'https://state.gov/schema/endorsementcredential.json',
          type: '1EdTechJsonSchemaValidator2019',
          supplied: false,
        },
      ]);
      expect(issues).toEqual([
        expect.objectContaining({
          code: 'credential_schema_unknown',
          path: '$.credentialSchema[1].id',
        }),
      ]);
    });

    it('a credentialSchema naming another class applies that schema too', () => {
      const doc = example('basicOpenBadgeCredential');
      doc.credentialSchema = [{ id: EC_URL, type: '1EdTechJsonSchemaValidator2019' }];
      const r = validateCredential(doc);
      expect(r.schemas).toEqual(['vc2/achievement-credential', 'vc2/endorsement-credential']);
      expect(r.ok).toBe(false);
      expect(r.issues).toContainEqual(
        expect.objectContaining({ code: 'contains', path: '$.type' }),
      );
      doc.credentialSchema = [{ id: AC_URL, type: 'JsonSchemaCredential' }, 5];
      const resolved = resolveCredentialSchemas(doc);
      expect(resolved.issues.map((i) => [i.code, i.path])).toEqual([
        ['credential_schema_type', '$.credentialSchema[0].type'],
        ['credential_schema_invalid', '$.credentialSchema[1]'],
      ]);
    });

    it('VC 1.1 credentials get the VC 1.1 schema (the official verdict)', () => {
      const official = compileOfficial(officialSchema(OFFICIAL.vc1.AchievementCredential));
      const doc = toVc1(example('basicOpenBadgeCredential')) as Record<string, unknown>;
      const r = validateCredential(doc);
      expect(r.schemas).toEqual(['vc1/achievement-credential']);
      expect(r.ok).toBe(official(doc));
      expect(r.ok).toBe(true);
      const { issuanceDate: _, ...noDate } = doc;
      expect(official(noDate)).toBe(false);
      expect(validateCredential(noDate).issues).toEqual([
        { code: 'required', path: '$.issuanceDate', message: '"issuanceDate" is required' },
      ]);
      // forcing VC 2.0 on it
      expect(validateCredential(doc, { version: '2.0' }).schemas).toEqual([
        'vc2/achievement-credential',
      ]);
    });

    it('lenient accepts JSON-LD compacted credentials as the current official JSON-LD schema does', () => {
      const official = compileOfficial(officialSchema(OFFICIAL.lenient.AchievementCredential));
      const doc = compact(example('fullOpenBadge'));
      expect(validateCredential(doc).ok).toBe(officialAc!(doc));
      expect(validateCredential(doc).ok).toBe(false);
      const r = validateCredential(doc, { lenient: true });
      expect(r.schemas).toEqual(['lenient/achievement-credential']);
      expect(r.ok).toBe(official(doc));
      expect(r.ok).toBe(true);
      const withMap = {
        ...example('basicOpenBadgeCredential'),
        name: { en: 'Teamwork', fr: 'Travail' },
      };
      expect(validateCredential(withMap, { lenient: true }).ok).toBe(true);
      expect(
        validateCredential({ ...withMap, name: { english: 'x' } }, { lenient: true }).issues,
      ).toEqual([
        {
          code: 'property_names',
          path: '$.name.english',
          message:
            'property name "english" is not allowed here; expected a string matching /^[a-z]{2}(-[A-Z]{2})?$/',
        },
      ]);
    });

    it('official schemas supplied by the caller give the same issues as the bundled ones', async () => {
      const doc = example('fullOpenBadge');
      // The official schema with the documented deviation (credentialStatus.id optional), so the
      // issues must be the same.
      const schemas = await compileSchemas({
        [AC_URL]: withDocumentedDeviations(
          'vc2',
          officialSchema(OFFICIAL.vc2.AchievementCredential),
        ),
      });
      const validator = schemas[AC_URL]!;
      expect(await createValidator(officialSchema(OFFICIAL.vc2.AchievementCredential))).not.toBe(
        validator,
      );
      let compared = 0;
      for (const c of mutate('fullOpenBadge', doc).filter((_, i) => i % 7 === 0)) {
        const bundled = validateCredential(c.doc, { version: '2.0' });
        const supplied = validateCredential(c.doc, { version: '2.0', schemas });
        expect(supplied.schemas[0]).toBe(AC_URL);
        expect(supplied.issues, c.name).toEqual(bundled.issues);
        compared++;
      }
      expect(compared).toBeGreaterThan(100);
      expect(() => validator.assertValid({})).toThrow(ValidationError);
      expect(() => validator.assertValid(example('basicOpenBadgeCredential'))).not.toThrow();
    });

    it('a supplied schema for a non-official URL applies when credentialSchema names it', async () => {
      const doc = example('endorsement');
      const url = 'https://state.gov/schema/endorsementcredential.json';
      const custom = await createValidator({ type: 'object', required: ['awardedDate'] });
      const r = validateCredential(doc, { schemas: { [url]: custom } });
      expect(r.schemas).toEqual(['vc2/endorsement-credential', url]);
      expect(custom.id).toBe('anonymous');
      expect(r.issues).toEqual([
        { code: 'required', path: '$.awardedDate', message: '"awardedDate" is required' },
      ]);
      expect(resolveCredentialSchemas(doc, { schemas: { [url]: custom } }).issues).toEqual([]);
    });
  },
);

describe('strict Content Security Policy', () => {
  it('the default path runs with code generation from strings forbidden', async () => {
    const { execFileSync } = await import('node:child_process');
    const path = await import('node:path');
    const root = path.resolve(__dirname, '../..');
    const script = `
      const m = await import(${JSON.stringify(path.join(root, 'src/schema/index.ts'))});
      let blocked = false;
      try { new Function('return 1'); } catch { blocked = true; }
      const r = m.validateCredential({ type: ['VerifiableCredential', 'OpenBadgeCredential'] });
      const e = await m.createValidator({ type: 'object' }).catch((x) => x.code);
      console.log(JSON.stringify({ blocked, ok: r.ok, first: r.issues[0], e }));
    `;
    const out = execFileSync(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result).toEqual({
      blocked: true,
      ok: false,
      first: { code: 'required', path: '$.@context', message: '"@context" is required' },
      e: 'ERR_SCHEMA_COMPILER_UNAVAILABLE',
    });
    expect(new Ob3Error('ERR_SCHEMA_COMPILER_UNAVAILABLE', 'x').code).toBe(result.e);
  });
});
