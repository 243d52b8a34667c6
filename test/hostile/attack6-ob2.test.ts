/**
 * Open Badges 2.0 as a forger (or a careless issuer) would try it: what the checks read against
 * what the 2.0 badge says. Expected values come from the reference JSON-LD processor (jsonld.js:
 * what a JSON-LD reader such as 1EdTech's validator makes of the document), from the WHATWG URL
 * parser (node's `URL`: which URL is fetched) and from RFC 9562 (UUIDs compare without case).
 *
 * Found and closed:
 * - a hosted assertion whose `id` starts with the issuer's `startsWith` prefix as written but
 *   leaves it once its dot segments (`..`, `%2e%2e`) are resolved, which is the URL fetched:
 *   accepted as authentic (an upload area on the issuer's host became a badge mint);
 * - `revoked` as `"true"`, `"1"`, `1`, `[true]` or `{"@value": true}` (the 2.0 context types it
 *   `xsd:boolean`, so a JSON-LD reader reads it revoked): reported in force;
 * - a second name for a 2.0 property through a context beside the 2.0 one (a prefix for the
 *   `obi:` namespace, a term alias, an alias of an alias, `@vocab`, a type-scoped context, a
 *   keyword alias of `@nest`), or the `@nest` keyword itself: a revoked or expired assertion
 *   reported valid;
 * - a signed assertion's revocation list read without the spelling rules of every other badge
 *   object (`revokedAssertions` as `obi:revoked`, as its full IRI, through an alias, an entry's
 *   `@id`), or naming the assertion's `urn:uuid` in other letter case: reported in force; a list
 *   that is no RevocationList left the assertion in force too (now: not known);
 * - an embedded BadgeClass under the id of another issuer's published BadgeClass (on a host
 *   outside the issuer's own): authentic, and an upgrade related the credential to that one;
 * - a context ob3kit does not bundle beside the 2.0 one: authentic "yes" though it may rename
 *   what the checks read; a second name for `startsWith` in the issuer's verification object;
 * - the upgrade: a recipient `hashed: "true"` (a hash, to a JSON-LD reader) written out as a
 *   plaintext identity, and a forced upgrade of an assertion that did not verify whose evidence
 *   said it had been verified.
 *
 * Tried, nothing found (kept as regressions below or in test/ob2): `alg: none` / HS256 / `crit`
 * JWS (test/ob2/signed), a JWS key of another issuer, an embedded issuer Profile vouching for
 * itself, `obi:revoked` and the full IRI in the assertion, `expires` in odd forms (lower-case
 * `t`/`z`, `+0100`, date only, a number: expired or refused, never in force), hosted ids on
 * another host or port.
 */

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { CompactSign, exportSPKI, generateKeyPair } from 'jose';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import { upgradeOb2 } from '../../src/ob2/index.js';
import { type VerificationReport, verify } from '../../src/verify/index.js';
import { fakeFetch, fixture, specDocuments } from '../ob2/helpers.js';
import { fuzzRuns, type Loose } from './helpers.js';

const OBI = 'https://w3id.org/openbadges#';
const SEC = 'https://w3id.org/security#';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const OB2 = 'https://w3id.org/openbadges/v2';
const ISSUER_URL = 'https://example.org/organization.json';
const KEY_URL = 'https://example.org/publicKey.json';
const LIST_URL = 'https://example.org/revocationList.json';
/** Between the spec example's issuedOn (2016-12-31) and expires (2017-06-30). */
const IN_2017 = new Date('2017-01-15T00:00:00Z');
const RUNS = fuzzRuns(12);

const loader = createDocumentLoader();

/** The reference processor's RDF of a document (N-Quads), in safe mode. */
async function quads(doc: unknown): Promise<string> {
  return (await jsonld.toRDF(
    doc as Loose,
    {
      format: 'application/n-quads',
      documentLoader: loader as Loose,
      safe: true,
    } as Loose,
  )) as unknown as string;
}

/** True when the reference processor reads the document as revoked (`obi:revoked` a true boolean). */
async function revokedByJsonLd(doc: unknown): Promise<boolean> {
  const nq = await quads(doc);
  return nq
    .split('\n')
    .some(
      (line) =>
        line.includes(`<${OBI}revoked>`) &&
        /"(true|1)"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#boolean>/.test(line),
    );
}

