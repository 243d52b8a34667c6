/**
 * Attack (ambiguity between entry points): the `data:` URL of an `EnvelopedVerifiableCredential`
 * names its enveloping scheme by media type (RFC 2397; VC Data Model 2.0 section 4.13, VC-JOSE-COSE:
 * `application/vc+jwt`). `verifyPresentation` reads only JWT media types without parameters and
 * refuses the rest (`presentation_credential_unsupported`), but `verify()` (presentations and
 * CLRs) took everything after the first comma as a JWT or JSON, whatever the media type said:
 * `data:text/html;base64,<jwt>` (whose data is, by its own header, base64 of something else),
 * `data:application/vc+sd-jwt,...`, `data:application/vc+ld+json,{...}`. A presentation carrying
 * one was `valid` (CLI exit 0) under `verify()` and refused by `verifyPresentation`; one text,
 * two readings.
 *
 * Likewise a JWT media type whose data is JSON text, and a string entry of
 * `verifiableCredential` (or an `endorsementJwt`) holding JSON text: `verify()` read the JSON as
 * a credential, `verifyPresentation` refused it as a malformed JWT.
 *
 * Expected: every entry point reads the envelope alike: a JWT media type (`application/vc+jwt`,
 * `application/vc-ld+jwt`, `application/jwt`, any case) with no parameter is unwrapped; any other
 * is not read (`envelope_unsupported`: the credential's authenticity stays open, so the
 * presentation or record is not accepted, CLI exit 3). Where only a JWT goes, only a compact JWT
 * is read (`jwt_invalid` otherwise).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClrCredential } from '../../src/clr/index.js';
import { verifyPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { LEARNER, makeBadge, type Party, party, SQL } from '../pathway/helpers.js';
import {
  badgeJwt,
  cliExit,
  envelope,
  type JoseParty,
  joseParty,
  presentation,
  presentationJwt,
} from './attack7-jose.js';
import { fuzzRuns, type Loose, NOW, verifyOffline } from './helpers.js';

let issuer: JoseParty;
let holder: JoseParty;
let school: Party;

beforeAll(async () => {
  issuer = joseParty();
  holder = joseParty();
  school = await party(77);
}, 60_000);

const JWT_TYPES = ['application/vc+jwt', 'application/vc-ld+jwt', 'application/jwt'];

/** Media types (with parameters) that are not a JWT's as RFC 2397 reads them. */
const otherMediaType = fc.oneof(
  fc.constantFrom(
    '',
    ';base64',
    'text/plain',
    'text/html;base64',
    'application/vc+jwt;base64',
    'application/vc+jwt;charset=utf-8',
    'application/vc+sd-jwt',
    'application/vc+cose',
    'application/vc+ld+json',
    'application/json',
    'application/vp+jwt',
  ),
  fc
    .tuple(
      fc.constantFrom('application', 'text', 'image'),
      fc.stringMatching(/^[a-z0-9+.-]{1,20}$/),
      fc.constantFrom('', ';base64', ';x=1'),
    )
    .map(([t, s, p]) => `${t}/${s}${p}`)
    .filter((m) => !JWT_TYPES.includes(m)),
);

const vpJwt = (credentials: Loose[]) =>
  presentationJwt(holder, presentation(credentials, { holder: holder.did }), {
    iss: holder.did,
    nonce: 'n-2',
  });

describe('an envelope in a presentation', () => {
  it('of a JWT media type is unwrapped and verified by every entry point', async () => {
    for (const mediaType of [...JWT_TYPES, 'Application/VC+JWT']) {
      const jwt = vpJwt([envelope(badgeJwt(issuer), mediaType)]);
      const r = await verifyOffline(jwt, { challenge: 'n-2' });
      expect(r.verdict, mediaType).toBe('valid');
      expect((await verifyPresentation(jwt, { now: NOW, challenge: 'n-2' })).verified).toBe(true);
    }
    expect(await cliExit(vpJwt([envelope(badgeJwt(issuer))]), ['--challenge', 'n-2'])).toBe(0);
  });

  it('of any other media type is not read: verify() agrees with verifyPresentation', async () => {
    await fc.assert(
      fc.asyncProperty(otherMediaType, fc.boolean(), async (mediaType, json) => {
        // The data: a genuine VC-JWT, or (for JSON media types) the credential as JSON text.
        const data = json ? JSON.stringify(badgeJwtPayload()) : badgeJwt(issuer);
        const jwt = vpJwt([envelope(data, mediaType)]);
        const byApi = await verifyPresentation(jwt, { now: NOW, challenge: 'n-2' });
        expect(byApi.verified).toBe(false);
        const r = await verifyOffline(jwt, { challenge: 'n-2' });
        expect(r.verdict, mediaType).not.toBe('valid');
        expect(r.answers.authentic.value).not.toBe('yes');
        expect(r.credentials?.[0]?.checks.map((c) => c.code)).toContain('envelope_unsupported');
      }),
      { numRuns: fuzzRuns(10) },
    );
    const odd = vpJwt([envelope(badgeJwt(issuer), 'text/html;base64')]);
    expect(await cliExit(odd, ['--challenge', 'n-2'])).toBe(3);
  });
});

/** The badge as a JSON credential (unsigned), for JSON media types. */
function badgeJwtPayload(): Loose {
  const [, payload] = badgeJwt(issuer).split('.');
  return JSON.parse(Buffer.from(payload as string, 'base64url').toString('utf8'));
}

describe('JSON text where only a JWT goes', () => {
  it('is jwt_invalid in verify(), as verifyPresentation refuses it', async () => {
    const badge = await makeBadge(school, { achievement: SQL, name: 'SQL' });
    const documents = { [school.did]: school.document };
    for (const entry of [envelope(JSON.stringify(badge)), JSON.stringify(badge)]) {
      const jwt = vpJwt([entry]);
      const byApi = await verifyPresentation(jwt, { now: NOW, challenge: 'n-2', documents });
      expect(byApi.credentials[0]?.verified).toBe(false);
      const r = await verifyOffline(jwt, { challenge: 'n-2', documents });
      expect(r.credentials?.[0]?.checks.map((c) => c.code)).toContain('jwt_invalid');
      expect(r.verdict).toBe('invalid');
    }
    // The same badge as an object verifies.
    expect((await verifyOffline(vpJwt([badge]), { challenge: 'n-2', documents })).verdict).toBe(
      'valid',
    );
  });
});

describe('an envelope in a CLR', () => {
  async function record(mediaType: string): Promise<Loose> {
    return signCredential(
      createClrCredential({
        name: 'Transcript',
        issuer: { id: school.did, name: 'Example University' },
        validFrom: '2024-02-01T00:00:00Z',
        credentialSubject: {
          id: LEARNER,
          verifiableCredential: [envelope(badgeJwt(issuer, {}, LEARNER), mediaType)],
        },
      }) as Loose,
      { key: school.key, validate: false },
    );
  }
  const documents = () => ({ [school.did]: school.document });

  it('of another media type is not read; of a JWT media type it is', async () => {
    const odd = await verifyOffline(await record('text/plain;base64'), { documents: documents() });
    expect(odd.credentials?.[0]?.checks.map((c) => c.code)).toContain('envelope_unsupported');
    expect(odd.answers.fullyChecked.value).toBe('no');
    const plain = await verifyOffline(await record('application/vc+jwt'), {
      documents: documents(),
    });
    expect(plain.credentials?.[0]?.checks.map((c) => c.code)).not.toContain('envelope_unsupported');
    expect(plain.credentials?.[0]?.answers.authentic.value).toBe('yes');
  });
});
