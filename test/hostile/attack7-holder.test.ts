/**
 * Presentations and their holder. A presentation that names a holder binds its proof to that
 * holder's key: one signed by another key naming the holder (as `holder` or as the VP-JWT's
 * `iss`) is refused, and one replayed with another challenge is refused too (CLI exit 1).
 *
 * A presentation that names no holder binds its proof to no one. The VC Data Model 2.0 allows it
 * (the W3C suite requires a verifier to accept one), and `verify()` accepts it: its credentials
 * are the issuer's, checked as such. Who presents them is not established by such a proof, as it
 * is not when the holder is someone other than the subject; a verifier that needs the learner
 * to present checks the subject (`--recipient` / `options.recipient`).
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
  it('is accepted as the VC Data Model allows: its proof and its credentials verify', async () => {
    for (const [label, input] of await holderless()) {
      const r = await verifyOffline(input, {
        challenge: CHALLENGE,
        documents: { [strangerDi.did]: strangerDi.document },
      });
      expect(problems(r), label).toEqual([]);
      expect(r.verdict, label).toBe('valid');
    }
  });
});

describe('a presentation that names its holder', () => {
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
