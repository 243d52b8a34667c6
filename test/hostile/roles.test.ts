/**
 * Roles, not claims: whose key must sign follows from the role in which a document is verified
 * (credential -> its issuer, presentation -> its holder), never from the document's own `type`.
 *
 * The attacker signs with their own did:key documents that claim every combination of types
 * (VerifiableCredential, VerifiablePresentation, both, neither, extra types, full IRIs, `@type`)
 * and name the issuer and holder in every form (absent, a string, `{ id }`, `{ "@id" }`, an
 * array, two ids, no id), for themselves or for a victim. Each is verified in every role and
 * through every entry point; the oracle, written here from the rule alone, says when a verdict
 * of "valid" is allowed: as a credential, only when nothing claims a presentation and the
 * issuer is exactly the attacker's one id; as a presentation, only when it claims to be a
 * presentation and not a credential, and its holder is absent or exactly the attacker.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import {
  createPresentation,
  signPresentation,
  signPresentationJwt,
  verifyPresentation,
} from '../../src/present/index.js';
import {
  signCredential,
  signCredentialJwt,
  verifyCredentialJwt,
  verifyCredentialProof,
} from '../../src/proof/index.js';
import {
  checkStatus,
  createStatusList,
  createStatusListCredential,
} from '../../src/status/index.js';
import { type VerificationReport, verify, verifyCredential } from '../../src/verify/index.js';
import { handJwt } from '../proof/jwt/helpers.js';
import { failCodes, fuzzRuns, type Loose, NOW, richCredential } from './helpers.js';

type Did = Awaited<ReturnType<typeof makeDid>>;
const makeDid = async () => createDidKey(await generateKeyPair({ type: 'Ed25519' }));

const VC = 'VerifiableCredential';
const VP = 'VerifiablePresentation';
const CRED = 'https://www.w3.org/2018/credentials#';
const CHALLENGE = 'nonce-roles-1';
const CREATED = '2024-01-01T00:00:00Z';

let attacker: Did;
let victim: Did;
let holder: Did;
let honest: Did;

beforeAll(async () => {
  [attacker, victim, holder, honest] = await Promise.all([
    makeDid(),
    makeDid(),
    makeDid(),
    makeDid(),
  ]);
});

// ---------------------------------------------------------------------------------------------
// The oracle: the rule, restated independently of the library.

/** Every value of the members that state a type (`type`, `@type`). */
function typeValues(doc: Loose): string[] {
  const out: string[] = [];
  for (const key of ['type', '@type']) {
    const v = doc[key];
    for (const t of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.push(t);
  }
  return out;
}

/** True when the document claims the class `name` (term or full IRI). */
function claims(doc: Loose, name: string): boolean {
  return typeValues(doc).some((t) => t === name || t === `${CRED}${name}`);
}

/** The one id of a party, `undefined` when absent, `null` when not exactly one id. */
function oneId(party: Loose): string | null | undefined {
  if (party === undefined) return undefined;
  if (typeof party === 'string') return party;
  if (party && typeof party === 'object' && !Array.isArray(party)) {
    const hasId = typeof party.id === 'string';
    const hasAtId = typeof party['@id'] === 'string';
    if (hasId && party['@id'] === undefined) return party.id;
    if (hasAtId && party.id === undefined) return party['@id'];
  }
  return null;
}

/**
 * The document is in the one compact form its contexts give (see docs/security.md): no bare
 * `@type` / `@id` beside their `type` / `id` aliases, no type written as the full IRI of a term,
 * no member under an added `@vocab`. Anything else is refused in every role.
 */
function compact(doc: Loose): boolean {
  if (doc['@type'] !== undefined) return false;
  if (typeValues(doc).some((t) => t.startsWith(CRED))) return false;
  if (doc['@context'].some((c: unknown) => typeof c === 'object' && c !== null)) return false;
  const atId = (p: Loose) =>
    [p].flat().some((x: Loose) => x !== null && typeof x === 'object' && x['@id'] !== undefined);
  return !atId(doc.issuer) && !atId(doc.holder);
}

/**
 * Valid as a credential signed by `signer` is allowed only when this holds. `graph`: signed as a
 * graph (Data Integrity), where only the compact form is accepted; a JWT signs its bytes.
 */
function credentialAllowed(
  doc: Loose,
  signer: string,
  issuer: Loose = doc.issuer,
  graph = true,
): boolean {
  return (!graph || compact(doc)) && !claims(doc, VP) && oneId(issuer) === signer;
}

/** Valid as a presentation signed by `signer` is allowed only when this holds. */
function presentationAllowed(
  doc: Loose,
  signer: string,
  holderParty: Loose = doc.holder,
  graph = true,
): boolean {
  const h = oneId(holderParty);
  return (
    (!graph || compact(doc)) &&
    claims(doc, VP) &&
    !claims(doc, VC) &&
    (h === undefined || h === signer)
  );
}

// ---------------------------------------------------------------------------------------------
// Generators.

const TYPE_CHOICES = [
  VC,
  VP,
  `${CRED}${VC}`,
  `${CRED}${VP}`,
  'OpenBadgeCredential',
  'EndorsementCredential',
  'ExampleExtraType',
];

/** `type` (absent, one string, or an array) and sometimes `@type` besides. */
const typeClaims = fc.record({
  type: fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...TYPE_CHOICES),
    fc.shuffledSubarray(TYPE_CHOICES, { minLength: 1 }),
  ),
  atType: fc.option(fc.constantFrom(VP, VC, `${CRED}${VP}`), { nil: undefined }),
});

