/**
 * validateVcDataModel against the W3C VC Data Model 2.0 test suite's own input documents (their
 * names say whether each must be accepted or refused), plus located codes and VC 1.1 rules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAbsoluteUrl, validateVcDataModel } from '../../src/internal/vc-data-model.js';
import { checkToRdf } from '../../src/jsonld/canonize.js';
import { createDocumentLoader } from '../../src/jsonld/index.js';

const INPUT = path.resolve(
  __dirname,
  '../../../shared/w3c-suites/vc-data-model-2.0-test-suite/tests/input',
);
const HAVE_SUITE = existsSync(INPUT);
if (!HAVE_SUITE) console.warn(`VC DM suite inputs not found at ${INPUT}: those tests are skipped`);

/** The examples context as the W3C publishes it (one `@vocab`), never fetched. */
const EXAMPLES = {
  'https://www.w3.org/ns/credentials/examples/v2': {
    '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
  },
};
const loader = createDocumentLoader({ contexts: EXAMPLES });

/** The fixtures the suite expects refused because of their JSON-LD, not their JSON shape. */
const JSON_LD_ONLY = new Set([
  'credential-redef-type-fail.json',
  'credential-redef-type2-fail.json',
  'credential-type-mapped-nonurl-fail.json',
  'credential-type-unmapped-fail.json',
]);

function year(offset: number): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + offset);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Load a fixture as the suite sends it: the issuer filled in when it has none, dates set. */
function load(file: string): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(path.join(INPUT, file), 'utf8')) as Record<string, unknown>;
  if (!file.startsWith('presentation')) {
    const issuer = doc.issuer;
    if (issuer !== null && typeof issuer === 'object') {
      if (!('id' in issuer)) (issuer as Record<string, unknown>).id = 'did:example:issuer';
    } else if (!('issuer' in doc)) doc.issuer = 'did:example:issuer';
  }
  if (file === 'credential-validUntil-validFrom-ok.json') {
    doc.validFrom = year(-1);
    doc.validUntil = year(1);
  }
  if (file === 'credential-validUntil-validFrom-fail.json') {
    doc.validFrom = year(1);
    doc.validUntil = year(-1);
  }
  return doc;
}

function fixtures(): string[] {
  if (!HAVE_SUITE) return [];
  return [
    ...readdirSync(INPUT).filter((f) => f.endsWith('.json')),
    ...readdirSync(path.join(INPUT, 'names-and-descriptions')).map(
      (f) => `names-and-descriptions/${f}`,
    ),
  ];
}

async function jsonLdError(doc: object): Promise<string | undefined> {
  try {
    await checkToRdf(doc, { documentLoader: loader, safe: true });
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
}

describe.skipIf(!HAVE_SUITE)('the VC DM 2.0 suite inputs', () => {
  const files = fixtures();
  it('finds the inputs (self-check)', () => {
    expect(files.filter((f) => f.includes('-fail')).length).toBeGreaterThan(40);
    expect(files.filter((f) => f.includes('-ok')).length).toBeGreaterThan(50);
  });
  for (const file of files.filter((f) => /-ok\.json$/.test(f))) {
    it(`accepts ${file}`, () => {
      const doc = load(file);
      const r = validateVcDataModel(doc);
      expect(r.issues).toEqual([]);
      expect(r.ok).toBe(true);
    });
  }
  for (const file of files.filter((f) => /-fail(-or-inject)?\.json$/.test(f))) {
    it(`refuses ${file}`, async () => {
      const doc = load(file);
      const r = validateVcDataModel(doc);
      if (JSON_LD_ONLY.has(file)) {
        // Valid JSON shape; the JSON-LD (protected terms, undefined or non-IRI types) is wrong.
        expect(r.ok).toBe(true);
        expect(await jsonLdError(doc)).toMatch(/^ERR_JSONLD/);
      } else {
        expect(r.ok).toBe(false);
        for (const issue of r.issues) {
          expect(issue.path).toMatch(/^\$/);
          expect(issue.message.length).toBeGreaterThan(10);
        }
      }
    });
  }
});

const base = () => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: 'did:example:issuer',
  credentialSubject: { id: 'did:example:subject' },
});