/** True when the reference processor reads the revocation list `list` as naming `id` revoked. */
async function listRevokesByJsonLd(list: unknown, id: string): Promise<boolean> {
  const nq = await quads(list);
  return nq
    .split('\n')
    .some(
      (line) =>
        line.startsWith(`<${LIST_URL}> <${OBI}revoked> `) &&
        (line.includes(`"${id}"`) || line.includes(`<${id}>`)),
    );
}

/** The dates the reference processor reads as `sec:expiration` (the 2.0 `expires`). */
async function expirationsByJsonLd(doc: unknown): Promise<string[]> {
  const nq = await quads(doc);
  return nq
    .split('\n')
    .filter((l) => l.includes(`<${SEC}expiration>`))
    .map((l) => /"([^"]+)"/.exec(l)?.[1] ?? '');
}

function notInForce(report: VerificationReport): void {
  expect(report.answers.inForce.value).not.toBe('yes');
  expect(report.verdict).not.toBe('valid');
}

function hostedDocs(assertion: Loose, issuerEdit?: (i: Loose) => void): Record<string, Loose> {
  const docs: Record<string, Loose> = { ...specDocuments(), [assertion.id]: assertion };
  issuerEdit?.(docs[ISSUER_URL]);
  return docs;
}

async function verifyHosted(assertion: Loose, issuerEdit?: (i: Loose) => void) {
  return verify(assertion, { documents: hostedDocs(assertion, issuerEdit), now: IN_2017 });
}

describe('hosted scope: startsWith is matched against the URL fetched', () => {
  const PREFIX = 'https://example.org/badges/';
  const scoped = (i: Loose) => {
    i.verification = { type: 'VerificationObject', startsWith: PREFIX };
  };

  it('an id inside the prefix verifies', async () => {
    const a = fixture('spec/assertion-hosted.json');
    a.id = `${PREFIX}beth.json`;
    const report = await verifyHosted(a, scoped);
    expect(report.verdict).toBe('valid');
    expect(report.answers.authentic.value).toBe('yes');
  });

  it('property: an id that starts with the prefix but is fetched outside it is refused', async () => {
    const dot = fc.constantFrom('..', '%2e%2e', '%2E%2E', '.%2e', '%2e.');
    const segments = fc.array(fc.constantFrom('uploads', 'u', 'files', '.'), {
      minLength: 1,
      maxLength: 3,
    });
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(dot, { minLength: 1, maxLength: 3 }),
        segments,
        async (up, down) => {
          const id = `${PREFIX}${up.join('/')}/${down.join('/')}/x.json`;
          // WHATWG URL parsing (node's URL) is what is fetched.
          const fetched = new URL(id).href;
          fc.pre(!fetched.startsWith(PREFIX));
          tried++;
          const a = fixture('spec/assertion-hosted.json');
          a.id = id;
          const issuer = specDocuments()[ISSUER_URL];
          scoped(issuer);
          const { fetch, requested } = fakeFetch({
            ...specDocuments(),
            [ISSUER_URL]: issuer,
            [fetched]: a,
          });
          const report = await verify(a, { fetch, now: IN_2017 });
          expect(requested).toContain(fetched);
          expect(report.answers.authentic.value).toBe('no');
          expect(report.verdict).toBe('invalid');
          expect(report.checks.find((c) => c.id === 'issuer')?.code).toBe(
            'ob2_hosted_out_of_scope',
          );
        },
      ),
      { numRuns: RUNS },
    );
    expect(tried).toBeGreaterThan(0);
  });
  it("a startsWith the issuer's policy states under a second name still binds", async () => {
    const a = fixture('spec/assertion-hosted.json');
    a.id = 'https://example.org/uploads/x.json';
    const issuerEdit = (i: Loose) => {
      i.verification = {
        '@context': { sw: 'http://purl.org/dqm-vocabulary/v1/dqm#startsWith' },
        type: 'VerificationObject',
        sw: PREFIX,
      };
    };
    const issuer = specDocuments()[ISSUER_URL];
    issuerEdit(issuer);
    // A JSON-LD reader sees the issuer restrict its hosted assertions to the prefix.
    expect(await quads(issuer)).toContain(
      `<http://purl.org/dqm-vocabulary/v1/dqm#startsWith> "${PREFIX}"`,
    );
    const report = await verifyHosted(a, issuerEdit);
    expect(report.answers.authentic.value).not.toBe('yes');
    expect(report.verdict).toBe('invalid');
  });
});