/** A party (issuer or holder) in every written form, naming the attacker or the victim. */
const party = (extra: Record<string, unknown>) =>
  fc
    .oneof(
      fc.constant({ form: 'absent' as const }),
      fc.record({
        form: fc.constantFrom(
          'string',
          'id',
          '@id',
          'array',
          'array-of-objects',
          'id-and-@id',
          'no-id',
        ),
        who: fc.constantFrom('attacker', 'victim'),
      }),
    )
    .map((p) => ({ ...p, extra }));

type PartySpec = { form: string; who?: string; extra: Record<string, unknown> };

function writeParty(p: PartySpec): Loose {
  const did = p.who === 'attacker' ? attacker.did : victim.did;
  const other = p.who === 'attacker' ? victim.did : attacker.did;
  switch (p.form) {
    case 'absent':
      return undefined;
    case 'string':
      return did;
    case 'id':
      return { id: did, ...p.extra };
    case '@id':
      return { '@id': did, ...p.extra };
    case 'array':
      return [did];
    case 'array-of-objects':
      return [{ id: did, ...p.extra }];
    case 'id-and-@id':
      return { id: did, '@id': other, ...p.extra };
    default:
      return { ...p.extra };
  }
}

const PROFILE = { type: ['Profile'], name: 'Some University' };
const purpose = fc.constantFrom('assertionMethod', 'authentication');

/** Any claims, any parties. */
const anySpec = fc.record({
  types: typeClaims,
  issuer: party(PROFILE),
  holder: party({}),
  purpose,
});

/** Near the honest forms (the attacker's own credential or presentation), so that both sides of the rule are reached. */
const nearHonestSpec = fc.record({
  types: fc.record({
    type: fc.constantFrom([VC, 'OpenBadgeCredential'], [VC, 'EndorsementCredential'], [VP], VP, [
      VC,
      'OpenBadgeCredential',
      VP,
    ]),
    atType: fc.constant(undefined),
  }),
  issuer: fc.record({
    form: fc.constantFrom('string', 'id', '@id', 'absent'),
    who: fc.constantFrom('attacker', 'attacker', 'victim'),
    extra: fc.constant(PROFILE),
  }),
  holder: fc.record({
    form: fc.constantFrom('absent', 'string', 'id'),
    who: fc.constantFrom('attacker', 'attacker', 'victim'),
    extra: fc.constant({}),
  }),
  purpose,
});

const documentSpec = fc.oneof(
  { arbitrary: anySpec, weight: 2 },
  { arbitrary: nearHonestSpec, weight: 1 },
);

type DocumentSpec = typeof documentSpec extends fc.Arbitrary<infer T> ? T : never;

/** The unsigned document a spec describes (a badge body with the spec's claims). */
function buildDocument(spec: DocumentSpec): Loose {
  const doc: Loose = richCredential(victim.did);
  doc.id = 'urn:uuid:0c5b1f4e-7d1a-4c3e-8b2f-9a0d6e4c2b1a'; // not the endorsed credential's id
  delete doc.type;
  delete doc.issuer;
  if (spec.types.type !== undefined) doc.type = spec.types.type;
  if (spec.types.atType !== undefined) doc['@type'] = spec.types.atType;
  const issuer = writeParty(spec.issuer);
  if (issuer !== undefined) doc.issuer = issuer;
  const h = writeParty(spec.holder);
  if (h !== undefined) doc.holder = h;
  return doc;
}

/**
 * Signed by the attacker's key at the proof level (no signing-side checks: neither the role, the
 * VC rules nor the key binding). Terms the document's types do not define (credentialSubject
 * without VerifiableCredential, holder without VerifiablePresentation, an extra type) are signed
 * under a vocabulary added when needed.
 */
async function attackerSigned(spec: DocumentSpec): Promise<Loose | undefined> {
  const sign = (doc: Loose) =>
    signCredential(doc, {
      key: attacker.keyPair,
      proofPurpose: spec.purpose,
      challenge: CHALLENGE,
      created: CREATED,
      validate: false, // attacker documents: refused by default, the verifier must refuse them too
      checkIssuer: false,
    });
  try {
    return await sign(buildDocument(spec));
  } catch {
    const doc = buildDocument(spec);
    doc['@context'].push({ '@vocab': 'https://vocab.example/terms#' });
    // Still not signable: an issuer with both "id" and "@id" (colliding keywords).
    return sign(doc).catch(() => undefined);
  }
}

