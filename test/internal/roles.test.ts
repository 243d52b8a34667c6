/**
 * The role helpers: which roles a document claims in its JSON, which its signed graph declares
 * (checked against jsonld.js canonicalization read by rdf-canonize's own N-Quads parser), and
 * the one id of a party.
 */
import fc from 'fast-check';
import jsonld from 'jsonld';
import rdfCanonize from 'rdf-canonize';
import { describe, expect, it } from 'vitest';
import {
  claimedRoles,
  graphRoleIssue,
  graphRoles,
  partyId,
  roleIssue,
  VC_CLASS,
  VP_CLASS,
} from '../../src/internal/roles.js';
import { canonize, createDocumentLoader } from '../../src/jsonld/index.js';
import { fuzzRuns, type Loose, richCredential } from '../hostile/helpers.js';

const CRED = 'https://www.w3.org/2018/credentials#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const loader = createDocumentLoader();

type Canonize = (doc: object, options: object) => Promise<string>;
const referenceCanonize = (doc: object) =>
  (jsonld.canonize as unknown as Canonize)(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader: loader,
  });

/** The subjects of the default graph typed `cls`, read by rdf-canonize's parser. */
function typedSubjects(nquads: string, cls: string): string[] {
  const { NQuads } = rdfCanonize as unknown as { NQuads: { parse(s: string): Loose[] } };
  const quads = NQuads.parse(nquads);
  return quads
    .filter(
      (q) =>
        q.graph.termType === 'DefaultGraph' &&
        q.predicate.value === RDF_TYPE &&
        q.object.termType === 'NamedNode' &&
        q.object.value === cls,
    )
    .map((q) =>
      q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : `<${q.subject.value}>`,
    )
    .sort();
}

describe('claimedRoles', () => {
  it('reads type, @type and rdf:type, as terms, full IRIs and compact IRIs', () => {
    const cases: Array<[Loose, { credential: boolean; presentation: boolean }]> = [
      [
        { type: ['VerifiableCredential', 'OpenBadgeCredential'] },
        { credential: true, presentation: false },
      ],
      [{ type: 'VerifiablePresentation' }, { credential: false, presentation: true }],
      [
        { type: ['VerifiableCredential', `${CRED}VerifiablePresentation`] },
        { credential: true, presentation: true },
      ],
      [
        { type: 'VerifiableCredential', '@type': 'VerifiablePresentation' },
        { credential: true, presentation: true },
      ],
      [{ '@type': ['cred:VerifiablePresentation'] }, { credential: false, presentation: true }],
      [
        { [RDF_TYPE]: { '@id': `${CRED}VerifiableCredential` } },
        { credential: true, presentation: false },
      ],
      [
        { 'rdf:type': [{ id: 'cred:VerifiablePresentation' }] },
        { credential: false, presentation: true },
      ],
      // Not these: other names that merely end the same way, other members.
      [
        { type: ['EnvelopedVerifiableCredential', 'EnvelopedVerifiablePresentation'] },
        { credential: false, presentation: false },
      ],
      [
        { name: 'VerifiablePresentation', types: ['VerifiablePresentation'] },
        { credential: false, presentation: false },
      ],
      [{ type: [42, null, {}] }, { credential: false, presentation: false }],
      [{}, { credential: false, presentation: false }],
    ];
    for (const [doc, expected] of cases)
      expect(claimedRoles(doc), JSON.stringify(doc)).toEqual(expected);
  });

  it('roleIssue: the other role is type_role_mismatch, both is type_ambiguous_role', () => {
    const vc = { type: ['VerifiableCredential'] };
    const vp = { type: ['VerifiablePresentation'] };
    const both = { type: ['VerifiableCredential', 'VerifiablePresentation'] };
    expect(roleIssue(vc, 'credential')).toBeUndefined();
    expect(roleIssue(vp, 'presentation')).toBeUndefined();
    expect(roleIssue({}, 'credential')).toBeUndefined();
    expect(roleIssue(vp, 'credential')).toMatchObject({
      code: 'type_role_mismatch',
      path: '$.type',
    });
    expect(roleIssue(vc, 'presentation', 'payload.vp')).toMatchObject({
      code: 'type_role_mismatch',
      path: 'payload.vp.type',
    });
    for (const role of ['credential', 'presentation'] as const)
      expect(roleIssue(both, role)?.code).toBe('type_ambiguous_role');
  });
});