describe('revoked: read as the 2.0 context types it (xsd:boolean)', () => {
  it('property: every value a JSON-LD reader reads as true is revocation', async () => {
    const truthy = fc.constantFrom<unknown>(
      'true',
      '1',
      1,
      [true],
      [false, true],
      { '@value': true },
      { '@value': 'true', '@type': XSD_BOOLEAN },
    );
    await fc.assert(
      fc.asyncProperty(truthy, async (value) => {
        const a = fixture('spec/assertion-hosted.json');
        a.revoked = value;
        expect(await revokedByJsonLd(a)).toBe(true);
        const report = await verifyHosted(a);
        expect(report.answers.inForce.value).toBe('no');
        expect(report.checks.find((c) => c.id === 'status')?.code).toBe('ob2_revoked');
      }),
      { numRuns: RUNS },
    );
  });

  it('a value neither true nor false is not read as in force', async () => {
    for (const value of ['yes', 'TRUE', {}, 2, ['maybe']]) {
      const a = fixture('spec/assertion-hosted.json');
      a.revoked = value;
      notInForce(await verifyHosted(a));
    }
  });

  it('false, "false" and "0" (false to a JSON-LD reader too) leave it in force', async () => {
    for (const value of [false, 'false', '0']) {
      const a = fixture('spec/assertion-hosted.json');
      a.revoked = value;
      expect(await revokedByJsonLd(a)).toBe(false);
      const report = await verifyHosted(a);
      expect(report.answers.inForce.value).toBe('yes');
      expect(report.answers.authentic.value).toBe('yes');
    }
  });
});

/** Ways to give a 2.0 property a second name (each must be read by jsonld.js as that property). */
type Respell = (a: Loose, iri: string, value: unknown, before: boolean) => void;

function addContext(a: Loose, ctx: unknown, before: boolean): void {
  a['@context'] = before ? [ctx, OB2] : [OB2, ctx];
}

const RESPELLS: Record<string, Respell> = {
  'a prefix for the obi: namespace': (a, iri, value, before) => {
    const ns = iri.startsWith(OBI) ? OBI : SEC;
    addContext(a, { zz: ns }, before);
    a[`zz:${iri.slice(ns.length)}`] = value;
  },
  'a term alias of the IRI': (a, iri, value, before) => {
    addContext(a, { gone: iri }, before);
    a.gone = value;
  },
  'a term alias through the 2.0 prefix': (a, iri, value, before) => {
    // Before the 2.0 context, its prefixes are not defined yet: the context brings its own.
    const prefix = iri.startsWith(OBI) ? { obi: OBI } : { sec: SEC };
    const gone = iri.startsWith(OBI) ? 'obi:revoked' : 'sec:expiration';
    addContext(a, before ? { ...prefix, gone } : { gone }, before);
    a.gone = value;
  },
  '@vocab': (a, iri, value, before) => {
    // A name the 2.0 context leaves undefined, which @vocab turns into the property.
    if (iri.startsWith(OBI)) {
      addContext(a, { '@vocab': 'https://w3id.org/' }, before);
      a[`openbadges#${iri.slice(OBI.length)}`] = value;
    } else {
      addContext(a, { '@vocab': SEC }, before);
      a[iri.slice(SEC.length)] = value;
    }
  },
  'a type-scoped context': (a, iri, value, before) => {
    addContext(
      a,
      { Extra: { '@id': 'https://example.org/Extra', '@context': { gone: iri } } },
      before,
    );
    a.type = ['Assertion', 'Extra'];
    a.gone = value;
  },
  'a keyword alias of @nest': (a, iri, value, before) => {
    addContext(a, { wrap: '@nest' }, before);
    a.wrap = { [iri.startsWith(OBI) ? 'revoked' : 'expires']: value };
  },
  'the @nest keyword': (a, iri, value) => {
    a['@nest'] = { [iri.startsWith(OBI) ? 'revoked' : 'expires']: value };
  },
};

