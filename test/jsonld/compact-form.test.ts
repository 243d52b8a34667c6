/**
 * The compact-form walk, rule by rule (each with a document that passes and one that is
 * refused, with its code and path), the tables of what verification reads (recomputed from the
 * bundled contexts), caller-registered contexts, and the context cache it shares with the fast
 * path (documents' own contexts are never cached).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CONTEXTS } from '../../src/jsonld/bundled.js';
import { checkToRdf } from '../../src/jsonld/canonize.js';
import { checkCompactForm } from '../../src/jsonld/compact-form.js';
import {
  type ActiveContext,
  initialContext,
  processContext,
} from '../../src/jsonld/fast-context.js';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import { READ_MEMBERS, READ_TYPES } from '../../src/jsonld/read-terms.js';
import { compareReadView } from '../../src/jsonld/read-view.js';
import { hasShared, preBlocks, readShared, repoRoot } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: documents are edited freely
type Loose = any;

const CRED = 'https://www.w3.org/2018/credentials#';
const XSD_DT = 'http://www.w3.org/2001/XMLSchema#dateTime';

function badge(): Loose {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:6d7a2e8c-2f1a-4d3e-9c51-0b8f4a1e2d77',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://example.edu/issuers/565049', type: ['Profile'], name: 'Example' },
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    name: 'Teamwork Badge',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/1',
        type: ['Achievement'],
        name: 'Teamwork',
        criteria: { narrative: 'Works well with others.' },
      },
    },
    credentialStatus: {
      id: 'https://example.edu/status/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://example.edu/status/1',
    },
    proof: [
      {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        created: '2024-01-01T00:00:00Z',
        expires: '2030-01-01T00:00:00Z',
        verificationMethod: 'https://example.edu/issuers/565049#key-1',
        proofPurpose: 'assertionMethod',
        proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk',
      },
    ],
  };
}

async function issue(doc: Loose, options = {}) {
  return checkCompactForm(doc, options);
}

async function refusedAt(doc: Loose, at: string, code = 'jsonld_not_compact') {
  const found = await issue(doc);
  expect(found, JSON.stringify(found)).toMatchObject({ code, path: at });
  expect(found?.message).toContain(at);
  return found;
}

function edit(change: (d: Loose) => void): Loose {
  const d = badge();
  change(d);
  return d;
}

describe('documents in their compact form pass', () => {
  it('a badge with status and proof, VC 2.0 and VC 1.1', async () => {
    expect(await issue(badge())).toBeUndefined();
    const vc11 = edit((d) => {
      d['@context'] = [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://w3id.org/security/data-integrity/v2',
      ];
      delete d.validFrom;
      delete d.validUntil;
      delete d.credentialStatus;
      d.issuanceDate = '2024-01-01T00:00:00Z';
      d.expirationDate = '2030-01-01T00:00:00Z';
    });
    expect(await issue(vc11)).toBeUndefined();
  });
  it('the forms compact documents use: node references, arrays, language-tagged values, null', async () => {
    const d = edit((d) => {
      d.issuer = 'https://example.edu/issuers/565049';
      d.credentialSubject.achievement.criteria = [{ id: 'https://example.edu/criteria' }];
      d.name = [
        { '@value': 'Teamwork', '@language': 'en' },
        { '@value': 'Travail en équipe', '@language': 'fr', '@direction': 'ltr' },
      ];
      d.description = null;
      d.type = d.type.slice().reverse();
    });
    expect(await issue(d)).toBeUndefined();
  });
  it('an inline context defining new terms, or a standard term again under its own name', async () => {
    const d = edit((d) => {
      d['@context'].push({
        ExampleBadge: 'https://example.org/vocab#ExampleBadge',
        // The same term, for the same IRI, as the security vocabulary's (W3C test suites do this).
        Ed25519Signature2020: 'https://w3id.org/security#Ed25519Signature2020',
        nested: {
          '@id': 'https://example.org/vocab#nested',
          '@context': { id: '@id', type: '@type' },
        },
      });
      d.type.push('ExampleBadge');
      d.nested = { id: 'https://example.org/n/1', type: 'ExampleBadge' };
    });
    expect(await issue(d)).toBeUndefined();
  });
  it("a nested object with the document's id and only a type (the specification's refreshService)", async () => {
    const d = edit((d) => {
      d['@context'].push('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json');
      d.refreshService = { id: d.id, type: '1EdTechCredentialRefresh' };
    });
    expect(await issue(d)).toBeUndefined();
  });
});

describe('member keys', () => {
  it('a full IRI key is refused', async () => {
    await refusedAt(
      edit((d) => {
        d[`${CRED}validUntil`] = { '@value': d.validUntil, '@type': XSD_DT };
        delete d.validUntil;
      }),
      `$["${CRED}validUntil"]`,
    );
  });
  it('a compact IRI key (through a bundled or inline prefix) is refused', async () => {
    const vc11 = edit((d) => {
      d['@context'][0] = 'https://www.w3.org/2018/credentials/v1';
      d['@context'].push('https://w3id.org/security/data-integrity/v2');
      delete d.credentialStatus;
      d['cred:expirationDate'] = { '@value': '2020-01-01T00:00:00Z', '@type': XSD_DT };
    });
    await refusedAt(vc11, '$["cred:expirationDate"]');
    await refusedAt(
      edit((d) => {
        d['@context'].push({ c: CRED });
        d['c:validUntil'] = { '@value': d.validUntil, '@type': XSD_DT };
        delete d.validUntil;
      }),
      '$["c:validUntil"]',
    );
  });
  it('a vocabulary-relative name for an IRI a term names is refused', async () => {
    await refusedAt(
      edit((d) => {
        d['@context'].push({ '@vocab': `${CRED}valid` });
        d.Until = { '@value': d.validUntil, '@type': XSD_DT };
        delete d.validUntil;
      }),
      '$.Until',
    );
  });
  it("an alias an inline or embedded context defines for a standard member's IRI is refused", async () => {
    await refusedAt(
      edit((d) => {
        d['@context'].push({ expiry: { '@id': `${CRED}validUntil`, '@type': XSD_DT } });
        d.expiry = d.validUntil;
        delete d.validUntil;
      }),
      '$.expiry',
    );
    await refusedAt(
      edit((d) => {
        d.credentialStatus['@context'] = {
          slot: 'https://www.w3.org/ns/credentials/status#statusListIndex',
        };
        d.credentialStatus.slot = d.credentialStatus.statusListIndex;
        delete d.credentialStatus.statusListIndex;
      }),
      '$.credentialStatus.slot',
    );
  });
  it('another bundled name for a member verification reads is refused (expiration for expires)', async () => {
    await refusedAt(
      edit((d) => {
        d['@context'].push('https://w3id.org/security/v1');
        d.proof[0].expiration = d.proof[0].expires;
        delete d.proof[0].expires;
      }),
      '$.proof[0].expiration',
    );
  });
  it('a name verification reads, mapped elsewhere by a document context, is refused', async () => {
    const d = {
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        { holder: 'https://example.org/vocab#holder' },
      ],
      type: ['VerifiablePresentation'],
      holder: 'did:example:1',
    };
    // VC 1.1 scopes holder to VerifiablePresentation, where the inline term is overridden; at
    // the top level of another node it is the inline one.
    await expect(issue(d)).resolves.toBeUndefined();
    const other = {
      '@context': d['@context'],
      type: ['VerifiableCredential'],
      credentialSubject: { id: 'did:example:2', holder: 'did:example:1' },
      issuer: 'did:example:3',
      issuanceDate: '2024-01-01T00:00:00Z',
    };
    await refusedAt(other, '$.credentialSubject.holder');
  });
  it('two keys for one IRI, an undefined term, a blank node property', async () => {
    await refusedAt(
      edit((d) => {
        d[`${CRED}validUntil`] = { '@value': d.validUntil, '@type': XSD_DT };
      }),
      `$["${CRED}validUntil"]`,
    );
    // A term mapped to null (JSON-LD drops the member, unsigned): a context the walk refuses.
    await refusedAt(
      edit((d) => {
        d['@context'].push({ hidden: null });
        d.hidden = 'x';
      }),
      '$["@context"][2]',
      'jsonld_context_unsupported',
    );
    await refusedAt(
      edit((d) => {
        d.notATerm = 'x';
      }),
      '$.notATerm',
    );
    await refusedAt(
      edit((d) => {
        d['_:b0'] = 'x';
      }),
      '$["_:b0"]',
    );
  });
});

describe('keywords', () => {
  it('@id and @type where the context names them id and type are refused', async () => {
    await refusedAt(
      edit((d) => {
        d.issuer = { '@id': d.issuer.id, type: ['Profile'] };
      }),
      '$.issuer["@id"]',
    );
    await refusedAt(
      edit((d) => {
        d['@type'] = d.type;
        delete d.type;
      }),
      '$["@type"]',
    );
  });
  it('a keyword alias a document context defines is refused', async () => {
    await refusedAt(
      edit((d) => {
        d['@context'].push({ kind: '@type' });
        d.kind = d.type;
        delete d.type;
      }),
      '$.kind',
    );
  });
  it('@nest, @included, @reverse, @graph, @index and unknown @-keys are refused', async () => {
    const cases: Array<[(d: Loose) => void, string]> = [
      [
        (d) => {
          d['@nest'] = { validUntil: d.validUntil };
          delete d.validUntil;
        },
        '$["@nest"]',
      ],
      [(d) => (d['@included'] = [{ id: 'urn:x:1' }]), '$["@included"]'],
      [(d) => (d.issuer['@reverse'] = { [`${CRED}issuer`]: { id: d.id } }), '$.issuer["@reverse"]'],
      [(d) => (d.credentialSubject['@index'] = 'x'), '$.credentialSubject["@index"]'],
      [(d) => (d['@foo'] = 'x'), '$["@foo"]'],
    ];
    for (const [change, at] of cases) await refusedAt(edit(change), at);
    const { '@context': ctx, ...rest } = badge();
    await refusedAt({ '@context': ctx, '@graph': [rest] }, '$["@graph"]');
  });
  it('@set is refused; @list only where no container already makes a list', async () => {
    await refusedAt(
      edit((d) => {
        d.credentialSubject.achievement.tag = { '@set': ['a', 'b'] };
      }),
      '$.credentialSubject.achievement.tag["@set"]',
    );
    const listed = edit((d) => {
      d['@context'][1] = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
      d.credentialSubject.achievement.resultDescription = [
        {
          id: 'urn:x:rd',
          type: ['ResultDescription'],
          name: 'Grade',
          resultType: 'LetterGrade',
          allowedValue: { '@list': ['A', 'B'] },
        },
      ];
    });
    await refusedAt(
      listed,
      '$.credentialSubject.achievement.resultDescription[0].allowedValue["@list"]',
    );
  });
});

describe('values', () => {
  it('a value object where the term fixes the type, carries @type, or only wraps a value', async () => {
    await refusedAt(
      edit((d) => {
        d.validUntil = { '@value': d.validUntil, '@type': XSD_DT };
      }),
      '$.validUntil',
    );
    await refusedAt(
      edit((d) => {
        d.name = { '@value': d.name };
      }),
      '$.name',
    );
    await refusedAt(
      edit((d) => {
        d.name = { '@value': d.name, '@type': 'http://www.w3.org/2001/XMLSchema#string' };
      }),
      '$.name["@type"]',
    );
  });
  it('ids: blank node ids, compact IRIs and relative IRIs are refused', async () => {
    await refusedAt(
      edit((d) => {
        d.credentialSubject.achievement.criteria.id = '_:c1';
      }),
      '$.credentialSubject.achievement.criteria.id',
    );
    await refusedAt(
      edit((d) => {
        d['@context'].push({ ex: 'https://example.edu/' });
        d.credentialSubject.achievement.id = 'ex:achievements/1';
      }),
      '$.credentialSubject.achievement.id',
    );
    await refusedAt(
      edit((d) => {
        d.credentialSubject.id = 'learner-1';
      }),
      '$.credentialSubject.id',
    );
  });
  it('types and vocabulary values written as IRIs where the context has a term are refused', async () => {
    await refusedAt(
      edit((d) => {
        d.credentialStatus.type =
          'https://www.w3.org/ns/credentials/status#BitstringStatusListEntry';
      }),
      '$.credentialStatus.type',
    );
    await refusedAt(
      edit((d) => {
        d.proof[0].proofPurpose = 'https://w3id.org/security#assertionMethod';
      }),
      '$.proof[0].proofPurpose',
    );
    await refusedAt(
      edit((d) => {
        d.issuer.type = ['https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile'];
      }),
      '$.issuer.type[0]',
    );
    // A relative type (no term, no vocabulary) is not a type at all.
    await refusedAt(
      edit((d) => {
        d.issuer.type = ['Profile', 'creator'];
      }),
      '$.issuer.type[1]',
    );
    // An IRI no term names is fine.
    expect(
      await issue(
        edit((d) => {
          d.type.push('https://example.org/vocab#SpecialBadge');
        }),
      ),
    ).toBeUndefined();
  });
  it('the key and status list of a proof or status entry must be IRI strings, not node references', async () => {
    await refusedAt(
      edit((d) => {
        d.proof[0].verificationMethod = { id: d.proof[0].verificationMethod };
      }),
      '$.proof[0].verificationMethod',
    );
    await refusedAt(
      edit((d) => {
        d.credentialStatus.statusListCredential = { id: d.credentialStatus.statusListCredential };
      }),
      '$.credentialStatus.statusListCredential',
    );
  });
});

describe('node merging', () => {
  it("another node object with the document's id and members of its own is refused", async () => {
    await refusedAt(
      edit((d) => {
        d.credentialSubject.achievement.related = [{ id: d.id, name: 'x' }];
      }),
      '$.credentialSubject.achievement.related[0]',
    );
  });
  it("another node object with a proof's id, in the proof's graph, is refused", async () => {
    await refusedAt(
      edit((d) => {
        d.proof[0].id = 'urn:proof:1';
        d.proof[0]['@context'] = { note: 'https://example.org/vocab#note' };
        d.proof[0].note = { id: 'urn:proof:1', name: 'x' };
      }),
      '$.proof[0].note',
    );
  });
  it('the same id in two graphs (a credential in a presentation) is not a merge', async () => {
    const c = badge();
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: c.id,
      type: ['VerifiablePresentation'],
      verifiableCredential: [c],
    };
    expect(await issue(vp)).toBeUndefined();
  });
});

describe('contexts', () => {
  it('an inline context with features the walk does not process cannot establish the form', async () => {
    await refusedAt(
      edit((d) => {
        d['@context'].push({ '@language': 'en', note: 'https://example.org/vocab#note' });
      }),
      '$["@context"][2]',
      'jsonld_context_unsupported',
    );
  });
  it('a caller-registered context is loaded through the loader; without one it cannot be', async () => {
    const url = 'https://example.org/contexts/extra/v1';
    const registered = createDocumentLoader({
      contexts: {
        [url]: { '@context': { extraNote: 'https://example.org/vocab#extraNote' } },
      },
    });
    const d = edit((d) => {
      d['@context'].push(url);
      d.extraNote = 'x';
    });
    expect(await issue(d, { documentLoader: registered })).toBeUndefined();
    expect(await issue(d)).toMatchObject({ code: 'jsonld_context_unsupported', path: '$' });
    const aliasing = createDocumentLoader({
      contexts: {
        [url]: { '@context': { expiry: { '@id': `${CRED}validUntil`, '@type': XSD_DT } } },
      },
    });
    const aliased = edit((d) => {
      d['@context'].push(url);
      d.expiry = d.validUntil;
      delete d.validUntil;
    });
    expect(await issue(aliased, { documentLoader: aliasing })).toMatchObject({
      code: 'jsonld_not_compact',
      path: '$.expiry',
    });
    const failing = async () => {
      throw new Error('offline');
    };
    expect(await issue(d, { documentLoader: failing })).toMatchObject({
      code: 'jsonld_context_unsupported',
    });
  });
  it("a document's own context is never cached: the same object, changed, is read again", async () => {
    const inline: Record<string, unknown> = { extraNote: 'https://example.org/vocab#extraNote' };
    const d = edit((d) => {
      d['@context'].push(inline);
      d.extraNote = 'x';
    });
    expect(await issue(d)).toBeUndefined();
    inline.extraNote = { '@id': `${CRED}validUntil`, '@type': XSD_DT };
    d.extraNote = d.validUntil;
    delete d.validUntil;
    expect(await issue(d)).toMatchObject({ path: '$.extraNote' });
  });
  it('processing a foreign context leaves the shared cache of bundled contexts untouched', () => {
    const url = 'https://www.w3.org/ns/credentials/v2';
    const bundled = processContext(initialContext(), url, true, false);
    const foreign = processContext(initialContext(), { x: 'https://example.org/x' }, true, false, {
      foreign: true,
    });
    expect(foreign.foreign).toBe(true);
    expect(bundled.foreign).toBeUndefined();
    expect(processContext(initialContext(), url, true, false)).toBe(bundled);
    // Derived from a foreign context: processed afresh, never cached on it.
    const a = processContext(foreign, url, true, false, { foreign: false });
    const b = processContext(foreign, url, true, false, { foreign: false });
    expect(a).not.toBe(b);
    expect(a.foreign).toBe(true);
  });
});

describe('what verification reads (read-terms.ts)', () => {
  // Recomputed here from the bundled contexts: every IRI each read name is given, anywhere.
  const OB2_CONTEXTS = new Set([
    'https://w3id.org/openbadges/v2',
    'https://openbadgespec.org/v2/context.json',
  ]);
  function bundledNames(names: Iterable<string>): Map<string, string[]> {
    const wanted = new Set(names);
    const out = new Map<string, Set<string>>();
    const seen = new Set<unknown>();
    const visit = (ctx: ActiveContext, depth: number) => {
      for (const [term, def] of ctx.mappings) {
        const iri = def['@id'];
        if (typeof iri === 'string' && wanted.has(term)) {
          const s = out.get(term) ?? new Set<string>();
          s.add(iri);
          out.set(term, s);
        }
        const scoped = def['@context'];
        if (scoped !== undefined && !seen.has(scoped) && depth < 6) {
          seen.add(scoped);
          visit(processContext(ctx, scoped, true, true), depth + 1);
        }
      }
    };
    for (const url of BUNDLED_CONTEXTS.keys()) {
      // The Open Badges 2.0 vocabulary is never mixed into a credential under the VC contexts
      // (whose terms are protected): its documents are verified by the OB 2.0 checks.
      if (OB2_CONTEXTS.has(url)) continue;
      visit(processContext(initialContext(), url, true, false), 0);
    }
    return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
  }

  it('READ_MEMBERS and READ_TYPES hold every IRI the bundled contexts give those names', () => {
    const sorted = (m: ReadonlyMap<string, readonly string[]>) =>
      new Map([...m].map(([k, v]) => [k, [...v].sort()]));
    expect(sorted(READ_MEMBERS)).toEqual(bundledNames(READ_MEMBERS.keys()));
    expect(sorted(READ_TYPES)).toEqual(bundledNames(READ_TYPES.keys()));
  });
});

describe('authentic documents are in their compact form', () => {
  // Every document of the corpus that JSON-LD accepts (safe mode) and that is not a negative
  // test: the specification's examples, every fixture, and the W3C suites' inputs and vectors.
  const examplesContext = 'https://www.w3.org/ns/credentials/examples/v2';
  const documentLoader = createDocumentLoader({
    contexts: {
      [examplesContext]: JSON.parse(
        readFileSync(
          path.join(repoRoot, 'fixtures/vectors/contexts/credentials-examples-v2.json'),
          'utf8',
        ),
      ),
    },
  });
  function jsonFiles(dir: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) return jsonFiles(p);
      return f.endsWith('.json') ? [p] : [];
    });
  }
  function corpus(): Array<[string, Loose]> {
    const out: Array<[string, Loose]> = [];
    if (hasShared) {
      for (const f of readdirSync(path.join(repoRoot, '../shared/ob3/spec/examples'))) {
        const [pre] = preBlocks(readShared(`spec/examples/${f}`));
        if (pre) out.push([`spec/${f}`, JSON.parse(pre)]);
      }
    }
    const suites = path.join(repoRoot, '../shared/w3c-suites');
    const files = [
      ...jsonFiles(path.join(repoRoot, 'fixtures')),
      ...jsonFiles(path.join(repoRoot, 'test/status/fixtures')),
      ...jsonFiles(path.join(suites, 'vc-di-eddsa/TestVectors')),
      ...jsonFiles(path.join(suites, 'vc-di-ecdsa/TestVectors')),
      ...jsonFiles(path.join(suites, 'data-integrity-test-suite-assertion/inputs')),
      ...jsonFiles(path.join(suites, 'vc-di-ecdsa-test-suite/tests/mocks')),
      ...jsonFiles(path.join(suites, 'vc-data-model-2.0-test-suite/tests/input')),
    ]
      // Negative tests, hostile inputs and Open Badges 2.0 documents (not VC credentials).
      .filter(
        (f) =>
          !/fail/i.test(path.basename(f)) &&
          !f.includes('/hostile/') &&
          !f.includes('/fixtures/ob2/'),
      );
    for (const f of files) {
      try {
        const doc = JSON.parse(readFileSync(f, 'utf8'));
        if (doc && typeof doc === 'object' && !Array.isArray(doc) && '@context' in doc) {
          out.push([path.relative(repoRoot, f), doc]);
        }
      } catch {
        // not JSON: not a document
      }
    }
    return out;
  }

  it('every document JSON-LD accepts passes the walk', async () => {
    const refused: string[] = [];
    let checked = 0;
    for (const [name, doc] of corpus()) {
      try {
        await checkToRdf(doc, { documentLoader, safe: true });
      } catch {
        continue; // not valid JSON-LD: the jsonld check refuses it before the walk
      }
      checked++;
      const found = await checkCompactForm(doc, { documentLoader });
      if (found) refused.push(`${name}: ${found.code} ${found.path} ${found.message}`);
    }
    // Except a value of a typed member written in another JSON type (`"3"` for an xsd:float,
    // `"false"` for an xsd:boolean, a number for an IRI): JSON-LD reads it as the typed value,
    // the checks as what it is; only fixtures that are invalid for that JSON type have one.
    const typed = refused.filter((r) => r.includes("its member's context"));
    expect(typed.filter((r) => !/^fixtures\/invalid\/[^:]*\.type\.json:/.test(r))).toEqual([]);
    expect(refused.filter((r) => !typed.includes(r))).toEqual([]);
    expect(checked).toBeGreaterThan(hasShared ? 100 : 20);
  });
});

describe('the graph comparison (compareReadView)', () => {
  // The walk would refuse each of these; here the comparison alone must see the difference.
  async function against(doc: Loose) {
    return compareReadView(doc, await checkToRdf(doc, { documentLoader: createDocumentLoader() }));
  }
  it('agrees on a compact document, with or without an id', async () => {
    expect(await against(badge())).toBeUndefined();
    const anonymous = edit((d) => {
      delete d.id;
    });
    expect(await against(anonymous)).toBeUndefined();
  });
  it('names the member and path where the JSON and the graph disagree', async () => {
    const hidden = edit((d) => {
      d[`${CRED}validUntil`] = { '@value': d.validUntil, '@type': XSD_DT };
      delete d.validUntil;
    });
    expect(await against(hidden)).toMatchObject({ member: 'validUntil', path: '$.validUntil' });
    const expiry = edit((d) => {
      d.proof[0]['https://w3id.org/security#expiration'] = {
        '@value': d.proof[0].expires,
        '@type': XSD_DT,
      };
      delete d.proof[0].expires;
    });
    expect(await against(expiry)).toMatchObject({
      member: 'expires',
      path: '$.proof[0].expires',
    });
    const index = edit((d) => {
      d.credentialStatus['@context'] = {
        slot: 'https://www.w3.org/ns/credentials/status#statusListIndex',
      };
      d.credentialStatus.slot = d.credentialStatus.statusListIndex;
      delete d.credentialStatus.statusListIndex;
    });
    expect(await against(index)).toMatchObject({
      member: 'statusListIndex',
      path: '$.credentialStatus.statusListIndex',
    });
    const { '@context': ctx, ...rest } = badge();
    expect(await against({ '@context': ctx, '@graph': [rest] })).toMatchObject({
      member: 'issuer',
      path: '$.issuer',
    });
  });
});
