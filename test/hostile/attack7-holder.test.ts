/**
 * Attack (replay by anyone): a presentation that names no holder (and, as a VP-JWT, no `iss`)
 * is bound to no one: `verifyPresentation` checks its proof with whatever key it names (a
 * header `jwk`, a did:jwk `kid`, a Data Integrity verification method) and binds that key to
 * nobody. Anyone who has a copy of a learner's credential (a VC-JWT sent once to some verifier,
 * a credential posted on a profile page) wraps it in such a presentation, signs the verifier's
 * fresh challenge with a key made for the occasion, and `verify()` answered `valid` with
 * authentic "yes" ("the holder signed it", docs/verifying.md), CLI exit 0: the same as the
 * learner presenting it. Cryptographically such a proof is worth no more than none, which the
 * command line already refuses to accept (a presentation without a proof).
 *
 * Expected: `verify()` reports a signed presentation without a holder
 * (`presentation_holder_missing`, a warning of the authenticity category), so "authentic" is not
 * "yes" and `ob3kit verify` does not exit 0; a presentation its named holder signed is accepted
 * as before, and one replayed with another challenge, or whose `iss` names someone else, stays
 * refused (exit 1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { type Party, party } from '../pathway/helpers.js';
import {
  badgeJwt,
  cliExit,
  envelope,
  type JoseParty,
  joseParty,
  presentation,
  presentationJwt,
  problems,
} from './attack7-jose.js';
import { type Loose, verifyOffline } from './helpers.js';

const CHALLENGE = 'c-7f3a';
let issuer: JoseParty;
let holder: JoseParty;
let stranger: JoseParty;
let strangerDi: Party;
let badge: string;

beforeAll(async () => {
  issuer = joseParty();
  holder = joseParty();
  stranger = joseParty();
  strangerDi = await party(78);
  badge = badgeJwt(issuer, {}, holder.did);
}, 60_000);

/** Holder-less presentations of the holder's badge, each signed by a stranger's own key. */
async function holderless(): Promise<Array<[string, unknown]>> {
  const vp = presentation([envelope(badge)]);
  const nonce = { nonce: CHALLENGE };
  return [
    [
      'VP-JWT, header jwk',
      presentationJwt(stranger, vp, nonce, { alg: 'EdDSA', jwk: stranger.publicJwk }),
    ],
    ['VP-JWT, did:jwk kid', presentationJwt(stranger, vp, nonce)],
    ['VP-JWT, vp claim', presentationJwt(stranger, {}, { ...nonce, vp })],
    [
      'Data Integrity',
      await signPresentation(createPresentation({ credentials: [badge] }) as Loose, {
        key: strangerDi.key,
        challenge: CHALLENGE,
      }),
    ],
  ];
}

describe('a signed presentation that names no holder', () => {
  it('is not authentic "yes" nor accepted by the command line', async () => {
    for (const [label, input] of await holderless()) {
      const r = await verifyOffline(input, {
        challenge: CHALLENGE,
        documents: { [strangerDi.did]: strangerDi.document },
      });
      expect(problems(r), label).toContain('presentation:presentation_holder_missing');
      expect(r.answers.authentic.value, label).not.toBe('yes');
      expect(r.verdict, label).not.toBe('valid');
      if (typeof input === 'string')
        expect(await cliExit(input, ['--challenge', CHALLENGE])).toBe(3);
    }
  });

  it('signed by its holder, it is accepted; replayed or naming another iss, refused', async () => {
    const vp = presentation([envelope(badge)], { holder: holder.did });
    const genuine = presentationJwt(holder, vp, { iss: holder.did, nonce: CHALLENGE });
    const r = await verifyOffline(genuine, { challenge: CHALLENGE });
    expect(r.verdict).toBe('valid');
    expect(problems(r).filter((p) => p.startsWith('presentation:'))).toEqual([]);
    expect(await cliExit(genuine, ['--challenge', CHALLENGE])).toBe(0);
    // The same presentation answering an older challenge.
    const replayed = presentationJwt(holder, vp, { iss: holder.did, nonce: 'c-old' });
    expect(problems(await verifyOffline(replayed, { challenge: CHALLENGE }))).toContain(
      'presentation:presentation_challenge_mismatch',
    );
    expect(await cliExit(replayed, ['--challenge', CHALLENGE])).toBe(1);
    // A stranger's key naming the holder (as holder, or as iss) does not bind.
    for (const claims of [{ iss: holder.did }, {}]) {
      const forged = presentationJwt(stranger, vp, { ...claims, nonce: CHALLENGE });
      const f = await verifyOffline(forged, { challenge: CHALLENGE });
      expect(f.answers.authentic.value).toBe('no');
      expect(await cliExit(forged, ['--challenge', CHALLENGE])).toBe(1);
    }
  });
});