describe('a second name for a 2.0 property, through a context or @nest', () => {
  it('property: a revoked or expired assertion so spelled is never in force', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(RESPELLS)),
        fc.constantFrom('revoked', 'expires'),
        fc.boolean(),
        async (how, what, before) => {
          const a = fixture('spec/assertion-hosted.json');
          const iri = what === 'revoked' ? `${OBI}revoked` : `${SEC}expiration`;
          const value = what === 'revoked' ? true : '2017-01-01T00:00:00Z';
          if (what === 'expires') delete a.expires;
          RESPELLS[how]?.(a, iri, value, before);
          // The reference processor reads the property under its second name.
          if (what === 'revoked') expect(await revokedByJsonLd(a)).toBe(true);
          else expect(await expirationsByJsonLd(a)).toEqual(['2017-01-01T00:00:00Z']);
          seen.add(how);
          notInForce(await verifyHosted(a));
        },
      ),
      { numRuns: Math.max(RUNS, 40) },
    );
    expect(seen.size).toBeGreaterThan(3);
  });

  it('every spelling, both properties, before and after the 2.0 context', async () => {
    for (const [how, respell] of Object.entries(RESPELLS)) {
      for (const what of ['revoked', 'expires']) {
        for (const before of [false, true]) {
          const a = fixture('spec/assertion-hosted.json');
          const iri = what === 'revoked' ? `${OBI}revoked` : `${SEC}expiration`;
          if (what === 'expires') delete a.expires;
          respell(a, iri, what === 'revoked' ? true : '2017-01-01T00:00:00Z', before);
          const report = await verifyHosted(a);
          expect(report.verdict, `${how} ${what} ${before}`).toBe('invalid');
          expect(report.answers.inForce.value, `${how} ${what} ${before}`).not.toBe('yes');
        }
      }
    }
  });

  it('a context too large to search for aliases is refused, promptly', async () => {
    const a = fixture('spec/assertion-hosted.json');
    const many: Record<string, string> = {};
    for (let i = 0; i < 6000; i++) many[`t${i}`] = `https://example.org/ext#t${i}`;
    a['@context'] = [OB2, many];
    const report = await verifyHosted(a);
    expect(report.verdict).toBe('invalid');
    expect(report.checks.find((c) => c.id === 'context')?.code).toBe('ob2_context_redefines');
  });

  it('an extension context with its own terms still verifies', async () => {
    const a = fixture('spec/assertion-hosted.json');
    a['@context'] = [
      OB2,
      { ext: 'https://example.org/ext#', level: 'https://example.org/ext#level' },
    ];
    a.level = '3';
    a['ext:note'] = 'kept';
    const nq = await quads(a);
    expect(nq).toContain('<https://example.org/ext#level> "3"');
    const report = await verifyHosted(a);
    expect(report.verdict).toBe('valid');
    expect(report.answers.inForce.value).toBe('yes');
  });
});

