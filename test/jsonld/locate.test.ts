/**
 * JSON-LD failures are located: an undefined term, a protected-term redefinition and an unknown
 * context carry the JSON path of the member, value or `@context` entry at fault (in the thrown
 * error's `details.path` and message, and in the `jsonld` check's report entry). Every expected
 * path is written by hand from the test document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonLdError, type Ob3Error } from '../../src/errors.js';
import { createDocumentLoader, toNQuads } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { baseCredential, baseEndorsement, type Loose } from '../verify/helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 40);

/** The error converting `doc` to RDF throws. */
async function failure(doc: object, options = {}): Promise<Ob3Error> {
  const e = await toNQuads(doc, options).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(JsonLdError);
  return e as Ob3Error;
}

/** The `jsonld` check's entry for `doc` (fail, or warn for an unknown context), verified offline. */
async function jsonldEntry(doc: object) {
  const report = await verify(doc, { now: NOW });
  const entry = report.checks.find((c) => c.id === 'jsonld' && c.outcome !== 'pass');
  expect(entry, JSON.stringify(report.checks)).toBeDefined();
  return entry as { code?: string; message?: string; path?: string };
}

/** A badge with arrays of objects (alignments, evidence) and an image. */
function richBadge(): Record<string, Loose> {
  const c = baseCredential();
  c.credentialSubject.achievement.alignment = [
    { type: ['Alignment'], targetName: 'Skill A', targetUrl: 'https://example.com/skills/a' },
    { type: ['Alignment'], targetName: 'Skill B', targetUrl: 'https://example.com/skills/b' },
  ];
  c.credentialSubject.achievement.image = {
    id: 'https://example.com/badge.png',
    type: 'Image',
    caption: 'The badge',
  };
  c.evidence = [
    { type: ['Evidence'], name: 'Report', narrative: 'Wrote a report.' },
    { type: ['Evidence'], name: 'Talk', description: 'Gave a talk.' },
  ];
  return c;
}

