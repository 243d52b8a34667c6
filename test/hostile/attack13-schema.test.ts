/**
 * Attacks on `credentialSchema` and the JSON Schemas compiled at run time, by an issuer or
 * presenter who controls both the credential and the schema document given in `documents`.
 *
 * Tried: catastrophic-backtracking `pattern` / `patternProperties` (ajv runs the native,
 * backtracking RegExp: `^(a|a)*$` took about 1 s on 25 characters, doubling with each one, and a
 * synchronous hang cannot even time out; `^a*a*a*a*a*b$` 3 s on 200; now run on a matcher linear
 * in the string, and lookarounds and backreferences refused before compiling), a JSON-LD document given
 * as the schema (read as a JSON Schema it ignored every unknown keyword and accepted everything:
 * now refused), a credential wrapping a schema (JsonSchemaCredential: it did not compile; now
 * named as such), a document given under an official schema's URL (the bundled schema is still
 * used), `$ref` to a remote URL (never fetched: does not compile), `$ref` cycles and 5,000 nested
 * levels (do not compile: a located code), JSON and boolean non-objects and a JWT string
 * (refused). Left as is: a `format` ajv does not know is ignored (strict mode is off, as for the
 * official schemas).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator } from '../../src/schema/compile.js';
import { verify } from '../../src/verify/index.js';
import { entries, forbiddenFetch } from '../verify/helpers.js';
import { credentialFrom, makeIssuer, signDi, type TestIssuer } from '../verify/signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const CUSTOM = 'https://schemas.example/custom.json';
const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const OFFICIAL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 50);
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await makeIssuer();
});

async function verifyWith(schema: unknown, name = 'x', id = CUSTOM, edit?: (x: never) => void) {
  const c = await signDi(
    credentialFrom(issuer, (x) => {
      x['@context'].push(EXTENSIONS);
      x.name = name;
      x.credentialSchema = [{ id, type: '1EdTechJsonSchemaValidator2019' }];
      edit?.(x as never);
    }),
    issuer,
  );
  return verify(c, {
    now: NOW,
    documents: { [id]: schema } as never,
    fetch: forbiddenFetch as never,
  });
}

/**
 * Patterns whose backtracking time is exponential in the string's length (a run of `a` then `b`).
 * Every one is anchored and ends in `$` or `b$`, so its answer on `a…ab` is the same for any run
 * of `a` longer than 40: the engine's RegExp, on 12 (fast enough), is the oracle.
 */
const EXPONENTIAL = [
  '^(a|a)*$',
  '^(a+)+$',
  '^(?:a*)*b$',
  '^(a|aa)+$',
  '^((a+))*$',
  '^(?:a?){40}a{40}$',
  '^(?:(?:a|a)x?)+$',
];

/** The codes of the schema check for a credential whose `name` is `name`. */
async function nameCodes(pattern: string, name: string) {
  const r = await verifyWith(
    { type: 'object', properties: { name: { type: 'string', pattern } } },
    name,
  );
  return entries(r, 'schema').map((e) => [e.outcome, e.code]);
}