describe('signed: the revocation list', () => {
  type KeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let privateKey: KeyLike;
  let pem: string;
  const REVOKED = 'urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    privateKey = pair.privateKey;
    pem = await exportSPKI(pair.publicKey);
  }, 60_000);

  async function verifySigned(
    id: string,
    list: Loose,
    edit?: (claims: Loose) => void,
    more: Record<string, Loose> = {},
  ) {
    const claims = fixture('spec/signed-example-claims.json');
    claims.id = id;
    edit?.(claims);
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    const key = {
      '@context': OB2,
      type: 'CryptographicKey',
      id: KEY_URL,
      owner: ISSUER_URL,
      publicKeyPem: pem,
    };
    return verify(jws, {
      documents: { ...specDocuments(), [KEY_URL]: key, [LIST_URL]: list, ...more },
      now: IN_2017,
    });
  }

  function list(edit: (l: Loose) => void): Loose {
    const l = fixture('spec/revocation-list.json');
    edit(l);
    return l;
  }

  it('the spec list revokes the assertion it names, not another', async () => {
    const revoked = await verifySigned(REVOKED, fixture('spec/revocation-list.json'));
    expect(revoked.answers.inForce.value).toBe('no');
    const other = await verifySigned(
      'urn:uuid:00000000-0000-4000-8000-000000000000',
      fixture('spec/revocation-list.json'),
    );
    expect(other.verdict).toBe('valid');
  });

  const respelled: Record<string, Loose> = {
    'revokedAssertions as obi:revoked': list((l) => {
      l['obi:revoked'] = l.revokedAssertions;
      delete l.revokedAssertions;
    }),
    'revokedAssertions as its full IRI': list((l) => {
      l[`${OBI}revoked`] = l.revokedAssertions;
      delete l.revokedAssertions;
    }),
    'revokedAssertions through an alias': list((l) => {
      l['@context'] = [OB2, { ra: `${OBI}revoked` }];
      l.ra = l.revokedAssertions;
      delete l.revokedAssertions;
    }),
    'revokedAssertions under @nest': list((l) => {
      l['@nest'] = { revokedAssertions: l.revokedAssertions };
      delete l.revokedAssertions;
    }),
    'an entry with @id': list((l) => {
      l.revokedAssertions = [{ '@id': REVOKED, revocationReason: 'x' }];
    }),
  };

  for (const [name, l] of Object.entries(respelled)) {
    it(`${name}: a JSON-LD reader sees the revocation, so the assertion is not in force`, async () => {
      expect(await listRevokesByJsonLd(l, REVOKED)).toBe(true);
      notInForce(await verifySigned(REVOKED, l));
    });
  }

  it('a urn:uuid revoked in other letter case is revoked (UUIDs compare without case, RFC 9562)', async () => {
    const report = await verifySigned(
      REVOKED.toUpperCase().replace('URN:UUID:', 'urn:uuid:'),
      fixture('spec/revocation-list.json'),
    );
    expect(report.answers.inForce.value).toBe('no');
    expect(report.checks.find((c) => c.id === 'status')?.code).toBe('ob2_revoked');
  });

  describe("an embedded BadgeClass under another issuer's id", () => {
    const FOREIGN = 'https://victim.example/badges/cs.json';
    const FRESH = 'urn:uuid:00000000-0000-4000-8000-000000000000';
    const embed = (claims: Loose) => {
      claims.badge = { ...fixture('spec/badgeclass.json'), id: FOREIGN, name: 'Victim degree' };
    };
    const published = (issuer: string) => ({
      ...fixture('spec/badgeclass.json'),
      id: FOREIGN,
      issuer,
    });

    it("is refused when the BadgeClass published at that id is another issuer's", async () => {
      const report = await verifySigned(FRESH, fixture('spec/revocation-list.json'), embed, {
        [FOREIGN]: published('https://victim.example/issuer.json'),
      });
      expect(report.answers.authentic.value).toBe('no');
      expect(report.checks.find((c) => c.code === 'ob2_badge_id_mismatch')?.outcome).toBe('fail');
    });

    it('is not authentic "yes" when the published BadgeClass cannot be read', async () => {
      const report = await verifySigned(FRESH, fixture('spec/revocation-list.json'), embed);
      expect(report.answers.authentic.value).not.toBe('yes');
      expect(report.verdict).not.toBe('valid');
    });

    it("verifies when the BadgeClass published there is the same issuer's", async () => {
      const report = await verifySigned(FRESH, fixture('spec/revocation-list.json'), embed, {
        [FOREIGN]: published(ISSUER_URL),
      });
      expect(report.verdict).toBe('valid');
    });

    it("an embedded BadgeClass on the issuer's own host is taken as the issuer's", async () => {
      const report = await verifySigned(FRESH, fixture('spec/revocation-list.json'), (c) => {
        c.badge = { ...fixture('spec/badgeclass.json'), id: 'https://example.org/badges/9' };
      });
      expect(report.verdict).toBe('valid');
    });
  });

  it('a list that is no RevocationList leaves revocation unknown, not in force', async () => {
    const report = await verifySigned(
      'urn:uuid:00000000-0000-4000-8000-000000000000',
      list((l) => {
        l.type = 'Issuer';
      }),
    );
    expect(report.answers.inForce.value).toBe('unknown');
    expect(report.verdict).not.toBe('valid');
  });
});