describe('validateVcDataModel', () => {
  it('gives located codes', () => {
    const r = validateVcDataModel({
      ...base(),
      id: ['https://a.example/1'],
      credentialSubject: [{ id: 'did:example:a' }, {}],
      credentialStatus: [{ id: 'https://s.example/1' }],
      validFrom: '2025-01-01',
    });
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['id_invalid', '$.id'],
      ['subject_empty', '$.credentialSubject[1]'],
      ['date_invalid', '$.validFrom'],
      ['entry_type_missing', '$.credentialStatus[0]'],
    ]);
    expect(r.schemas).toEqual(['vc-data-model-2.0/credential']);
  });
  it('orders validity: validUntil before validFrom is refused, equal is allowed', () => {
    const bad = validateVcDataModel({
      ...base(),
      validFrom: '2025-01-02T00:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
    });
    expect(bad.issues.map((i) => i.code)).toEqual(['validity_order']);
    const same = validateVcDataModel({
      ...base(),
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2025-01-01T00:00:00+00:00',
    });
    expect(same.ok).toBe(true);
  });
  it('applies the VC 1.1 rules to a document in the VC 1.1 context', () => {
    const v1 = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      credentialSubject: { id: 'did:example:subject' },
    };
    expect(validateVcDataModel(v1).issues.map((i) => i.code)).toEqual(['date_missing']);
    const dated = { ...v1, issuanceDate: '2020-01-01T00:00:00' };
    expect(validateVcDataModel(dated).ok).toBe(true);
    expect(validateVcDataModel(dated).schemas).toEqual(['vc-data-model-1.1/credential']);
    // VC 1.1 presentations may carry JWT credentials as strings; VC 2.0 ones may not.
    const vp1 = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiablePresentation'],
      verifiableCredential: ['eyJ.a.b'],
    };
    expect(validateVcDataModel(vp1).ok).toBe(true);
    const vp2 = { ...vp1, '@context': ['https://www.w3.org/ns/credentials/v2'] };
    expect(validateVcDataModel(vp2).issues.map((i) => i.code)).toEqual([
      'presentation_credential_invalid',
    ]);
  });
  it('checks related resources: objects, URL ids, unique, with a digest', () => {
    const r = validateVcDataModel({
      ...base(),
      relatedResource: [
        'https://r.example/1',
        { id: 'https://r.example/2', digestSRI: 'sha384-x' },
        { id: 'https://r.example/2', digestMultibase: 'uabc' },
        { id: 'https://r.example/3' },
        { id: 'https://r.example/4', digestSRI: 7 },
      ],
    });
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['related_resource_invalid', '$.relatedResource[0]'],
      ['related_resource_duplicate', '$.relatedResource[2].id'],
      ['related_resource_digest_missing', '$.relatedResource[3]'],
      ['related_resource_invalid', '$.relatedResource[4].digestSRI'],
    ]);
  });
  it('takes the role from the type unless told', () => {
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'VerifiablePresentation',
    };
    expect(validateVcDataModel(vp).ok).toBe(true);
    expect(validateVcDataModel(vp, { role: 'credential' }).issues.map((i) => i.code)).toEqual([
      'type_not_vc',
      'issuer_missing',
      'subject_missing',
    ]);
  });
  it('throws TypeError for a non-object', () => {
    expect(() => validateVcDataModel(null as unknown as object)).toThrow(TypeError);
    expect(() => validateVcDataModel([] as unknown as object)).toThrow(TypeError);
  });
  it('isAbsoluteUrl: a scheme, no spaces or controls, parseable', () => {
    for (const ok of ['https://a.example/x', 'did:key:z6Mk', 'urn:uuid:1234', 'data:,x']) {
      expect(isAbsoluteUrl(ok)).toBe(true);
    }
    for (const bad of ['https ://a', ' https://a', 'https://a\n', 'fake', '', 7, null, 'a b:c']) {
      expect(isAbsoluteUrl(bad)).toBe(false);
    }
  });
});

describe('presentations', () => {
  it('locate the issues of embedded credentials inside them, unless embedded is false', () => {
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [{ ...base(), issuer: 'not a url' }],
    };
    expect(validateVcDataModel(vp).issues.map((i) => [i.code, i.path])).toEqual([
      ['issuer_invalid', '$.verifiableCredential[0].issuer'],
    ]);
    expect(validateVcDataModel(vp, { embedded: false }).ok).toBe(true);
  });
});