describe('partyId', () => {
  it('is the one id of a string or of an object with exactly one of id / @id', () => {
    expect(partyId(undefined)).toBeUndefined();
    expect(partyId('did:example:1')).toBe('did:example:1');
    expect(partyId({ id: 'did:example:1', name: 'x' })).toBe('did:example:1');
    expect(partyId({ '@id': 'did:example:1' })).toBe('did:example:1');
    for (const bad of [
      '',
      null,
      42,
      ['did:example:1'],
      [{ id: 'did:example:1' }],
      { id: 'did:example:1', '@id': 'did:example:1' },
      { id: 'did:example:1', '@id': 'did:example:2' },
      { id: 7 },
      { id: '' },
      { name: 'no id' },
    ]) {
      expect(partyId(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('graphRoles (what the signed graph declares)', () => {
  const presentation = (credentials: Loose[]) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    holder: 'did:example:holder',
    verifiableCredential: credentials,
  });

  it('agrees with rdf-canonize on the default-graph subjects typed VerifiableCredential / VerifiablePresentation', async () => {
    const extraTypes = fc.subarray([
      'VerifiablePresentation',
      `${CRED}VerifiablePresentation`,
      'VerifiableCredential',
      'EndorsementCredential',
    ]);
    const docs = fc.record({
      top: extraTypes,
      withId: fc.boolean(),
      nested: fc.option(extraTypes, { nil: undefined }),
      nestedSameId: fc.boolean(),
      wrapped: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(docs, async (d) => {
        const c: Loose = richCredential('did:example:issuer');
        c.type = ['VerifiableCredential', 'OpenBadgeCredential', ...d.top];
        if (!d.withId) delete c.id;
        if (d.nested !== undefined) {
          c.evidence = [
            {
              ...(d.nestedSameId && d.withId ? { id: c.id } : {}),
              type: ['Evidence', ...d.nested],
            },
          ];
        }
        const doc = d.wrapped ? presentation([c, richCredential('did:example:other')]) : c;
        const reference = await referenceCanonize(doc);
        expect(await canonize(doc)).toBe(reference);
        const found = graphRoles(reference);
        expect([...found.credential].sort()).toEqual(typedSubjects(reference, VC_CLASS));
        expect([...found.presentation].sort()).toEqual(typedSubjects(reference, VP_CLASS));
      }),
      { numRuns: fuzzRuns(25) },
    );
  });

  it('credentials inside a presentation are in named graphs: the presentation declares one role', async () => {
    const vp = presentation([richCredential('did:example:issuer')]);
    const nquads = await canonize(vp);
    const roles = graphRoles(nquads);
    expect(roles.presentation.size).toBe(1);
    expect(roles.credential.size).toBe(0);
    expect(graphRoleIssue(nquads, 'presentation')).toBeUndefined();
    expect(graphRoleIssue(nquads, 'credential')?.code).toBe('type_role_mismatch');
  });

  it('a node typed both, through a node merged by its id, is type_ambiguous_role in either role', async () => {
    const c: Loose = richCredential('did:example:issuer');
    c.evidence = [{ id: c.id, type: ['Evidence', 'VerifiablePresentation'] }];
    expect(claimedRoles(c)).toEqual({ credential: true, presentation: false });
    const nquads = await canonize(c);
    for (const role of ['credential', 'presentation'] as const)
      expect(graphRoleIssue(nquads, role)?.code).toBe('type_ambiguous_role');
  });

  it('as a presentation, a graph with no VerifiablePresentation, or with a credential beside it, is type_role_mismatch', async () => {
    const credential = await canonize(richCredential('did:example:issuer'));
    expect(graphRoleIssue(credential, 'credential')).toBeUndefined();
    expect(graphRoleIssue(credential, 'presentation')?.code).toBe('type_role_mismatch');
    const untyped = { '@context': ['https://www.w3.org/ns/credentials/v2'], name: 'Untyped' };
    expect(graphRoleIssue(await canonize(untyped), 'presentation')?.code).toBe(
      'type_role_mismatch',
    );
    const vp: Loose = presentation([]);
    vp.holder = { id: 'did:example:holder', type: ['VerifiableCredential'] };
    expect(graphRoleIssue(await canonize(vp), 'presentation')?.code).toBe('type_role_mismatch');
  });
});