describe('the upgrade keeps what the 2.0 recipient says, and what was verified', () => {
  // 1EdTech validator's vector: nobody@example.org with salt "deadsea" (checked with node:crypto).
  const EMAIL = 'nobody@example.org';
  const hash = createHash('sha256').update(`${EMAIL}deadsea`).digest('hex');

  it('hashed "true" is a hash to a JSON-LD reader: matched and upgraded as one', async () => {
    const a = fixture('spec/assertion-hosted.json');
    a.recipient.identity = `sha256$${hash}`;
    a.recipient.hashed = 'true';
    expect(await quads(a)).toContain(`<${OBI}hashed> "true"^^<${XSD_BOOLEAN}>`);
    const report = await verify(a, { documents: hostedDocs(a), now: IN_2017, recipient: EMAIL });
    expect(report.checks.find((c) => c.id === 'recipient')?.outcome).toBe('pass');
    const { credential } = await upgradeOb2(a, { documents: hostedDocs(a), now: IN_2017 });
    expect((credential as Loose).credentialSubject.identifier).toEqual([
      {
        type: 'IdentityObject',
        hashed: true,
        identityHash: `sha256$${hash}`,
        identityType: 'emailAddress',
        salt: 'deadsea',
      },
    ]);
  });

  it('hashed neither true nor false: no recipient match, no upgrade (even forced)', async () => {
    const a = fixture('spec/assertion-hosted.json');
    a.recipient.hashed = 'maybe';
    const report = await verify(a, { documents: hostedDocs(a), now: IN_2017, recipient: EMAIL });
    expect(report.checks.find((c) => c.id === 'recipient')?.outcome).toBe('fail');
    await expect(
      upgradeOb2(a, { documents: hostedDocs(a), now: IN_2017, force: true }),
    ).rejects.toMatchObject({ code: 'ERR_OB2_INCOMPLETE' });
  });

  it('a forced upgrade of an assertion that did not verify does not say it was verified', async () => {
    const a = fixture('spec/assertion-hosted.json');
    const expired = new Date('2018-01-01T00:00:00Z');
    await expect(upgradeOb2(a, { documents: hostedDocs(a), now: expired })).rejects.toMatchObject({
      code: 'ERR_OB2_NOT_VERIFIED',
    });
    const forced = await upgradeOb2(a, { documents: hostedDocs(a), now: expired, force: true });
    const original = (forced.credential as Loose).evidence.at(-1);
    expect(original.id).toBe(a.id);
    expect(original.description).not.toContain('It was verified');
    expect(original.description).toContain('WITHOUT having been verified');
    const verified = await upgradeOb2(a, { documents: hostedDocs(a), now: IN_2017 });
    expect((verified.credential as Loose).evidence.at(-1).description).toContain('It was verified');
  });
});

describe('a context ob3kit does not have, beside the 2.0 one', () => {
  it('leaves what the assertion says unknown: not authentic "yes", not valid', async () => {
    const a = fixture('spec/assertion-hosted.json');
    // Such a context may define anything (a second name for revoked, for expires): a JSON-LD
    // reader that fetched it would read the document through it; jsonld.js offline cannot.
    a['@context'] = [OB2, 'https://extensions.example/context.json'];
    await expect(quads(a)).rejects.toThrow();
    const report = await verifyHosted(a);
    expect(report.answers.authentic.value).toBe('unknown');
    expect(report.verdict).not.toBe('valid');
    expect(report.checks.find((c) => c.id === 'context')?.code).toBe('context_unknown');
  });

  it('an extension context nested in an extension object stays a conformance warning', async () => {
    const a = fixture('spec/assertion-hosted.json');
    a['extensions:recipientProfile'] = {
      '@context': 'https://openbadgespec.org/extensions/recipientProfile/context.json',
      type: ['Extension', 'extensions:RecipientProfile'],
      name: 'Beth',
    };
    const report = await verifyHosted(a);
    expect(report.answers.authentic.value).toBe('yes');
    expect(report.answers.inForce.value).toBe('yes');
  });
});

describe('regressions: what was tried and held', () => {
  it('an expires in the past in any form is never in force', async () => {
    // Each is before IN_2017 (2017-01-15T00:00:00Z), or not a date at all.
    const forms: unknown[] = [
      '2017-01-01t00:00:00z',
      '2017-01-15T00:30:00+0100',
      '2017-01-15T00:30:00+01',
      '2017-01-01',
      1483228800,
      ['2017-01-01T00:00:00Z'],
      { '@value': '2017-01-01T00:00:00Z' },
      ' 2017-01-01T00:00:00Z',
    ];
    for (const expires of forms) {
      const a = fixture('spec/assertion-hosted.json');
      a.expires = expires;
      const report = await verifyHosted(a);
      expect(report.answers.inForce.value, JSON.stringify(expires)).not.toBe('yes');
      expect(report.verdict).toBe('invalid');
    }
  });

  it('a hosted id on another port, host or user-info host is out of scope', async () => {
    for (const id of [
      'https://example.org:8443/beth.json',
      'https://example.org.evil.example/beth.json',
      'https://example.org@evil.example/beth.json',
    ]) {
      const a = fixture('spec/assertion-hosted.json');
      a.id = id;
      const report = await verifyHosted(a);
      expect(report.answers.authentic.value, id).not.toBe('yes');
      expect(report.verdict).toBe('invalid');
    }
  });
});