describe('credentialSchema: patterns whose backtracking time explodes', () => {
  for (const pattern of EXPONENTIAL) {
    it(`pattern ${pattern} (exponential when backtracking): compiles and answers rightly`, async () => {
      const matches = new RegExp(pattern, 'u').test(`${'a'.repeat(12)}b`);
      expect(await nameCodes(pattern, `${'a'.repeat(40)}b`)).toEqual(
        matches ? [['pass', undefined]] : [['warn', 'pattern']],
      );
      const v = await createValidator({ type: 'string', pattern });
      expect(v.validate(`${'a'.repeat(200_000)}b`).ok).toBe(matches);
    });
  }
  // Polynomial backtracking: adjacent quantifiers over overlapping characters take time n^k on a
  // string of n characters that almost matches (`^a*a*a*a*a*b$`, native RegExp, node 22: 0.7 s
  // on 100 characters, 3 s on 200, over 60 s on 400); patterns now run on a matcher linear in the
  // string, so they compile and answer.
  it('polynomial backtracking (adjacent overlapping quantifiers): compiles and answers', async () => {
    expect(await nameCodes('^a*a*a*a*a*b$', 'a'.repeat(30))).toEqual([['warn', 'pattern']]);
    expect(await nameCodes('^a*a*a*a*a*b$', `${'a'.repeat(30)}b`)).toEqual([['pass', undefined]]);
    expect(await nameCodes('^a*a*a*a*a*b$', 'a'.repeat(200_000))).toEqual([['warn', 'pattern']]);
  });
  it('quadratic and worse patterns on 200 KB strings: the right answer', async () => {
    // each string lacks the character the pattern needs (so none matches), or (last two) is
    // matched by the engine's RegExp without backtracking
    const cases: Array<[string, string, boolean]> = [
      ['^.*.*.*x$', 'y'.repeat(200_000), false],
      ['\\s*\\s*\\s*x', ' '.repeat(200_000), false],
      ['(a|b)*c', 'ab'.repeat(100_000), false],
      ['^(\\w+\\.)*\\w+$', `${'a.'.repeat(100_000)}`, false],
      ['^(\\w+\\.)*\\w+$', `${'a.'.repeat(100_000)}a`, true],
      ['^[a-z]+(-[a-z]+)*$', `${'ab-'.repeat(60_000)}c`, true],
    ];
    for (const [pattern, s, expected] of cases) {
      if (expected) expect(new RegExp(pattern, 'u').test(s)).toBe(true);
      const v = await createValidator({ type: 'string', pattern });
      expect([pattern, v.validate(s).ok]).toEqual([pattern, expected]);
    }
  });
  it('a large pattern whose DFA keeps missing, on 200 KB: the work budget ends it, not checked', async () => {
    // `[ab]*a[ab]{1900}c`: 1,900 live threads a character, a new DFA state at each
    let x = 1;
    let s = '';
    for (let k = 0; k < 200_000; k++) {
      x = (x * 1_103_515_245 + 12_345) & 0x7fffffff;
      s += (x >> 16) % 2 ? 'a' : 'b';
    }
    const v = await createValidator({ type: 'string', pattern: '[ab]*a[ab]{1900}c' });
    const r = v.validate(s);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['pattern_budget_exceeded', '$']]);
    expect(r.ok).toBe(false);
    // the budget is per validation: a short string right after is answered
    expect(v.validate(`a${'b'.repeat(1900)}c`).ok).toBe(true);
    expect(v.validate('ab').ok).toBe(false);
    const report = await verifyWith(
      { type: 'object', properties: { name: { type: 'string', pattern: '[ab]*a[ab]{1900}c' } } },
      s,
    );
    expect(entries(report, 'schema').map((e) => e.code)).toEqual(['pattern_budget_exceeded']);
    expect(report.verdict).not.toBe('valid');
  });
  it('patternProperties: run on the same matcher', async () => {
    const v = await createValidator({
      type: 'object',
      patternProperties: { '^(a|a)*$': { type: 'number' } },
      additionalProperties: false,
    });
    expect(v.validate({ [`${'a'.repeat(100_000)}`]: 1 }).ok).toBe(true);
    expect(v.validate({ [`${'a'.repeat(100_000)}b`]: 1 }).ok).toBe(false);
    expect(v.validate({ aaa: 'x' }).ok).toBe(false);
  });
  it('a lookahead: refused (it cannot be matched in linear time)', async () => {
    const r = await verifyWith(
      { type: 'object', properties: { name: { type: 'string', pattern: '^(?=(a+)+$)' } } },
      `${'a'.repeat(40)}b`,
    );
    const schema = entries(r, 'schema');
    expect(schema.map((e) => e.code)).toEqual(['credential_schema_unavailable']);
    expect(schema[0]?.message).toContain('lookahead');
    expect(schema[0]?.path).toBe('$.credentialSchema[0].id');
    expect(r.verdict).not.toBe('valid');
  });
  it('a lookahead in patternProperties: refused as well', async () => {
    const r = await verifyWith({ type: 'object', patternProperties: { '^(?!a)': true } });
    expect(entries(r, 'schema').map((e) => e.code)).toEqual(['credential_schema_unavailable']);
  });
  it('a backreference: refused', async () => {
    await expect(createValidator({ pattern: '^(a*)\\1$' })).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      message: expect.stringContaining('backreference'),
    });
  });
  it('a pattern too large once expanded: refused before work', async () => {
    await expect(createValidator({ pattern: '^(?:(?:a{1000}){1000}){1000}$' })).rejects.toThrow(
      /too large/,
    );
  });
  it('an invalid pattern: does not compile, with the engine message', async () => {
    await expect(createValidator({ pattern: '^(a' })).rejects.toThrow(/Invalid regular expression/);
  });
  it('every pattern of the bundled official schemas compiles and agrees with the native RegExp', async () => {
    const found = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'pattern' && typeof x === 'string') found.add(x);
          if (k === 'patternProperties' && x && typeof x === 'object') {
            for (const p of Object.keys(x)) found.add(p);
          }
          walk(x);
        }
      }
    };
    const dir = fileURLToPath(new URL('../../schemas/', import.meta.url));
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.json')) walk(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    }
    expect(found.size).toBeGreaterThan(3);
    for (const pattern of found) {
      const v = await createValidator({ type: 'string', pattern });
      // strings from the pattern's own characters, so that some match
      const chars = [...new Set(pattern.replace(/[\\^$*+?()[\]{}|]/g, ''))];
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom(...chars, 'A', 'z', '0', '-') }), (s) => {
          expect([pattern, s, v.validate(s).ok]).toEqual([
            pattern,
            s,
            new RegExp(pattern, 'u').test(s),
          ]);
        }),
        { numRuns: RUNS },
      );
    }
  });
  it('common linear patterns still compile and agree with the native RegExp', async () => {
    const patterns = [
      '^[a-z]+@[a-z]+\\.[a-z]{2,}$',
      '^urn:uuid:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$',
      '^\\d{4}-\\d{2}-\\d{2}$',
      '^(ab)+$',
      '^(?:a{2})*$',
      '^[(]x[)]$',
    ];
    const validators = await Promise.all(
      patterns.map((pattern) => createValidator({ type: 'string', pattern })),
    );
    await fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '@', '.', '-', '(', 'x', '1', 'z') }),
        (s) => {
          for (const [i, pattern] of patterns.entries()) {
            expect(validators[i]?.validate(s).ok).toBe(new RegExp(pattern, 'u').test(s));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('credentialSchema: documents that are not JSON Schemas', () => {
  it('a JsonSchemaCredential wrapping a schema the credential fails: refused, not read as an empty schema', async () => {
    const wrapped = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'JsonSchemaCredential'],
      credentialSubject: { type: 'JsonSchema', jsonSchema: { type: 'number' } },
    };
    const r = await verifyWith(wrapped);
    expect(entries(r, 'schema').map((e) => [e.outcome, e.code])).toEqual([
      ['warn', 'credential_schema_unavailable'],
    ]);
    expect(entries(r, 'schema')[0]?.message).toContain('JsonSchemaCredential');
    expect(entries(r, 'schema').some((e) => e.outcome === 'pass')).toBe(false);
    const strict = await verify(
      await signDi(
        credentialFrom(issuer, (x) => {
          x['@context'].push(EXTENSIONS);
          x.credentialSchema = [{ id: CUSTOM, type: '1EdTechJsonSchemaValidator2019' }];
        }),
        issuer,
      ),
      { now: NOW, policy: 'conformance', documents: { [CUSTOM]: wrapped } as never },
    );
    expect(entries(strict, 'schema').map((e) => [e.outcome, e.code])).toEqual([
      ['fail', 'credential_schema_unavailable'],
    ]);
    expect(strict.verdict).toBe('invalid');
  });
  it('a JSON-LD document: refused', async () => {
    const r = await verifyWith({ '@context': { name: 'https://schema.org/name' }, name: 'x' });
    expect(entries(r, 'schema').map((e) => e.code)).toEqual(['credential_schema_unavailable']);
  });
  it('a schema given under the official URL does not replace the bundled one', async () => {
    // unsigned: signing refuses a credential without an achievement name
    const c = credentialFrom(issuer, (x) => {
      x['@context'].push(EXTENSIONS);
      x.credentialSchema = [{ id: OFFICIAL, type: '1EdTechJsonSchemaValidator2019' }];
      delete x.credentialSubject.achievement.name;
    });
    const r = await verify(c, {
      now: NOW,
      policy: 'conformance',
      documents: { [OFFICIAL]: true } as never,
      fetch: forbiddenFetch as never,
    });
    expect(entries(r, 'schema').map((e) => e.path)).toContain(
      '$.credentialSubject.achievement.name',
    );
    expect(r.answers.conformant.value).toBe('no');
  });
  it('a $ref to a remote schema is not fetched and does not compile', async () => {
    const r = await verifyWith({ $ref: 'https://evil.example/schema.json' });
    expect(entries(r, 'schema').map((e) => e.code)).toEqual(['credential_schema_unavailable']);
  });
});