function isValid(r: VerificationReport | undefined): boolean {
  return r?.verdict === 'valid';
}

// ---------------------------------------------------------------------------------------------

describe('roles, not claims: Data Integrity', () => {
  it('a document signed by the attacker is valid in a role only when that role binds the attacker (every type claim, every party form, every entry point)', async () => {
    let signedCount = 0;
    await fc.assert(
      fc.asyncProperty(documentSpec, async (spec) => {
        const doc = await attackerSigned(spec);
        if (doc === undefined) return;
        signedCount++;
        const asCredential = credentialAllowed(doc, attacker.did);
        const asPresentation = presentationAllowed(doc, attacker.did);

        // verifyCredentialProof in each role: exactly when the rule allows it (and the purpose fits).
        const rc = await verifyCredentialProof(doc, { now: NOW });
        expect(rc.verified).toBe(asCredential && spec.purpose === 'assertionMethod');
        const rp = await verifyCredentialProof(doc, { role: 'presentation', now: NOW });
        expect(rp.verified).toBe(asPresentation && spec.purpose === 'authentication');

        // verifyPresentation of the document itself, verifyCredential, verify().
        const vp = await verifyPresentation(doc, {
          challenge: CHALLENGE,
          now: NOW,
          verifyCredentials: false,
        });
        // (verifyPresentation also wants "VerifiablePresentation" itself in `type`.)
        const typed = [doc.type].flat().includes(VP);
        expect(vp.verified).toBe(asPresentation && typed && spec.purpose === 'authentication');
        if (isValid(await verifyCredential(doc, { now: NOW }))) expect(asCredential).toBe(true);
        if (isValid(await verify(doc, { now: NOW, challenge: CHALLENGE })))
          expect(asCredential || asPresentation).toBe(true);

        // Inside a presentation signed by an honest holder: the credential's key is its issuer's.
        const wrapper = await signPresentation(
          createPresentation({ holder: holder.did, credentials: [doc] }),
          // The attacker's document is no valid credential: the holder's checks would refuse it.
          { key: holder.keyPair, challenge: CHALLENGE, created: CREATED, validate: false },
        );
        const inVp = await verifyPresentation(wrapper, { challenge: CHALLENGE, now: NOW });
        expect(inVp.credentials[0]?.verified).toBe(
          asCredential && spec.purpose === 'assertionMethod',
        );
        if (inVp.verified) expect(asCredential).toBe(true);
        const inVpReport = await verify(wrapper, { now: NOW, challenge: CHALLENGE });
        if (isValid(inVpReport.credentials?.[0])) expect(asCredential).toBe(true);
        if (isValid(inVpReport)) expect(asCredential).toBe(true);

        // As an endorsement of an honest credential: the endorsement's key is its issuer's.
        const outer = richCredential(honest.did);
        outer.credentialSubject.achievement.endorsement = [doc];
        const endorsed = await signCredential(outer, {
          key: honest.keyPair,
          created: CREATED,
          validate: false, // carries the attacker's document: refused by default (schema)
        });
        const er = await verify(endorsed, { now: NOW });
        expect(er.endorsements?.length).toBe(1);
        if (isValid(er.endorsements?.[0])) expect(asCredential).toBe(true);
        if (isValid(er)) expect(asCredential).toBe(true);
      }),
      { numRuns: fuzzRuns(16) },
    );
    // Only an issuer or holder with both "id" and "@id" cannot be signed (about 1 spec in 10).
    expect(signedCount).toBeGreaterThan(fuzzRuns(16) / 4);
  }, 120_000);
});

