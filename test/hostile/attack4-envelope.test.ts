/**
 * An `EnvelopedVerifiableCredential` may write its type in an array (`["EnvelopedVerifiableCredential"]`
 * is the same RDF type as the bare string). A CLR that bundled its credentials in such envelopes
 * had them read as unsigned JSON objects (the envelope itself, vouched for by the record's proof):
 * the credential inside was never verified, so an expired (or revoked, or forged) badge rode in a
 * record that read as authentic, in force and fully checked (CLI exit 0). A presentation refused
 * the same envelope as a credential without a proof.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClrCredential } from '../../src/clr/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { createPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import { verify } from '../../src/verify/index.js';
import { LEARNER, NOW, type Party, party } from '../pathway/helpers.js';
import type { Loose } from './helpers.js';

let school: Party;
let other: Party;
let expiredJwt: string;

beforeAll(async () => {
  school = await party(61);
  other = await party(62);
  const badge = createOpenBadgeCredential({
    id: 'urn:uuid:44444444-0000-4000-8000-000000000001',
    issuer: { id: other.did, name: 'Other Institute' },
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: '2024-06-01T00:00:00Z',
    credentialSubject: {
      id: LEARNER,
      achievement: {
        id: 'https://example.edu/a/expired',
        name: 'Expired',
        description: 'x',
        criteria: { id: 'https://example.edu/criteria/expired' },
      },
    },
  });
  expiredJwt = await signCredentialJwt(badge, { key: other.key });
}, 60_000);

function envelope(type: string | string[]): Loose {
  return {
    '@context': 'https://www.w3.org/ns/credentials/v2',
    type,
    id: `data:application/vc+jwt,${expiredJwt}`,
  };
}

const documents = () => ({ [school.did]: school.document, [other.did]: other.document });

describe('an enveloped credential whose type is an array', () => {
  for (const type of ['EnvelopedVerifiableCredential', ['EnvelopedVerifiableCredential']]) {
    it(`is verified inside a CLR (type ${JSON.stringify(type)}): an expired one makes the record not in force`, async () => {
      const record = await signCredential(
        createClrCredential({
          name: 'Transcript',
          issuer: { id: school.did, name: 'Example University' },
          validFrom: '2024-02-01T00:00:00Z',
          credentialSubject: { id: LEARNER, verifiableCredential: [envelope(type)] },
        }) as Loose,
        // The CLR schema does not describe envelopes; the record is signed as given.
        { key: school.key, validate: false },
      );
      const r = await verify(record, { now: NOW, documents: documents() });
      expect(r.verdict).toBe('invalid');
      expect(r.answers.inForce.value).toBe('no');
      expect(r.checks.filter((c) => c.id === 'credentials').map((c) => c.code)).toEqual([
        'credential_invalid',
      ]);
      const nested = r.credentials?.[0];
      expect(nested?.checks.some((c) => c.code === 'expired')).toBe(true);
      expect(nested?.checks.some((c) => c.code === 'proof_vouched_by_record')).toBe(false);
    });

    it(`is verified inside a presentation (type ${JSON.stringify(type)})`, async () => {
      const vp = createPresentation({ credentials: [envelope(type)] }) as Loose;
      const r = await verify(vp, { now: NOW, documents: documents() });
      const nested = r.credentials?.[0];
      expect(nested?.format).toBe('jwt');
      expect(nested?.checks.some((c) => c.code === 'expired')).toBe(true);
      expect(nested?.checks.some((c) => c.code === 'proof_missing')).toBe(false);
      expect(r.verdict).toBe('invalid');
    });
  }
});