describe('an undefined term is located', () => {
  it('a misspelt member deep in credentialSubject.achievement', async () => {
    const c = baseCredential();
    c.credentialSubject.achievement.criteria.narative = 'Nominated by peers.';
    const e = await failure(c);
    expect(e.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(e.details?.path).toBe('$.credentialSubject.achievement.criteria.narative');
    expect(e.details?.term).toBe('narative');
    expect(e.message).toContain('"narative" at $.credentialSubject.achievement.criteria.narative');
    const entry = await jsonldEntry(c);
    expect(entry.code).toBe('jsonld_undefined_term');
    expect(entry.path).toBe('$.credentialSubject.achievement.criteria.narative');
    expect(entry.message).toContain('"narative"');
  });

  it('an undefined type value', async () => {
    const c = baseCredential();
    c.credentialSubject.achievement.type = ['Achievement', 'Acheivement'];
    const e = await failure(c);
    expect(e.details?.path).toBe('$.credentialSubject.achievement.type[1]');
    expect(e.details?.term).toBe('Acheivement');
    expect(e.details?.event).toBe('relative @type reference');
    const single = baseCredential();
    single.credentialSubject.type = 'AchievementSubjekt';
    expect((await failure(single)).details?.path).toBe('$.credentialSubject.type');
  });

  it('a term defined by a type-scoped context, used outside it, where it is undefined', async () => {
    const c = baseCredential();
    // targetName is defined under Alignment (its type-scoped context) and nowhere else: the
    // occurrence under the Achievement is the undefined one, though the other comes first.
    c.credentialSubject.achievement.alignment = [
      { type: ['Alignment'], targetName: 'Skill A', targetUrl: 'https://example.com/skills/a' },
    ];
    c.credentialSubject.achievement.targetName = 'Skill A';
    const e = await failure(c);
    expect(e.details?.path).toBe('$.credentialSubject.achievement.targetName');
    expect((await jsonldEntry(c)).path).toBe('$.credentialSubject.achievement.targetName');
  });

  it('a term defined by a property-scoped context of the document, used outside it', async () => {
    const c = baseCredential();
    c['@context'].push({
      '@version': 1.1,
      hobby: {
        '@id': 'https://example.com/vocab#hobby',
        '@context': { level: 'https://example.com/vocab#level' },
      },
    });
    c.credentialSubject.hobby = { level: 3 };
    c.credentialSubject.level = 4;
    const e = await failure(c);
    expect(e.details?.path).toBe('$.credentialSubject.level');
  });

  it('an undefined term inside an array element', async () => {
    const c = richBadge();
    c.credentialSubject.achievement.alignment[1].targetNmae = 'typo';
    const e = await failure(c);
    expect(e.details?.path).toBe('$.credentialSubject.achievement.alignment[1].targetNmae');
    expect((await jsonldEntry(c)).path).toBe(
      '$.credentialSubject.achievement.alignment[1].targetNmae',
    );
  });

  it('a term in the proof: in the jsonld check and in the Data Integrity proof check', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const unsigned = baseCredential();
    unsigned.issuer = { id: did, type: ['Profile'], name: 'Example Corp' };
    const signed = (await signCredential(unsigned, { key: keyPair })) as Record<string, Loose>;
    signed.proof[0].note = 'added'; // signCredential writes proof as an array
    const e = await failure(signed);
    expect(e.details?.path).toBe('$.proof[0].note');
    expect((await jsonldEntry(signed)).path).toBe('$.proof[0].note');
    const proof = await verifyCredentialProof(signed);
    const issue = proof.issues.find((i) => i.code === 'jsonld_undefined_term');
    expect(issue, JSON.stringify(proof.issues)).toBeDefined();
    expect(issue?.path).toBe('$.proof[0].note');
    expect(issue?.message).toContain('$.proof[0].note');
  });

  it('inside an embedded endorsement, under its own @context', async () => {
    const c = baseCredential();
    const endorsement = baseEndorsement();
    endorsement.credentialSubject.endorsmentComment = 'typo';
    c.credentialSubject.achievement.endorsement = [endorsement];
    const e = await failure(c);
    expect(e.details?.path).toBe(
      '$.credentialSubject.achievement.endorsement[0].credentialSubject.endorsmentComment',
    );
  });

  it('signCredential throws ERR_JSONLD_UNDEFINED_TERM with details.path', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const c = baseCredential();
    c.issuer = { id: did, type: ['Profile'], name: 'Example Corp' };
    c.credentialSubject.achievement.descripton = 'typo';
    const e = await signCredential(c, { key: keyPair, validate: false }).then(
      () => undefined,
      (x: unknown) => x as Ob3Error,
    );
    expect(e?.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(e?.details?.path).toBe('$.credentialSubject.achievement.descripton');
    expect(e?.details?.term).toBe('descripton');
  });

  it('several: the first in document order, and how many more', async () => {
    const c = baseCredential();
    // Document order: issuer comes before credentialSubject (jsonld.js reports "aaa" first,
    // in its sorted order).
    c.issuer.zzz = 1;
    c.credentialSubject.aaa = 2;
    c.credentialSubject.achievement.criteria.bbb = 3;
    const e = await failure(c);
    expect(e.details?.path).toBe('$.issuer.zzz');
    expect(e.details?.term).toBe('zzz');
    expect(e.details?.more).toBe(2);
    expect(e.message).toContain('2 more undefined terms');
  });

  it('a relative IRI as an id, and as the value of a term typed @id', async () => {
    const c = baseCredential();
    c.credentialSubject.achievement.id = 'achievements/1';
    const e = await failure(c);
    expect(e.details?.path).toBe('$.credentialSubject.achievement.id');
    expect(e.details?.event).toBe('relative @id reference');
    const d = baseCredential();
    d.issuer = 'issuers/1'; // issuer is typed @id by the VC context
    const f = await failure(d);
    expect(f.details?.path).toBe('$.issuer');
    expect(f.details?.term).toBe('issuers/1');
  });

  it('gives no path rather than a guessed one where the walk cannot follow the contexts', async () => {
    const c = baseCredential();
    // A context feature the walk does not process (@language): the failure stays unlocated.
    c['@context'].push({ '@language': 'en', hobby: 'https://example.com/vocab#hobby' });
    c.credentialSubject.hobbby = 'typo';
    const e = await failure(c);
    expect(e.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(e.details?.path).toBeUndefined();
    expect(e.details?.term).toBe('hobbby');
    const entry = await jsonldEntry(c);
    expect(entry.code).toBe('jsonld_undefined_term');
    expect(entry.path).toBeUndefined();
  });
});

describe('contexts are located', () => {
  it('an unknown context URL as the second entry of @context', async () => {
    const c = baseCredential();
    c['@context'].splice(1, 0, 'https://contexts.example/unknown/v1');
    const e = await failure(c);
    expect(e.code).toBe('ERR_CONTEXT_UNKNOWN');
    expect(e.details?.path).toBe('$["@context"][1]');
    expect(e.message).toContain('https://contexts.example/unknown/v1');
    const entry = await jsonldEntry(c);
    expect(entry.code).toBe('context_unknown');
    expect(entry.path).toBe('$["@context"][1]');
  });

  it('an unknown context in an embedded @context', async () => {
    const c = baseCredential();
    c.credentialSubject.achievement['@context'] = 'https://contexts.example/unknown/v2';
    const e = await failure(c);
    expect(e.details?.path).toBe('$.credentialSubject.achievement["@context"]');
  });

  it('a registered context is followed, and an undefined term after it located', async () => {
    const url = 'https://contexts.example/extra/v1';
    const documentLoader = createDocumentLoader({
      contexts: { [url]: { '@context': { extra: 'https://contexts.example/vocab#extra' } } },
    });
    const c = baseCredential();
    c['@context'].push(url);
    c.credentialSubject.extra = 'fine';
    c.credentialSubject.extar = 'typo';
    const e = await failure(c, { documentLoader });
    expect(e.details?.path).toBe('$.credentialSubject.extar');
  });

  it('a protected-term redefinition in an embedded @context', async () => {
    const c = baseCredential();
    c.credentialSubject['@context'] = { name: 'https://example.com/vocab#name' };
    const e = await failure(c);
    expect(e.code).toBe('ERR_JSONLD_PROTECTED_TERM');
    expect(e.details?.path).toBe('$.credentialSubject["@context"]');
    expect(e.details?.term).toBe('name');
    const entry = await jsonldEntry(c);
    expect(entry.code).toBe('jsonld_protected_term');
    expect(entry.path).toBe('$.credentialSubject["@context"]');
    const listed = baseCredential();
    listed.credentialSubject.achievement['@context'] = [
      { hobby: 'https://example.com/vocab#hobby' },
      { description: 'https://example.com/vocab#description' },
    ];
    const f = await failure(listed);
    expect(f.details?.path).toBe('$.credentialSubject.achievement["@context"][1]');
  });
});

describe('the walk is bounded', () => {
  /** A document whose inline context is processed afresh under each of `count` objects. */
  function costly(count: number): Record<string, Loose> {
    const terms: Record<string, string> = {};
    for (let i = 0; i < 300; i++) terms[`t${i}`] = `https://example.com/vocab#t${i}`;
    const items = Array.from({ length: count }, () => ({ t1: 1 }));
    const chunks: unknown[] = [];
    for (let i = 0; i < items.length; i += 1000) chunks.push(items.slice(i, i + 1000));
    return {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        { '@version': 1.1, n: { '@id': 'https://example.com/vocab#n', '@context': terms } },
      ],
      n: chunks,
      // Last in document order, first in jsonld.js's sorted order: it fails at once.
      aaa: 1,
    };
  }

  it('spends the conversion budget, within what is left of it', async () => {
    const c = baseCredential();
    c.credentialSubject.achievement.criteria.narative = 'typo';
    // The least maxCanonizeWork the conversion itself needs (below it: ERR_CANONIZE_LIMIT).
    let low = 0;
    let high = 10_000_000;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      const e = await toNQuads(c, { maxCanonizeWork: mid }).then(
        () => undefined,
        (x: Ob3Error) => x,
      );
      if (e?.code === 'ERR_JSONLD_UNDEFINED_TERM') high = mid;
      else low = mid + 1;
    }
    // With nothing left, the failure is not located; with enough, it is.
    const bare = await failure(c, { maxCanonizeWork: low });
    expect(bare.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(bare.details?.path).toBeUndefined();
    const located = await failure(c, { maxCanonizeWork: low + 1000 });
    expect(located.details?.path).toBe('$.credentialSubject.achievement.criteria.narative');
  });

  it('past its bound it gives no path (the caller raised maxCanonizeWork; the walk does not)', async () => {
    const small = await failure(costly(50), { maxCanonizeWork: 1e9 });
    expect(small.details?.path).toBe('$.aaa');
    const large = await failure(costly(5000), { maxCanonizeWork: 1e9 });
    expect(large.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(large.details?.term).toBe('aaa');
    expect(large.details?.path).toBeUndefined();
  });
});

/** Every JSON object of a value, with the path (as steps) to it; `@context` values skipped. */
function objectsOf(
  value: unknown,
  steps: Array<string | number> = [],
): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsOf(v, [...steps, i]));
  if (typeof value !== 'object' || value === null) return [];
  const out = [steps];
  for (const [k, v] of Object.entries(value))
    if (k !== '@context') out.push(...objectsOf(v, [...steps, k]));
  return out;
}

/** `$.a.b[0].c` (the keys here are plain names). */
function pathText(steps: Array<string | number>): string {
  return `$${steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
}

describe('property: one undefined member inserted anywhere', () => {
  it('is reported exactly where it was inserted', async () => {
    const badge = richBadge();
    const places = objectsOf(badge);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: places.length - 1 }),
        fc.nat(),
        fc.stringMatching(/^[a-z]{3,10}$/),
        async (which, position, name) => {
          const doc = structuredClone(badge);
          const steps = places[which] as Array<string | number>;
          let target: Record<string, unknown> = doc;
          for (const s of steps)
            target = (target as Record<string | number, Record<string, unknown>>)[s] as Record<
              string,
              unknown
            >;
          const key = `zz${name}`; // no context defines a term starting "zz"
          // Insert at a random position among the object's members.
          const entries = Object.entries(target);
          const at = position % (entries.length + 1);
          entries.splice(at, 0, [key, 'value']);
          for (const k of Object.keys(target)) delete target[k];
          for (const [k, v] of entries) target[k] = v;
          const e = await failure(doc);
          expect(e.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
          expect(e.details?.path).toBe(pathText([...steps, key]));
          expect(e.details?.term).toBe(key);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