describe('roles, not claims: JWT', () => {
  const jwtSpec = fc.record({
    doc: documentSpec,
    // Where the document sits: the payload (VC 2.0), the vc or vp claim (VC 1.1), or both claims.
    place: fc.constantFrom('payload', 'vc', 'vp', 'vc+vp'),
    iss: fc.constantFrom(undefined, 'attacker', 'victim'),
  });

  function attackerJwt(spec: typeof jwtSpec extends fc.Arbitrary<infer T> ? T : never): {
    jwt: string;
    doc: Loose;
    iss: string | undefined;
  } {
    const doc = buildDocument(spec.doc);
    const iss =
      spec.iss === undefined ? undefined : spec.iss === 'attacker' ? attacker.did : victim.did;
    const claimsPart: Loose = { iat: 1_700_000_000, nonce: CHALLENGE };
    if (iss !== undefined) claimsPart.iss = iss;
    const payload: Loose =
      spec.place === 'payload'
        ? { ...doc, ...claimsPart }
        : spec.place === 'vc+vp'
          ? { ...claimsPart, vc: doc, vp: doc }
          : { ...claimsPart, [spec.place]: doc };
    const jwt = handJwt(
      { alg: 'EdDSA', typ: 'JWT', kid: attacker.keyPair.id },
      payload,
      attacker.keyPair,
    );
    return { jwt, doc, iss };
  }

  it('a JWT signed by the attacker is valid in a role only when that role binds the attacker (VC-JWT, VP-JWT, VC-JWTs inside a VP-JWT, endorsementJwt)', async () => {
    await fc.assert(
      fc.asyncProperty(jwtSpec, async (spec) => {
        const { jwt, doc, iss } = attackerJwt(spec);
        const both = spec.place === 'vc+vp';
        // The party the key must belong to: the document's, else the one `iss` fills in.
        const asCredential =
          !both &&
          spec.place !== 'vp' &&
          credentialAllowed(doc, attacker.did, doc.issuer ?? iss, false) &&
          (iss === undefined || oneId(doc.issuer ?? iss) === iss);
        const asPresentation =
          !both &&
          spec.place !== 'vc' &&
          presentationAllowed(doc, attacker.did, doc.holder ?? iss, false);

        const rc = await verifyCredentialJwt(jwt, { now: NOW });
        if (rc.verified) expect(asCredential).toBe(true);
        const rp = await verifyPresentation(jwt, {
          challenge: CHALLENGE,
          now: NOW,
          verifyCredentials: false,
        });
        if (rp.verified) expect(asPresentation).toBe(true);
        if (isValid(await verify(jwt, { now: NOW, challenge: CHALLENGE })))
          expect(asCredential || asPresentation).toBe(true);

        // Inside a VP-JWT signed by an honest holder (as an EnvelopedVerifiableCredential).
        const vpJwt = await signPresentationJwt(
          createPresentation({ holder: holder.did, credentials: [jwt] }),
          { key: holder.keyPair, challenge: CHALLENGE, now: NOW },
        );
        const inVp = await verifyPresentation(vpJwt, { challenge: CHALLENGE, now: NOW });
        if (inVp.credentials[0]?.verified) expect(asCredential).toBe(true);
        if (inVp.verified) expect(asCredential).toBe(true);
        const report = await verify(vpJwt, { now: NOW, challenge: CHALLENGE });
        if (isValid(report.credentials?.[0])) expect(asCredential).toBe(true);
        if (isValid(report)) expect(asCredential).toBe(true);

        // As an endorsementJwt of an honest credential (a VC-JWT: no context defines the term, so
        // signing refuses it unless told not to validate).
        const outer = richCredential(honest.did);
        outer.endorsementJwt = [jwt];
        const endorsed = await signCredentialJwt(outer, {
          key: honest.keyPair,
          now: NOW,
          validate: false,
        });
        const er = await verify(endorsed, { now: NOW });
        expect(er.endorsements?.length).toBe(1);
        if (isValid(er.endorsements?.[0])) expect(asCredential).toBe(true);
        if (isValid(er)) expect(asCredential).toBe(true);
      }),
      { numRuns: fuzzRuns(40) },
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// The reported case and each spelling, by hand.

/** A badge naming the victim as issuer, signed with the attacker's own key. */
async function forged(edit: (c: Loose) => void): Promise<Loose> {
  const c = richCredential(victim.did);
  edit(c);
  return signCredential(c, {
    key: attacker.keyPair,
    created: CREATED,
    validate: false, // crafted: refused by default, the verifier must refuse it too
    checkIssuer: false,
  });
}

const AS_BOTH = (c: Loose) => {
  c.type = [VC, 'OpenBadgeCredential', VP];
};

describe('a credential typed as a presentation too, signed by the attacker for the victim', () => {
  it('verifyCredentialProof refuses it (type_ambiguous_role), in either role', async () => {
    const doc = await forged(AS_BOTH);
    const r = await verifyCredentialProof(doc, { now: NOW });
    expect(r).toMatchObject({ verified: false });
    expect(r.issues.map((i) => i.code)).toEqual(['type_ambiguous_role']);
    expect(r.proofs.map((p) => p.code)).toEqual(['type_ambiguous_role']);
    const rp = await verifyCredentialProof(doc, { role: 'presentation', now: NOW });
    expect(rp.issues.map((i) => i.code)).toEqual(['type_ambiguous_role']);
  });

  it('is invalid inside a signed presentation (Data Integrity and VP-JWT), through verify() and verifyPresentation', async () => {
    const doc = await forged(AS_BOTH);
    const vp = await signPresentation(
      createPresentation({ holder: holder.did, credentials: [doc] }),
      {
        key: holder.keyPair,
        challenge: CHALLENGE,
        created: CREATED,
      },
    );
    const r = await verifyPresentation(vp, { challenge: CHALLENGE, now: NOW });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['presentation_credential_invalid']);
    expect(r.credentials[0]?.issues.map((i) => i.code)).toEqual(['type_ambiguous_role']);
    const report = await verify(vp, { now: NOW, challenge: CHALLENGE });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toEqual(['credential_invalid']);
    expect(failCodes(report.credentials![0]!)).toEqual(['type_ambiguous_role']);

    // The same claims as a VC-JWT (iss: the victim), enveloped in the holder's VP-JWT.
    const payload = { ...richCredential(victim.did), iss: victim.did, iat: 1_700_000_000 };
    AS_BOTH(payload);
    const jwt = handJwt({ alg: 'EdDSA', kid: attacker.keyPair.id }, payload, attacker.keyPair);
    const vpJwt = await signPresentationJwt(
      createPresentation({ holder: holder.did, credentials: [jwt] }),
      { key: holder.keyPair, challenge: CHALLENGE, now: NOW },
    );
    const rj = await verifyPresentation(vpJwt, { challenge: CHALLENGE, now: NOW });
    expect(rj.verified).toBe(false);
    expect(rj.credentials[0]?.issues.map((i) => i.code)).toContain('type_ambiguous_role');
    const reportJwt = await verify(vpJwt, { now: NOW, challenge: CHALLENGE });
    expect(reportJwt.verdict).toBe('invalid');
    expect(failCodes(reportJwt.credentials![0]!)).toContain('type_ambiguous_role');
  });

  it('is invalid as an endorsement, and so is what it endorses', async () => {
    const endorsement = await forged((c) => {
      c.type = [VC, 'EndorsementCredential', VP];
      c.id = 'urn:uuid:3e4f1f2a-8a9b-4c4d-9e0f-a1b2c3d4e5f6';
      c.credentialSubject = {
        id: 'https://issuer.example/achievements/safe-handling',
        type: ['EndorsementSubject'],
        endorsementComment: 'Outstanding.',
      };
    });
    const outer = richCredential(honest.did);
    outer.credentialSubject.achievement.endorsement = [endorsement];
    const signed = await signCredential(outer, { key: honest.keyPair, created: CREATED });
    const r = await verify(signed, { now: NOW });
    expect(r.verdict).toBe('invalid');
    expect(failCodes(r.endorsements![0]!)).toEqual(['type_ambiguous_role']);
    // The endorsement is part of the signed graph of what it endorses, which so holds a node
    // typed as both: that credential is refused as well.
    expect(failCodes(r).sort()).toEqual(['endorsement_invalid', 'type_ambiguous_role']);
  });

  it('is invalid at the top level of verify() and verifyCredential()', async () => {
    const doc = await forged(AS_BOTH);
    for (const r of [await verify(doc, { now: NOW }), await verifyCredential(doc, { now: NOW })]) {
      expect(r.verdict).toBe('invalid');
      expect(failCodes(r)).toEqual(['type_ambiguous_role']);
    }
  });
});

describe('every spelling of a second role is found (JSON and the signed graph)', () => {
  const cases: Array<[string, (c: Loose) => void]> = [
    ['the full IRI', (c) => c.type.push(`${CRED}${VP}`)],
    ['"@type" beside "type"', (c) => (c['@type'] = VP)],
    [
      '"rdf:type" written as a property IRI',
      (c) => {
        c['http://www.w3.org/1999/02/22-rdf-syntax-ns#type'] = { id: `${CRED}${VP}` };
      },
    ],
    // Only the signed graph shows these: the JSON `type` says VerifiableCredential alone.
    [
      'an alias of "@type" from an inline context',
      (c) => {
        c['@context'] = [...c['@context'], { kind: '@type' }];
        c.kind = VP;
      },
    ],
    [
      "a nested node with the document's own id, typed as a presentation",
      (c) => {
        c.evidence = [{ id: c.id, type: ['Evidence', VP] }];
      },
    ],
  ];
  for (const [label, edit] of cases) {
    it(`${label}: refused by verifyCredentialProof and verify()`, async () => {
      const doc = await forged(edit);
      const r = await verifyCredentialProof(doc, { now: NOW });
      expect(r.verified).toBe(false);
      expect(r.issues.map((i) => i.code)).toEqual(['type_ambiguous_role']);
      const report = await verify(doc, { now: NOW });
      expect(report.verdict).toBe('invalid');
      expect(failCodes(report)).toContain('type_ambiguous_role');
      // The same document signed by the victim (its issuer) is refused all the same.
      const c = richCredential(victim.did);
      edit(c);
      const own = await signCredential(c, {
        key: victim.keyPair,
        created: CREATED,
        validate: false, // two roles: refused by default, the verifier must refuse it too
      });
      expect((await verifyCredentialProof(own, { now: NOW })).issues.map((i) => i.code)).toEqual([
        'type_ambiguous_role',
      ]);
    });
  }
});

describe('a document passed in the other role fails closed', () => {
  it('a presentation verified as a credential: type_role_mismatch (verifyCredentialProof, verifyCredential, inside a presentation)', async () => {
    const vp = await signPresentation(
      createPresentation({ holder: attacker.did, credentials: [] }),
      {
        key: attacker.keyPair,
        challenge: CHALLENGE,
        created: CREATED,
      },
    );
    // Give it an issuer that is its signer: it would bind, were the type not looked at.
    const presentation: Loose = createPresentation({ holder: attacker.did, credentials: [] });
    presentation['@context'].push({
      issuer: { '@id': `${CRED}issuer`, '@type': '@id' },
    });
    presentation.issuer = attacker.did;
    const withIssuer = await signCredential(presentation, {
      key: attacker.keyPair,
      created: CREATED,
      validate: false, // a presentation signed as a credential: refused by default
    });
    for (const doc of [vp, withIssuer]) {
      const r = await verifyCredentialProof(doc, { now: NOW });
      expect(r.issues.map((i) => i.code)).toEqual(['type_role_mismatch']);
    }
    const report = await verifyCredential(withIssuer, { now: NOW });
    expect(report.verdict).toBe('invalid');
    expect(report.format).toBe('json');
    expect(failCodes(report)).toContain('type_role_mismatch');
    // As a presentation, the honest presentation verifies.
    expect((await verifyPresentation(vp, { challenge: CHALLENGE, now: NOW })).verified).toBe(true);
    expect((await verify(vp, { now: NOW, challenge: CHALLENGE })).verdict).toBe('valid');
  });

  it('a credential verified as a presentation: type_role_mismatch (verifyCredentialProof, verifyPresentation)', async () => {
    // Signed by its own issuer for authentication, with a challenge: only the role is wrong.
    const c = richCredential(attacker.did);
    const doc = await signCredential(c, {
      key: attacker.keyPair,
      proofPurpose: 'authentication',
      challenge: CHALLENGE,
      created: CREATED,
    });
    const r = await verifyCredentialProof(doc, { role: 'presentation', now: NOW });
    expect(r.issues.map((i) => i.code)).toEqual(['type_role_mismatch']);
    const p = await verifyPresentation(doc, { challenge: CHALLENGE, now: NOW });
    expect(p.verified).toBe(false);
    expect(p.issues.map((i) => i.code).sort()).toEqual([
      'presentation_type_invalid',
      'type_role_mismatch',
    ]);
    // A VC-JWT given where a VP-JWT is expected, and the reverse.
    const vcJwt = await signCredentialJwt(richCredential(attacker.did), {
      key: attacker.keyPair,
      now: NOW,
    });
    const asVp = await verifyPresentation(vcJwt, { challenge: CHALLENGE, now: NOW });
    expect(asVp.verified).toBe(false);
    expect(asVp.issues.map((i) => i.code)).toContain('type_role_mismatch');
    const vpJwt = await signPresentationJwt(
      createPresentation({ holder: attacker.did, credentials: [] }),
      {
        key: attacker.keyPair,
        challenge: CHALLENGE,
        now: NOW,
      },
    );
    const asVc = await verifyCredentialJwt(vpJwt, { now: NOW });
    expect(asVc.verified).toBe(false);
    expect(asVc.issues.map((i) => i.code)).toEqual(['type_role_mismatch']);
    // In the VC 1.1 form, the claim names the role: a "vp" claim is not a credential.
    const vp11 = await signPresentationJwt(
      createPresentation({ holder: attacker.did, credentials: [], version: '1.1' }),
      { key: attacker.keyPair, challenge: CHALLENGE, now: NOW },
    );
    expect((await verifyCredentialJwt(vp11, { now: NOW })).issues.map((i) => i.code)).toEqual([
      'jwt_payload_invalid',
    ]);
  });

  it('the honest forms verify in their own role (the rule refuses only what it must)', async () => {
    const own = await signCredential(richCredential(attacker.did), {
      key: attacker.keyPair,
      created: CREATED,
    });
    expect((await verifyCredentialProof(own, { now: NOW })).verified).toBe(true);
    expect((await verifyCredential(own, { now: NOW })).verdict).toBe('valid');
    const vp = await signPresentation(
      createPresentation({ holder: holder.did, credentials: [own] }),
      {
        key: holder.keyPair,
        challenge: CHALLENGE,
        created: CREATED,
      },
    );
    expect((await verifyPresentation(vp, { challenge: CHALLENGE, now: NOW })).verified).toBe(true);
    expect((await verify(vp, { now: NOW, challenge: CHALLENGE })).verdict).toBe('valid');
    const jwt = await signCredentialJwt(richCredential(attacker.did), {
      key: attacker.keyPair,
      now: NOW,
    });
    expect((await verifyCredentialJwt(jwt, { now: NOW })).verified).toBe(true);
    const vpJwt = await signPresentationJwt(
      createPresentation({ holder: holder.did, credentials: [jwt] }),
      { key: holder.keyPair, challenge: CHALLENGE, now: NOW },
    );
    expect((await verifyPresentation(vpJwt, { challenge: CHALLENGE, now: NOW })).verified).toBe(
      true,
    );
    expect((await verify(vpJwt, { now: NOW, challenge: CHALLENGE })).verdict).toBe('valid');
  });
});

describe('JWTs: iss, issuer, holder and the vc / vp claims', () => {
  it('a payload with both a vc and a vp claim is refused everywhere (type_ambiguous_role)', async () => {
    const vc = richCredential(attacker.did);
    const vp = createPresentation({ holder: attacker.did, credentials: [] });
    const jwt = handJwt(
      { alg: 'EdDSA', kid: attacker.keyPair.id },
      { iss: attacker.did, nonce: CHALLENGE, iat: 1_700_000_000, vc, vp },
      attacker.keyPair,
    );
    expect((await verifyCredentialJwt(jwt, { now: NOW })).issues.map((i) => i.code)).toEqual([
      'type_ambiguous_role',
    ]);
    const p = await verifyPresentation(jwt, { challenge: CHALLENGE, now: NOW });
    expect(p.issues.map((i) => i.code)).toEqual(['type_ambiguous_role']);
    const r = await verify(jwt, { now: NOW, challenge: CHALLENGE });
    expect(r.verdict).toBe('invalid');
    expect(failCodes(r)).toEqual(['type_ambiguous_role']);
  });

  it('a VP-JWT "sub" that is not the holder is refused (jwt_claim_mismatch): the key binds the holder only', async () => {
    const vp = createPresentation({ credentials: [] });
    const sign = (claims: Loose) =>
      handJwt(
        { alg: 'EdDSA', kid: attacker.keyPair.id },
        { ...vp, nonce: CHALLENGE, iat: 1_700_000_000, ...claims },
        attacker.keyPair,
      );
    const verifyJwt = async (jwt: string) =>
      (await verifyPresentation(jwt, { challenge: CHALLENGE, now: NOW })).issues.map((i) => i.code);
    expect(await verifyJwt(sign({ sub: victim.did }))).toEqual(['jwt_claim_mismatch']);
    expect(await verifyJwt(sign({ iss: attacker.did, sub: victim.did }))).toEqual([
      'jwt_claim_mismatch',
    ]);
    expect(await verifyJwt(sign({ iss: attacker.did, sub: attacker.did }))).toEqual([]);
    expect(await verifyJwt(sign({ iss: victim.did, sub: victim.did }))).toEqual([
      'presentation_holder_mismatch',
    ]);
  });

  it('a VC-JWT whose credential names no single issuer is bound to no one: issuer_key_mismatch', async () => {
    for (const issuer of [undefined, [victim.did], { type: ['Profile'] }]) {
      const c: Loose = richCredential(victim.did);
      if (issuer === undefined) delete c.issuer;
      else c.issuer = issuer;
      // No iss either: nothing names the party whose key this must be.
      const jwt = handJwt({ alg: 'EdDSA', kid: attacker.keyPair.id }, c, attacker.keyPair);
      const r = await verifyCredentialJwt(jwt, { now: NOW });
      expect(r.verified).toBe(false);
      expect(r.issues.map((i) => i.code)).toContain('issuer_key_mismatch');
    }
  });

  it('a VC-JWT issuer written as { "@id" } binds like { id }', async () => {
    const c: Loose = richCredential(victim.did);
    c.issuer = { '@id': victim.did, type: ['Profile'], name: 'Victim University' };
    // Signing wants "id" (and the issuer's key): both checks off, the verifier reads "@id".
    const forgedJwt = await signCredentialJwt(c, {
      key: attacker.keyPair,
      now: NOW,
      validate: false,
      checkIssuer: false,
    });
    const r = await verifyCredentialJwt(forgedJwt, { now: NOW });
    expect(r.payload?.iss).toBe(victim.did);
    expect(r.issues.map((i) => i.code)).toEqual(['issuer_key_mismatch']);
    const ownJwt = await signCredentialJwt(c, { key: victim.keyPair, now: NOW, validate: false });
    expect((await verifyCredentialJwt(ownJwt, { now: NOW })).verified).toBe(true);
  });
});

describe('status lists are verified as credentials of their issuer', () => {
  it("a list naming the credential's issuer, signed by the attacker and typed as a presentation too, is never trusted", async () => {
    const list = createStatusList({ purpose: 'revocation' });
    const url = 'https://victim.example/status/1';
    const unsigned: Loose = await createStatusListCredential({
      id: url,
      issuer: victim.did,
      list,
      validFrom: '2024-01-01T00:00:00Z',
    });
    const credential: Loose = richCredential(victim.did);
    credential.credentialStatus = {
      id: `${url}#7`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '7',
      statusListCredential: url,
    };
    for (const type of [[...unsigned.type, VP], [...unsigned.type]]) {
      const forgedList = await signCredential(
        { ...unsigned, type },
        // crafted: refused by default, the verifier must refuse it too
        { key: attacker.keyPair, created: CREATED, validate: false, checkIssuer: false },
      );
      const r = await checkStatus(credential, { documents: { [url]: forgedList }, now: NOW });
      expect(r.ok).toBe(false);
      expect(r.checks.map((c) => [c.status, c.code])).toEqual([
        ['unknown', 'status_list_proof_invalid'],
      ]);
    }
    // Signed by the victim (the issuer), the same list is trusted.
    const own = await signCredential(unsigned, { key: victim.keyPair, created: CREATED });
    const ok = await checkStatus(credential, { documents: { [url]: own }, now: NOW });
    expect(ok.checks.map((c) => c.status)).toEqual(['ok']);
  });
});

describe('a refreshed credential is verified as a credential of the same issuer', () => {
  const URL = 'https://issuer.example/refresh/roles';
  const withRefresh = (issuer: string, name: string) => {
    const c: Loose = richCredential(issuer);
    c.name = name;
    c['@context'].push('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json');
    c.refreshService = { id: URL, type: '1EdTechCredentialRefresh' };
    return c;
  };

  it('from another issuer (valid on its own): refresh_issuer_mismatch, and the original stands', async () => {
    const original = await signCredential(withRefresh(victim.did, 'Original'), {
      key: victim.keyPair,
      created: CREATED,
    });
    const other = await signCredential(withRefresh(attacker.did, 'Replaced'), {
      key: attacker.keyPair,
      created: CREATED,
    });
    expect((await verify(other, { now: NOW })).verdict).toBe('valid');
    const r = await verify(original, { now: NOW, documents: { [URL]: other } });
    expect(r.checks.filter((c) => c.id === 'refresh').map((c) => c.code)).toEqual([
      'refresh_invalid',
    ]);
    expect(r.refreshed?.verdict).toBe('invalid');
    expect(failCodes(r.refreshed!)).toEqual(['refresh_issuer_mismatch']);
    // From the same issuer, the refreshed credential is valid.
    const same = await signCredential(withRefresh(victim.did, 'Refreshed'), {
      key: victim.keyPair,
      created: CREATED,
    });
    const ok = await verify(original, { now: NOW, documents: { [URL]: same } });
    expect(ok.refreshed?.verdict).toBe('valid');
  });

  it('a presentation served as the refreshed credential is verified as a credential and fails', async () => {
    const original = await signCredential(withRefresh(victim.did, 'Original'), {
      key: victim.keyPair,
      created: CREATED,
    });
    const vp = await signPresentation(createPresentation({ holder: victim.did, credentials: [] }), {
      key: victim.keyPair,
      challenge: CHALLENGE,
      created: CREATED,
    });
    const r = await verify(original, { now: NOW, documents: { [URL]: vp } });
    expect(r.refreshed?.format).toBe('json');
    expect(r.refreshed?.verdict).toBe('invalid');
    expect(failCodes(r.refreshed!)).toContain('type_role_mismatch');
  });
});

describe('signing refuses a document of the other role', () => {
  it('signCredentialJwt, signPresentation and signPresentationJwt throw ERR_PROOF_ROLE_MISMATCH / ERR_PROOF_AMBIGUOUS_ROLE', async () => {
    const both = richCredential(attacker.did);
    AS_BOTH(both);
    await expect(signCredentialJwt(both, { key: attacker.keyPair })).rejects.toMatchObject({
      code: 'ERR_PROOF_AMBIGUOUS_ROLE',
    });
    const vp = createPresentation({ holder: attacker.did, credentials: [] });
    await expect(signCredentialJwt(vp, { key: attacker.keyPair })).rejects.toMatchObject({
      code: 'ERR_PROOF_ROLE_MISMATCH',
    });
    const options = { key: attacker.keyPair, challenge: CHALLENGE };
    await expect(signPresentation(both, options)).rejects.toMatchObject({
      code: 'ERR_PROOF_AMBIGUOUS_ROLE',
    });
    await expect(signPresentationJwt(richCredential(attacker.did), options)).rejects.toMatchObject({
      code: 'ERR_PROOF_ROLE_MISMATCH',
    });
    // A holder that is not one id breaks the VC rules (refused first), and binds no key: the
    // key check refuses it on its own too.
    await expect(
      signPresentation({ ...vp, holder: [attacker.did] }, options),
    ).rejects.toMatchObject({
      code: 'ERR_PRESENTATION_INVALID',
      issues: [expect.objectContaining({ code: 'holder_invalid', path: '$.holder' })],
    });
    await expect(
      signPresentation({ ...vp, holder: [attacker.did] }, { ...options, validate: false }),
    ).rejects.toMatchObject({ code: 'ERR_PRESENTATION_HOLDER_MISMATCH' });
  });

  it('verifyCredentialProof: a role or expectedController that is not one is a TypeError', async () => {
    const own = await signCredential(richCredential(attacker.did), {
      key: attacker.keyPair,
      created: CREATED,
    });
    await expect(verifyCredentialProof(own, { role: 'holder' as never })).rejects.toThrow(
      TypeError,
    );
    await expect(verifyCredentialProof(own, { expectedController: '' })).rejects.toThrow(TypeError);
  });
});
