/** The `schema` check: bundled schemas, credentialSchema entries (offline, documents, fetch). */
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/index.js';
import { codes, entries, fakeFetch, forbiddenFetch, outcomes } from './helpers.js';
import { credentialFrom, makeIssuer, signDi, type TestIssuer } from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const OFFICIAL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const CUSTOM = 'https://schemas.example/badge-with-long-name.json';
/** A caller's own JSON Schema: the badge name must be at least 20 characters. */
const customSchema = {
  $schema: 'https://json-schema.org/draft/2019-09/schema#',
  type: 'object',
  properties: { name: { type: 'string', minLength: 20 } },
  required: ['name'],
};
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await makeIssuer();
});

describe('schema', () => {
  it('passes against the bundled schema (and an official credentialSchema URL, without fetching)', async () => {
    const c = await signDi(
      credentialFrom(issuer, (x) => {
        x['@context'].push(EXTENSIONS);
        x.credentialSchema = [{ id: OFFICIAL, type: '1EdTechJsonSchemaValidator2019' }];
      }),
      issuer,
    );
    const r = await verify(c, { now: NOW, fetch: forbiddenFetch as never });
    expect(outcomes(r, 'schema')).toEqual(['pass']);
    expect(r.verdict).toBe('valid');
  });
  it('fails with one entry a schema issue, each with its path', async () => {
    const c = credentialFrom(issuer, (x) => {
      delete x.credentialSubject.achievement.name;
      x.validFrom = 42;
    });
    const r = await verify(c, { now: NOW, policy: 'conformance' });
    expect(outcomes(r, 'schema').every((o) => o === 'fail')).toBe(true);
    const paths = entries(r, 'schema').map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['$.credentialSubject.achievement.name', '$.validFrom']),
    );
    expect(r.answers.conformant.value).toBe('no');
    expect(r.verdict).toBe('invalid');
    // Under the default policy the same findings are warnings for the issuer (this credential
    // is unsigned, so it is invalid all the same: not authentic).
    const d = await verify(c, { now: NOW });
    expect(outcomes(d, 'schema').every((o) => o === 'warn')).toBe(true);
    expect(entries(d, 'schema').every((e) => e.fixBy === 'issuer')).toBe(true);
    expect(d.answers.authentic.value).toBe('no');
  });
  it('a single proof object (not an array): noted under the default policy, a warning under the conformance policy (as 1EdTech reports plain-JSON-only schema errors)', async () => {
    const c = await signDi(credentialFrom(issuer), issuer, undefined, true);
    const r = await verify(c, { now: NOW });
    expect(codes(r, 'schema')).toEqual(['schema_plain_json_invalid']);
    expect(entries(r, 'schema')[0]?.path).toBe('$.proof');
    expect(entries(r, 'schema')[0]?.outcome).toBe('pass');
    expect(r.verdict).toBe('valid');
    const strict = await verify(c, { now: NOW, policy: 'conformance' });
    expect(entries(strict, 'schema')[0]).toMatchObject({
      code: 'schema_plain_json_invalid',
      outcome: 'warn',
      fixBy: 'issuer',
    });
    expect(strict.verdict).toBe('warning');
  });
  it('a credentialSchema that is not bundled: warning offline, applied from documents or fetch', async () => {
    const make = (name: string) =>
      signDi(
        credentialFrom(issuer, (x) => {
          x.name = name;
          x['@context'].push(EXTENSIONS);
          x.credentialSchema = [{ id: CUSTOM, type: '1EdTechJsonSchemaValidator2019' }];
        }),
        issuer,
      );
    const short = await make('Short');
    const long = await make('A badge with a long enough name');

    const offline = await verify(long, { now: NOW });
    expect(codes(offline, 'schema')).toEqual(['credential_schema_unchecked_offline']);
    expect(offline.verdict).toBe('warning');

    const fromDocs = await verify(long, {
      now: NOW,
      documents: { [CUSTOM]: customSchema },
      fetch: forbiddenFetch as never,
    });
    expect(outcomes(fromDocs, 'schema')).toEqual(['pass']);
    expect(fromDocs.verdict).toBe('valid');

    const { fetch, requested } = fakeFetch({ [CUSTOM]: customSchema });
    const fetched = await verify(short, { now: NOW, fetch, policy: 'conformance' });
    expect(requested).toEqual([CUSTOM]);
    expect(entries(fetched, 'schema').map((e) => [e.outcome, e.path])).toEqual([
      ['fail', '$.name'],
    ]);

    const gone = fakeFetch({});
    const unavailable = await verify(long, { now: NOW, fetch: gone.fetch, policy: 'conformance' });
    expect(codes(unavailable, 'schema')).toEqual(['fetch_status']);
    expect(unavailable.verdict).toBe('invalid');
    // Under the default policy: a conformance question left open, which does not decide trust.
    const trusting = await verify(long, { now: NOW, fetch: gone.fetch });
    expect(trusting.answers.conformant.value).toBe('unknown');
    expect(trusting.answers.fullyChecked.value).toBe('yes');
    expect(trusting.verdict).toBe('warning');
  });
  it('credentialSchema entries of other types are skipped (only 1EdTechJsonSchemaValidator2019 is checked)', async () => {
    const c = await signDi(
      credentialFrom(issuer, (x) => {
        x.credentialSchema = [{ id: CUSTOM, type: 'JsonSchemaCredential' }];
      }),
      issuer,
    );
    const r = await verify(c, { now: NOW });
    expect(entries(r, 'schema').map((e) => [e.outcome, e.code])).toEqual([
      ['pass', undefined],
      ['skip', 'credential_schema_type'],
    ]);
  });
});
